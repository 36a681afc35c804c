"""Fixture posts under tests/fixtures/<CODE>/ carry their expected diagnostics inside them.

A marker ``expect: LINE:COL CODE, LINE:COL CODE`` may stand in an HTML comment in the body or
in a YAML comment in the front matter; the markers of a file list every diagnostic it must
get, exactly (a file without markers must get none). A ``postlint.toml`` beside the fixtures
is their config.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from postlint import lint_paths, registry
from postlint.config import default_config, read_config

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_MARKER = re.compile(r"expect:((?:\s*\d+:\d+\s+[A-Z]+\d+\s*,?)+)")
_ITEM = re.compile(r"(\d+):(\d+)\s+([A-Z]+\d+)")


def _fixture_files() -> list[Path]:
    return sorted(
        path for path in FIXTURES.rglob("*") if path.suffix in (".md", ".html", ".markdown")
    )


def expectations(path: Path) -> list[tuple[int, int, str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("utf-8", errors="replace")
    found = []
    for marker in _MARKER.finditer(text):
        found += [(int(a), int(b), code) for a, b, code in _ITEM.findall(marker.group(1))]
    return sorted(found)


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path: Path) -> None:
    config_file = path.parent / "postlint.toml"
    config = read_config(config_file) if config_file.exists() else default_config(path.parent)
    report = lint_paths([path], config=config)
    got = sorted((d.line, d.column, d.code) for d in report.diagnostics)
    assert got == expectations(path)


def test_every_rule_shown_by_text_has_fixtures() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    not_by_text = {"PL001", "PL002", "PL005", "PL006", "PL900", "SRC001", "SRC002"}
    not_by_text |= {"IMG003", "IMG008"}  # they need the network: tests/test_remote.py
    assert set(registry.codes()) - not_by_text <= folders
