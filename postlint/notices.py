"""Finding copyright notices in a post's text, and the rights holders of known sources.

Pure text functions for CPY002 (copyright-notice) and CPY003 (copyright-holder-mismatch). The
notice forms and the sources table are data files (``rules/data/copyright-notices.toml`` and
``rules/data/sources.toml``, formats described in their headers), loaded at run time so that
users can extend them.

A notice is found by running every pattern over the text and joining matches that overlap or
that only white space, a little punctuation and HTML tags separate. Patterns marked ``part``
("违者必究", "ⓒ 한겨레신문사") never make a notice alone; they only lengthen one next to them.
The holder is the first one read, left to right, by a pattern that is not a part (else by a
part), unless it is a generic word ("本站", "the author"). A pattern runs only on texts that
contain one of its ``keys``.
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

NOTICE_TEXT_LIMIT = 80
"""The longest ``Notice.text``, counting the ``…`` that marks a cut."""

_FRAGMENT_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TAG = re.compile(r"<[^<>]{0,1000}>")
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_SPACE = re.compile(r"\s+")
# A paragraph or block ends between two matches: they are two notices, not one.
_BLOCK_BREAK = re.compile(
    r"</(?:p|div|li|h[1-6]|td|th|tr|table|blockquote|section|article|figure)\s*>|\n[ \t]*\n",
    re.I,
)
_EDGE_START = re.compile(r"\A(?:\s|<[^<>]*>|&nbsp;|&#160;)+")
_EDGE_END = re.compile(r"(?:\s|<[^<>]*>|&nbsp;|&#160;)+\Z")
# What may separate two matches of one notice, once tags and entities are taken out.
_GAP_PUNCT = frozenset("，,。.;；:：!！、|·•-—–_/()（）[]【】「」『』\"“”'’*")
_GAP_MAX_PUNCT = 3
_GAP_MAX_LENGTH = 200
_HOLDER_TRIM = " \t.,;:，。、；：·・\"'“”‘’()（）[]【】「」"
_PATTERN_KEYS = frozenset({"id", "lang", "note", "keys", "regex", "part"})
_SOURCE_KEYS = frozenset({"name", "hosts", "holders", "keep", "carries"})
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?")


class NoticeDataError(ValueError):
    """A notice-patterns or sources file (or an extra pattern) that cannot be used."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A copyright notice found in a text."""

    start: int
    """Offset of the notice's first character in the text given."""
    end: int
    """Offset just past its last character."""
    text: str
    """The notice as found: tags removed, entities decoded, white space collapsed, and cut to
    ``NOTICE_TEXT_LIMIT`` characters with ``…``."""
    holder: str | None
    """The rights holder read from the notice ('日本经济新闻社', 'Deutsche Welle'), or None."""


