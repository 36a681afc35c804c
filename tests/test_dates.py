"""Tests for postlint.schema.dates: raw front-matter date text against accepted formats."""

from __future__ import annotations

import calendar
import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlint.schema.dates import (
    NAMED_FORMATS,
    DateError,
    ParsedDate,
    check_format,
    describe_formats,
    parse_date,
)

ALL = ["rfc3339", "iso8601", "jekyll", "jekyll-loose", "date"]


Row = tuple[str, str, bool, bool]


def cases(formats: list[str], *rows: Row) -> list[tuple[list[str], str, str, bool, bool]]:
    """Prefix each ``(text, value.isoformat(), has_offset, has_time)`` row with ``formats``."""
    return [(formats, *row) for row in rows]


def exact(value: dt.date) -> tuple[type[dt.date], str]:
    """Type and ISO spelling: tells date from datetime, naive from aware, and each offset."""
    return type(value), value.isoformat()


# Expected values are spelled with isoformat(): exact down to the offset and microseconds;
# the value is a datetime exactly when has_time.
VALID: list[tuple[list[str], str, str, bool, bool]] = [
    # rfc3339
    *cases(
        ["rfc3339"],
        ("2024-11-06T00:45:40Z", "2024-11-06T00:45:40+00:00", True, True),
        ("2024-11-06T00:45:40.000Z", "2024-11-06T00:45:40+00:00", True, True),
        ("2024-11-06T00:45:40.5+08:00", "2024-11-06T00:45:40.500000+08:00", True, True),
        ("2024-11-06T00:45:40.123456789Z", "2024-11-06T00:45:40.123456+00:00", True, True),
        ("2024-11-06T00:45:40.999999999Z", "2024-11-06T00:45:40.999999+00:00", True, True),
        ("2024-11-06t00:45:40z", "2024-11-06T00:45:40+00:00", True, True),
        ("2024-11-06 00:45:40-05:30", "2024-11-06T00:45:40-05:30", True, True),
        ("2024-11-06T00:45:40-00:00", "2024-11-06T00:45:40+00:00", True, True),
        ("2024-11-06T00:45:40+08:00", "2024-11-06T00:45:40+08:00", True, True),
        # rfc3339 without its offset: accepted, the caller decides (FM021)
        ("2024-11-06T00:45:40", "2024-11-06T00:45:40", False, True),
        ("2024-11-06 00:45:40.25", "2024-11-06T00:45:40.250000", False, True),
        # rfc3339 leap seconds: only 23:59:60 UTC on a month's last day; value is the next second
        ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00+00:00", True, True),
        ("2015-06-30T23:59:60.5Z", "2015-07-01T00:00:00.500000+00:00", True, True),
        ("2016-12-31T18:59:60-05:00", "2016-12-31T19:00:00-05:00", True, True),
        ("2016-12-31T23:59:60", "2017-01-01T00:00:00", False, True),
    ),
    # iso8601
    *cases(
        ["iso8601"],
        ("2024-11-06", "2024-11-06", False, False),
        ("2024-11-06T00:45", "2024-11-06T00:45:00", False, True),
        ("2024-11-06T00:45:40", "2024-11-06T00:45:40", False, True),
        ("2024-11-06T00:45:40.5", "2024-11-06T00:45:40.500000", False, True),
        ("2024-11-06T00:45:40,5", "2024-11-06T00:45:40.500000", False, True),
        ("2024-11-06T00:45:40.000Z", "2024-11-06T00:45:40+00:00", True, True),
        ("2024-11-06T00:45+08:00", "2024-11-06T00:45:00+08:00", True, True),
        ("2024-11-06T00:45:40+08:00", "2024-11-06T00:45:40+08:00", True, True),
        ("2024-11-06T00:45:40+0800", "2024-11-06T00:45:40+08:00", True, True),
        ("2024-11-06T00:45:40+08", "2024-11-06T00:45:40+08:00", True, True),
        ("2024-11-06T00:45:40-0330", "2024-11-06T00:45:40-03:30", True, True),
    ),
    # jekyll
    *cases(
        ["jekyll"],
        ("2024-11-06 00:45:40 +0800", "2024-11-06T00:45:40+08:00", True, True),
        ("2024-11-06 00:45:40 +08:00", "2024-11-06T00:45:40+08:00", True, True),
        ("2014-03-12 10:11:00 -0400", "2014-03-12T10:11:00-04:00", True, True),
        # jekyll without its offset: accepted, the caller decides
        ("2024-11-06 00:45:40", "2024-11-06T00:45:40", False, True),
    ),
    # jekyll-loose (shapes seen in real posts)
    *cases(
        ["jekyll-loose"],
        ("2018-7-9 7:03 UTC", "2018-07-09T07:03:00+00:00", True, True),
        ("2013-11-15 08:24:00 UTC", "2013-11-15T08:24:00+00:00", True, True),
        ("2018-02-26 7:24 UTC", "2018-02-26T07:24:00+00:00", True, True),
        ("2014-03-12 10:11:00 -0400", "2014-03-12T10:11:00-04:00", True, True),
        ("2015-03-17 14:00:00 -4", "2015-03-17T14:00:00-04:00", True, True),
        ("2016-03-23 9:00:00 -4", "2016-03-23T09:00:00-04:00", True, True),
        ("2024-11-06 00:45:40 +08:00", "2024-11-06T00:45:40+08:00", True, True),
        ("2024-11-06 0:45 GMT", "2024-11-06T00:45:00+00:00", True, True),
        ("2024-11-06 0:45 Z", "2024-11-06T00:45:00+00:00", True, True),
        ("2024-11-06 0:45:40.5 UTC", "2024-11-06T00:45:40.500000+00:00", True, True),
        ("2018-7-9 7:03", "2018-07-09T07:03:00", False, True),
        ("2018-7-9", "2018-07-09", False, False),
    ),
    # date
    *cases(
        ["date"],
        ("2024-11-06", "2024-11-06", False, False),
        ("2024-02-29", "2024-02-29", False, False),
        ("2000-02-29", "2000-02-29", False, False),
        ("0001-01-01", "0001-01-01", False, False),
    ),
    # strftime patterns
    *cases(
        ["%d/%m/%Y"],
        ("06/11/2024", "2024-11-06", False, False),
        ("6/11/2024", "2024-11-06", False, False),
    ),
    *cases(
        ["%B %d, %Y"],
        ("November 6, 2024", "2024-11-06", False, False),
    ),
    *cases(
        ["%d/%m/%Y %H:%M"],
        ("06/11/2024 00:45", "2024-11-06T00:45:00", False, True),
    ),
    *cases(
        ["%Y-%m-%d %H:%M:%S %z"],
        ("2024-11-06 00:45:40 +0800", "2024-11-06T00:45:40+08:00", True, True),
        ("2024-11-06 00:45:40 +08:00", "2024-11-06T00:45:40+08:00", True, True),
        # %z without its offset: accepted, the caller decides
        ("2024-11-06 00:45:40", "2024-11-06T00:45:40", False, True),
    ),
    *cases(
        ["%Y-%m-%dT%H:%M:%S%z"],
        ("2024-11-06T00:45:40Z", "2024-11-06T00:45:40+00:00", True, True),
        ("2024-11-06T00:45:40", "2024-11-06T00:45:40", False, True),
    ),
    *cases(
        ["%Y%%"],
        ("2024%", "2024-01-01", False, False),
    ),
    # several formats: the first that fits wins
    *cases(
        ALL,
        ("2024-11-06", "2024-11-06", False, False),
        ("2024-11-06T00:45:40.000Z", "2024-11-06T00:45:40+00:00", True, True),
        ("2018-7-9 7:03 UTC", "2018-07-09T07:03:00+00:00", True, True),
    ),
    *cases(
        ["rfc3339", "jekyll"],
        ("2024-11-06 00:45:40 +0800", "2024-11-06T00:45:40+08:00", True, True),
    ),
    *cases(
        ["rfc3339", "iso8601"],
        ("2024-11-06T00:45:40+0800", "2024-11-06T00:45:40+08:00", True, True),
    ),
    *cases(
        ["%m/%d/%Y", "%d/%m/%Y"],
        ("13/06/2024", "2024-06-13", False, False),
    ),
]


