"""The ``json`` format: an array of diagnostic objects; and writing a JSON array element by
element, as the ``gitlab`` and ``sarif`` formats do too."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from postlint.diagnostics import Diagnostic

_INDENT = "  "


def write(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    """The diagnostics as a JSON array (UTF-8 text, not ASCII-escaped)."""
    write_array((d.to_dict() for d in diagnostics), out)
    out.write("\n")


def write_array(items: Iterable[Any], out: TextIO, level: int = 0) -> None:
    """``items`` written one by one, as ``json.dumps(list(items), ensure_ascii=False,
    indent=2)`` would give them all, for an array nested ``level`` deep in a document."""
    outer = "\n" + _INDENT * level
    inner = outer + _INDENT
    written = False
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=_INDENT)
        out.write(("," if written else "[") + inner + text.replace("\n", inner))
        written = True
    out.write(outer + "]" if written else "[]")
