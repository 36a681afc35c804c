"""The seed post, and the project's own replica of it, under the rss-mirror preset.

The expected lists are written out by hand from reading the posts: two layout tables with
inline styles and presentational attributes, two images without alt, one empty paragraph,
indented paragraphs, and the closing rights notice.
"""

from __future__ import annotations

from pathlib import Path

from conftest import SEED, require

from postlint import lint_paths, lint_text
from postlint.config import Config, ConfigFile, load_config

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RSS = Config(root=Path("/site"), file=ConfigFile.model_validate({"preset": "rss-mirror"}))

SEED_DIAGNOSTICS = [
    # the first table: <table border="0" height="71" style="…"> with a <col style> inside
    (16, 1, 16, 156, "STY005"),  # two single-cell rows around an image
    (16, 8, 16, 18, "STY003"),  # border="0" (and height) on the table
    (16, 31, 16, 155, "STY001"),  # style="border-collapse: …"
    (16, 171, 16, 191, "STY001"),  # <col style="width: 100%;">
    (16, 218, 16, 411, "IMG004"),  # the first hot-linked image has no alt
    (16, 429, 16, 456, "STY001"),  # <td style="text-align: center;">
    (16, 471, 16, 494, "STY001"),  # <span style="font-size: 8pt;">
    (16, 547, 16, 550, "HTM004"),  # five paragraphs indented with three spaces
    (16, 662, 16, 665, "HTM004"),
    (16, 779, 16, 782, "HTM004"),
    (16, 871, 16, 874, "HTM004"),
    (16, 952, 16, 955, "HTM004"),
    # the second table, holding one image
    (16, 1020, 16, 1177, "STY005"),
    (16, 1027, 16, 1037, "STY003"),
    (16, 1051, 16, 1176, "STY001"),
    (16, 1192, 16, 1212, "STY001"),
    (16, 1239, 16, 1432, "IMG004"),
    (16, 1458, 16, 1461, "HTM002"),  # <p> </p>: empty, and not also HTM004
    (16, 1469, 16, 1472, "HTM004"),
    (16, 1559, 16, 1562, "HTM004"),
    (16, 1658, 16, 1661, "HTM004"),
    (16, 1754, 16, 1790, "CPY002"),  # 版权声明：日本经济新闻社版权所有，…违者必究。
]


def test_seed_post() -> None:
    text = require(SEED).read_text(encoding="utf-8")
    found = lint_text(text, path="/site/_posts/2024-11-06-seed.md", config=RSS)
    assert [(d.line, d.column, d.end_line, d.end_column, d.code) for d in found] == SEED_DIAGNOSTICS
    notice = found[-1]
    assert notice.message == (
        'copyright notice by "日本经济新闻社": "版权声明：日本经济新闻社版权所有，未经授权不得转载'
        "或部分复制，违者必究。\"; the text may not be republished without the holder's permission"
    )


def test_seed_notice_must_be_kept_for_nikkei() -> None:
    text = require(SEED).read_text(encoding="utf-8")
    config = Config(
        root=Path("/site"),
        file=ConfigFile.model_validate(
            {"preset": "rss-mirror", "rules": {"CPY001": {"keep": ["cn.nikkei.com"]}}}
        ),
    )
    codes = [d.code for d in lint_text(text, path="/site/_posts/2024-11-06-seed.md", config=config)]
    assert "CPY002" not in codes and "CPY001" not in codes
    without_notice = text.replace(
        "版权声明：日本经济新闻社版权所有，未经授权不得转载或部分复制，违者必究。", ""
    )
    found = lint_text(without_notice, path="/site/_posts/2024-11-06-seed.md", config=config)
    assert [(d.line, d.column, d.code) for d in found if d.code.startswith("CPY")] == [
        (1, 1, "CPY001")
    ]


REPLICA = [
    (16, 1, "STY005"), (16, 8, "STY003"), (16, 31, "STY001"), (16, 147, "STY001"),
    (16, 194, "IMG004"), (16, 392, "STY001"), (16, 434, "STY001"), (16, 509, "HTM004"),
    (16, 558, "HTM004"), (16, 598, "STY005"), (16, 605, "STY003"), (16, 629, "STY001"),
    (16, 746, "STY001"), (16, 793, "IMG004"), (16, 999, "HTM002"), (16, 1010, "HTM004"),
    (16, 1060, "CPY002"),
]  # fmt: skip


def test_the_replica_in_examples_has_the_seeds_problems() -> None:
    post = EXAMPLES / "_posts" / "2024-11-06-港口扩建计划公布.md"
    report = lint_paths([post], config=load_config(EXAMPLES / "postlint.toml"))
    assert [(d.line, d.column, d.code) for d in report.diagnostics] == REPLICA
