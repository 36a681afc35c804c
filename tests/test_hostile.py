"""The catalogue of hostile input: each input, made here byte by byte, and the exact diagnostics
(line, column, code) it must get. The invariant behind every row: any input gets either its
diagnostics or a PL/FM diagnostic saying why it could not be checked, and nothing raises.

Text inputs are linted twice, with ``lint_text`` and as a file with ``lint_paths``, and must
get the same diagnostics both ways; byte inputs (other encodings, binary) only as files. Many
of these inputs also stand as fixtures under tests/fixtures/; this module is the record the
"never crash, never lose a word" issue asks for, so it lists each one again, explicitly.
"""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from postlint import lint_paths, lint_text, registry
from postlint.checks.title import TITLE_MISMATCH
from postlint.cli import main
from postlint.config import Config, ConfigFile
from postlint.context import CheckContext
from postlint.diagnostics import Finding
from postlint.document import Document
from postlint.rules import check

Got = list[tuple[int, int, str]]
NAME = "2024-11-06-post.md"
FM_PL = ("FM", "PL")  # the front-matter and file rules: later rule families cannot change these
HTML_RULES = ("PL", "STY", "HTM", "IMG006")  # IMG002 (local files) depends on the site

# A post whose date is impossible: FM020 at 3:7 whenever the post is read as it should be.
POST = "---\ntitle: 标题\ndate: 2024-13-45\n---\n正文\n"
FM020 = (3, 7, "FM020")


def config(
    root: Path, select: tuple[str, ...] = FM_PL, settings: dict[str, Any] | None = None
) -> Config:
    file = ConfigFile.model_validate({"select": list(select), **(settings or {})})
    return Config(root=root, file=file)


def on_disk(root: Path, data: bytes, cfg: Config, name: str = NAME) -> Got:
    path = root / name
    path.write_bytes(data)
    report = lint_paths([path], config=cfg)
    return [(d.line, d.column, d.code) for d in report.diagnostics]


def as_text(root: Path, text: str, cfg: Config, name: str = NAME) -> Got:
    found = lint_text(text, path=str(root / name), config=cfg)
    return [(d.line, d.column, d.code) for d in found]


@dataclass(frozen=True)
class Case:
    """One hostile input: text (linted as text and as a UTF-8 file) or bytes (a file)."""

    id: str
    data: str | bytes
    expected: Got
    select: tuple[str, ...] = FM_PL
    settings: dict[str, Any] = field(default_factory=dict)


def _utf16(text: str, codec: str) -> bytes:
    return "\ufeff".encode(codec) + text.encode(codec)


