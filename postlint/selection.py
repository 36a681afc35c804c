"""Which rules run: ruff's select / extend-select / ignore, by code, prefix or rule name.

For each rule the longest matching selector decides; an ``ignore`` beats a ``select`` of the
same length. ``ALL`` selects every rule (it is the default of ``select``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class UnknownSelector(ValueError):
    """A selector that is neither ``ALL``, a rule name, nor a prefix of any rule code."""


def normalise(selector: str, names: Mapping[str, str], codes: Iterable[str]) -> str:
    """A selector as a code prefix: rule names become their code; ``ALL`` becomes ''."""
    text = selector.strip()
    if text.upper() == "ALL":
        return ""
    if text.lower() in names:
        return names[text.lower()]
    prefix = text.upper()
    if not any(code.startswith(prefix) for code in codes):
        raise UnknownSelector(f"unknown rule code or name {selector!r}")
    return prefix


def selected(codes: Iterable[str], select: Iterable[str], ignore: Iterable[str]) -> frozenset[str]:
    """The codes chosen by normalised ``select`` and ``ignore`` prefixes."""
    select = list(select)
    ignore = list(ignore)
    chosen = set()
    for code in codes:
        best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
        if best_select > best_ignore:
            chosen.add(code)
    return frozenset(chosen)
