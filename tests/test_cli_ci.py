"""The CLI in CI: every format from a real run, baselines, stdin, --fail-on, --statistics."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from postlint import lint_paths
from postlint.cli import main

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

BAD = """---
title: "Budget, 100% approved"
date: 2024-13-45
---
# Budget, 100% approved

<p style="color: red">The council approved it.</p>
<img src="http://img.example.com/a.jpg">
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-11-06-bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "_posts" / "2024-11-06-good.md").write_text(
        "---\ntitle: Fine\n---\n# Fine\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("POSTLINT_OUTPUT_FORMAT", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


CODES = ["FM020", "STY001", "IMG004", "IMG005"]


def test_every_format_from_the_cli(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "_posts", "--output-format", "json")
    assert [d["code"] for d in json.loads(out)] == CODES
    _, out, _ = run(capsys, "_posts", "--output-format", "json-lines")
    assert [json.loads(line)["code"] for line in out.splitlines()] == CODES
    _, out, _ = run(capsys, "_posts", "--output-format", "sarif")
    sarif = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == CODES
    _, out, _ = run(capsys, "_posts", "--output-format", "gitlab")
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("FM020", "major", 3), ("STY001", "minor", 7),
        ("IMG004", "minor", 8), ("IMG005", "minor", 8),
    ]  # fmt: skip
    assert len({i["fingerprint"] for i in issues}) == 4
    _, out, _ = run(capsys, "_posts", "--output-format", "junit")
    suites = ET.fromstring(out).findall("testsuite")
    assert [(s.get("name"), s.get("failures")) for s in suites] == [
        ("_posts/2024-11-06-bad.md", "4"), ("_posts/2024-11-06-good.md", "0")
    ]  # fmt: skip
    _, out, _ = run(capsys, "_posts", "--output-format", "checkstyle")
    errors = ET.fromstring(out).findall("file/error")
    assert [e.get("source") for e in errors] == [f"postlint.{code}" for code in CODES]
    _, out, _ = run(capsys, "_posts", "--output-format", "github")
    assert out.splitlines()[0] == (
        "::error file=_posts/2024-11-06-bad.md,line=3,col=7,endLine=3,endColumn=17,"
        'title=FM020 invalid-date::date: "2024-13-45" is not a real date or time: month 13 is '
        "not in 1..12"
    )
    _, out, _ = run(capsys, "_posts", "--output-format", "grouped")
    assert out.splitlines()[0] == "_posts/2024-11-06-bad.md:"


def test_github_step_summary_and_output_file(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = site / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("POSTLINT_OUTPUT_FORMAT", "github")
    code, out, _ = run(capsys, "_posts", "--output-file", "report.txt")
    assert code == 1 and out == ""
    assert (site / "report.txt").read_text(encoding="utf-8").startswith("::error file=")
    assert "| `FM020` | `invalid-date` | error | 1 |" in summary.read_text(encoding="utf-8")


def test_fail_on_and_exit_zero(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "_posts", "--ignore", "FM020")[0] == 1  # warnings fail by default
    assert run(capsys, "_posts", "--ignore", "FM020", "--fail-on", "error")[0] == 0
    assert run(capsys, "_posts", "--fail-on", "error")[0] == 1
    assert run(capsys, "_posts", "--exit-zero")[0] == 0


def test_statistics(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "_posts", "--statistics")
    assert out.splitlines() == [
        "      1  FM020   invalid-date",
        "      1  IMG004  img-missing-alt",
        "      1  IMG005  insecure-image-url",
        "      1  STY001  inline-style",
    ]


def test_baseline_reports_only_new_problems(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "_posts", "--write-baseline", "postlint-baseline.json")[0] == 0
    assert run(capsys, "_posts", "--baseline", "postlint-baseline.json")[0] == 0
    post = site / "_posts" / "2024-11-06-bad.md"
    # lines move, and one new problem appears
    post.write_text(
        "\n\n" + BAD.replace("---\n", "---\n", 1) + '<p style="x">new</p>\n', encoding="utf-8"
    )
    post.write_text(
        BAD.replace("# Budget", "\n\n# Budget") + '<p style="x">new</p>\n', encoding="utf-8"
    )
    code, out, _ = run(
        capsys, "_posts", "--baseline", "postlint-baseline.json", "--output-format", "concise"
    )
    assert code == 1
    assert out == (
        "_posts/2024-11-06-bad.md:11:4: STY001 inline style on <p>: "
        "move it to the site's stylesheet, or drop it\n"
    )
    # fixing a problem shrinks the baseline on the next write
    post.write_text(BAD.replace(' style="color: red"', ""), encoding="utf-8")
    run(capsys, "_posts", "--write-baseline", "postlint-baseline.json")
    entries = json.loads((site / "postlint-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [e["code"] for e in entries] == ["FM020", "IMG004", "IMG005"]


def test_baseline_from_config(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "_posts", "--write-baseline", "known.json")
    (site / "postlint.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    assert run(capsys, "_posts")[0] == 0


def test_stdin_is_linted_as_the_named_file(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("utf-8"))))
    code, out, _ = run(
        capsys, "-", "--stdin-filename", "_posts/2024-11-07-new.md", "--output-format", "full"
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("_posts/2024-11-07-new.md:3:7: FM020 ")
    assert lines[2] == "3 | date: 2024-13-45"
    # the file name counts: FM023 compares it with the date
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"---\ndate: 2024-11-06\n---\n")))
    _, out, _ = run(
        capsys, "-", "--stdin-filename", "_posts/2024-11-07-x.md", "--output-format", "concise"
    )
    assert " FM023 " in out


def test_stdin_needs_a_filename(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-"]) == 2
    assert "--stdin-filename" in capsys.readouterr().err


def test_api_serialisers_are_the_cli_formats(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = lint_paths(["_posts"])
    _, out, _ = run(capsys, "_posts", "--output-format", "json")
    assert report.to_json() == out
    assert json.loads(report.to_sarif())["runs"][0]["results"][0]["ruleId"] == "FM020"
    assert report.exit_code("error") == 1


def test_unverified_remote_images_never_fail_a_run_alone() -> None:
    from postlint.diagnostics import Diagnostic, Severity
    from postlint.runner import Report

    def unverified(severity: Severity) -> Diagnostic:
        return Diagnostic(
            "a.md", 1, 1, "IMG008", "timed out", 1, 2, "remote-image-unverified", severity
        )

    assert Report([unverified(Severity.WARNING)], ["a.md"]).exit_code() == 0
    assert Report([unverified(Severity.ERROR)], ["a.md"]).exit_code() == 1  # configured so
