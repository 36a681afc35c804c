"""Parse the raw text of a front-matter date against a list of accepted formats.

Dates are checked on their raw YAML text, never on what a YAML loader made of them: PyYAML
turns ``2024-11-06T00:45:40.000Z`` into a datetime (losing its spelling), leaves
``2024-11-06 00:45:40 +0800`` a string, and raises ``ValueError`` for ``2024-13-45``.

A format is one of the names in :data:`NAMED_FORMATS` or a ``strftime`` pattern (any string
containing ``%``), read with :meth:`datetime.datetime.strptime`:

``rfc3339``
    ``YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)``; a space or ``t`` may stand for ``T`` and ``z``
    for ``Z`` (RFC 3339 §5.6).
``iso8601``
    ISO 8601 extended calendar forms: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM[:SS[.frac]]``
    (``.`` or ``,`` before the fraction) with an optional ``Z``, ``±HH:MM``, ``±HHMM`` or ``±HH``.
``jekyll``
    Jekyll's canonical ``YYYY-MM-DD HH:MM:SS ±HHMM`` (``±HH:MM`` also accepted).
``jekyll-loose``
    The looser shapes Jekyll reads through Ruby's ``Time.parse`` and real posts use:
    ``YYYY-M-D[ H:MM[:SS[.frac]][ zone]]`` with one- or two-digit month, day and hour, where
    zone is ``UTC``, ``GMT``, ``Z``, ``±HHMM``, ``±HH:MM`` or an hour-only ``±H``/``±HH`` (as in
    ``2015-03-17 14:00:00 -4``; Ruby reads it as ``-04:00``). Zone names must be upper case:
    Ruby would also read ``UtC``, but that spelling is a typo worth reporting.
``date``
    ``YYYY-MM-DD`` only.

Whether an offset is *required* is the caller's decision. A value that fits a format in every
way except a missing offset is accepted with ``has_offset=False``, so a caller can report "valid
but no offset" apart from "not a valid date".

Errors have a reason: ``"format"`` when the text fits no format's shape, ``"impossible"`` when
it has a format's shape but names no real date or time (``2024-13-45``, ``2023-02-29``,
``25:00``). Leading or trailing whitespace is never accepted silently (reason ``"format"``).

Choices:

* Hour 24 (ISO 8601's old "end of day" ``24:00``) is impossible; RFC 3339 allows hours 00–23.
* Leap seconds: ``:60`` is accepted only where RFC 3339 allows one, at 23:59:60 UTC on the
  last day of a month (the offset is applied first; a value without an offset is taken as
  UTC). Python cannot hold second 60, so the value is the following second (as Ruby's
  ``Time.parse`` does): ``2016-12-31T23:59:60Z`` parses as ``2017-01-01T00:00:00Z``. Any other
  ``:60`` is impossible. ``strftime`` patterns follow ``strptime``, which rejects ``:60``.
* Fractions of a second beyond microseconds are truncated, never rounded (rounding could
  carry into the next second, minute or day).
* Year 0000 is impossible: Python's dates start at year 1.
* ``-00:00`` (RFC 3339's "UTC known, local offset unknown") counts as an offset of zero.
* For ``strftime`` patterns, a failure is ``"impossible"`` when the text has the pattern's
  shape (digits where numbers go, letters where names go) but ``strptime`` rejects its values;
  ``%c``, ``%x`` and ``%X`` have no fixed shape, so failures of patterns using them are
  ``"format"``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

DateErrorReason = Literal["format", "impossible"]


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date parsed from front-matter text.

    ``value`` is a datetime when the text has a time and a date otherwise; it is tz-aware
    when the text has an offset or zone, which ``has_offset`` also says.
    """

    value: datetime.datetime | datetime.date
    has_offset: bool
    has_time: bool


