"""The Python API, the seed post, line endings, and user-defined schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, require

import postlint
from postlint import Diagnostic, Severity, lint_paths, lint_text, load_config
from postlint.config import Config, ConfigFile

RSS = Config(root=Path("/site"), file=ConfigFile.model_validate({"preset": "rss-mirror"}))


def positions(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in diagnostics]


def test_public_api_is_typed_and_exported() -> None:
    assert set(postlint.__all__) >= {
        "lint_text",
        "lint_paths",
        "load_config",
        "Diagnostic",
        "Severity",
    }
    assert (Path(postlint.__file__).parent / "py.typed").exists()


def test_seed_post_has_no_front_matter_diagnostics_under_rss_mirror() -> None:
    text = require(SEED).read_text(encoding="utf-8")
    found = lint_text(text, path="/site/_posts/2024-11-06-seed.md", config=RSS)
    assert [d for d in found if d.code.startswith("FM")] == []


POST = """---
layout: post
title: "标题"
date: 2024-11-06T09:45:40+08:00
author: 王
from: https://example.com/a.html
tags: Solidot
categories: [ 示例 ]
extra: 1
---
<!--1730857540000-->
[另一个标题](https://example.com/a.html)
------
"""


def test_crlf_and_lf_give_the_same_positions() -> None:
    lf = lint_text(POST, path="/site/_posts/2024-11-06-a.md", config=RSS)
    crlf = lint_text(POST.replace("\n", "\r\n"), path="/site/_posts/2024-11-06-a.md", config=RSS)
    cr = lint_text(POST.replace("\n", "\r"), path="/site/_posts/2024-11-06-a.md", config=RSS)
    expected = [(7, 7, "FM011"), (9, 1, "FM012"), (12, 1, "FM030")]
    assert positions(lf) == positions(crlf) == positions(cr) == expected
    assert [(d.end_line, d.end_column) for d in lf] == [(7, 14), (9, 6), (13, 7)]


def test_missing_fields_in_schema_order() -> None:
    found = lint_text("---\ntitle: x\n---\n", path="/site/_posts/x.md", config=RSS)
    assert [d.message for d in found] == [
        'required field "layout" is missing',
        'required field "date" is missing',
        'required field "author" is missing',
        'required field "from" is missing',
        'required field "tags" is missing',
        'required field "categories" is missing',
    ]
    assert {(d.line, d.column, d.code, d.severity) for d in found} == {
        (1, 1, "FM010", Severity.ERROR)
    }


def test_null_values_count_as_absent_and_schema_stops_after_syntax_errors() -> None:
    found = lint_text("---\ntitle: x\nlayout:\n---\n", config=RSS)
    assert 'required field "layout" is missing' in [d.message for d in found]
    assert positions(lint_text('---\ntitle: "x\n---\n', config=RSS)) == [(2, 8, "FM002")]


def test_yaml_surprises_are_reported_with_how_yaml_read_them() -> None:
    config = Config(
        root=Path("/site"),
        file=ConfigFile.model_validate(
            {"front-matter": {"fields": {"time": {"type": "string"}, "code": {"type": "string"}}}}
        ),
    )
    found = lint_text("---\ntime: 10:00\ncode: 012345\n---\n", config=config)
    assert [d.message for d in found] == [
        'time: expected a string, but YAML reads "10:00" as the integer 600 (sexagesimal); '
        'quote it: "10:00"',
        'code: expected a string, but YAML reads "012345" as the integer 5349 (octal); '
        'quote it: "012345"',
    ]


def test_date_without_offset_is_fm021_only() -> None:
    found = lint_text(POST.replace("+08:00", ""), path="/site/_posts/2024-11-06-a.md", config=RSS)
    assert (4, 7, "FM021") in positions(found)
    assert "FM020" not in [d.code for d in found]


def test_user_model(tmp_path: Path) -> None:
    (tmp_path / "site_schema.py").write_text(
        "import datetime\n"
        "from pydantic import BaseModel, ConfigDict\n"
        "class Post(BaseModel):\n"
        "    model_config = ConfigDict(extra='forbid')\n"
        "    title: str\n"
        "    date: datetime.datetime\n"
        "    weight: int = 0\n",
        encoding="utf-8",
    )
    (tmp_path / "postlint.toml").write_text(
        '[front-matter]\nmodel = "site_schema:Post"\n', encoding="utf-8"
    )
    config = load_config(tmp_path / "postlint.toml")
    found = lint_text("---\ndate: 2024-13-45\nweight: many\nbad: 1\n---\n", config=config)
    assert positions(found) == [(1, 1, "FM010"), (2, 7, "FM020"), (3, 9, "FM011"), (4, 1, "FM012")]


def test_lint_paths_report(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "a.md").write_text("no front matter\n", encoding="utf-8")
    (tmp_path / "_posts" / "b.md").write_text("---\ntitle: ok\n---\n", encoding="utf-8")
    report = lint_paths([tmp_path])
    assert report.files_checked == 2
    assert report.by_code() == {"FM001": 1}
    assert report.exit_code() == 1
    assert report.exit_code(fail_on=Severity.ERROR) == 1


def test_lint_text_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    lint_text("---\ntitle: [\n---\n")
    assert capsys.readouterr() == ("", "")
