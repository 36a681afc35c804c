"""The CI output formats, each rendered from one shared set of diagnostics and checked
against its consumer's schema or parser (or, for the line formats, a golden string); and
``write``, which streams a run's diagnostics file by file into any of them."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

import jsonschema
import pytest

from postlint import __version__, registry
from postlint.api import Report
from postlint.diagnostics import Diagnostic, Location
from postlint.reporters import FORMATS, github, gitlab, render, sarif, write
from postlint.reporters.files import by_file
from postlint.reporters.json import write_array
from postlint.tally import Tally

BAD = "_posts/2024-11-06-bad.md"
CLEAN = "_posts/clean.md"
ODD = "_posts/with, comma: and spaces.md"
CJK = "_posts/中文.md"
UNTRUSTED = '100% "a:b,c"\r\nnext'  # %, CR, LF, ':' and ','


def diagnostic(
    path: str,
    position: tuple[int, int, int, int],
    code: str,
    message: str,
    related: tuple[Location, ...] = (),
) -> Diagnostic:
    """A diagnostic of the rule ``code``, at its default severity."""
    rule = registry.lookup(code)
    assert rule is not None
    line, column, end_line, end_column = position
    return Diagnostic(
        path,
        line,
        column,
        code,
        message,
        end_line,
        end_column,
        rule.name,
        rule.severity,
        related=related,
    )


DIAGNOSTICS = [  # every severity: FM010 is an error, HTM004 info, the others warnings
    diagnostic(BAD, (1, 1, 1, 4), "FM010", 'missing "date"'),
    diagnostic(BAD, (1, 1, 1, 4), "FM010", 'missing "title"'),
    diagnostic(
        BAD,
        (12, 7, 12, 17),
        "FM021",
        "date has no timezone",
        related=(Location(BAD, 1, 1, "front matter starts here"),),
    ),
    diagnostic(ODD, (3, 5, 5, 2), "HTM001", "unclosed <div>"),  # spans lines 3 to 5
    diagnostic(ODD, (7, 1, 7, 3), "HTM004", UNTRUSTED),
    diagnostic(CJK, (2, 3, 2, 9), "IMG004", "猫\u2028の写真"),
]
REPORT = Report(DIAGNOSTICS, [BAD, CLEAN, ODD, CJK])
SOURCE = {
    (BAD, 1): "---",
    (BAD, 12): "date: 2024-11-06 10:00  ",
    (ODD, 3): "<div>",
    (ODD, 7): "\t\t<p>",
    (CJK, 2): '  <img src="猫.png">',
}


def source_line(path: str, line: int) -> str | None:
    return SOURCE.get((path, line))


def output(write_to: Callable[[TextIO], None]) -> str:
    """What ``write_to`` writes to a stream."""
    out = io.StringIO()
    write_to(out)
    return out.getvalue()


def tally_of(diagnostics: Iterable[Diagnostic]) -> Tally:
    return Tally(diagnostics).drain()


def test_grouped() -> None:
    assert render("grouped", REPORT) == (
        "_posts/2024-11-06-bad.md:\n"
        '   1:1 FM010 missing "date"\n'
        '   1:1 FM010 missing "title"\n'
        "  12:7 FM021 date has no timezone\n"
        "\n"
        "_posts/with, comma: and spaces.md:\n"
        "  3:5 HTM001 unclosed <div>\n"
        '  7:1 HTM004 100% "a:b,c"\\r\\nnext\n'
        "\n"
        "_posts/中文.md:\n"
        "  2:3 IMG004 猫\\u2028の写真\n"
    )
    assert render("grouped", Report([], [CLEAN])) == ""


def test_json_lines() -> None:
    text = render("json-lines", REPORT)
    assert text.endswith("\n")
    lines = text.splitlines()  # splits at U+2028 too: it must not occur raw
    assert [json.loads(line) for line in lines] == [d.to_dict() for d in DIAGNOSTICS]
    assert lines[0] == (
        '{"path": "_posts/2024-11-06-bad.md", "line": 1, "column": 1, "end_line": 1, '
        '"end_column": 4, "code": "FM010", "name": "missing-field", "severity": "error", '
        '"message": "missing \\"date\\"", "fix": null, "related": []}'
    )
    assert '"path": "_posts/中文.md"' in lines[-1]
    assert render("json-lines", Report([], [CLEAN])) == ""


def test_github_annotations() -> None:
    assert render("github", REPORT) == (
        "::error file=_posts/2024-11-06-bad.md,line=1,col=1,endLine=1,endColumn=4,"
        'title=FM010 missing-field::missing "date"\n'
        "::error file=_posts/2024-11-06-bad.md,line=1,col=1,endLine=1,endColumn=4,"
        'title=FM010 missing-field::missing "title"\n'
        "::warning file=_posts/2024-11-06-bad.md,line=12,col=7,endLine=12,endColumn=17,"
        "title=FM021 date-without-timezone::date has no timezone\n"
        "::warning file=_posts/with%2C comma%3A and spaces.md,line=3,endLine=5,"
        "title=HTM001 html-syntax::unclosed <div>\n"
        "::notice file=_posts/with%2C comma%3A and spaces.md,line=7,col=1,endLine=7,endColumn=3,"
        'title=HTM004 indentation-whitespace::100%25 "a:b,c"%0D%0Anext\n'
        "::warning file=_posts/中文.md,line=2,col=3,endLine=2,endColumn=9,"
        "title=IMG004 img-missing-alt::猫\u2028の写真\n"
    )


def test_github_escapes_properties(tmp_path: Path) -> None:
    odd = replace(DIAGNOSTICS[0], path=str(tmp_path / "a%b\r\n.md"), name="x,y:z")
    assert output(lambda out: github.write([odd], out, root=tmp_path)) == (
        "::error file=a%25b%0D%0A.md,line=1,col=1,endLine=1,endColumn=4,"
        'title=FM010 x%2Cy%3Az::missing "date"\n'
    )


def test_github_summary() -> None:
    assert github.summary(tally_of(DIAGNOSTICS), REPORT.files_checked) == (
        "## postlint\n"
        "\n"
        "| Code | Name | Severity | Problems |\n"
        "| --- | --- | --- | ---: |\n"
        "| `FM010` | `missing-field` | error | 2 |\n"
        "| `FM021` | `date-without-timezone` | warning | 1 |\n"
        "| `HTM001` | `html-syntax` | warning | 1 |\n"
        "| `HTM004` | `indentation-whitespace` | info | 1 |\n"
        "| `IMG004` | `img-missing-alt` | warning | 1 |\n"
        "| **Total** | | | **6** |\n"
        "\n"
        "| File | Problems |\n"
        "| --- | ---: |\n"
        "| `_posts/2024-11-06-bad.md` | 3 |\n"
        "| `_posts/with, comma: and spaces.md` | 2 |\n"
        "| `_posts/中文.md` | 1 |\n"
        "\n"
        "Files checked: 4; with problems: 3.\n"
    )


def test_github_summary_escapes_cells_and_notes_the_annotation_limit() -> None:
    paths = [f"p{n:02}|`x`\n.md" for n in range(12)]
    text = github.summary(tally_of(replace(DIAGNOSTICS[0], path=path) for path in paths), 12)
    assert "| ``p00\\|`x` .md`` | 1 |" in text
    assert "p11" not in text  # only the 10 files with most problems are listed
    assert "Files checked: 12; with problems: 12 (the 10 with most are listed)." in text
    assert "GitHub shows only the first 10 annotations of each kind" in text
    assert all(line.startswith("|") for line in text.splitlines() if "p0" in line)


def test_github_summary_paths_are_relative_to_the_root(tmp_path: Path) -> None:
    inside = replace(DIAGNOSTICS[0], path=str(tmp_path / "_posts" / "a.md"))
    dotted = replace(DIAGNOSTICS[0], path="./_posts/b.md")
    plain = replace(DIAGNOSTICS[0], path="_posts/b.md")
    text = github.summary(tally_of([inside, dotted, plain]), 2, root=tmp_path)
    assert "| `_posts/b.md` | 2 |\n| `_posts/a.md` | 1 |\n" in text  # one file, two spellings
    assert "Files checked: 2; with problems: 2." in text


def test_github_summary_of_a_clean_run() -> None:
    assert github.summary(Tally(), 1) == ("## postlint\n\nNo problems found. Files checked: 1.\n")


# The fields GitLab reads from a Code Quality report (docs.gitlab.com, "Implement a custom
# tool"): every other field is ignored.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string"},
            "check_name": {"type": "string"},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab() -> None:
    issues = json.loads(render("gitlab", REPORT, source_line=source_line))
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("FM010", "major"),
        ("FM010", "major"),
        ("FM021", "minor"),
        ("HTM001", "minor"),
        ("HTM004", "info"),
        ("IMG004", "minor"),
    ]
    assert issues[4]["description"] == "HTM004 " + UNTRUSTED
    assert [i["location"] for i in issues[3:]] == [
        {"path": ODD, "lines": {"begin": 3, "end": 5}},
        {"path": ODD, "lines": {"begin": 7, "end": 7}},
        {"path": CJK, "lines": {"begin": 2, "end": 2}},
    ]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # even for the two FM010 at 1:1


def fingerprints_of(report: Report, lines: dict[tuple[str, int], str]) -> list[str]:
    text = render("gitlab", report, source_line=lambda path, line: lines.get((path, line)))
    return [issue["fingerprint"] for issue in json.loads(text)]


def test_fingerprints_are_stable_and_follow_moved_lines() -> None:
    before = fingerprints_of(REPORT, SOURCE)
    assert before == fingerprints_of(REPORT, SOURCE)
    moved = Report([replace(d, line=d.line + 3) for d in DIAGNOSTICS], REPORT.paths)
    assert fingerprints_of(moved, {(p, n + 3): text for (p, n), text in SOURCE.items()}) == before
    edited = {**SOURCE, (BAD, 12): "date: 2024-11-07 10:00"}
    after = fingerprints_of(REPORT, edited)
    assert [a == b for a, b in zip(before, after, strict=True)] == [
        True,
        True,
        False,
        True,
        True,
        True,
    ]


def test_fingerprints_fall_back_to_the_message() -> None:
    without = fingerprints_of(REPORT, {})
    no_source = output(lambda out: gitlab.write(DIAGNOSTICS, out))
    assert without == [i["fingerprint"] for i in json.loads(no_source)]
    assert without != fingerprints_of(REPORT, SOURCE)
    assert len(set(without)) == len(without)


def test_gitlab_paths_are_relative_to_the_root(tmp_path: Path) -> None:
    inside = replace(DIAGNOSTICS[0], path=str(tmp_path / "_posts" / "a.md"))
    issues = json.loads(output(lambda out: gitlab.write([inside], out, root=tmp_path)))
    assert issues[0]["location"]["path"] == "_posts/a.md"


SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def validate_sarif(text: str) -> Any:
    log = json.loads(text)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    validator.validate(log)
    return log


def test_sarif_is_valid_and_complete() -> None:
    log = validate_sarif(render("sarif", REPORT, source_line=source_line))
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("postlint", __version__)
    assert driver["informationUri"] == "https://github.com/postlint/postlint"
    assert [rule["id"] for rule in driver["rules"]] == list(registry.codes())
    fm010 = next(rule for rule in driver["rules"] if rule["id"] == "FM010")
    summary = next(rule.summary for rule in registry.rules() if rule.code == "FM010")
    assert fm010 == {
        "id": "FM010",
        "name": "missing-field",
        "shortDescription": {"text": summary},
        "helpUri": "https://github.com/postlint/postlint/blob/main/rules/FM010.md",
        "defaultConfiguration": {"level": "error"},
    }
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["HTM004"] == "note"

    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("FM010", "error"),
        ("FM010", "error"),
        ("FM021", "warning"),
        ("HTM001", "warning"),
        ("HTM004", "note"),
        ("IMG004", "warning"),
    ]
    assert results[4]["message"] == {"text": UNTRUSTED}
    assert results[3]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "_posts/with%2C%20comma%3A%20and%20spaces.md"},
                "region": {"startLine": 3, "startColumn": 5, "endLine": 5, "endColumn": 2},
            }
        }
    ]
    uri = results[5]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "_posts/%E4%B8%AD%E6%96%87.md"
    assert results[2]["relatedLocations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "_posts/2024-11-06-bad.md"},
                "region": {"startLine": 1, "startColumn": 1},
            },
            "message": {"text": "front matter starts here"},
        }
    ]
    partial = [r["partialFingerprints"]["postlint/v1"] for r in results]
    assert partial == fingerprints_of(REPORT, SOURCE)


def test_sarif_uris(tmp_path: Path) -> None:
    inside = replace(DIAGNOSTICS[0], path=str(tmp_path / "_posts" / "a b.md"))
    outside = replace(DIAGNOSTICS[0], path="/elsewhere/a.md")
    dotted = replace(DIAGNOSTICS[0], path="./_posts/a.md")
    diagnostics = sorted([inside, outside, dotted], key=lambda d: d.path)
    log = validate_sarif(output(lambda out: sarif.write(diagnostics, out, root=tmp_path)))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert sorted(uris) == ["_posts/a%20b.md", "_posts/a.md", "file:///elsewhere/a.md"]


def test_sarif_of_a_clean_run() -> None:
    log = validate_sarif(render("sarif", Report([], [CLEAN])))
    assert log["runs"][0]["results"] == []


def test_junit() -> None:
    root = ET.fromstring(render("junit", REPORT))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "7", "6")
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        (BAD, "3", "3"),
        (CLEAN, "1", "0"),
        (ODD, "2", "2"),
        (CJK, "1", "1"),
    ]
    (passing,) = suites[1]
    assert passing.attrib == {"name": "postlint", "classname": CLEAN, "file": CLEAN}
    assert list(passing) == []
    case = suites[2].findall("testcase")[1]
    assert case.attrib == {
        "name": "HTM004 indentation-whitespace 7:1",
        "classname": ODD,
        "file": ODD,
        "line": "7",
    }
    (failure,) = case
    assert failure.tag == "failure"
    assert failure.attrib == {"message": UNTRUSTED, "type": "HTM004"}
    # The attribute keeps CR (as &#13;); XML parsers turn a CR LF in text content into LF.
    assert failure.text == f"{ODD}:7:1: HTM004 {UNTRUSTED}".replace("\r\n", "\n")
    cjk = suites[3].find("testcase/failure")
    assert cjk is not None
    assert cjk.get("message") == "猫\u2028の写真"


def test_checkstyle() -> None:
    root = ET.fromstring(render("checkstyle", REPORT))
    assert root.attrib == {"version": "4.3"}
    files = root.findall("file")
    assert [f.get("name") for f in files] == [BAD, CLEAN, ODD, CJK]
    assert [len(f) for f in files] == [3, 0, 2, 1]
    assert files[2][1].attrib == {
        "line": "7",
        "column": "1",
        "severity": "info",
        "message": UNTRUSTED,
        "source": "postlint.HTM004",
    }
    severities = [e.get("severity") for f in files for e in f]
    assert severities == ["error", "error", "warning", "warning", "info", "warning"]


@pytest.mark.parametrize("output_format", ["junit", "checkstyle"])
def test_xml_is_well_formed_for_any_text(output_format: str) -> None:
    hostile = replace(DIAGNOSTICS[0], path="_posts/\udcff\x1b.md", message="\x00\x1b]0;x\x07<&>\"'")
    text = render(output_format, Report([hostile], [hostile.path]))
    root = ET.fromstring(text)
    messages = [e.get("message") for e in root.iter() if e.get("message") is not None]
    assert messages == ["\\x00\\x1b]0;x\\x07<&>\"'"]
    assert "_posts/\\udcff\\x1b.md" in text


# --- streaming: ``write`` reads the diagnostics once, file by file ------------------------------

# Names that sort differently as strings and as paths ("a-b.md" < "a.md" < "a/b.md"); files
# with diagnostics but not checked ("0.md", "a/b.mdx", "zz.md") between checked ones.
INTERLEAVED = [
    diagnostic("0.md", (1, 1, 1, 2), "FM010", "before every checked file"),
    diagnostic("a.md", (2, 1, 2, 5), "HTM001", "in a.md"),
    diagnostic("a.md", (2, 1, 2, 5), "HTM001", "in a.md"),
    diagnostic("a/b.md", (1, 1, 3, 1), "STY005", "in a/b.md"),
    diagnostic("a/b.mdx", (4, 2, 4, 3), "IMG004", "not checked, between"),
    diagnostic("zz.md", (1, 1, 1, 1), "FM021", "after every checked file"),
]
REPORTS = {
    "shared": REPORT,
    "empty": Report([], []),
    "clean files only": Report([], ["a-b.md", "a.md", "a/b.md", "中文.md"]),
    "interleaved": Report(INTERLEAVED, ["a b.md", "a-b.md", "a.md", "a.md", "a/b.md", "b.md"]),
}


def once(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """A one-shot iterator, as a run's diagnostics read back from disk are."""
    yield from diagnostics


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("output_format", FORMATS)
def test_write_reads_a_one_shot_iterator_as_render_reads_a_report(
    output_format: str, name: str
) -> None:
    report = REPORTS[name]
    streamed = output(
        lambda out: write(
            output_format, once(report.diagnostics), report.paths, out, source_line=source_line
        )
    )
    assert streamed == render(output_format, report, source_line=source_line)


