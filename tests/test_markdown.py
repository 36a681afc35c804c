"""The flat block scanner gives exactly what markdown-it gives, on every post it accepts.

Posts are generated from lines that sit on the edges of CommonMark's block rules (fences and
their closers, HTML blocks of all seven kinds and their ends, setext underlines, rules,
indented code, headings with closing hashes), with and without containers, reference
definitions and tabs (which the scanner hands to markdown-it), and each is scanned both ways.
"""

from __future__ import annotations

from unittest.mock import patch

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.document import Document
from postlint.parse import markdown
from postlint.parse.flat import flat_pieces

FLAT_LINES = [
    "",
    "   ",
    "Plain text with <b>bold</b> and ![an image](/img/a.png \"t\").",
    "中文段落，<span style=\"color:red\">红色</span>。",
    "text <!-- a comment --> more",
    "    indented code <i>",
    "      deeper code",
    "```",
    "```python",
    "``` `not a fence`",
    "~~~",
    "~~~~ info ~~~",
    "    ```",
    "   ```",
    "# Heading <em>x</em>",
    "## Heading ##",
    "### Heading #not closing",
    "####### seven",
    "#no space",
    "#",
    "===",
    "---",
    "***",
    "___",
    " _ _ _ ",
    "==",
    "--",
    "<div>",
    "<div class=\"x\">",
    "</div>",
    "<DIV>",
    "<p>para</p>",
    "<script>",
    "<script src=\"x.js\"></script>",
    "</script>",
    "<pre>code",
    "</pre>",
    "<style>p {}</style>",
    "<!-- comment",
    "-->",
    "<!-- one line -->",
    "<?php echo 1; ?>",
    "<?php",
    "?>",
    "<!DOCTYPE html>",
    "<![CDATA[ x",
    "]]>",
    "<custom-tag attr=\"1\">",
    "<custom-tag attr=\"1\"> text after",
    "</custom-tag>",
    "<img src=\"/a.png\">",
    "<a href=\"x\">link</a>",
    "<https://example.com>",
    "< not a tag",
    "text ending in <",
    "![image](</path with spaces.png>)",
    "[link](https://example.com) and `code <b>`",
    "text\\",
    "  two-space indented text",
    "\u3000ideographic space",
    "line with trailing spaces   ",
]
CONTAINER_LINES = [
    "> quoted <b>x</b>",
    "- - -",
    "- item",
    "* item",
    "+ item",
    "1. item",
    "2) item",
    "  - nested",
    "[label]: /url \"title\"",
    "\tindented with a tab",
    "  \t mixed",
]
ENDINGS = ["\n", "\r\n", "\r"]


def _post(lines: list[str], ending: str, final: str) -> str:
    return "---\ntitle: t\n---\n" + ending.join(lines) + final


def _both_ways(text: str) -> tuple[markdown.MarkdownView, markdown.MarkdownView]:
    doc = Document(text, "post.md")
    scanned = markdown.scan(doc.text, doc.body_start, doc.lines)
    with patch.object(markdown, "flat_pieces", return_value=None):
        parsed = markdown.scan(doc.text, doc.body_start, doc.lines)
    return scanned, parsed


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(FLAT_LINES), max_size=25),
    st.sampled_from(ENDINGS),
    st.sampled_from(["", "\n", "  ", "\n\n"]),
)
def test_flat_posts_scan_as_markdown_it_parses_them(
    lines: list[str], ending: str, final: str
) -> None:
    text = _post(lines, ending, final)
    doc = Document(text, "post.md")
    assert flat_pieces(text[doc.body_start :], 0) is not None
    scanned, parsed = _both_ways(text)
    assert scanned == parsed


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*FLAT_LINES, *CONTAINER_LINES, "![ref][label]"]), max_size=25))
def test_posts_with_containers_are_left_to_markdown_it(lines: list[str]) -> None:
    scanned, parsed = _both_ways(_post(lines, "\n", "\n"))
    assert scanned == parsed


def test_containers_definitions_and_tabs_are_not_flat() -> None:
    for line in CONTAINER_LINES:
        assert flat_pieces(f"text\n\n{line}\n", 0) is None, line
    assert flat_pieces("a [link][x] without a definition\n", 0) is not None


def test_a_flat_post_gives_its_blocks_with_lines() -> None:
    body = "# Title\n\n<div>\n<img src=x>\n</div>\n\ntext\n---\n\n```\n<b>\n```\n"
    pieces = flat_pieces(body, 3)
    assert pieces is not None
    assert [(p.kind, p.first, p.end, p.level) for p in pieces] == [
        ("heading", 3, 4, 1),
        ("html_block", 5, 8, 0),
        ("heading", 9, 11, 2),  # setext: "text" underlined
        ("fence", 12, 15, 0),
    ]


def test_corpus_posts_scan_as_markdown_it_parses_them() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}")
    flat = 0
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = Document(text, str(path))
        flat += flat_pieces(text[doc.body_start :], 0) is not None
        scanned, parsed = _both_ways(text)
        assert scanned == parsed, path
    assert flat > 2000  # most mirrored posts take the fast path
