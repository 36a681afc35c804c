"""Remote images: IMG003 (broken) and IMG008 (unverified), checked over the network on request.

A cross-file check. ``collect`` lists each post's remote image URLs, with the referrer policy
of each image and the post's URL on the site (in workers, cached with the post); ``check``
fetches each distinct URL once per run and reports on the posts that use it. Nothing is
fetched unless the run asks (``--check-remote``, which sets ``RemoteRun.fetch``) or the post's
config sets ``[rules.IMG003] enabled = true``: selecting the rules alone never fetches. The
HTTP client is imported only then.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from postlint.checks.dates import post_date
from postlint.context import CheckContext
from postlint.diagnostics import Severity, quote
from postlint.document import Document
from postlint.images import images, is_template
from postlint.parse.yaml_nodes import Entry
from postlint.positions import Span
from postlint.remote import RemoteRun, current_run, referrer
from postlint.remote.jobs import Job
from postlint.remote.options import RemoteOptions
from postlint.remote.pages import page_url
from postlint.remote.urls import remote_url
from postlint.rules import Facts, ProjectCheck, ProjectFinding, Rule

REMOTE_IMAGE_BROKEN = Rule(
    "IMG003",
    "remote-image-broken",
    "A remote image does not load.",
    Severity.ERROR,
    RemoteOptions,
)
REMOTE_IMAGE_UNVERIFIED = Rule(
    "IMG008",
    "remote-image-unverified",
    "A remote image could not be checked.",
    Severity.WARNING,
    advisory=True,
)

Position = tuple[int, int, int, int]  # line, column, end line, end column
Use = tuple[str, Position, Job, str]  # path, position, job, cache folder


def collect(doc: Document, ctx: CheckContext) -> Facts | None:
    """The post's remote image URLs with their positions and referrer policies, the post's
    URL on the site, and the options and cache folder its checks use; nothing for a post
    whose images are not checked in this run."""
    options: RemoteOptions = ctx.options(REMOTE_IMAGE_BROKEN)
    if not (options.enabled or ctx.check_remote):
        return None
    found = []
    for image in doc.derived(images):
        attribute = image.tag.attribute("referrerpolicy") if image.tag else None
        policy = referrer.policy(attribute.value if attribute else None, options.referrer_policy)
        for source in image.sources:
            url = None if is_template(source.url) else remote_url(source.url)
            if url is not None:
                found.append([url, policy, *_position(doc, source.span)])
    if not found:
        return None
    return {
        "remote": {
            "enabled": options.enabled,
            "options": options.model_dump(mode="json", exclude_defaults=True),
            "page": _page(doc, ctx, options),
            "cache": str(ctx.config.cache_folder),
            "images": found,
        }
    }


def check(facts: Mapping[str, Facts], reported: Collection[str]) -> Iterator[ProjectFinding]:
    """IMG003 and IMG008 on the reported posts whose remote images are checked in this run."""
    run = current_run()
    uses = list(_uses(facts, reported, run))
    if not uses:
        return
    try:
        from postlint.remote.batch import check_jobs
    except ImportError as error:
        from postlint.config import ConfigError

        raise ConfigError(
            "checking remote images (IMG003) needs aiohttp: pip install 'postlint[remote]'"
        ) from error
    jobs = dict.fromkeys(job for _, _, job, _ in uses)
    # One results cache for the run: the first post's (a run normally has one config).
    outcomes = check_jobs(jobs, Path(uses[0][3]), run)
    for path, position, job, _ in uses:
        outcome = outcomes[job]
        url = quote(job.url, 200)
        if outcome.verdict == "broken":
            yield ProjectFinding(
                path, "IMG003", *position, f"remote image {url} is broken: {outcome.reason}"
            )
        elif outcome.verdict == "unverified":
            message = f"remote image {url} could not be checked: {outcome.reason}"
            yield ProjectFinding(path, "IMG008", *position, message)


def _uses(facts: Mapping[str, Facts], reported: Collection[str], run: RemoteRun) -> Iterator[Use]:
    """Each remote image of the reported posts that are checked, as the job that checks it."""
    for path in sorted(reported):
        remote: dict[str, Any] | None = facts.get(path, {}).get("remote")
        if remote is None or not (remote["enabled"] or run.fetch):
            continue
        options = RemoteOptions.model_validate(remote["options"])
        for url, policy, line, column, end_line, end_column in remote["images"]:
            page = referrer.relevant_page(remote["page"], policy, url)
            job = Job(url, policy, page, options)
            yield path, (line, column, end_line, end_column), job, remote["cache"]


def _page(doc: Document, ctx: CheckContext, options: RemoteOptions) -> str | None:
    """The post's URL on the site, or None without ``site-url``."""
    if options.site_url is None:
        return None
    entries = doc.front_matter.entries if doc.front_matter else {}
    date = post_date(doc, ctx)
    return page_url(
        options.site_url,
        options.permalink,
        permalink=_text(entries.get("permalink")),
        moment=date.moment.astimezone(ctx.config.zone) if date else None,
        path=doc.path,
        slug=_text(entries.get("slug")),
    )


def _text(entry: Entry | None) -> str | None:
    value = entry.value.value if entry is not None else None
    return value if isinstance(value, str) and value.strip() else None


def _position(doc: Document, span: Span) -> list[int]:
    start, end = doc.lines.position(span.start), doc.lines.position(span.end)
    return [start.line, start.column, end.line, end.column]


REMOTE_IMAGES = ProjectCheck((REMOTE_IMAGE_BROKEN, REMOTE_IMAGE_UNVERIFIED), collect, check)
