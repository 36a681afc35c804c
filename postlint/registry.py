"""Every rule and check: the built-ins, listed here explicitly, and third-party plugins.

A plugin package registers checks under the entry-point group ``postlint.rules``; each entry
point names a ``Check`` (made with ``@check``) or a sequence of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.metadata import entry_points

from postlint.rules import Check, ProjectCheck, Rule


@cache
def checks() -> tuple[Check, ...]:
    """All checks, built-in first, in a fixed order."""
    from postlint.checks import copyright, dates, frontmatter, html, images, source, styles, title

    builtin = (
        frontmatter.missing_front_matter,
        frontmatter.front_matter_syntax,
        frontmatter.front_matter_schema,
        dates.future_date,
        dates.filename_date,
        dates.epoch_comment,
        title.title_matches_heading,
        title.title_whitespace,
        source.html_limits,
        images.missing_src,
        images.local_image_not_found,
        images.missing_alt,
        images.insecure_url,
        images.invalid_dimensions,
        images.malformed_url,
        styles.inline_style,
        styles.style_element,
        styles.presentational_attribute,
        styles.presentational_element,
        styles.layout_table,
        html.html_syntax,
        html.empty_paragraph,
        html.unsafe_html,
        html.indentation_whitespace,
        html.embedded_frame,
        copyright.copyright_notices,
    )
    return builtin + _plugins()


def _plugins() -> tuple[Check, ...]:
    found: list[Check] = []
    for entry_point in entry_points(group="postlint.rules"):
        loaded = entry_point.load()
        found.extend(loaded if isinstance(loaded, list | tuple) else [loaded])
    return tuple(item for item in found if isinstance(item, Check))


@cache
def project_checks() -> tuple[ProjectCheck, ...]:
    """The cross-file checks."""
    from postlint.checks import duplicates, remote

    return (duplicates.DUPLICATES, remote.REMOTE_IMAGES)


@cache
def rules() -> tuple[Rule, ...]:
    """All rules, sorted by code."""
    from postlint.checks.source import ENGINE_RULES

    by_code = {rule.code: rule for rule in ENGINE_RULES}
    for item_rules in [item.rules for item in checks()] + [p.rules for p in project_checks()]:
        for rule in item_rules:
            by_code.setdefault(rule.code, rule)
    return tuple(sorted(by_code.values(), key=lambda rule: rule.code))


@cache
def codes() -> tuple[str, ...]:
    """All rule codes, sorted."""
    return tuple(rule.code for rule in rules())


@cache
def names() -> Mapping[str, str]:
    """Rule names and aliases (lower case) to codes."""
    table = {}
    for rule in rules():
        for name in (rule.name, *rule.aliases):
            table[name.lower()] = rule.code
    return table


def lookup(code_or_name: str) -> Rule | None:
    """The rule with this code or name, or None."""
    key = code_or_name.strip()
    code = names().get(key.lower(), key.upper())
    return next((rule for rule in rules() if rule.code == code), None)
