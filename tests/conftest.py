"""Shared test helpers: the corpus and seed from ../shared, skipped where absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_78c2cd9b7c21ccd0.txt"


def require(path: Path) -> Path:
    """``path``, or skip the test: ../shared is not part of a user's clone."""
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ (corpus and seed) is not in this checkout")
    return path
