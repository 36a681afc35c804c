"""The ``json-lines`` format: one diagnostic object (as in ``json``) per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic

# JSON allows these raw in strings, but ``str.splitlines`` and some readers split lines at them.
_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    """Each diagnostic as compact JSON on its own line (UTF-8 text, not ASCII-escaped)."""
    for d in diagnostics:
        out.write(json.dumps(d.to_dict(), ensure_ascii=False).translate(_LINE_SEPARATORS) + "\n")