@dataclass(frozen=True, slots=True)
class NoticePattern:
    """One notice form from the patterns file (or an extra pattern)."""

    id: str
    lang: str
    note: str
    source: str
    """The regular expression, fragments expanded; compiled on first use (most posts need
    few of the forms, and compiling them all would cost every run a fifth of its start-up)."""
    part: bool
    """Only part of a notice ("违者必究"): it never makes a notice by itself."""
    keys: tuple[str, ...] = ()
    """Lower-cased literals, one of which every match contains; empty: always run."""

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled form (re.MULTILINE)."""
        return _compiled(self.source)


class _KeyIndex:
    """Which pattern keys a lower-cased text contains.

    A key that starts with a character rare in most texts (anything but an ASCII letter, digit
    or space: ©, &, an ideograph) is found by one alternation, longest first, which stops
    seldom; a match also stands for the keys inside it, and a key that could start inside a
    match and run past it (版权 … 权所有) is looked up with ``in`` when that match is found.
    The other keys are looked up with ``in``, once their first character that is not ASCII
    (the ä of rättigheter), if any, is in the text, which a one-character ``in`` tells quickly.
    """

    __slots__ = ("_implied", "_looked_up", "_overlapping", "_scan")

    def __init__(self, keys: set[str]) -> None:
        scanned = sorted((key for key in keys if _starts_rare(key)), key=lambda k: (-len(k), k))
        self._looked_up = tuple(
            (key, next((char for char in key if not char.isascii()), ""))
            for key in sorted(keys)
            if not _starts_rare(key)
        )
        self._scan = re.compile("|".join(map(re.escape, scanned))) if scanned else None
        self._implied = {key: tuple(k for k in scanned if k in key) for key in scanned}
        self._overlapping = {
            key: tuple(k for k in scanned if k not in key and _overlaps(key, k)) for key in scanned
        }

    def present(self, lowered: str) -> set[str]:
        """The keys that occur in ``lowered``."""
        found = {key for key, gate in self._looked_up if gate in lowered and key in lowered}
        if self._scan is not None:
            for match in set(self._scan.findall(lowered)):
                found.update(self._implied[match])
                found.update(key for key in self._overlapping[match] if key in lowered)
        return found


@dataclass(frozen=True)
class NoticePatterns:
    """The compiled notice forms and the generic holder words; build it with load_patterns."""

    patterns: tuple[NoticePattern, ...]
    generic_holders: frozenset[str]
    _keys: _KeyIndex = field(init=False, repr=False, compare=False)
    _keyless: tuple[NoticePattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {key for pattern in self.patterns for key in pattern.keys}
        object.__setattr__(self, "_keys", _KeyIndex(keys))
        object.__setattr__(self, "_keyless", tuple(p for p in self.patterns if not p.keys))

    def runnable(self, text: str) -> tuple[NoticePattern, ...]:
        """The patterns that can match in ``text``: those without keys or with a key in it."""
        present = self._keys.present(text.lower())
        if not present:
            return self._keyless
        return tuple(p for p in self.patterns if not p.keys or not present.isdisjoint(p.keys))


@dataclass(frozen=True)
class Source:
    """A publisher: a host (matching its subdomains too), its rights holders' names, and
    whether its notices must be kept. An empty ``holders`` means any holder (platforms where
    each author holds the rights). ``name`` labels it in messages."""

    host: str
    holders: tuple[str, ...]
    keep: bool
    name: str = ""
    carries: tuple[str, ...] = ()
    """Wire agencies whose dispatches it republishes under the agency's own notice."""


@dataclass(frozen=True)
class Sources:
    """The sources table, by host; build it with load_sources."""

    by_host: Mapping[str, Source]

    def lookup(self, host: str) -> Source | None:
        """The source for ``host`` or the nearest parent domain listed, or None.

        ``host`` is a host name, as ``urllib.parse.urlsplit(url).hostname`` gives it (case and
        a trailing dot are ignored).
        """
        name = _normal_host(host)
        while name:
            source = self.by_host.get(name)
            if source is not None:
                return source
            _, _, name = name.partition(".")
        return None


def load_patterns(path: Path, extra: Sequence[str] = ()) -> NoticePatterns:
    """Load and compile the notice patterns in ``path``, plus ``extra`` regexes (notice
    patterns from the config, which may use the file's ``${fragments}``).

    Raises NoticeDataError naming the file and the entry for anything that cannot be used.
    """
    data = _read_toml(path)
    where = str(path)
    fragments = _string_table(data.get("fragments", {}), f"{where}: [fragments]")
    generic = data.get("generic-holders", [])
    if not isinstance(generic, list) or not all(isinstance(item, str) for item in generic):
        raise NoticeDataError(f"{where}: generic-holders must be a list of strings")
    entries = data.get("pattern", [])
    if not isinstance(entries, list):
        raise NoticeDataError(f"{where}: pattern must be an array of tables ([[pattern]])")
    patterns: list[NoticePattern] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        label = f"{where}: pattern {index}"
        if not isinstance(entry, dict):
            raise NoticeDataError(f"{label}: must be a table")
        pattern = _pattern_entry(entry, fragments, label)
        if pattern.id in seen:
            raise NoticeDataError(f"{label}: duplicate id {pattern.id!r}")
        seen.add(pattern.id)
        patterns.append(pattern)
    for index, regex in enumerate(extra, 1):
        ident = f"extra-{index}"
        label = f"extra pattern {index} ({regex!r})"
        source = _expand(regex, fragments, label, ())
        try:  # a user's pattern is checked when the config is read, not when it first runs
            _compiled(source)
        except re.error as error:
            raise NoticeDataError(f"{label}: invalid regex: {error}") from None
        patterns.append(NoticePattern(ident, "*", "from the config", source, part=False))
    return NoticePatterns(tuple(patterns), frozenset(_fold(item) for item in generic))


