"""Copyright notices (CPY002/CPY003 data and text functions): postlint.notices."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from postlint.notices import (
    NOTICE_TEXT_LIMIT,
    Notice,
    NoticeDataError,
    NoticePatterns,
    Source,
    find_notices,
    has_notice,
    holder_matches,
    load_patterns,
    load_sources,
)

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
PATTERNS = load_patterns(DATA / "copyright-notices.toml")
SOURCES = load_sources(DATA / "sources.toml")

NIKKEI = "版权声明：日本经济新闻社版权所有，未经授权不得转载或部分复制，违者必究。"
DW = (
    "© 2020年德国之声版权声明：本文所有内容受到著作权法保护，如无德国之声特别授权，"
    "不得擅自使用。任何不当行为都将导致追偿，并受到刑事追究。"
)
DW_TRADITIONAL = (
    "© 2020年 德國之聲版權聲明：本文所有內容受到著作權法保護，如無德國之聲特別授權，"
    "不得擅自使用。任何不當行為都將導致追償，並受到刑事追究。"
)

# (id, text, [(the notice exactly as it is in the text, Notice.text, holder)]); an expected
# Notice.text of None means the same as the notice in the text.
Case = tuple[str, str, list[tuple[str, str | None, str | None]]]
CASES: list[Case] = [
    # Simplified Chinese
    ("nikkei-visible", f"日本首相将出席会议。\n{NIKKEI}\n", [(NIKKEI, None, "日本经济新闻社")]),
    (
        "nikkei-raw-html",
        f"<p>   日本首相将出席会议。</p><strong>{NIKKEI}</strong>\n</div>",
        [(NIKKEI, None, "日本经济新闻社")],
    ),
    ("dw", f"张平/ 苗子（美联社）{DW}", [(DW, None, "德国之声")]),
    (
        "dw-emoji-sign-and-tags",
        "凝炼（法新社） <em>©️ 2020</em><em>年 德国之声版权声明：本文所有内容受到著作权法保护。"
        "</em>",
        [
            (
                "©️ 2020</em><em>年 德国之声版权声明：本文所有内容受到著作权法保护。",
                "©️ 2020 年 德国之声版权声明：本文所有内容受到著作权法保护。",
                "德国之声",
            )
        ],
    ),
    (
        "ft",
        "本文版权归FT中文网所有，未经允许任何单位或个人不得转载，复制或以任何其他方式使用本文全部或部分，侵权必究。",
        [
            (
                "本文版权归FT中文网所有，未经允许任何单位或个人不得转载，复制或以任何其他方式使用本文全部或部分，侵权必究。",
                None,
                "FT中文网",
            )
        ],
    ),
    ("generic-holder", "本站版权所有，禁止转载。", [("本站版权所有，禁止转载。", None, None)]),
    (
        "beidao",
        "北岛的获奖致辞和朗诵视频，经过北岛本人授权，未经许可不得随意转载。———",
        [("未经许可不得随意转载。", None, None)],
    ),
    # Traditional Chinese
    (
        "dw-traditional",
        f"「正在製造抗體。」 {DW_TRADITIONAL}",
        [(DW_TRADITIONAL, None, "德國之聲")],
    ),
    ("banquan-fanyin", "版權所有，翻印必究", [("版權所有，翻印必究", None, None)]),
    (
        "cna",
        "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。",
        [("非經授權，不得轉載、公開播送或公開傳輸及利用。", None, None)],
    ),
    # Japanese
    ("ja-mudan", "記事・写真の無断転載を禁じます。", [("無断転載を禁じます。", None, None)]),
    (
        "ja-chosakuken",
        "本書の無断複製は著作権法上での例外を除き禁じられています。",
        [("無断複製は著作権法上での例外を除き禁じられています。", None, None)],
    ),
    (
        "ja-holder",
        "Copyright © 日本経済新聞社 無断転載を禁じます",
        [("Copyright © 日本経済新聞社 無断転載を禁じます", None, "日本経済新聞社")],
    ),
    (
        "ja-kizoku",
        "記事の著作権は日本経済新聞社に帰属します。",
        [("著作権は日本経済新聞社に帰属します。", None, "日本経済新聞社")],
    ),
    # Korean
    ("ko", "기사 끝. 무단 전재 및 재배포 금지", [("무단 전재 및 재배포 금지", None, None)]),
    (
        "ko-holder",
        "<저작권자 © 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
        [("저작권자 © 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지", None, "연합뉴스")],
    ),
    (
        "ko-sign-without-year",
        "ⓒ 한겨레신문사 무단 전재 및 재배포 금지",
        [("ⓒ 한겨레신문사 무단 전재 및 재배포 금지", None, "한겨레신문사")],
    ),
    # English and other languages
    (
        "en",
        "The end.\n\n© 2024 Example Corp. All rights reserved.\n",
        [("© 2024 Example Corp. All rights reserved.", None, "Example Corp")],
    ),
    (
        "en-copyright-word",
        "Copyright © 2019-2024 The New York Times Company",
        [("Copyright © 2019-2024 The New York Times Company", None, "The New York Times Company")],
    ),
    (
        "en-entity-raw",
        "<p>&copy; 2021&nbsp;AFP</p>",
        [("&copy; 2021&nbsp;AFP", "© 2021 AFP", "AFP")],
    ),
    (
        "afp-in-rfi",
        '（译者：刘淑琴）</p>            <p class="t-copyright">© 2021 AFP</p>        </div>',
        [("© 2021 AFP", None, "AFP")],
    ),
    (
        "holder-before-year",
        "© Deutsche Welle 2020",
        [("© Deutsche Welle 2020", None, "Deutsche Welle")],
    ),
    (
        "de",
        "Copyright (C) 2024 Example GmbH. Alle Rechte vorbehalten.",
        [("Copyright (C) 2024 Example GmbH. Alle Rechte vorbehalten.", None, "Example GmbH")],
    ),
    ("fr", "Tous droits réservés", [("Tous droits réservés", None, None)]),
    (
        "es",
        "© 2023 Diario. Todos los derechos reservados.",
        [("© 2023 Diario. Todos los derechos reservados.", None, "Diario")],
    ),
    (
        "ap",
        "This material may not be published, broadcast, rewritten or redistributed.",
        [("may not be published, broadcast, rewritten or redistributed.", None, None)],
    ),
    (
        "two-notices",
        "© 2020 Alpha\n\nA long paragraph of article text in between.\n\n© 2021 Beta",
        [("© 2020 Alpha", None, "Alpha"), ("© 2021 Beta", None, "Beta")],
    ),
    (
        "part-holder-comes-second",
        "图片 © Reuters\n© 2020年 德国之声版权声明：本文所有内容受到著作权法保护。",
        [
            (
                "© Reuters\n© 2020年 德国之声版权声明：本文所有内容受到著作权法保护。",
                "© Reuters © 2020年 德国之声版权声明：本文所有内容受到著作权法保护。",
                "德国之声",
            )
        ],
    ),
    # Not notices: mentions of copyright, a lone sign, photo credits, parts on their own
    ("zh-law", "加拿大实施全球最前瞻版权法", []),
    ("zh-unauthorised-weapons", "伊拉克被指拥有未经授权的大规模杀伤性武器。", []),
    ("zh-owner", "版权所有者起诉了该网站，要求其删除未经许可的内容。", []),
    (
        "zh-censorship-news",
        "北京政府指示媒体，未经允许不可作进一步分析；同时禁止媒体报道和转载任何反对官方立场的报道。",
        [],
    ),
    ("zh-diplomacy", "中方保留一切权利，违者必究。", []),
    ("en-law", "Copyright law protects the expression of an idea, not the idea itself.", []),
    ("en-rifkin", "This individual file is Copyright Jon Rifkin, 2011, and it was reused.", []),
    ("sign-alone", "Type the © sign with Option-G.", []),
    ("photo-credit", "Studio RFI © RFI Studio/ Ninan WANG", []),
    ("ja-news", "著作権侵害を禁じる法律が成立した。無断転載が問題になっている。", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_notices(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    wanted = []
    for found, shown, holder in expected:
        start = text.index(found)
        wanted.append(Notice(start, start + len(found), shown or found, holder))
    assert find_notices(text, PATTERNS) == wanted


def test_exact_offsets_of_the_seed_notice() -> None:
    text = "<p>会面日程。</p><strong>" + NIKKEI + "</strong>"
    assert find_notices(text, PATTERNS) == [Notice(20, 56, NIKKEI, "日本经济新闻社")]


def test_keys_only_skip_patterns_that_cannot_match() -> None:
    ungated = NoticePatterns(
        tuple(dataclasses.replace(p, keys=()) for p in PATTERNS.patterns),
        PATTERNS.generic_holders,
    )
    for _, text, _ in CASES:
        assert find_notices(text, PATTERNS) == find_notices(text, ungated), text


def _key_texts() -> list[str]:
    """Every key alone, upper-cased and inside other text; pairs of keys that overlap (版权所有:
    版权 and 权所有); a key's rare character without the key; all keys in a row."""
    keys = sorted({key for pattern in PATTERNS.patterns for key in pattern.keys})
    texts = [form for key in keys for form in (key, key.upper(), f"x{key}y")]
    texts += [
        first + second[size:]
        for first in keys
        for second in keys
        for size in range(1, min(len(first), len(second)))
        if first.endswith(second[:size])
    ]
    return [*texts, "ä ı &", "".join(keys), "".join(keys).upper()]