def _alias_bomb(width: int = 9, levels: int = 9) -> str:
    lines = ["---", "a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    return "\n".join([*lines, "---", ""])


STRING_FIELDS = {
    "front-matter": {"fields": {"time": {"type": "string"}, "code": {"type": "string"}}}
}
TEN_LINE_IMG = (
    "<p>text <img\n"
    '  src="a.png"\n'
    '  alt=""\n'
    '  width="50%"\n'
    '  height="1"\n'
    '  class="c"\n'
    '  id="i"\n'
    '  title="t"\n'
    '  loading="lazy"\n'
    '  style="color:red"></p>\n'
)

CATALOGUE = [
    # --- encodings and bytes --------------------------------------------------------------
    # UTF-8 with a BOM: checked normally (columns do not count the BOM), plus PL003.
    Case("utf8-bom", codecs.BOM_UTF8 + POST.encode(), [(1, 1, "PL003"), FM020]),
    Case("utf8-bom-only", codecs.BOM_UTF8, [(1, 1, "FM001"), (1, 1, "PL003")]),
    # UTF-16 and UTF-32 with a BOM: decoded and checked, plus PL003.
    Case("utf16-le-bom", _utf16(POST, "utf-16-le"), [(1, 1, "PL003"), FM020]),
    Case("utf16-be-bom", _utf16(POST, "utf-16-be"), [(1, 1, "PL003"), FM020]),
    Case("utf32-le-bom", _utf16(POST, "utf-32-le"), [(1, 1, "PL003"), FM020]),
    # UTF-16 with a BOM but an odd trailing byte: PL002 where the decodable text ends.
    Case("utf16-truncated", _utf16(POST, "utf-16-le") + b"x", [(6, 1, "PL002")]),
    # UTF-16 without a BOM: its NUL bytes make it binary, at the first one (byte 1).
    Case("utf16-no-bom", POST.encode("utf-16-le"), [(1, 2, "PL002")]),
    # Legacy encodings: PL002 at the first byte that is not UTF-8, and nothing else.
    Case("gbk", POST.encode("gbk"), [(2, 8, "PL002")]),
    Case("shift-jis", "---\ntitle: 日本語\n---\n".encode("shift_jis"), [(2, 8, "PL002")]),
    Case("latin-1", "---\ntitle: café\n---\n".encode("latin-1"), [(2, 11, "PL002")]),
    Case("cp1252-quotes", "---\ntitle: “q”\n---\n".encode("cp1252"), [(2, 8, "PL002")]),
    # UTF-8 up to a GBK word in the body: the column counts the code points before it.
    Case(
        "utf8-then-gbk",
        "---\ntitle: a\n---\n正文 ".encode() + "中文".encode("gbk") + b"\n",
        [(4, 4, "PL002")],
    ),
    Case("truncated-utf8", "---\ntitle: 标题".encode()[:-1], [(2, 9, "PL002")]),
    Case("encoded-surrogate", b"---\ntitle: a\xed\xa0\x80\n---\n", [(2, 9, "PL002")]),
    Case("overlong-utf8", b"---\ntitle: a\xc0\xaf\n---\n", [(2, 9, "PL002")]),
    # NUL bytes and binary files named .md: PL002 at the first NUL (or undecodable byte).
    Case("nul-in-body", b"---\ntitle: a\n---\nab\x00cd\n", [(4, 3, "PL002")]),
    Case("nul-after-bom", codecs.BOM_UTF8 + b"---\n\x00", [(1, 1, "PL003"), (2, 1, "PL002")]),
    Case("png-named-md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [(1, 1, "PL002")]),
    Case("all-bytes", bytes(range(256)) * 4, [(1, 1, "PL002")]),
    Case("empty-file", b"", [(1, 1, "FM001")]),
    # --- line endings and separators -------------------------------------------------------
    Case("lf", POST, [FM020]),
    Case("crlf", POST.replace("\n", "\r\n"), [FM020]),
    Case("bare-cr", POST.replace("\n", "\r"), [FM020]),
    Case("mixed-endings", "---\r\ntitle: a\rdate: 2024-13-45\n---\r\nbody\r", [FM020]),
    # U+2028, NEL and form feed are not line breaks: in a quoted value (YAML folds them) and
    # in the body they shift no line and no column.
    Case(
        "separators-in-text",
        '---\ntitle: "a\u2028b\x85c"\ndate: 2024-13-45\n---\n'
        'x\u2028y\x85z\x0cw <span style="c">v</span>\n\n<p style="x">\u2028\x85\x0c</p>\n',
        [FM020, (5, 15, "STY001"), (7, 4, "STY001")],
        select=("FM", "PL", "STY"),
    ),
    # YAML forbids a form feed or NUL even in a value: FM002 at that very character.
    Case("form-feed-in-front-matter", "---\ntitle: a\x0cb\n---\n", [(2, 9, "FM002")]),
    # --- where the front matter is, and what format ----------------------------------------
    Case("no-front-matter", "# A post\n\nText.\n", [(1, 1, "FM001")]),
    Case("unterminated-front-matter", "---\ntitle: a\n\nbody\n", [(1, 1, "FM002")]),
    Case("blank-line-before-fence", "\n---\ntitle: a\n---\n", [(1, 1, "FM001")]),
    Case("spaces-line-before-fence", "  \n\t\n---\ntitle: a\n---\n", [(1, 1, "FM001")]),
    Case("toml", '+++\ntitle = "a"\ndate = 2024-11-06\n+++\nbody\n', []),
    Case("toml-duplicate-key", '+++\ntitle = "a"\ntitle = "b"\n+++\n', [(3, 1, "FM004")]),
    Case("toml-unterminated", '+++\ntitle = "a"\n', [(1, 1, "FM002")]),
    Case("json", '{"title": "a", "date": "2024-11-06"}\nbody\n', []),
    Case("json-impossible-date", '{"title": "a", "date": "2024-13-45"}\n', [(1, 24, "FM020")]),
    Case("json-duplicate-key", '{"title": "a", "title": "b"}\n', [(1, 16, "FM004")]),
    Case("json-syntax-error", '{"title": "a" "date": 1}\n', [(1, 15, "FM002")]),
    # --- the shape of the front matter -----------------------------------------------------
    Case("list-front-matter", "---\n- a\n- b\n---\n", [(2, 1, "FM003")]),
    Case("scalar-front-matter", "---\njust text\n---\n", [(2, 1, "FM003")]),
    Case("number-front-matter", "---\n20241106\n---\n", [(2, 1, "FM003")]),
    # Null and empty front matter are an empty mapping, as Jekyll reads them...
    Case("null-front-matter", "---\nnull\n---\n", []),
    Case("tilde-front-matter", "---\n~\n---\n", []),
    Case("empty-front-matter", "---\n---\n", []),
    Case("comment-only-front-matter", "---\n# nothing yet\n---\n", []),
    # ... so a preset that requires fields reports each one missing.
    Case(
        "empty-front-matter-rss-mirror",
        "---\n---\n",
        [(1, 1, "FM010")] * 7,  # layout, title, date, author, from, tags, categories
        settings={"preset": "rss-mirror"},
    ),
    # --- keys ------------------------------------------------------------------------------
    Case("duplicate-key", "---\ntitle: a\ntitle: b\n---\n", [(3, 1, "FM004")]),
    Case(
        "duplicate-nested-key",
        "---\ntitle: a\nauthor:\n  name: x\n  name: y\n---\n",
        [(5, 3, "FM004")],
    ),
    Case("duplicate-key-in-flow", "---\ntitle: a\nx: [{a: 1, a: 2}]\n---\n", [(3, 12, "FM004")]),
    Case(
        "non-string-keys",
        "---\ntitle: a\non: x\n1: y\nnull: z\n2024-11-06: w\n1.5: v\n~: u\n---\n",
        [(line, 1, "FM011") for line in range(3, 9)],
    ),
    Case(
        "collection-keys",
        "---\ntitle: a\n[a]: q\n{a: b}: r\n? [x, y]\n: s\n---\n",
        [(3, 1, "FM011"), (4, 1, "FM011"), (5, 3, "FM011")],
    ),
    # --- syntax ----------------------------------------------------------------------------
    Case("tab-indentation", "---\ntitle: a\n\tdate: 2024-11-06\n---\n", [(3, 1, "FM002")]),
    Case("tab-after-colon", "---\ntitle:\ta\n---\n", []),
    Case("colon-in-plain-title", "---\ntitle: a: b\n---\n", [(2, 9, "FM002")]),
    Case("unclosed-double-quote", '---\ntitle: "a\ndate: 2024-11-06\n---\n', [(2, 8, "FM002")]),
    Case("unclosed-single-quote", "---\ntitle: 'a\n---\n", [(2, 8, "FM002")]),
    Case("unclosed-flow-list", "---\ntags: [a, b\n---\n", [(2, 7, "FM002")]),
    # The second block is body text: a setext heading "title: b", which FM030 compares.
    Case("two-documents", "---\ntitle: a\n---\ntitle: b\n---\n", [(4, 1, "FM030")]),
    # --- bombs -----------------------------------------------------------------------------
    # Aliases are counted, never expanded: refused at the alias that passes 10,000 values.
    Case("alias-bomb", _alias_bomb(), [(6, 8, "FM002")]),
    Case("undefined-alias", "---\ntitle: *nowhere\n---\n", [(2, 8, "FM002")]),
    Case("recursive-alias", "---\na: &a [*a]\n---\n", [(2, 8, "FM002")]),
    # 5,000 levels: libyaml refuses flow nesting past 1,000 levels; postlint refuses 65.
    Case(
        "nested-5000-flow-lists",
        "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        [(2, 1003, "FM002")],
    ),
    Case(
        "nested-5000-flow-maps",
        "---\nx: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n---\n",
        [(2, 256, "FM002")],
    ),
    # "- - - ... 1": the 64th list (the mapping is the first level) starts at column 127.
    # (5,000 levels of indented block mappings need 12 MB: FM002 for 64 KiB, or PL005, first.)
    Case("nested-5000-block-lists", "---\nx:\n" + "- " * 5000 + "1\n---\n", [(3, 127, "FM002")]),
    # --- tags: refused, never constructed --------------------------------------------------
    Case(
        "python-object-apply",
        '---\ntitle: !!python/object/apply:os.system ["echo owned"]\n---\n',
        [(2, 8, "FM002")],
    ),
    Case(
        "python-object-new",
        "---\ntitle: !!python/object/new:os.system [x]\n---\n",
        [(2, 8, "FM002")],
    ),
    Case("python-name", "---\ntitle: !!python/name:os.system\n---\n", [(2, 8, "FM002")]),
    Case(
        "python-object-on-mapping", "---\nx: !!python/object:os.X {a: 1}\n---\n", [(2, 4, "FM002")]
    ),
    Case(
        "verbatim-python-tag",
        "---\ntitle: !<tag:yaml.org,2002:python/name:os.system> x\n---\n",
        [(2, 8, "FM002")],
    ),
    Case("local-tag", "---\ntitle: !foo bar\n---\n", [(2, 8, "FM002")]),
    Case("binary-tag", "---\ntitle: !!binary aGVsbG8=\n---\n", [(2, 8, "FM002")]),
    Case("set-tag", "---\nx: !!set {a, b}\n---\n", [(2, 4, "FM002")]),
    Case("core-str-tag", "---\ntitle: !!str 2024\n---\n", []),
    # --- values YAML 1.1 reads as something else --------------------------------------------
    Case("february-30", "---\ntitle: a\ndate: 2024-02-30\n---\n", [(3, 7, "FM020")]),
    Case("month-13", "---\ntitle: a\ndate: 2024-13-45\n---\n", [(3, 7, "FM020")]),
    Case("hour-25", "---\ntitle: a\ndate: 2024-11-06 25:61:61\n---\n", [(3, 7, "FM020")]),
    Case(
        "sexagesimal-and-octal",
        "---\ntitle: a\ntime: 10:00\ncode: 012345\n---\n",
        [(3, 7, "FM011"), (4, 7, "FM011")],
        settings=STRING_FIELDS,
    ),
    Case(
        "huge-integer",
        "---\ntitle: a\ncode: " + "9" * 5000 + "\n---\n",
        [(3, 7, "FM011")],
        settings=STRING_FIELDS,
    ),
    Case(
        "infinite-float",
        "---\ntitle: a\ncode: 1.0e+99999\n---\n",
        [(3, 7, "FM011")],
        settings=STRING_FIELDS,
    ),
    # --- size ------------------------------------------------------------------------------
    Case(
        "front-matter-over-64-kib",
        '---\ntitle: a\nbody: "' + "x" * 70_000 + '"\n---\n',
        [(1, 1, "FM002")],
    ),
    Case(
        "front-matter-over-64-kib-in-utf8",
        '---\ntitle: a\nbody: "' + "字" * 22_000 + '"\n---\n',
        [(1, 1, "FM002")],
    ),
    # --- HTML ------------------------------------------------------------------------------
    Case(
        "nested-300-divs",
        "---\ntitle: a\n---\n" + "<div>" * 300 + "x" + "</div>" * 300 + "\n",
        [(4, 1, "PL006")],
        select=HTML_RULES,
    ),
    # An <img> over ten lines: each attribute found on its own line and column.
    Case(
        "img-over-ten-lines",
        "---\ntitle: a\n---\n" + TEN_LINE_IMG,
        [(7, 3, "IMG006"), (13, 3, "STY001")],
        select=HTML_RULES,
    ),
    Case(
        "img-over-ten-lines-inline",
        "---\ntitle: a\n---\n" + TEN_LINE_IMG.removeprefix("<p>").replace("></p>", ">"),
        [(7, 3, "IMG006"), (13, 3, "STY001")],
        select=HTML_RULES,
    ),
    # HTML in fenced and indented code and in code spans is text, not HTML.
    Case(
        "html-in-code",
        '---\ntitle: a\n---\n```html\n<img src="a.png" style="x">\n<font>x</font>\n'
        '<script>alert(1)</script>\n```\n\n~~~\n<p style="y">\n~~~\n\n'
        '    <img src="b.png" style="z">\n\ninline `<font style="q">` code\n\n'
        '<p style="after">x</p>\n',
        [(18, 4, "STY001")],
        select=HTML_RULES,
    ),
    Case("unclosed-fence", '---\ntitle: a\n---\n```\n<p style="x">\n', [], select=HTML_RULES),
    # '---' later in the file is a rule (or a setext underline), not a second front matter.
    Case(
        "dashes-as-horizontal-rule",
        '---\ntitle: a\n---\ntext\n\n---\n\n<p style="x">y</p>\n\n---\ntitle: b\n---\n',
        [(8, 4, "STY001")],
        select=("FM", *HTML_RULES),
    ),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.id)
def test_catalogue(case: Case, tmp_path: Path) -> None:
    cfg = config(tmp_path, case.select, case.settings)
    if isinstance(case.data, str):
        assert as_text(tmp_path, case.data, cfg) == case.expected
        assert on_disk(tmp_path, case.data.encode("utf-8"), cfg) == case.expected
    else:
        assert on_disk(tmp_path, case.data, cfg) == case.expected


def test_catalogue_ids_are_unique() -> None:
    ids = [case.id for case in CATALOGUE]
    assert len(ids) == len(set(ids))


# --- messages say what happened -----------------------------------------------------------


def message(root: Path, data: bytes, code: str) -> str:
    path = root / NAME
    path.write_bytes(data)
    found = lint_paths([path], config=config(root)).diagnostics
    return next(d.message for d in found if d.code == code)


def test_pl002_messages_give_the_byte_and_its_offset_in_the_file(tmp_path: Path) -> None:
    assert message(tmp_path, POST.encode("gbk"), "PL002") == (
        "not UTF-8 text: byte 0xb1 at offset 11 cannot be decoded; re-save the file as UTF-8"
    )
    # Offsets count the bytes of a BOM too: they are offsets into the file.
    assert message(tmp_path, codecs.BOM_UTF8 + b"---\n\x00", "PL002") == (
        "binary file: NUL byte at offset 7; expected UTF-8 text"
    )
    assert message(tmp_path, codecs.BOM_UTF8 + b"ab\xff", "PL002").startswith(
        "not UTF-8 text: byte 0xff at offset 5 "
    )


def test_yaml_reader_errors_are_one_line_and_name_the_character(tmp_path: Path) -> None:
    found = lint_text("---\ntitle: \U0001f600\x0cb\n---\n", config=config(tmp_path))
    assert [(d.line, d.column, d.code, d.message) for d in found] == [
        (2, 9, "FM002", "invalid YAML: control characters are not allowed (U+000C)")
    ]


def test_lint_text_with_a_lone_surrogate_is_pl002_not_a_crash(tmp_path: Path) -> None:
    """No file decodes to a lone surrogate, but ``lint_text`` takes any ``str``."""
    for text, position in [
        ("---\ntitle: a\ud800\n---\n", (2, 9)),
        ('{"title": "\udcff"}\n', (1, 12)),
        ("---\ntitle: a\n---\n<p>x\udfff</p>\n", (4, 5)),
    ]:
        found = lint_text(text, config=config(tmp_path, ("ALL",)))
        assert [(d.line, d.column, d.code) for d in found] == [(*position, "PL002")]
        assert found[0].message.startswith("not Unicode text: a lone surrogate U+")


def test_nul_in_text_given_to_lint_text(tmp_path: Path) -> None:
    """A file with a NUL byte is binary (PL002); text given as a string is read as it is."""
    found = lint_text("---\ntitle: a\x00b\n---\n", config=config(tmp_path))
    assert [(d.line, d.column, d.code) for d in found] == [(2, 9, "FM002")]


# --- YAML tags are refused, never constructed -----------------------------------------------


def test_yaml_tags_that_would_run_code_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    payloads = [
        f"!!python/object/apply:builtins.open [{str(marker)!r}, 'w']",
        f"!!python/object/new:builtins.open [{str(marker)!r}, 'w']",
        f"!<tag:yaml.org,2002:python/object/apply:builtins.open> [{str(marker)!r}, 'w']",
    ]
    # The payloads are live: PyYAML's unsafe loader creates the file from each of them.
    for payload in payloads:
        yaml.unsafe_load(f"x: {payload}")["x"].close()
        assert marker.exists()
        marker.unlink()
    cfg = config(tmp_path, ("ALL",))
    for payload in payloads:
        text = f"---\ntitle: a\nx: {payload}\n---\n"
        found = as_text(tmp_path, text, cfg) + on_disk(tmp_path, text.encode(), cfg)
        assert found == [(3, 4, "FM002")] * 2
        assert not marker.exists()
    # In a JSON front matter too, and as a key.
    for text in [
        f'{{"title": "a", "x": {payloads[0]}}}\n',
        f"---\n? {payloads[0]}\n: 1\n---\n",
    ]:
        lint_text(text, config=cfg)
        assert not marker.exists()


def test_alias_bomb_is_bounded_in_time_and_memory(tmp_path: Path) -> None:
    """9 levels of 9 aliases: 387 million leaves if expanded, refused after 10,000."""
    text = _alias_bomb()
    assert len(text) < 500
    tracemalloc.start()
    found = lint_text(text, config=config(tmp_path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(d.line, d.column, d.code) for d in found] == [(6, 8, "FM002")]
    assert "aliases expand to more than 10,000 values (an alias bomb?); not expanded" in (
        found[0].message
    )
    assert peak < 5_000_000


# --- big inputs (each bounded to a few seconds) ---------------------------------------------


def test_fifty_megabyte_post_is_pl005_and_never_read(tmp_path: Path) -> None:
    path = tmp_path / NAME
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.write(POST.encode())
        handle.truncate(50_000_000)
    report = lint_paths([path], config=config(tmp_path))
    assert [(d.line, d.column, d.code, d.message) for d in report.diagnostics] == [
        (
            1,
            1,
            "PL005",
            "file is 50,000,000 bytes, over the max-file-size of 5,000,000; not checked",
        )
    ]


def test_max_file_size_default_boundary_and_option(tmp_path: Path) -> None:
    path = tmp_path / NAME
    cap = 5_000_000
    with path.open("wb") as handle:  # zeros: PL002 when read, PL005 when not
        handle.truncate(cap)
    assert [d.code for d in lint_paths([path], config=config(tmp_path)).diagnostics] == ["PL002"]
    with path.open("wb") as handle:
        handle.truncate(cap + 1)
    assert [d.code for d in lint_paths([path], config=config(tmp_path)).diagnostics] == ["PL005"]
    path.write_bytes(POST.encode())
    small = config(tmp_path, settings={"max-file-size": 20})
    assert [(d.line, d.column, d.code) for d in lint_paths([path], config=small).diagnostics] == [
        (1, 1, "PL005")
    ]
    roomy = config(tmp_path, settings={"max-file-size": len(POST.encode())})
    assert [(d.line, d.column, d.code) for d in lint_paths([path], config=roomy).diagnostics] == [
        FM020
    ]


def test_max_file_size_from_a_config_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "postlint.toml").write_text('select = ["FM", "PL"]\nmax-file-size = 20\n')
    (tmp_path / NAME).write_bytes(POST.encode())
    code = main(["check", str(tmp_path / NAME), "--no-cache", "--output-format", "concise"])
    assert code == 1
    assert capsys.readouterr().out == (
        f"{tmp_path / NAME}:1:1: PL005 file is {len(POST.encode())} bytes, over the max-file-size "
        "of 20; not checked\n"
    )


def test_a_hundred_thousand_nested_elements_are_pl006(tmp_path: Path) -> None:
    text = "---\ntitle: a\n---\n" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "\n"
    found = as_text(tmp_path, text, config(tmp_path, ("ALL",)))
    assert found == [(4, 1, "PL006")]
    html = as_text(tmp_path, text, config(tmp_path, ("ALL",)), name="2024-11-06-post.html")
    assert html == [(4, 1, "PL006")]


def test_a_twenty_megabyte_text_node_is_pl006_with_the_cap_raised(tmp_path: Path) -> None:
    text = "---\ntitle: a\n---\n<div>" + "x" * 20_000_000 + '</div><p style="s">y</p>\n'
    cfg = config(tmp_path, HTML_RULES, {"max-file-size": 30_000_000})
    found = on_disk(tmp_path, text.encode(), cfg)
    # lxml dropped everything after the text node; the tag rules still saw the <p> after it.
    assert found == [(4, 1, "PL006"), (4, 20_000_015, "STY001")]
    assert on_disk(tmp_path, text.encode(), config(tmp_path, HTML_RULES)) == [(1, 1, "PL005")]


# --- containment: a failing rule is PL900 for that file only -----------------------------------


def _with_failing_check(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Add a check, under FM030's rule, that raises on posts containing 'boom'."""

    @check(TITLE_MISMATCH)
    def failing(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if "boom" in doc.text:
            raise error
        yield from ()

    builtin = registry.checks()
    monkeypatch.setattr(registry, "checks", lambda: (*builtin, failing))


def _two_posts(root: Path) -> tuple[Path, Path]:
    (root / "postlint.toml").write_text('select = ["FM", "PL"]\n', encoding="utf-8")
    bad = root / "2024-11-06-boom.md"
    bad.write_text(POST.replace("正文", "boom"), encoding="utf-8")
    good = root / "2024-11-06-good.md"
    good.write_text(POST, encoding="utf-8")
    return bad, good


def test_a_failing_rule_is_pl900_and_the_rest_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_failing_check(monkeypatch, ValueError("bad value\nsecond line"))
    bad, good = _two_posts(tmp_path)
    report = lint_paths([tmp_path])
    got = [
        (Path(d.path).name, d.line, d.column, d.code, d.severity.value) for d in report.diagnostics
    ]
    assert got == [
        (bad.name, 1, 1, "PL900", "error"),
        (bad.name, 3, 7, "FM020", "error"),  # the other rules ran on the failing file
        (good.name, 3, 7, "FM020", "error"),  # and on the next file
    ]
    assert report.diagnostics[0].message == (
        "rule FM030 failed on this file: ValueError: bad value"
    )


def test_pl900_even_when_the_rule_is_not_selected_by_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PL900 is reported for any failing rule, whatever the selection of PL codes."""
    _with_failing_check(monkeypatch, KeyError("x"))
    bad, _ = _two_posts(tmp_path)
    cfg = config(tmp_path, ("FM",))
    assert [d.code for d in lint_paths([bad], config=cfg).diagnostics] == ["PL900", "FM020"]


def test_pl900_from_the_cli_exit_code_and_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_failing_check(monkeypatch, ZeroDivisionError("division by zero"))
    bad, _ = _two_posts(tmp_path)
    args = ["check", str(bad), "--no-cache", "--jobs", "1", "--output-format", "concise"]
    assert main([*args, "--select", "FM030"]) == 1  # PL900 alone fails the run
    out = capsys.readouterr().out
    assert out == (
        f"{bad}:1:1: PL900 rule FM030 failed on this file: ZeroDivisionError: division by zero\n"
    )
    assert main([*args, "--show-traceback", "--output-format", "json"]) == 1
    out = capsys.readouterr().out
    assert "Traceback (most recent call last)" in out
    assert "raise error" in out


def test_a_parser_failure_is_pl900_for_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should building the document itself fail, the file still gets its PL00x findings."""
    import postlint.engine

    class Exploding(Document):
        def __init__(self, text: str, path: str = "<text>") -> None:
            if "boom" in text:
                raise RecursionError("maximum recursion depth exceeded")
            super().__init__(text, path)

    monkeypatch.setattr(postlint.engine, "Document", Exploding)
    bad, good = _two_posts(tmp_path)
    bad.write_bytes(codecs.BOM_UTF8 + bad.read_bytes())
    report = lint_paths([tmp_path])
    got = [(Path(d.path).name, d.line, d.column, d.code) for d in report.diagnostics]
    assert got == [(bad.name, 1, 1, "PL003"), (bad.name, 1, 1, "PL900"), (good.name, 3, 7, "FM020")]
    assert report.diagnostics[1].message == (
        "parsing failed on this file: RecursionError: maximum recursion depth exceeded"
    )


def test_ctrl_c_to_the_whole_process_group_stops_workers_too(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches every process of the group: the parent and its workers."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    body = "<p style='x'>text</p>\n" * 2000
    for n in range(300):
        (posts / f"2024-11-06-{n}.md").write_text(POST + body, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "postlint", "check", str(posts), "--no-cache", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A background job may inherit SIGINT ignored, and Python then keeps it ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("postlint did not stop on Ctrl-C")
    assert process.returncode == 130
    assert err.startswith("postlint: interrupted after ")
    assert err.endswith(" of 300 files; stopped without a report\n")
    assert "Traceback" not in err


# --- output: post text never reaches the terminal raw --------------------------------------------


def test_terminal_escapes_in_a_post_do_not_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title-setting OSC and a clear-screen sequence in the body, on a line with a finding."""
    path = tmp_path / NAME
    path.write_text('---\ntitle: a\n---\n<p style="x">\x1b]0;owned\x07\x1b[2J</p>\n')
    (tmp_path / "postlint.toml").write_text('select = ["STY001"]\n', encoding="utf-8")
    assert main(["check", str(path), "--no-cache", "--output-format", "full"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "4 | <p style=" in out


def test_control_characters_from_a_post_are_escaped_in_every_message(tmp_path: Path) -> None:
    """Whatever a rule puts in its message: an image path (IMG002), a tag name (HTM001)."""
    text = '---\ntitle: a\n---\n<img src="x\x1b[2J\x07.png" alt="">\n\n<p>a<b\x1b]0;t\x07>\n'
    cfg = config(tmp_path, ("IMG002", "HTM001"))
    found = lint_text(text, path=str(tmp_path / NAME), config=cfg)
    assert [(d.line, d.column, d.code) for d in found] == [(4, 1, "IMG002"), (6, 5, "HTM001")]
    for d in found:
        assert "\x1b" not in d.message and "\x07" not in d.message
    assert "x\\x1b[2J\\x07.png" in found[0].message  # shown as backslash escapes