def find_notices(text: str, patterns: NoticePatterns) -> list[Notice]:
    """The copyright notices in ``text``, in order and without overlaps.

    ``text`` is a post's visible text; raw HTML works too (tags between the parts of a notice
    are skipped, and taken out of ``Notice.text``).
    """
    matches: list[tuple[int, int, str | None, bool]] = []
    for pattern in patterns.runnable(text):
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                holder = match.groupdict().get("holder")
                clean = _clean_holder(holder, patterns.generic_holders) if holder else None
                matches.append((match.start(), match.end(), clean, pattern.part))
    matches.sort(key=lambda item: (item[0], -item[1]))
    notices: list[Notice] = []
    # the group of matches being built: its start and end, the first holder read by a notice
    # pattern and by a part, and whether it has a notice
    first, last, named, named_part, whole = -1, -1, None, None, False
    for start, end, holder, part in matches:
        if first < 0 or not (start <= last or _joins(text[last:start])):
            if whole:
                notices.append(_notice(text, first, last, named or named_part))
            first, last, named, named_part, whole = start, end, None, None, False
        last = max(last, end)
        if part:
            named_part = named_part or holder
        else:
            named = named or holder
            whole = True
    if whole:
        notices.append(_notice(text, first, last, named or named_part))
    return notices


def has_notice(text: str, patterns: NoticePatterns) -> bool:
    """Whether find_notices would find a notice in ``text``: a pattern that is not a part
    matches (a part only lengthens a notice), stopping at the first such match."""
    return any(
        match.end() > match.start()
        for pattern in patterns.runnable(text)
        if not pattern.part
        for match in pattern.regex.finditer(text)
    )


def load_sources(path: Path) -> Sources:
    """Load the sources table in ``path``.

    Raises NoticeDataError naming the file and the entry for anything that cannot be used.
    """
    data = _read_toml(path)
    where = str(path)
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise NoticeDataError(f"{where}: source must be an array of tables ([[source]])")
    by_host: dict[str, Source] = {}
    for index, entry in enumerate(entries, 1):
        label = f"{where}: source {index}"
        if not isinstance(entry, dict):
            raise NoticeDataError(f"{label}: must be a table")
        unknown = sorted(set(entry) - _SOURCE_KEYS)
        if unknown:
            raise NoticeDataError(f"{label}: unknown key(s) {', '.join(unknown)}")
        hosts = entry.get("hosts")
        holders = entry.get("holders", [])
        keep = entry.get("keep", False)
        name = entry.get("name", "")
        carries = entry.get("carries", [])
        if not _is_strings(hosts) or not hosts:
            raise NoticeDataError(f"{label}: hosts must be a non-empty list of host names")
        if not _is_strings(holders):
            raise NoticeDataError(f"{label}: holders must be a list of strings")
        if not _is_strings(carries):
            raise NoticeDataError(f"{label}: carries must be a list of strings")
        if not isinstance(keep, bool):
            raise NoticeDataError(f"{label}: keep must be true or false")
        if not isinstance(name, str):
            raise NoticeDataError(f"{label}: name must be a string")
        for host in hosts:
            key = _normal_host(host)
            if not _HOST.fullmatch(host.strip()):
                raise NoticeDataError(f"{label}: {host!r} is not a host name")
            if key in by_host:
                raise NoticeDataError(f"{label}: host {key!r} is listed twice")
            by_host[key] = Source(key, tuple(holders), keep, name, tuple(carries))
    return Sources(by_host)


def holder_matches(holder: str, source: Source) -> bool:
    """Whether ``holder`` names one of ``source``'s holders, tolerantly: NFKC, case and
    punctuation are ignored, and either name may contain the other (on word boundaries for
    Latin letters and digits, so 'AP' is not in 'Japan'). A source without holders matches
    any holder; the wire agencies a source ``carries`` match too."""
    if not source.holders:
        return True
    mine = _fold_name(holder)
    if not mine:
        return False
    for known in (*source.holders, *source.carries):
        theirs = _fold_name(known)
        if theirs and (_contains(mine, theirs) or _contains(theirs, mine)):
            return True
    return False


