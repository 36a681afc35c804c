"""The ``grouped`` format: each file's path, then its diagnostics indented under it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from postlint.escape import one_line
from postlint.reporters.files import by_file

if TYPE_CHECKING:
    from postlint.diagnostics import Diagnostic


def write(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    """``path:`` then ``  line:col CODE message`` per diagnostic, a blank line between files."""
    for index, (path, in_file) in enumerate(by_file(diagnostics)):
        out.write(("\n" if index else "") + _block(path, in_file))


def _block(path: str, diagnostics: list[Diagnostic]) -> str:
    """One file's lines; line numbers right-aligned and columns left-aligned, as in ruff."""
    lines = max(len(str(d.line)) for d in diagnostics)
    columns = max(len(str(d.column)) for d in diagnostics)
    rows = (
        f"  {d.line:>{lines}}:{d.column:<{columns}} {d.code} {one_line(d.message)}\n"
        for d in diagnostics
    )
    return f"{one_line(path)}:\n" + "".join(rows)
