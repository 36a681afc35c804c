"""The ``grouped`` format: each file's path, then its diagnostics indented under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postlint.escape import one_line
from postlint.reporters.files import by_file

if TYPE_CHECKING:
    from postlint.api import Report


def render(report: Report) -> str:
    """``path:`` then ``  line:col CODE message`` per diagnostic, a blank line between files.

    Lines are right-aligned and columns left-aligned within a file, as in ruff.
    """
    blocks = []
    for path, diagnostics in by_file(report, clean=False).items():
        lines = max(len(str(d.line)) for d in diagnostics)
        columns = max(len(str(d.column)) for d in diagnostics)
        rows = [
            f"  {d.line:>{lines}}:{d.column:<{columns}} {d.code} {one_line(d.message)}"
            for d in diagnostics
        ]
        blocks.append(f"{one_line(path)}:\n" + "".join(row + "\n" for row in rows))
    return "\n".join(blocks)