def test_runnable_patterns_are_those_with_a_key_in_the_text() -> None:
    for text in _key_texts():
        lowered = text.lower()
        expected = [p for p in PATTERNS.patterns if not p.keys or any(k in lowered for k in p.keys)]
        assert list(PATTERNS.runnable(text)) == expected, text


def test_has_notice_tells_whether_find_notices_finds_one() -> None:
    for text in [*(case[1] for case in CASES), *_key_texts()]:
        assert has_notice(text, PATTERNS) == bool(find_notices(text, PATTERNS)), text


def test_long_notice_is_cut() -> None:
    text = "© 2024 Example Corp. " + "No part of this article may be reproduced " * 4 + "."
    (notice,) = find_notices(text, PATTERNS)
    assert len(notice.text) <= NOTICE_TEXT_LIMIT
    assert notice.text.endswith("…")
    assert notice.text.startswith("© 2024 Example Corp. No part of this article")
    assert (notice.start, notice.holder) == (0, "Example Corp")


def test_the_shipped_patterns_are_documented() -> None:
    assert PATTERNS.patterns
    for pattern in PATTERNS.patterns:
        assert pattern.id and pattern.lang and pattern.note, pattern


def test_extra_patterns(tmp_path: Path) -> None:
    patterns = load_patterns(
        DATA / "copyright-notices.toml",
        extra=[r"Nachdruck verboten", r"Bildrechte:${sp}*(?P<holder>\w+)"],
    )
    assert find_notices("Nachdruck verboten", PATTERNS) == []
    assert find_notices("Nachdruck verboten", patterns) == [
        Notice(0, 18, "Nachdruck verboten", None)
    ]
    assert find_notices("Bildrechte: dpa", patterns) == [Notice(0, 15, "Bildrechte: dpa", "dpa")]
    with pytest.raises(NoticeDataError, match="extra pattern 1"):
        load_patterns(DATA / "copyright-notices.toml", extra=["(unclosed"])
    with pytest.raises(NoticeDataError, match=r"unknown fragment \$\{nope\}"):
        load_patterns(DATA / "copyright-notices.toml", extra=["${nope}"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[pattern]]\nid = 'a'\nlang = 'en'\nnote = 'n'\nregex = 'x'\nflags = 1\n", "unknown key"),
        ("[[pattern]]\nid = 'a'\nlang = 'en'\nregex = 'x'\n", "note must be"),
        (
            "[[pattern]]\nid = 'a'\nlang = 'en'\nnote = 'n'\nregex = 'x'\n"
            "[[pattern]]\nid = 'a'\nlang = 'en'\nnote = 'n'\nregex = 'y'\n",
            "duplicate id",
        ),
        (
            "[fragments]\na = '${b}'\nb = '${a}'\n[[pattern]]\nid = 'a'\nlang = 'en'\n"
            "note = 'n'\nregex = '${a}'\n",
            "refers to itself",
        ),
        ("[[pattern]]\nid = 'a'\nlang = 'en'\nnote = 'n'\nregex = 'x'\npart = 'yes'\n", "part"),
        ("[[pattern]]\nid = 'a'\nlang = 'en'\nnote = 'n'\nregex = 'x'\nkeys = ['']\n", "keys"),
        ("pattern = [\n", "invalid TOML"),
    ],
)
def test_bad_patterns_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "patterns.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NoticeDataError, match=message):
        load_patterns(path)