def _pattern_entry(
    entry: dict[str, Any], fragments: Mapping[str, str], label: str
) -> NoticePattern:
    """One ``[[pattern]]`` table, checked and compiled."""
    unknown = sorted(set(entry) - _PATTERN_KEYS)
    if unknown:
        raise NoticeDataError(f"{label}: unknown key(s) {', '.join(unknown)}")
    for key in ("id", "lang", "note", "regex"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise NoticeDataError(f"{label}: {key} must be a non-empty string")
    part = entry.get("part", False)
    if not isinstance(part, bool):
        raise NoticeDataError(f"{label}: part must be true or false")
    keys = entry.get("keys", [])
    if not _is_strings(keys) or not all(keys):
        raise NoticeDataError(f"{label}: keys must be a list of non-empty strings")
    source = _expand(entry["regex"], fragments, f"{label} ({entry['id']})", ())
    lowered = tuple(key.lower() for key in keys)
    return NoticePattern(entry["id"], entry["lang"], entry["note"], source, part, lowered)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.MULTILINE)


def _expand(text: str, fragments: Mapping[str, str], label: str, using: tuple[str, ...]) -> str:
    """``text`` with every ``${name}`` replaced, recursively; unknown or cyclic names fail."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise NoticeDataError(f"{label}: unknown fragment ${{{name}}}")
        if name in using:
            raise NoticeDataError(f"{label}: fragment ${{{name}}} refers to itself")
        return _expand(fragments[name], fragments, label, (*using, name))

    return _FRAGMENT_REF.sub(replace, text)


def _read_toml(path: Path) -> dict[str, Any]:
    """The parsed TOML file, with any failure as a NoticeDataError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise NoticeDataError(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise NoticeDataError(f"{path}: invalid TOML: {error}") from None


def _string_table(value: object, label: str) -> dict[str, str]:
    """``value`` as a table of strings."""
    if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
        raise NoticeDataError(f"{label} must be a table of strings")
    return {str(key): str(item) for key, item in value.items()}


def _is_strings(value: object) -> bool:
    """Whether ``value`` is a list of strings."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _joins(gap: str) -> bool:
    """Whether two matches ``gap`` apart belong to one notice."""
    if len(gap) > _GAP_MAX_LENGTH or _BLOCK_BREAK.search(gap):
        return False
    rest = _ENTITY.sub(" ", _TAG.sub(" ", gap))
    marks = 0
    for char in rest:
        if char.isspace():
            continue
        if char not in _GAP_PUNCT:
            return False
        marks += 1
    return marks <= _GAP_MAX_PUNCT


def _notice(text: str, start: int, end: int, holder: str | None) -> Notice:
    """The Notice for ``text[start:end]``, without white space or tags at either end."""
    found = text[start:end]
    start += len(found) - len(_EDGE_START.sub("", found, count=1))
    end -= len(found) - len(_EDGE_END.sub("", found, count=1))
    end = max(start, end)
    shown = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text[start:end]))).strip()
    if len(shown) > NOTICE_TEXT_LIMIT:
        shown = shown[: NOTICE_TEXT_LIMIT - 1].rstrip() + "…"
    return Notice(start, end, shown, holder)


def _clean_holder(holder: str, generic: frozenset[str]) -> str | None:
    """A holder as read, tidied; None when empty or generic."""
    clean = _SPACE.sub(" ", html.unescape(holder)).strip(_HOLDER_TRIM)
    if not clean or _fold(clean) in generic:
        return None
    return clean


def _fold(text: str) -> str:
    """NFKC, case-folded, white space collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _fold_name(name: str) -> str:
    """A name for comparison: folded, punctuation taken out."""
    kept = (" " if not (char.isalnum() or char.isspace()) else char for char in _fold(name))
    return _SPACE.sub(" ", "".join(kept)).strip()


def _contains(outer: str, inner: str) -> bool:
    """Whether ``inner`` occurs in ``outer``, not inside a run of ASCII letters and digits."""
    pattern = r"(?<![a-z0-9])" + re.escape(inner) + r"(?![a-z0-9])"
    return re.search(pattern, outer) is not None


def _starts_rare(key: str) -> bool:
    """Whether ``key`` starts with a character other than an ASCII letter, digit or space."""
    first = key[0]
    return not (first.isascii() and (first.isalnum() or first.isspace()))


def _overlaps(first: str, second: str) -> bool:
    """Whether a proper suffix of ``first`` is a proper prefix of ``second``."""
    return any(
        second.startswith(first[i:]) for i in range(1, len(first)) if len(first) - i < len(second)
    )


def _normal_host(host: str) -> str:
    """A host name lower-cased, without white space or a trailing dot."""
    return host.strip().lower().rstrip(".")
