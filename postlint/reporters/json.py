"""The ``json`` format: an array of diagnostic objects."""

from __future__ import annotations

import json
from collections.abc import Sequence

from postlint.diagnostics import Diagnostic


def render(diagnostics: Sequence[Diagnostic]) -> str:
    """The diagnostics as a JSON array (UTF-8 text, not ASCII-escaped)."""
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