def test_every_shipped_pattern_compiles() -> None:
    patterns = load_patterns(DATA / "copyright-notices.toml").patterns
    assert len(patterns) > 30
    assert all(pattern.regex.flags & re.MULTILINE for pattern in patterns)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NoticeDataError, match="cannot read"):
        load_patterns(tmp_path / "nope.toml")
    with pytest.raises(NoticeDataError, match="cannot read"):
        load_sources(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("cn.nikkei.com", "Nikkei"),
        ("CN.Nikkei.COM.", "Nikkei"),
        ("nikkei.com", "Nikkei"),
        ("www.dw.com", "DW"),
        ("www.rfi.fr", "RFI"),
        ("feeds.bbci.co.uk", "BBC"),
        ("wqw2010.blogspot.com", "Weiquanwang"),
        ("someone.blogspot.com", "Blogger"),
        ("hulitw.medium.com", "Medium"),
        ("notnikkei.com", None),
        ("nikkei.com.example.org", None),
        ("example.org", None),
        ("", None),
    ],
)
def test_sources_lookup(host: str, name: str | None) -> None:
    source = SOURCES.lookup(host)
    assert (source.name if source else None) == name


def test_shipped_sources_keep_nothing_by_default() -> None:
    nikkei = SOURCES.lookup("cn.nikkei.com")
    assert nikkei is not None
    assert nikkei.host == "nikkei.com"
    assert "日本经济新闻社" in nikkei.holders
    assert not any(source.keep for source in SOURCES.by_host.values())


