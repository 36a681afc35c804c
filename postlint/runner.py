"""Running a whole check: files in worker processes, results cached, cross-file rules last.

Each file is linted in a worker (``jobs``), or in this process for one job or a few files;
results come back in input order, so the output is the same for any number of workers. Only
diagnostics and small facts cross process boundaries, never documents, so memory stays flat.
Cross-file rules see the facts of every file of the run, and of the ``[project] corpus`` and
the other shards' files, whose facts come from the front matter alone (and the cache).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from postlint import engine, registry
from postlint.cache import Cache, Entry, key
from postlint.config import Config, Overrides, default_config, find_config, read_config
from postlint.context import CheckContext
from postlint.diagnostics import Diagnostic, Severity
from postlint.document import Document
from postlint.engine import FileResult
from postlint.globs import matches
from postlint.rules import Facts
from postlint.source import decode, read_bytes
from postlint.walk import POST_SUFFIXES, Target, discover


@dataclass
class Report:
    """The diagnostics of a run, sorted, and the files that were checked."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file checked, sorted

    @property
    def files_checked(self) -> int:
        """How many files were checked."""
        return len(self.paths)

    def by_code(self) -> dict[str, int]:
        """How many diagnostics each code has, sorted by code."""
        return dict(sorted(Counter(d.code for d in self.diagnostics).items()))

    def exit_code(self, fail_on: Severity | str = Severity.WARNING) -> int:
        """1 when a diagnostic at ``fail_on`` or above was found, else 0."""
        threshold = Severity(fail_on).rank
        advisory = {rule.code for rule in registry.rules() if rule.advisory}
        return int(
            any(
                d.severity.rank >= threshold
                and (d.code not in advisory or d.severity is Severity.ERROR)
                for d in self.diagnostics
            )
        )

    def to_json(self) -> str:
        """The report as the CLI's ``json`` format."""
        from postlint.reporters import render

        return render("json", self)

    def to_sarif(self) -> str:
        """The report as the CLI's ``sarif`` format (SARIF 2.1.0)."""
        from postlint.reporters import render

        return render("sarif", self)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run, with how far it got."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"interrupted after {done:,} of {total:,} files")
        self.done, self.total = done, total


@dataclass(frozen=True)
class Settings:
    """How a run goes: workers, cache, sharding."""

    jobs: int = 1
    cache: bool = False
    show_traceback: bool = False
    shard: tuple[int, int] | None = None  # (K, N): the K-th of N shards, 1-based


@dataclass(frozen=True, slots=True)
class Work:
    """One file to lint, or (for cross-file rules only) to read the facts of."""

    path: str
    explicit: bool
    mode: Literal["lint", "facts"] = "lint"


class ConfigResolver:
    """The config of each path: the given one, or the nearest file (read once per folder)."""

    def __init__(self, config: Config | None, overrides: Overrides) -> None:
        self._fixed = config.with_overrides(overrides).validate() if config else None
        self._overrides = overrides
        self._by_folder: dict[str, Config] = {}
        self._by_file: dict[Path | None, Config] = {}

    def for_path(self, path: str) -> Config:
        """The config that applies to ``path``."""
        if self._fixed is not None:
            return self._fixed
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._by_folder:
            found = find_config(Path(folder))
            if found not in self._by_file:
                loaded = read_config(found) if found else default_config()
                self._by_file[found] = loaded.with_overrides(self._overrides).validate()
            self._by_folder[folder] = self._by_file[found]
        return self._by_folder[folder]

    def excluded(self, path: str) -> bool:
        """Whether ``path`` (a file or folder) is excluded by its config."""
        config = self.for_path(os.path.join(path, "_") if os.path.isdir(path) else path)
        return bool(config.file.exclude) and matches(relative(config, path), config.file.exclude)


