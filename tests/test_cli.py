"""The command line: formats, selection, exit codes, config errors and the folder walk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli import main

BAD = """---
title: Budget
tags: Example
date: 2024-13-45
---
# Budget
"""
GOOD = "---\ntitle: Budget\ndate: 2024-11-06\n---\n# Budget\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-11-06-bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "_posts" / "2024-11-06-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "README.md").write_text("# A site\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_concise_output_and_exit_code(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--output-format", "concise"], capsys)
    assert code == 1
    assert out == (
        './_posts/2024-11-06-bad.md:4:7: FM020 date: "2024-13-45" is not a real date or time: '
        "month 13 is not in 1..12\n"
    )
    assert err == "Found 1 problem (1 error) in 3 files.\n"


def test_readme_at_the_site_root_is_not_a_post_but_a_named_file_is(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["check", "README.md", "--output-format", "concise"], capsys)
    assert code == 1
    assert out == (
        "README.md:1:1: FM001 no front matter: expected a '---' block with the post's fields "
        "on line 1\n"
    )


def test_json_output(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "_posts", "--output-format", "json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert [
        (
            d["path"],
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["code"],
            d["name"],
            d["severity"],
            d["fix"],
            d["related"],
        )
        for d in data
    ] == [
        ("_posts/2024-11-06-bad.md", 4, 7, 4, 17, "FM020", "invalid-date", "error", None, []),
    ]


def test_full_output_shows_the_line_and_a_caret(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["check", "_posts", "--output-format", "full"], capsys)
    assert out.splitlines()[1:4] == ["  |", "4 | date: 2024-13-45", "  |       ^^^^^^^^^^"]


def test_select_ignore_and_names(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--ignore", "FM020"], capsys)[0] == 0
    assert run(["check", "--ignore", "invalid-date"], capsys)[0] == 0
    assert run(["check", "--select", "FM0", "--ignore", "FM02"], capsys)[0] == 0
    assert run(["check", "--select", "FM02", "--ignore", "FM0"], capsys)[0] == 1
    assert run(["check", "--select", "PL"], capsys)[0] == 0
    code, _, err = run(["check", "--select", "XX9"], capsys)
    assert code == 2 and "unknown rule code or name 'XX9'" in err


def test_exit_zero_and_missing_paths(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--exit-zero"], capsys)[0] == 0
    code, _, err = run(["check", "nowhere.md"], capsys)
    assert code == 2 and "nowhere.md: no such file or directory" in err


def test_warnings_fail_but_info_does_not(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "postlint.toml").write_text('[rules.FM020]\nseverity = "warning"\n', encoding="utf-8")
    assert run(["check"], capsys)[0] == 1
    (site / "postlint.toml").write_text('[rules.FM020]\nseverity = "info"\n', encoding="utf-8")
    assert run(["check"], capsys)[0] == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            'preset = "wordpress"\n',
            "postlint.toml: preset: Input should be 'jekyll', 'hugo' or 'rss-mirror'",
        ),
        (
            '[front-matter.fields.title]\ntype = "text"\n',
            "postlint.toml: front-matter.fields.title.type:",
        ),
        (
            "[rules.FM024]\ntolerance = 5\n",
            "postlint.toml: rules.FM024.tolerance: Extra inputs are not permitted",
        ),
        ("[rules.NOPE1]\n", "postlint.toml: rules.NOPE1: unknown rule code or name"),
        (
            'timezone = "Mars/Olympus"\n',
            "postlint.toml: timezone: Value error, unknown timezone 'Mars/Olympus'",
        ),
        (
            '[front-matter]\nmodel = "a.b:C"\n[front-matter.fields.x]\ntype = "string"\n',
            "postlint.toml: front-matter: Value error, give either 'model' or 'fields', not both",
        ),
        ("select = [\n", "postlint.toml: cannot read config"),
    ],
)
def test_invalid_config_names_the_key_and_exits_2(
    site: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    (site / "postlint.toml").write_text(config, encoding="utf-8")
    code, out, err = run(["check"], capsys)
    assert code == 2
    assert out == ""
    assert message in err


def test_pyproject_table_and_explicit_config(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "pyproject.toml").write_text('[tool.postlint]\nignore = ["FM020"]\n', encoding="utf-8")
    assert run(["check"], capsys)[0] == 0
    other = site / "strict.toml"
    other.write_text('select = ["FM020"]\n', encoding="utf-8")
    assert run(["check", "--config", str(other)], capsys)[0] == 1


def test_nearest_config_wins(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "postlint.toml").write_text('ignore = ["FM020"]\n', encoding="utf-8")
    (site / "_posts" / ".postlint.toml").write_text("ignore = []\n", encoding="utf-8")
    assert run(["check"], capsys)[0] == 1


def test_per_file_ignores_and_exclude(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "postlint.toml").write_text(
        '[per-file-ignores]\n"_posts/*-bad.md" = ["invalid-date"]\n', encoding="utf-8"
    )
    assert run(["check"], capsys)[0] == 0
    (site / "postlint.toml").write_text('exclude = ["*-bad.md"]\n', encoding="utf-8")
    code, _, err = run(["check"], capsys)
    assert code == 0 and err == "All checks passed (2 files checked).\n"


def test_walk_skips_build_folders_gitignored_files_and_fifos(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("_site", "node_modules", ".git", "vendor", "public", "_layouts"):
        (site / folder).mkdir(exist_ok=True)
        (site / folder / "x.md").write_text(BAD, encoding="utf-8")
    (site / "_posts" / "dir.md").mkdir()
    import os

    os.mkfifo(site / "_posts" / "fifo.md")
    (site / "_posts" / "dangling.md").symlink_to(site / "missing.md")
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    (site / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (site / "drafts").mkdir()
    (site / "drafts" / "x.md").write_text(BAD, encoding="utf-8")
    code, out, err = run(["check", "--output-format", "concise"], capsys)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == ["./_posts/2024-11-06-bad.md"]
    assert err == "Found 1 problem (1 error) in 3 files.\n"


def test_fifo_and_folder_named_on_the_command_line_are_pl001(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    os.mkfifo(site / "fifo.md")
    (site / "dir.md").mkdir()
    code, out, _ = run(["check", "fifo.md", "dir.md", "--output-format", "concise"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "dir.md:1:1: PL001 cannot read: a directory, not a file",
        "fifo.md:1:1: PL001 cannot read: a FIFO, not a file",
    ]


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "--output-format", "json"], capsys)
    rules = json.loads(out)
    assert code == 0
    assert [rule["code"] for rule in rules][:4] == ["CPY001", "CPY002", "CPY003", "FM001"]
    fm024 = next(r for r in rules if r["code"] == "FM024")
    assert fm024["options"]["tolerance-seconds"]["default"] == 60


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == "postlint 0.1.0\n"


def test_full_output_shows_a_window_of_a_long_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: x\n---\n" + "a" * 200 + '<img src="x.png">' + "b" * 200 + "\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    main(["check", "post.md", "--no-cache", "--select", "IMG004", "--output-format", "full"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("post.md:4:201: IMG004 image has no alt attribute")
    assert lines[2] == "4 | …" + "a" * 30 + '<img src="x.png">' + "b" * 53 + "…"
    assert lines[3] == "  | " + " " * 31 + "^" * 17