@pytest.mark.parametrize(("formats", "text", "value", "has_offset", "has_time"), VALID)
def test_valid(formats: list[str], text: str, value: str, has_offset: bool, has_time: bool) -> None:
    parsed = parse_date(text, formats)
    assert parsed.value.isoformat() == value
    assert isinstance(parsed.value, dt.datetime) is has_time
    assert parsed.has_offset is has_offset
    assert parsed.has_time is has_time


# (text, formats, reason)
INVALID: list[tuple[str, list[str], str]] = [
    # whitespace and junk are never accepted silently
    ("", ALL, "format"),
    (" 2024-01-01", ALL, "format"),
    ("2024-01-01 ", ALL, "format"),
    ("2024-01-01\n", ALL, "format"),
    ("\t2024-01-01", ["%Y-%m-%d"], "format"),
    ("yesterday", ALL, "format"),
    ("２０２４-01-01", ALL, "format"),  # full-width digits
    ("2024/01/01", ALL, "format"),
    ("20241106", ALL, "format"),
    # rfc3339 shapes
    ("2024-11-06", ["rfc3339"], "format"),
    ("2024-11-06T00:45Z", ["rfc3339"], "format"),
    ("2024-11-06T00:45:40+0800", ["rfc3339"], "format"),
    ("2024-11-06T00:45:40+08", ["rfc3339"], "format"),
    ("2024-11-06T00:45:40.Z", ["rfc3339"], "format"),
    ("2024-11-06T00:45:40 Z", ["rfc3339"], "format"),
    ("2024-11-06T0:45:40Z", ["rfc3339"], "format"),
    ("2024-11-06T00:45:40UTC", ["rfc3339"], "format"),
    # rfc3339 impossible values
    ("2024-13-45T00:00:00Z", ["rfc3339"], "impossible"),
    ("2024-02-30T00:00:00Z", ["rfc3339"], "impossible"),
    ("2024-11-06T24:00:00Z", ["rfc3339"], "impossible"),
    ("2024-11-06T25:00:00Z", ["rfc3339"], "impossible"),
    ("2024-11-06T23:61:00Z", ["rfc3339"], "impossible"),
    ("2024-11-06T23:59:61Z", ["rfc3339"], "impossible"),
    ("2024-11-06T00:00:00+24:00", ["rfc3339"], "impossible"),
    ("2024-11-06T00:00:00+08:60", ["rfc3339"], "impossible"),
    ("0000-01-01T00:00:00Z", ["rfc3339"], "impossible"),
    # leap seconds anywhere else are impossible
    ("2024-11-06T12:34:60Z", ["rfc3339"], "impossible"),
    ("2016-12-30T23:59:60Z", ["rfc3339"], "impossible"),
    ("2016-12-31T23:59:60+01:00", ["rfc3339"], "impossible"),
    ("9999-12-31T23:59:60Z", ["rfc3339"], "impossible"),
    # iso8601
    ("2024-11-06 00:45:40", ["iso8601"], "format"),
    ("2024-11-06T00", ["iso8601"], "format"),
    ("2024-11-06T00:45:40+8", ["iso8601"], "format"),
    ("2024-11-06T00:45:40+08:0", ["iso8601"], "format"),
    ("2024-11-06+08:00", ["iso8601"], "format"),
    ("2024-02-30", ["iso8601"], "impossible"),
    ("2024-11-06T24:61", ["iso8601"], "impossible"),
    # jekyll
    ("2024-11-06 00:45:40 UTC", ["jekyll"], "format"),
    ("2024-11-06T00:45:40 +0800", ["jekyll"], "format"),
    ("2024-11-06 00:45 +0800", ["jekyll"], "format"),
    ("2024-11-06 00:45:40+0800", ["jekyll"], "format"),
    ("2024-11-06 00:45:40 +08", ["jekyll"], "format"),
    ("2024-02-30 00:45:40 +0800", ["jekyll"], "impossible"),
    ("2024-11-06 00:45:40 +2400", ["jekyll"], "impossible"),
    # jekyll-loose
    ("2023-08-28 07:28 UtC", ["jekyll-loose"], "format"),
    ("2018-7-9 7:03 utc", ["jekyll-loose"], "format"),
    ("2018-7-9 7:03 EST", ["jekyll-loose"], "format"),
    ("2018-7-9 7:3 UTC", ["jekyll-loose"], "format"),
    ("2018-7-9 7 UTC", ["jekyll-loose"], "format"),
    ("18-7-9 7:03 UTC", ["jekyll-loose"], "format"),
    ("July 9, 2018", ["jekyll-loose"], "format"),
    ("2018-7-32 7:03 UTC", ["jekyll-loose"], "impossible"),
    ("2018-7-9 24:00 UTC", ["jekyll-loose"], "impossible"),
    ("2018-2-29", ["jekyll-loose"], "impossible"),
    # date
    ("2024-13-45", ["date"], "impossible"),
    ("2024-02-30", ["date"], "impossible"),
    ("2023-02-29", ["date"], "impossible"),
    ("1900-02-29", ["date"], "impossible"),
    ("2024-00-10", ["date"], "impossible"),
    ("2024-01-00", ["date"], "impossible"),
    ("2024-1-5", ["date"], "format"),
    ("2024-11-06T00:45:40Z", ["date"], "format"),
    # strftime patterns
    ("2024-11-06", ["%d/%m/%Y"], "format"),
    ("30/02/2024", ["%d/%m/%Y"], "impossible"),
    ("06/13/2024", ["%d/%m/%Y"], "impossible"),
    ("06/11/2024 25:00", ["%d/%m/%Y %H:%M"], "impossible"),
    ("2016-12-31 23:59:60", ["%Y-%m-%d %H:%M:%S"], "impossible"),
    ("2024-11-06 00:45:40 +0800 x", ["%Y-%m-%d %H:%M:%S %z"], "format"),
    ("not a date", ["%c"], "format"),
    # several formats: impossible if any format's shape fits
    ("2024-13-45", ALL, "impossible"),
    ("2024-02-30", ALL, "impossible"),
    ("2023-02-29", ALL, "impossible"),
    ("2024-11-06 00:45:40 +0800", ["rfc3339", "date"], "format"),
    ("2024-13-45", ["rfc3339", "date"], "impossible"),
]