def relative(config: Config, path: str) -> str:
    """``path`` relative to the config's folder, with '/' separators."""
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(config.root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def run(
    paths: Iterable[str],
    resolver: ConfigResolver,
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint ``paths`` (files and folders) and apply the cross-file rules."""
    targets = discover(list(paths), resolver.excluded)
    reported = [t for t in targets if settings.shard is None or in_shard(t.path, settings.shard)]
    work = [Work(t.path, t.explicit) for t in reported]
    if _any_project_rule(resolver, reported):
        known = {t.path for t in reported}
        others = [t for t in targets if t.path not in known] + _corpus(resolver, reported, known)
        work += [Work(t.path, t.explicit, "facts") for t in others]
    report = Report(paths=[t.path for t in reported])
    facts: dict[str, Facts] = {}
    done = 0
    try:
        for done, result in enumerate(_results(work, resolver, settings), 1):
            if result.facts is not None:
                facts[result.path] = result.facts
            if done <= len(reported):
                report.diagnostics.extend(result.diagnostics)
            if progress is not None:
                progress(done, len(work))
    except KeyboardInterrupt:
        raise Interrupted(done, len(work)) from None
    for project in registry.project_checks():
        findings = project.check(facts, set(report.paths))
        report.diagnostics += engine.project_diagnostics(findings, facts, resolver.for_path)
    report.diagnostics.sort(key=engine.sort_key)
    return report


def in_shard(path: str, shard: tuple[int, int]) -> bool:
    """Whether ``path`` belongs to shard K of N: by a hash of the path, stable everywhere."""
    number, count = shard
    digest = hashlib.sha256(os.path.normpath(path).encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count == number - 1


def _any_project_rule(resolver: ConfigResolver, targets: list[Target]) -> bool:
    codes = {code for project in registry.project_checks() for code in project.codes}
    configs = {id(c): c for c in (resolver.for_path(t.path) for t in targets)}.values()
    return any(codes & config.enabled for config in configs)


def _corpus(resolver: ConfigResolver, targets: list[Target], known: set[str]) -> list[Target]:
    """The ``[project] corpus`` files of the targets' configs that are not targets."""
    found: dict[str, Target] = {}
    configs = {id(c): c for c in (resolver.for_path(t.path) for t in targets)}.values()
    known_full = {os.path.abspath(path) for path in known}
    for config in configs:
        for pattern in config.file.project.corpus:
            for path in sorted(config.root.glob(pattern)):
                name = str(path)
                if (
                    path.suffix.lower() in POST_SUFFIXES
                    and path.is_file()
                    and os.path.abspath(name) not in known_full
                ):
                    found.setdefault(name, Target(name, False))
    return list(found.values())


def _results(
    work: list[Work], resolver: ConfigResolver, settings: Settings
) -> Iterator[FileResult]:
    """Each work item's result, in order: in this process or in a pool of workers."""
    if settings.jobs <= 1 or len(work) < 4 * settings.jobs:
        _start_worker(resolver, settings)
        yield from map(_check, work)
        return
    context = multiprocessing.get_context()
    chunk = max(1, min(64, len(work) // (settings.jobs * 8)))
    with context.Pool(settings.jobs, _start_worker, (resolver, settings)) as pool:
        yield from pool.imap(_check, work, chunksize=chunk)


_state: tuple[ConfigResolver, Settings] | None = None


def _start_worker(resolver: ConfigResolver, settings: Settings) -> None:
    global _state  # noqa: PLW0603  (one worker process's settings)
    _state = (resolver, settings)
    if multiprocessing.parent_process() is not None:
        # Ctrl-C is the parent's to handle (it stops the pool): a worker that took it would
        # print its own traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check(work: Work) -> FileResult:
    """Lint one file (or read its facts), through the cache."""
    assert _state is not None
    resolver, settings = _state
    config = resolver.for_path(work.path)
    ctx = CheckContext(config, relative(config, work.path), work.explicit, settings.show_traceback)
    data = read_bytes(work.path, config.file.max_file_size)
    if not isinstance(data, bytes):
        return (
            engine.read_error(data, work.path, ctx)
            if work.mode == "lint"
            else FileResult(work.path, [])
        )
    cache = Cache(config.cache_folder) if settings.cache else None
    entry_key = key(data, work.path, work.explicit, f"{work.mode}\0{config.fingerprint}")
    entry = cache.get(entry_key) if cache else None
    if entry is not None:
        return FileResult(work.path, entry.diagnostics, entry.facts)
    if work.mode == "facts":
        source = decode(data)
        facts = engine.facts(Document(source.text, work.path), ctx) if source.checkable else None
        result = FileResult(work.path, [], facts)
    else:
        result = engine.lint_bytes(data, work.path, ctx)
    if cache is not None:
        cache.put(entry_key, Entry(result.diagnostics, result.facts, ctx.dependencies))
    return result


__all__ = ["ConfigResolver", "Interrupted", "Report", "Settings", "run"]
