"""The ``json-lines`` format: one diagnostic object (as in ``json``) per line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postlint.api import Report

# JSON allows these raw in strings, but ``str.splitlines`` and some readers split lines at them.
_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def render(report: Report) -> str:
    """Each diagnostic as compact JSON on its own line (UTF-8 text, not ASCII-escaped)."""
    return "".join(
        json.dumps(d.to_dict(), ensure_ascii=False).translate(_LINE_SEPARATORS) + "\n"
        for d in report.diagnostics
    )
