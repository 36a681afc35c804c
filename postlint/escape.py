"""Escaping untrusted text (post text, file names) for line-based and XML output."""

from __future__ import annotations

import re
from functools import cache

# Line breaks and terminal controls: C0, DEL, C1, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters as backslash escapes (``\\n``)."""
    return _CONTROL.sub(_backslash, text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot represent as backslash escapes (``\\x1b``).

    Tab, CR and LF are kept: ElementTree writes them as character references in attributes.
    """
    return _not_xml().sub(_backslash, text)


@cache
def _not_xml() -> re.Pattern[str]:
    """Everything XML 1.0 cannot hold, even as a character reference (lone surrogates
    included: a file name that is not valid UTF-8 decodes to them). Compiled when the XML
    formats first need it: the class takes 3 ms to compile, which start-up would pay."""
    return re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _backslash(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]