@pytest.mark.parametrize(("text", "formats", "reason"), INVALID)
def test_invalid(text: str, formats: list[str], reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, formats)
    assert caught.value.reason == reason
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "formats", "message"),
    [
        (
            "2024-13-45",
            ["date"],
            "'2024-13-45' is not a real date or time: month 13 is not in 1..12",
        ),
        (
            "2023-02-29",
            ["date"],
            "'2023-02-29' is not a real date or time: day 29 is not in 1..28 for 2023-02",
        ),
        (
            "2024-11-06T25:00:00Z",
            ["rfc3339"],
            "'2024-11-06T25:00:00Z' is not a real date or time: hour 25 is not in 0..23",
        ),
        (
            "2024-11-06",
            ["rfc3339", "%d/%m/%Y"],
            "'2024-11-06' is not a date in RFC 3339 (2024-11-06T00:45:40Z), "
            "%d/%m/%Y (e.g. 06/11/2024)",
        ),
        (" 2024-11-06", ["date"], "' 2024-11-06' has leading or trailing whitespace"),
    ],
)
def test_error_messages(text: str, formats: list[str], message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, formats)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("formats", "text"),
    [
        (["rfc3339", "date"], "RFC 3339 (2024-11-06T00:45:40Z), YYYY-MM-DD"),
        (["iso8601"], "ISO 8601 (2024-11-06T00:45:40+08:00)"),
        (["jekyll"], "Jekyll (2024-11-06 00:45:40 +0800)"),
        (["jekyll-loose"], "Jekyll loose (2018-7-9 7:03 UTC)"),
        (["%Y-%m-%d %H:%M:%S %z"], "%Y-%m-%d %H:%M:%S %z (e.g. 2024-11-06 00:45:40 +0800)"),
    ],
)
def test_describe_formats(formats: list[str], text: str) -> None:
    assert describe_formats(formats) == text