def test_write_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown output format 'yaml'"):
        write("yaml", [], [], io.StringIO())


def test_by_file_merges_checked_files_into_the_stream() -> None:
    paths = REPORTS["interleaved"].paths
    assert [(path, len(found)) for path, found in by_file(once(INTERLEAVED), paths)] == [
        ("0.md", 1),
        ("a b.md", 0),
        ("a-b.md", 0),
        ("a.md", 2),  # listed twice in paths, once here
        ("a/b.md", 1),
        ("a/b.mdx", 1),
        ("b.md", 0),
        ("zz.md", 1),
    ]


THREE_FILES = [
    diagnostic(path, (line, 1, line, 2), "HTM001", f"problem {line}")
    for path in ("first.md", "second.md", "third.md")
    for line in (1, 2, 3)
]


class Recorded:
    """A one-shot iterator over ``THREE_FILES`` that records the paths it has yielded."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __iter__(self) -> Iterator[Diagnostic]:
        for d in THREE_FILES:
            self.paths.append(d.path)
            yield d


class Watched(io.StringIO):
    """A stream that notes which files had been read from ``source`` when each file's name
    first appeared in what was written."""

    def __init__(self, source: Recorded) -> None:
        super().__init__()
        self.source = source
        self.read_when_named: dict[str, set[str]] = {}

    def write(self, text: str, /) -> int:
        written = super().write(text)
        for name in ("first.md", "second.md", "third.md"):
            if name in self.getvalue():
                self.read_when_named.setdefault(name, set(self.source.paths))
        return written


def test_by_file_holds_one_file_at_a_time() -> None:
    source = Recorded()
    files = by_file(source, ["first.md", "second.md", "third.md"])
    path, found = next(files)
    assert (path, len(found)) == ("first.md", 3)
    assert source.paths == ["first.md"] * 3 + ["second.md"]  # one look at the next file
    assert next(files)[0] == "second.md"
    assert "third.md" in source.paths
    assert source.paths.count("third.md") == 1


# junit writes nothing until the stream ends: its root holds the totals (the suites are
# spooled meanwhile, file by file as ``by_file`` gives them).
@pytest.mark.parametrize("output_format", [f for f in FORMATS if f != "junit"])
def test_write_writes_each_file_before_reading_past_the_next(output_format: str) -> None:
    source = Recorded()
    out = Watched(source)
    write(output_format, source, ["first.md", "second.md", "third.md"], out)
    assert source.paths == [d.path for d in THREE_FILES]  # read once, to the end
    assert "third.md" not in out.read_when_named["first.md"]
    assert out.read_when_named["third.md"] == {"first.md", "second.md", "third.md"}


@pytest.mark.parametrize("level", [0, 1, 3])
@pytest.mark.parametrize("items", [[], [{}], [1, [], {"a": [1, {"b": "x\ny\u2028"}]}, "猫"]])
def test_write_array_writes_what_json_dumps_does(items: list[Any], level: int) -> None:
    nested: Any = items
    for depth in range(level):
        nested = {f"k{depth}": nested}  # k0 holds the array
    whole = json.dumps(nested, ensure_ascii=False, indent=2)
    streamed = output(lambda out: write_array(iter(items), out, level))
    array_onwards = whole.partition('"k0": ')[2] if level else whole
    assert array_onwards.startswith(streamed)
    assert array_onwards.removeprefix(streamed).strip("\n }") == ""  # the objects' ends
