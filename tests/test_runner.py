"""Workers, the cache, cross-file rules and shards give the same answers as a plain run."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from conftest import CORPUS, require

from postlint import Diagnostic, lint_paths
from postlint.config import load_config
from postlint.runner import Settings, in_shard

POST = """---
layout: post
title: "{title}"
date: {date}
from: {source}
---
[{title}]({source})
------

<p>{body}</p>
"""


def write_post(folder: Path, name: str, title: str, date: str, source: str) -> Path:
    path = folder / name
    path.write_text(
        POST.format(title=title, date=date, source=source, body=title), encoding="utf-8"
    )
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    posts = tmp_path / "_posts"
    posts.mkdir()
    (tmp_path / "postlint.toml").write_text(
        '[project]\ncorpus = ["_posts/*.md"]\n', encoding="utf-8"
    )
    write_post(
        posts,
        "2024-11-06-a.md",
        "Port expansion",
        "2024-11-06T08:00:00+08:00",
        "https://news.example.com/port.html",
    )
    write_post(
        posts,
        "2024-11-07-b.md",
        "Port expansion plan",
        "2024-11-07T08:00:00+08:00",
        "HTTPS://NEWS.example.com:443/port.html/?utm_source=rss",
    )
    write_post(
        posts,
        "2024-11-06-c.md",
        "Port expansion",
        "2024-11-06T09:00:00+08:00",
        "https://other.example.com/port.html",
    )
    write_post(
        posts,
        "2024-11-08-d.md",
        "Unrelated",
        "2024-11-08T08:00:00+08:00",
        "https://news.example.com/other.html",
    )
    return tmp_path


def cross_file(report_diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str, str]]:
    return [
        (Path(d.path).name, d.line, d.column, d.code, Path(d.related[0].path).name)
        for d in report_diagnostics
        if d.code.startswith("SRC")
    ]


def test_duplicate_source_and_title(site: Path) -> None:
    report = lint_paths([site / "_posts"])
    assert cross_file(report.diagnostics) == [
        ("2024-11-06-c.md", 3, 8, "SRC002", "2024-11-06-a.md"),
        ("2024-11-07-b.md", 5, 7, "SRC001", "2024-11-06-a.md"),
    ]
    related = next(d for d in report.diagnostics if d.code == "SRC001").related[0]
    assert (related.line, related.column) == (5, 7)


def test_one_changed_file_still_finds_its_duplicate_in_the_corpus(site: Path) -> None:
    changed = site / "_posts" / "2024-11-07-b.md"
    report = lint_paths([changed], settings=Settings(cache=True))
    assert report.paths == [str(changed)]
    assert cross_file(report.diagnostics) == [
        ("2024-11-07-b.md", 5, 7, "SRC001", "2024-11-06-a.md")
    ]
    assert {Path(d.path).name for d in report.diagnostics} == {"2024-11-07-b.md"}
    # the earliest post itself is not reported, even when it is the one passed
    first = lint_paths([site / "_posts" / "2024-11-06-a.md"])
    assert cross_file(first.diagnostics) == []


def test_directive_silences_a_cross_file_rule(site: Path) -> None:
    post = site / "_posts" / "2024-11-07-b.md"
    post.write_text(
        post.read_text(encoding="utf-8") + "<!-- postlint-disable-file SRC001 -->\n",
        encoding="utf-8",
    )
    assert cross_file(lint_paths([site / "_posts"]).diagnostics) == [
        ("2024-11-06-c.md", 3, 8, "SRC002", "2024-11-06-a.md"),
    ]


def test_four_workers_give_the_same_output_as_one() -> None:
    corpus = require(CORPUS)
    one = lint_paths([corpus / "waimei"], settings=Settings(jobs=1))
    four = lint_paths([corpus / "waimei"], settings=Settings(jobs=4))
    assert four.diagnostics == one.diagnostics
    assert four.paths == one.paths
    assert len(one.diagnostics) > 1000


def test_shards_split_the_files_and_keep_cross_file_findings() -> None:
    corpus = require(CORPUS) / "waimei"
    whole = lint_paths([corpus])
    shards = [lint_paths([corpus], settings=Settings(shard=(k, 3))) for k in (1, 2, 3)]
    assert sorted(p for s in shards for p in s.paths) == sorted(whole.paths)
    assert all(400 < len(s.paths) < 740 for s in shards)  # balanced: 1,697 files in three
    merged = sorted((d for s in shards for d in s.diagnostics), key=lambda d: (d.path, d.line))
    assert [d.code for d in merged].count("SRC001") == 39
    assert sorted(merged, key=str) == sorted(whole.diagnostics, key=str)


def test_shard_membership_is_stable() -> None:
    # A SHA-256 of the path, the same on every machine and run (no hash randomisation).
    assert [in_shard(f"_posts/{n}.md", (1, 2)) for n in range(8)] == [
        True, True, True, True, False, False, True, False
    ]  # fmt: skip
    assert in_shard("./_posts/0.md", (1, 2)) is in_shard("_posts/0.md", (1, 2))
    assert all(in_shard(f"{n}.md", (1, 2)) != in_shard(f"{n}.md", (2, 2)) for n in range(50))


def test_warm_run_is_served_from_the_cache(site: Path) -> None:
    settings = Settings(cache=True)
    cold = lint_paths([site / "_posts"], settings=settings)
    entries = sorted((site / ".postlint_cache").rglob("*.json"))
    assert len(entries) == 4
    mtimes = [e.stat().st_mtime_ns for e in entries]
    warm = lint_paths([site / "_posts"], settings=settings)
    assert warm.diagnostics == cold.diagnostics
    assert [
        e.stat().st_mtime_ns for e in sorted((site / ".postlint_cache").rglob("*.json"))
    ] == mtimes
    # an edited file is linted again; the others still come from the cache
    post = site / "_posts" / "2024-11-08-d.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace('title: "Unrelated"', "title: 1"), encoding="utf-8"
    )
    edited = lint_paths([site / "_posts"], settings=settings)
    assert [d.code for d in edited.diagnostics if d.path.endswith("d.md")] == ["FM011"]


def test_corrupt_and_foreign_cache_entries_are_misses(site: Path) -> None:
    (site / "_posts" / "2024-11-09-e.md").write_text("---\ntitle: 1\n---\n", encoding="utf-8")
    settings = Settings(cache=True)
    cold = lint_paths([site / "_posts"], settings=settings)
    entries = sorted((site / ".postlint_cache").rglob("*.json"))
    with_findings = [e for e in entries if '"FM011"' in e.read_text(encoding="ascii")]
    with_facts = [e for e in entries if '"source"' in e.read_text(encoding="ascii")]
    assert len(with_findings) == 1 and len(with_facts) >= 3
    digest, rest = with_findings[0].read_text(encoding="ascii").split("\n", 1)
    with_findings[0].write_text(f"{digest}\n{rest.replace('FM011', 'FM012')}", encoding="ascii")
    digest, rest = with_facts[0].read_text(encoding="ascii").split("\n", 1)
    with_facts[0].write_text(f"{digest}\n{rest.replace('port', 'pier')}", encoding="ascii")
    with_facts[1].write_text(with_facts[1].read_text(encoding="ascii")[:-9], encoding="ascii")
    with_facts[2].write_bytes(b"\x00\xff not json")
    (site / ".postlint_cache" / "v3" / "zz").write_text(
        "a file where a folder goes", encoding="utf-8"
    )
    warm = lint_paths([site / "_posts"], settings=settings)
    assert warm.diagnostics == cold.diagnostics
    assert [d.code for d in warm.diagnostics] == ["SRC002", "SRC001", "FM011"]


def test_a_missing_image_added_later_is_not_served_stale(site: Path) -> None:
    post = site / "_posts" / "2024-11-08-d.md"
    post.write_text(
        post.read_text(encoding="utf-8") + '\n<img src="/img/a.png" alt="a">\n', encoding="utf-8"
    )
    settings = Settings(cache=True)
    assert "IMG002" in [d.code for d in lint_paths([post], settings=settings).diagnostics]
    (site / "img").mkdir()
    (site / "img" / "a.png").write_bytes(b"png")
    assert "IMG002" not in [d.code for d in lint_paths([post], settings=settings).diagnostics]


def _lint_with_cache(folder: str) -> int:
    return len(lint_paths([folder], settings=Settings(cache=True)).diagnostics)


def test_concurrent_processes_share_the_cache(site: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        counts = pool.map(_lint_with_cache, [str(site / "_posts")] * 8)
    assert len(set(counts)) == 1
    leftovers = [p for p in (site / ".postlint_cache").rglob("*") if p.suffix == ".tmp"]
    assert leftovers == []
    assert _lint_with_cache(str(site / "_posts")) == counts[0]


def test_cache_folder_follows_the_config(site: Path) -> None:
    (site / "postlint.toml").write_text('cache-dir = "build/lint-cache"\n', encoding="utf-8")
    lint_paths([site / "_posts"], settings=Settings(cache=True))
    assert (site / "build" / "lint-cache" / "v3").is_dir()
    assert load_config(site).cache_folder == site / "build" / "lint-cache"
    assert not os.path.exists(site / ".postlint_cache")
