"""Properties that hold for any input: arbitrary bytes, arbitrary text, posts assembled from
hostile fragments, and real posts from ../shared/corpus/ with random damage.

For each: linting never raises and never reports an internal error (PL900); every diagnostic
lies inside the file (1 <= line <= lines, 1 <= column <= the line's length + 1, end after
start); messages are one line, with no raw control character; the JSON output parses back to
the same diagnostics; and the same input gives the same output twice. The example counts keep
the module to well under a minute on two cores.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint import Diagnostic, lint_paths, lint_text, registry
from postlint.config import Config, default_config
from postlint.reporters.json import write


def bounded(examples: int) -> settings:
    """``examples`` examples, with no deadline: some inputs are meant to be slow."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # postlint's line breaks, and only these
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never raw in a message: escaped
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
NAMES = ["2024-11-06-post.md", "post.html", "2024-11-06-post.markdown", "index.md"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """Every rule, with the site in a folder of its own (IMG002 looks files up there)."""
    return default_config(tmp_path_factory.mktemp("site"))


def reference_text(data: bytes) -> str:
    """The file's text as a reader would decode it, bad bytes replaced (one character each
    at least, so a position at the first bad byte is still inside it)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def check_well_formed(diagnostics: Sequence[Diagnostic], text: str) -> None:
    lines = _LINE_BREAK.split(text)
    codes = set(registry.codes())
    for d in diagnostics:
        assert d.code in codes, d
        assert d.code != "PL900", d.message  # a rule or parser that failed is a bug
        assert 1 <= d.line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        assert 1 <= d.end_line <= len(lines), d
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, d
        assert (d.end_line, d.end_column) >= (d.line, d.column), d
        assert d.message and len(d.message.splitlines()) == 1, d.message
        assert not _CONTROL.search(d.message), d.message
    out = io.StringIO()
    write(diagnostics, out)
    rendered = json.loads(out.getvalue())
    assert [Diagnostic.from_dict(item) for item in rendered] == list(diagnostics)
    assert [item["code"] for item in rendered] == [d.code for d in diagnostics]


def lint_file(config: Config, name: str, data: bytes) -> list[Diagnostic]:
    path = config.root / name
    path.write_bytes(data)
    report = lint_paths([path], config=config)
    assert report.paths == [str(path)]
    return report.diagnostics


def same_twice(first: Sequence[Diagnostic], second: Sequence[Diagnostic]) -> None:
    assert [d.to_dict() for d in first] == [d.to_dict() for d in second]


# --- arbitrary bytes and text -------------------------------------------------------------------


@bounded(800)
@given(data=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_any_bytes(site: Config, data: bytes, name: str) -> None:
    first = lint_file(site, name, data)
    check_well_formed(first, reference_text(data))
    same_twice(first, lint_file(site, name, data))


@bounded(800)
@given(text=st.text(max_size=1000), name=st.sampled_from(NAMES))
def test_any_text(site: Config, text: str, name: str) -> None:
    first = lint_text(text, path=str(site.root / name), config=site)
    check_well_formed(first, text)
    same_twice(first, lint_text(text, path=str(site.root / name), config=site))


# --- posts assembled from hostile fragments ------------------------------------------------------

OPENINGS = ["---\n", "+++\n", "{", "", "\ufeff---\n", "\n---\n", "--- \n", "---\r\n", "---\r"]
FRONT_MATTER = [
    "title: 标题",
    "title: a: b",
    'title: "unclosed',
    "title: 'it''s'",
    "date: 2024-13-45",
    "date: 2024-11-06T09:45:40+08:00",
    "date: 2024-02-30 25:00:00",
    "tags: [a, b",
    "tags: {a: 1, a: 2}",
    "on: yes",
    "10:00: x",
    "code: 012345",
    "a: &a [1, 2]",
    "b: [*a, *a, *a]",
    "c: *nowhere",
    "x: !!python/object/apply:os.system [x]",
    "y: !local z",
    "\tdate: 2024-11-06",
    "  nested: 1",
    "- item",
    "? [k]",
    ": v",
    "<<: *a",
    "# comment",
    "",
    "...",
    "---",
    "+++",
    'title = "toml"',
    "[table]",
    '"json": 1}',
    '{"title": "a", "title": "b"}',
    "%YAML 1.1",
    "title: \u2028\x85",
    "title: \x0c\x00",
]
BODY = [
    "正文",
    "# heading",
    "heading\n===",
    "---",
    "***",
    "```html",
    "~~~",
    "```",
    "    <img src='code.png'>",
    "`<font>`",
    "<img src=x.png>",
    "<img\n src='a.png'\n alt=''\n width='50%'\n style='a'>",
    "<img src='data:image/png;base64,AAAA' alt>",
    "<img src='http://example.com/a.png' alt='a'>",
    "<p style='x'>",
    "</p>",
    "<div>",
    "</div>",
    "<span><b><i>",
    "</i></b></span>",
    "<table><tr><td>cell</td></tr></table>",
    "<font color=red>",
    "<center>",
    "<iframe src='https://example.com'></iframe>",
    "<a href='javascript:alert(1)' onclick='x()'>",
    "<script>alert(1)",
    "</script>",
    "<style>p{}</style>",
    "<!-- comment -->",
    "<!--",
    "-->",
    "<!-- postlint-disable FM001 -->",
    "<!-- postlint-disable-next-line STY001 -->",
    "<!-- postlint-enable -->",
    "<!-- postlint-disable NOPE999 -->",
    "<!--1730857540000-->",
    "<![CDATA[",
    "<!DOCTYPE html>",
    "<?php ?>",
    "![alt](a.png)",
    "![alt][ref]",
    "![](<a b.png> 'title')",
    "[ref]: b.png",
    "[link](https://example.com/a.html)",
    "© 2021 AFP",
    "© 2020年 德国之声版权声明",
    "Copyright 2024 Example Inc. All rights reserved.",
    "&amp;&lt;&#x1F600;&bogus;",
    "<",
    ">",
    "&",
    "[",
    "]",
    "*",
    "\t",
    "\u2028",
    "\x85",
    "\x0c",
    "\x1b[31m",
    "\u200b\ufeff",
    "😀",
    "ｆｕｌｌ　ｗｉｄｔｈ",
]
SEPARATORS = ["", " ", "\n", "\r\n", "\r", "\n\n"]


@st.composite
def hostile_post(draw: st.DrawFn) -> str:
    pieces = [draw(st.sampled_from(OPENINGS))]
    for _ in range(draw(st.integers(0, 8))):
        pieces += [draw(st.sampled_from(FRONT_MATTER)), draw(st.sampled_from(SEPARATORS))]
    pieces.append(draw(st.sampled_from(["---\n", "...\n", "+++\n", "}\n", "", "---"])))
    for _ in range(draw(st.integers(0, 14))):
        pieces += [draw(st.sampled_from(BODY)), draw(st.sampled_from(SEPARATORS))]
    return "".join(pieces)


@bounded(1500)
@given(text=hostile_post(), name=st.sampled_from(NAMES))
def test_posts_made_of_hostile_fragments(site: Config, text: str, name: str) -> None:
    first = lint_text(text, path=str(site.root / name), config=site)
    check_well_formed(first, text)
    same_twice(first, lint_text(text, path=str(site.root / name), config=site))
    # A file with the same text gets the same diagnostics (a NUL makes a file binary: PL002).
    from_file = lint_file(site, name, text.encode("utf-8"))
    if "\x00" not in text:
        same_twice(first, from_file)


# --- markup tokens, in any order ----------------------------------------------------------------

TOKENS = [
    *"<>/=\"' -:![]()`*#&;{}|\\~%@",
    *["\n", "\r", "\r\n", "\t", "    ", "> ", "- ", "1. ", "---", "+++", "...", "```", "~~~"],
    *["<!--", "-->", "<!-- postlint-disable ", "FM001", "STY001", "&a", "*a", "!!str", "? "],
    *["img", "p", "div", "script", "style", "a", "src", "alt", "width", "href", "title"],
    *["date", "layout", "tags", "2024-11-06", "2024-13-45", "12:30", "0777", "true", "null"],
    *["http://x", "x.png", "标题", "\u2028", "\x85", "\x0c", "\ufeff", "😀", "©", "Copyright"],
]


@bounded(600)
@given(
    opening=st.sampled_from(["", "---\n", "+++\n", "{"]),
    tokens=st.lists(st.sampled_from(TOKENS), max_size=80),
    name=st.sampled_from(NAMES),
)
def test_markup_tokens_in_any_order(
    site: Config, opening: str, tokens: list[str], name: str
) -> None:
    text = opening + "".join(tokens)
    first = lint_text(text, path=str(site.root / name), config=site)
    check_well_formed(first, text)
    same_twice(first, lint_file(site, name, text.encode("utf-8")))


# --- real posts, damaged -----------------------------------------------------------------------


def _corpus_posts() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        path
        for path in CORPUS.rglob("*")
        if path.suffix in (".md", ".html", ".markdown")
        and path.is_file()
        and path.stat().st_size <= 32_000
    )


CORPUS_POSTS = _corpus_posts()
INSERTS = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\n---\n",
    b"<",
    b"<div>",
    b"</div>",
    b"<!--",
    b"```\n",
    b'"',
    b"'",
    b": ",
    b"&a ",
    b"*a",
    b"\t",
    b"\xe2\x80\xa8",
    "标题".encode(),
    "标题".encode("gbk"),
]


@st.composite
def damaged_post(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from(CORPUS_POSTS))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        length = draw(st.integers(0, 64))
        kind = draw(st.sampled_from(["delete", "insert", "bytes", "duplicate", "truncate", "ends"]))
        if kind == "delete":
            del data[at : at + length]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        elif kind == "bytes":
            data[at : at + length] = draw(st.binary(max_size=16))
        elif kind == "duplicate":
            data[at:at] = data[at : at + length * 8]
        elif kind == "truncate":
            del data[at:]
        else:
            data = bytearray(bytes(data).replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r"]))))
    return path.name, bytes(data)


@pytest.mark.skipif(not CORPUS_POSTS, reason=f"{CORPUS} is absent (../shared is not checked out)")
@bounded(400)
@given(post=damaged_post())
def test_damaged_corpus_posts(site: Config, post: tuple[str, bytes]) -> None:
    name, data = post
    first = lint_file(site, name, data)
    check_well_formed(first, reference_text(data))
    same_twice(first, lint_file(site, name, data))


def test_the_undamaged_corpus_sample_is_well_formed(site: Config) -> None:
    """The posts the damage starts from are themselves well formed (and checked quickly)."""
    if not CORPUS_POSTS:
        pytest.skip(f"{CORPUS} is absent (../shared is not checked out)")
    for path in CORPUS_POSTS[:: max(1, len(CORPUS_POSTS) // 50)]:
        data = path.read_bytes()
        check_well_formed(lint_file(site, path.name, data), reference_text(data))