class DateError(Exception):
    """A date text that no accepted format reads.

    ``reason`` is ``"format"`` when the text fits no format's shape and ``"impossible"``
    when it fits a shape but is not a real date or time (``2024-13-45``, ``2024-02-30``,
    ``25:00``). ``str(error)`` is a human explanation.
    """

    def __init__(self, reason: DateErrorReason, message: str) -> None:
        super().__init__(message)
        self.reason: DateErrorReason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[DateError], tuple[DateErrorReason, str]]:
        """Pickle with both constructor arguments (for parallel workers)."""
        return (DateError, (self.reason, self.message))


_DATE = r"(?P<Y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
_HMS = r"(?P<H>[0-9]{2}):(?P<M>[0-9]{2}):(?P<S>[0-9]{2})"
# Every offset below is optional: a missing offset is the caller's call (has_offset=False).
_NAMED_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "rfc3339": (
        re.compile(
            _DATE + r"[Tt ]" + _HMS + r"(?:\.(?P<f>[0-9]+))?"
            r"(?:(?P<z>[Zz])|(?P<sign>[+-])(?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))?"
        ),
        "RFC 3339 (2024-11-06T00:45:40Z)",
    ),
    "iso8601": (
        re.compile(
            _DATE
            + r"(?:T(?P<H>[0-9]{2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:[.,](?P<f>[0-9]+))?)?"
            r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>[0-9]{2})(?::?(?P<om>[0-9]{2}))?)?)?"
        ),
        "ISO 8601 (2024-11-06T00:45:40+08:00)",
    ),
    "jekyll": (
        re.compile(_DATE + " " + _HMS + r"(?: (?P<sign>[+-])(?P<oh>[0-9]{2}):?(?P<om>[0-9]{2}))?"),
        "Jekyll (2024-11-06 00:45:40 +0800)",
    ),
    "jekyll-loose": (
        re.compile(
            r"(?P<Y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
            r"(?: (?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:\.(?P<f>[0-9]+))?)?"
            r"(?: ?(?:(?P<z>UTC|GMT|Z)|(?P<sign>[+-])(?P<oh>[0-9]{1,2})(?::?(?P<om>[0-9]{2}))?))?)?"
        ),
        "Jekyll loose (2018-7-9 7:03 UTC)",
    ),
    "date": (re.compile(_DATE), "YYYY-MM-DD"),
}

NAMED_FORMATS: frozenset[str] = frozenset(_NAMED_PATTERNS)
"""The format names :func:`parse_date` knows; anything else must be a strftime pattern."""

# Directives datetime.strptime understands (Python 3.11), with the shape of text each reads.
# None: no fixed shape (locale-dependent), so a failure cannot be told apart from bad format.
_ONE_OR_TWO = r"[0-9]{1,2}"
_NAME = r"[^\W\d_]+"
_DIRECTIVE_SHAPES: dict[str, str | None] = {
    "Y": r"[0-9]{4}",
    "G": r"[0-9]{4}",
    "y": r"[0-9]{2}",
    "m": _ONE_OR_TWO,
    "d": _ONE_OR_TWO,
    "H": _ONE_OR_TWO,
    "I": _ONE_OR_TWO,
    "M": _ONE_OR_TWO,
    "S": _ONE_OR_TWO,
    "U": _ONE_OR_TWO,
    "W": _ONE_OR_TWO,
    "V": _ONE_OR_TWO,
    "j": r"[0-9]{1,3}",
    "f": r"[0-9]{1,6}",
    "u": r"[0-9]",
    "w": r"[0-9]",
    "z": r"(?:[Zz]|[+-][0-9]{2}:?[0-9]{2}(?::?[0-9]{2}(?:\.[0-9]{1,6})?)?)",
    "a": _NAME,
    "A": _NAME,
    "b": _NAME,
    "B": _NAME,
    "p": _NAME,
    "Z": _NAME,
    "%": "%",
    "c": None,
    "x": None,
    "X": None,
}
_TIME_DIRECTIVES = frozenset("HIMSfcX")
_TOKEN = re.compile(r"%.?|[^%]+", re.DOTALL)
_RUNS = re.compile(r"\s+|\S+")
_EXAMPLE = datetime.datetime(
    2024, 11, 6, 0, 45, 40, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
)