def test_named_formats() -> None:
    assert frozenset({"rfc3339", "iso8601", "jekyll", "jekyll-loose", "date"}) == NAMED_FORMATS


@pytest.mark.parametrize("fmt", [*sorted(NAMED_FORMATS), "%Y-%m-%d", "%d %B %Y %%", "%c"])
def test_check_format_accepts(fmt: str) -> None:
    check_format(fmt)


@pytest.mark.parametrize(
    ("formats", "error"),
    [
        (["rfc-3339"], ValueError),
        (["RFC3339"], ValueError),
        (["%Y-%Q"], ValueError),
        (["%Y-%m-%"], ValueError),
        ([], ValueError),
        ("rfc3339", TypeError),
    ],
)
def test_bad_formats(formats: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_date("2024-11-06", formats)
    with pytest.raises(error):
        describe_formats(formats)


def test_date_error_pickles() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("2024-02-30", ["date"])
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.reason, str(copy)) == (caught.value.reason, str(caught.value))


def test_parsed_date_is_frozen() -> None:
    parsed = parse_date("2024-11-06", ["date"])
    assert parsed == ParsedDate(dt.date(2024, 11, 6), has_offset=False, has_time=False)
    with pytest.raises(AttributeError):
        parsed.has_time = True  # type: ignore[misc]


offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


@given(st.datetimes(timezones=offsets))
def test_isoformat_round_trips(value: dt.datetime) -> None:
    for formats in (["rfc3339"], ["iso8601"]):
        parsed = parse_date(value.isoformat(), formats)
        assert exact(parsed.value) == exact(value)
        assert parsed.has_offset


@given(st.datetimes(min_value=dt.datetime(1000, 1, 1), timezones=offsets))
def test_jekyll_strftime_round_trips(value: dt.datetime) -> None:
    text = value.strftime("%Y-%m-%d %H:%M:%S %z")
    parsed = parse_date(text, ["jekyll"])
    assert exact(parsed.value) == exact(value.replace(microsecond=0))


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_day_of_month(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if day <= calendar.monthrange(year, month)[1]:
        assert parse_date(text, ALL).value == dt.date(year, month, day)
    else:
        with pytest.raises(DateError) as caught:
            parse_date(text, ALL)
        assert caught.value.reason == "impossible"
