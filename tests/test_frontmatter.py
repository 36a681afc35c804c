"""Front matter: splitting, composing with positions, and the refusals that keep it safe."""

from __future__ import annotations

import pytest

from postlint.document import Document
from postlint.positions import Position


def findings(text: str) -> list[tuple[int, int, str]]:
    doc = Document(text, "post.md")
    assert doc.front_matter is not None
    result = []
    for finding in doc.front_matter.findings:
        position = doc.lines.position(finding.span.start)
        result.append((position.line, position.column, finding.code))
    return result


def test_yaml_keys_and_values_have_exact_positions() -> None:
    doc = Document('---\ntitle: "标题"\ntags: [a, b]\n---\nbody\n', "p.md")
    assert doc.front_matter is not None
    entries = doc.front_matter.entries
    assert doc.lines.position(entries["title"].key.start).column == 1
    assert doc.lines.position(entries["title"].value.span.start) == Position(2, 8)
    tags = entries["tags"].value
    assert [doc.text[i.span.start : i.span.end] for i in tags.items] == ["a", "b"]
    assert doc.body_start == doc.text.index("body")


def test_dates_keep_their_raw_text() -> None:
    doc = Document("---\ndate: 2024-11-06T00:45:40.000Z\nbad: 2024-13-45\n---\n", "p.md")
    assert doc.front_matter is not None
    assert doc.front_matter.entries["date"].value.raw == "2024-11-06T00:45:40.000Z"
    assert doc.front_matter.entries["bad"].value.value == "2024-13-45"


def test_explicit_tags_on_values_they_cannot_read_keep_the_text() -> None:
    text = "---\na: !!int\nb: !!bool maybe\nc: !!timestamp soon\nd: !!float\n---\n"
    doc = Document(text, "p.md")
    assert doc.front_matter is not None
    values = {key: entry.value.value for key, entry in doc.front_matter.entries.items()}
    assert values == {"a": "", "b": "maybe", "c": "soon", "d": ""}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('---\ntitle: "never closed\n---\n', [(2, 8, "FM002")]),
        ("---\ntitle: a: b\n---\n", [(2, 9, "FM002")]),
        ("---\ntitle: x\n\tdate: 1\n---\n", [(3, 1, "FM002")]),
        ("---\ntitle: x\n", [(1, 1, "FM002")]),
        ("---\nx: !!python/object:os.system a\n---\n", [(2, 4, "FM002")]),
        ("---\n- a\n- b\n---\n", [(2, 1, "FM003")]),
        ("---\njust text\n---\n", [(2, 1, "FM003")]),
        ("---\na: 1\nb:\n  c: 1\n  c: 2\na: 3\n---\n", [(5, 3, "FM004"), (6, 1, "FM004")]),
        (
            "---\non: 1\n1: 2\nnull: 3\n2024-01-01: 4\n---\n",
            [(2, 1, "FM011"), (3, 1, "FM011"), (4, 1, "FM011"), (5, 1, "FM011")],
        ),
        ("---\na: 1\n--- \nb: 2\n---\n", []),
        ("---\n---\n", []),
    ],
)
def test_front_matter_problems(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert findings(text) == expected


def test_alias_bomb_is_refused_quickly_and_not_expanded() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{refs}]")
    text = "---\n" + "\n".join(levels) + "\n---\n"
    result = findings(text)
    assert [code for _, _, code in result] == ["FM002"]


def test_deep_nesting_is_refused() -> None:
    flow = "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n"  # libyaml's own limit: 1000
    assert findings(flow) == [(2, 1003, "FM002")]
    block = "---\na:\n" + "".join("  " * i + "-\n" for i in range(1, 100)) + "---\n"
    assert findings(block) == [(66, 129, "FM002")]


def test_front_matter_over_64_kib_is_not_parsed() -> None:
    text = "---\n" + "".join(f"k{i}: {'x' * 60}\n" for i in range(1200)) + "---\n"
    assert findings(text) == [(1, 1, "FM002")]


def test_toml_and_json_front_matter() -> None:
    toml = Document('+++\ntitle = "x"\ndate = 2024-01-01T00:00:00Z\n+++\nbody', "p.md")
    assert toml.front_matter is not None and toml.front_matter.format == "toml"
    assert toml.lines.position(toml.front_matter.entries["date"].key.start).line == 3
    assert toml.front_matter.entries["date"].value.raw == "2024-01-01T00:00:00Z"
    json = Document('{\n  "title": "x",\n  "n": 1\n}\nbody', "p.md")
    assert json.front_matter is not None and json.front_matter.format == "json"
    assert json.lines.position(json.front_matter.entries["n"].key.start).line == 3
    assert json.body_start == json.text.index("body")


def test_broken_toml_points_at_the_error() -> None:
    assert findings('+++\ntitle = "x"\ndate = \n+++\n') == [(3, 8, "FM002")]


def test_no_front_matter_when_the_fence_is_not_on_line_one() -> None:
    assert Document("\n---\ntitle: x\n---\n", "p.md").front_matter is None


def test_horizontal_rule_later_in_the_body_is_not_front_matter() -> None:
    doc = Document("---\ntitle: x\n---\ntext\n\n---\n\nmore\n", "p.md")
    assert doc.front_matter is not None
    assert doc.body_start == doc.text.index("text")


@pytest.mark.parametrize(
    ("text", "content", "body_start"),
    [
        ("---\r\n---\r\nbody", (5, 5), 10),  # empty, closed right after the opening line
        ("+++\n+++", (4, 4), 7),
        ("---\rtitle: x\r...\rbody", (4, 13), 17),  # lone CR line breaks
    ],
)
def test_closing_line_after_any_line_break(
    text: str, content: tuple[int, int], body_start: int
) -> None:
    doc = Document(text, "p.md")
    assert doc.front_matter is not None
    assert doc.front_matter.closed
    assert (doc.front_matter.content.start, doc.front_matter.content.end) == content
    assert doc.body_start == body_start