def check_format(fmt: str) -> None:
    """Raise ValueError unless ``fmt`` is a named format or a strftime pattern strptime reads."""
    if fmt in NAMED_FORMATS:
        return
    if "%" not in fmt:
        names = ", ".join(sorted(NAMED_FORMATS))
        raise ValueError(f"unknown date format {fmt!r}: use one of {names} or a strftime pattern")
    for token in _tokens(fmt):
        if token.startswith("%") and token[1:] not in _DIRECTIVE_SHAPES:
            raise ValueError(f"unsupported strftime directive {token!r} in {fmt!r}")


def parse_date(text: str, formats: Sequence[str]) -> ParsedDate:
    """Parse ``text`` (already stripped of YAML quotes) by the first format that fits.

    ``formats`` are names from :data:`NAMED_FORMATS` or strftime patterns (anything containing
    ``%``). A value lacking only its offset is accepted with ``has_offset=False``. Raises
    :class:`DateError` when no format reads the text (reason ``"impossible"`` if some format's
    shape fits, else ``"format"``); ValueError for an empty list or an unknown format, and
    TypeError for a single string instead of a list.
    """
    _check_formats(formats)
    if text != text.strip():
        raise DateError("format", f"{text!r} has leading or trailing whitespace")
    impossible: DateError | None = None
    for fmt in formats:
        try:
            if fmt in NAMED_FORMATS:
                return _parse_named(text, fmt)
            return _parse_strftime(text, fmt)
        except DateError as error:
            if error.reason == "impossible" and impossible is None:
                impossible = error
    if impossible is not None:
        raise impossible
    raise DateError("format", f"{text!r} is not a date in {describe_formats(formats)}")


def describe_formats(formats: Sequence[str]) -> str:
    """Human text for messages, e.g. ``'RFC 3339 (2024-11-06T00:45:40Z), YYYY-MM-DD'``."""
    _check_formats(formats)
    return ", ".join(_describe(fmt) for fmt in formats)


def _check_formats(formats: Sequence[str]) -> None:
    if isinstance(formats, str):
        raise TypeError("formats must be a sequence of format names, not one string")
    if not formats:
        raise ValueError("no date formats given")
    for fmt in formats:
        check_format(fmt)


def _describe(fmt: str) -> str:
    if fmt in NAMED_FORMATS:
        return _NAMED_PATTERNS[fmt][1]
    return f"{fmt} (e.g. {_EXAMPLE.strftime(fmt)})"


def _impossible(text: str, detail: str) -> DateError:
    return DateError("impossible", f"{text!r} is not a real date or time: {detail}")


def _in_range(text: str, what: str, value: int, low: int, high: int, *, where: str = "") -> int:
    if not low <= value <= high:
        raise _impossible(text, f"{what} {value} is not in {low}..{high}{where}")
    return value


def _parse_named(text: str, fmt: str) -> ParsedDate:
    match = _NAMED_PATTERNS[fmt][0].fullmatch(text)
    if match is None:
        raise DateError("format", f"{text!r} is not {_describe(fmt)}")
    fields = match.groupdict()
    year = _in_range(text, "year", int(fields["Y"]), datetime.MINYEAR, datetime.MAXYEAR)
    month = _in_range(text, "month", int(fields["m"]), 1, 12)
    last_day = calendar.monthrange(year, month)[1]
    day = _in_range(
        text, "day", int(fields["d"]), 1, last_day, where=f" for {year:04d}-{month:02d}"
    )
    if fields.get("H") is None:
        return ParsedDate(datetime.date(year, month, day), has_offset=False, has_time=False)
    hour = _in_range(text, "hour", int(fields["H"]), 0, 23)
    minute = _in_range(text, "minute", int(fields["M"]), 0, 59)
    second = _in_range(text, "second", int(fields.get("S") or 0), 0, 60)
    microsecond = int((fields.get("f") or "")[:6].ljust(6, "0"))
    tzinfo = _zone(text, fields)
    value = datetime.datetime(
        year, month, day, hour, minute, min(second, 59), microsecond, tzinfo=tzinfo
    )
    if second == 60:
        value = _leap_second(text, value)
    return ParsedDate(value, has_offset=tzinfo is not None, has_time=True)


