"""`postlint check examples/` — what a newcomer sees first — gives exactly these findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.cli import main

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    "2024-11-06-港口扩建计划公布.md": [
        "16:1 STY005", "16:8 STY003", "16:31 STY001", "16:147 STY001", "16:194 IMG004",
        "16:392 STY001", "16:434 STY001", "16:509 HTM004", "16:558 HTM004", "16:598 STY005",
        "16:605 STY003", "16:629 STY001", "16:746 STY001", "16:793 IMG004", "16:999 HTM002",
        "16:1010 HTM004", "16:1060 CPY002",
    ],
    "2024-11-07-new-library-opens.md": [],
    "2024-11-08-front-matter-mistakes.md": [
        "3:8 FM031", "4:1 FM012", "5:7 FM021", "7:7 FM013", "8:7 FM011", "10:11 FM011",
        "13:1 FM030",
    ],
    "2024-11-09-broken-yaml.md": ["3:8 FM002"],
    "2024-11-10-dates-that-disagree.md": ["4:7 FM023", "9:1 FM004", "11:1 FM024"],
    "2024-11-12-markup-from-another-site.md": [
        "15:1 STY004", "15:9 STY004", "15:15 STY003", "16:6 IMG005", "16:56 IMG006",
        "17:1 IMG001", "17:1 IMG004", "18:4 HTM003", "19:1 HTM002", "20:1 HTM003",
        "21:1 HTM005", "22:14 HTM001", "25:1 IMG002", "25:1 IMG004", "32:4 CPY002",
    ],
    "2024-11-13-clean-post.md": [],
}  # fmt: skip


def test_examples(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", "examples", "--output-format", "concise"]) == 1
    out, err = capsys.readouterr()
    found: dict[str, list[str]] = {name: [] for name in EXPECTED}
    for line in out.splitlines():
        path, row, column, rest = line.split(":", 3)
        found[Path(path).name].append(f"{row}:{column} {rest.split()[0]}")
    assert found == EXPECTED
    assert err == "Found 43 problems (9 errors, 29 warnings, 5 infos) in 7 files.\n"