def test_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        "[[source]]\nhosts = ['example.com']\nholders = ['Example']\nkeep = true\n"
        "[[source]]\nhosts = ['news.example.com']\nholders = ['Example News']\n",
        encoding="utf-8",
    )
    sources = load_sources(path)
    assert sources.lookup("a.example.com") == Source("example.com", ("Example",), True)
    assert sources.lookup("x.news.example.com") == Source(
        "news.example.com", ("Example News",), False
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[source]]\nholders = ['A']\n", "hosts must be"),
        ("[[source]]\nhosts = []\n", "hosts must be"),
        ("[[source]]\nhosts = ['a.com']\nkeep = 'no'\n", "keep must be"),
        ("[[source]]\nhosts = ['a.com']\nholder = ['A']\n", "unknown key"),
        ("[[source]]\nhosts = ['a.com']\n[[source]]\nhosts = ['A.com']\n", "listed twice"),
        ("[[source]]\nhosts = ['https://a.com/x']\n", "not a host name"),
    ],
)
def test_bad_sources_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NoticeDataError, match=message):
        load_sources(path)


NIKKEI_SOURCE = Source("nikkei.com", ("日本経済新聞社", "日本经济新闻社", "Nikkei"), False)


@pytest.mark.parametrize(
    ("holder", "source", "expected"),
    [
        ("日本经济新闻社", NIKKEI_SOURCE, True),
        ("日本経済新聞社", NIKKEI_SOURCE, True),
        ("Nikkei Inc", NIKKEI_SOURCE, True),
        ("NIKKEI", NIKKEI_SOURCE, True),
        ("ＮＩＫＫＥＩ", NIKKEI_SOURCE, True),  # full-width: NFKC
        ("日本经济新闻", NIKKEI_SOURCE, True),  # contained in a holder
        ("Deutsche Welle", NIKKEI_SOURCE, False),
        ("德国之声", NIKKEI_SOURCE, False),
        ("", NIKKEI_SOURCE, False),
        ("AP", Source("japantimes.co.jp", ("Japan Times",), False), False),
        ("AP", Source("apnews.com", ("The Associated Press", "AP"), False), True),
        ("Foo Bar, Inc.", Source("foo.com", ("Foo Bar Inc",), False), True),
        ("德国之声", SOURCES.lookup("www.dw.com"), True),
        ("AFP", SOURCES.lookup("www.rfi.fr"), True),  # RFI carries AFP dispatches
        ("Reuters", SOURCES.lookup("www.rfi.fr"), False),
        ("AFP", Source("rfi.fr", ("RFI",), False, "RFI", ("AFP",)), True),
        ("AFP", Source("rfi.fr", ("RFI",), False, "RFI"), False),
        ("张三", SOURCES.lookup("matters.news"), True),  # a platform: any holder
    ],
)
def test_holder_matches(holder: str, source: Source | None, expected: bool) -> None:
    assert source is not None
    assert holder_matches(holder, source) is expected