def _zone(text: str, fields: dict[str, str | None]) -> datetime.timezone | None:
    if fields.get("z") is not None:
        return datetime.UTC
    sign, hours = fields.get("sign"), fields.get("oh")
    if sign is None or hours is None:
        return None
    offset = datetime.timedelta(
        hours=_in_range(text, "offset hour", int(hours), 0, 23),
        minutes=_in_range(text, "offset minute", int(fields.get("om") or 0), 0, 59),
    )
    return datetime.timezone(-offset if sign == "-" else offset)


def _leap_second(text: str, at_59: datetime.datetime) -> datetime.datetime:
    """The second after ``at_59`` if ``:60`` there is a leap second RFC 3339 allows."""
    error = _impossible(text, "second 60 is a leap second only at 23:59:60 UTC ending a month")
    try:
        after = at_59 + datetime.timedelta(seconds=1)
        in_utc = after.astimezone(datetime.UTC) if after.tzinfo else after
    except OverflowError:
        raise error from None
    if (in_utc.day, in_utc.hour, in_utc.minute, in_utc.second) != (1, 0, 0, 0):
        raise error
    return after


def _parse_strftime(text: str, fmt: str) -> ParsedDate:
    tokens = _tokens(fmt)
    has_time = any(token[1:] in _TIME_DIRECTIVES for token in tokens if token.startswith("%"))
    candidates = [fmt]
    if "%z" in tokens:
        candidates.append(_without_offset(tokens))
    for candidate in candidates:
        try:
            value = datetime.datetime.strptime(text, candidate)
        except ValueError:
            continue
        return ParsedDate(
            value if has_time else value.date(),
            has_offset=value.tzinfo is not None,
            has_time=has_time,
        )
    shape = _shape(fmt)
    if shape is not None and shape.fullmatch(text):
        raise _impossible(text, f"its values do not fit {fmt!r}")
    raise DateError("format", f"{text!r} does not match {fmt!r}")


@lru_cache(maxsize=64)
def _tokens(fmt: str) -> tuple[str, ...]:
    """Split a strftime pattern into literal runs and ``%x`` directives."""
    return tuple(_TOKEN.findall(fmt))


def _without_offset(tokens: tuple[str, ...]) -> str:
    """The pattern without its ``%z`` directives and the whitespace just before them."""
    kept: list[str] = []
    for token in tokens:
        if token == "%z":
            if kept and not kept[-1].startswith("%"):
                kept[-1] = kept[-1].rstrip()
        else:
            kept.append(token)
    return "".join(kept)


@lru_cache(maxsize=64)
def _shape(fmt: str) -> re.Pattern[str] | None:
    """A loose regex for text shaped like ``fmt`` (``%z`` optional), or None if unknowable."""
    parts: list[str] = []
    for token in _tokens(fmt):
        if not token.startswith("%"):
            # strptime lets each run of whitespace in a pattern match any run in the text.
            parts += [r"\s+" if run.isspace() else re.escape(run) for run in _RUNS.findall(token)]
            continue
        shape = _DIRECTIVE_SHAPES[token[1:]]
        if shape is None:
            return None
        if token == "%z":
            # The whitespace before an offset goes with it: both may be missing.
            before = parts.pop() if parts and parts[-1] == r"\s+" else ""
            shape = f"(?:{before}{shape})?"
        parts.append(shape)
    return re.compile("".join(parts), re.IGNORECASE)
