"""Every real post in ../shared/corpus lints without a crash, and the findings are right.

The counts were checked by hand (see the closing note of the engine issue): each code's
findings were read in the posts, and the spot checks below pin two of them per code.
"""

from __future__ import annotations

from functools import cache

from conftest import CORPUS, require

from postlint import Report, lint_paths
from postlint.config import Config, ConfigFile, Overrides

FRONT_MATTER_COUNTS = {"FM020": 1, "FM023": 34, "FM024": 16, "FM030": 17, "FM031": 68}


@cache
def corpus_report() -> Report:
    return lint_paths([require(CORPUS)])


def test_corpus_lints_without_internal_errors() -> None:
    report = corpus_report()
    print("\nper-code counts over the corpus:", report.by_code())
    assert report.files_checked == 2965  # 2,964 posts and SOURCES.md
    assert "PL900" not in report.by_code()
    assert not [d for d in report.diagnostics if d.code.startswith("PL")]


def test_front_matter_counts() -> None:
    counts = corpus_report().by_code()
    assert {code: n for code, n in counts.items() if code.startswith("FM")} == FRONT_MATTER_COUNTS


SPOT_CHECKS = [
    ("ploeh/2023-08-28-a-first-crack-at-the-args-kata.html", 5, 7, "FM020"),
    ("18f/2014-12-22-protosketch.md", 4, 7, "FM023"),
    ("ploeh/2013-09-12-di-and-events-composition.html", 5, 7, "FM023"),
    ("waimei/2021-01-21-“打人书记”被免职.md", 10, 1, "FM024"),
    ("waimei/2021-01-21-中国居民收入榜：沪京浙位列前三.md", 10, 1, "FM024"),
    ("18f/2023-09-05-first-do-no-harm.md", 14, 1, "FM030"),
    ("oped2/2019-09-01-831深夜，上環便利店的婆婆對我哭了起來.md", 11, 1, "FM030"),
    ("waimei/2021-01-09-印尼失联航班疑坠海 .md", 3, 8, "FM031"),
    ("18f/2016-01-04-turning-learning-up-to-11-transparency.md", 2, 8, "FM031"),
]


def test_spot_checks() -> None:
    found = {
        (d.path.split("corpus/", 1)[1], d.line, d.column, d.code)
        for d in corpus_report().diagnostics
    }
    for check in SPOT_CHECKS:
        assert check in found


def test_feed_mirrors_under_the_rss_mirror_preset() -> None:
    """The generator behind the seed writes every key the preset requires; the six FM020 are
    date-only values (`date: 2020-05-25`) in oped2's scraped posts, where RFC 3339 is required."""
    config = Config(root=require(CORPUS), file=ConfigFile.model_validate({"preset": "rss-mirror"}))
    report = lint_paths(
        [CORPUS / "waimei", CORPUS / "oped2"],
        config=config,
        overrides=Overrides(select=["FM", "PL"]),
    )
    assert report.by_code() == {"FM020": 6, "FM024": 16, "FM030": 15, "FM031": 52}
