"""Running a whole check: files in worker processes, results cached, cross-file rules last.

Each file is linted in a worker (``jobs``), or in this process for one job or a few files;
results come back in input order, so the output is the same for any number of workers. Only
encoded diagnostics and facts cross process boundaries, never documents; the diagnostics go
to a temporary log (``spill``) and the facts are kept as JSON, so memory stays flat. Cross-file
rules see the facts of every file of the run, and of the ``[project] corpus`` and the other
shards' files, whose facts come from the front matter alone (and the cache).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from postlint import engine, registry
from postlint.cache import Cache, Entry, key
from postlint.config import Config, Overrides, default_config, find_config, read_config
from postlint.context import CheckContext
from postlint.diagnostics import Diagnostic, Severity, encode
from postlint.document import Document
from postlint.globs import matches
from postlint.remote.run import current_run
from postlint.source import decode, read_bytes
from postlint.spill import DiagnosticLog, FactsTable
from postlint.tally import Tally
from postlint.walk import POST_SUFFIXES, Target, discover


class Report:
    """The diagnostics of a run, sorted, and the files that were checked.

    Iterating a report streams its diagnostics (a whole run's are read back from disk, file
    by file); ``diagnostics`` is them all as a list, for a pipeline that lints a few posts.
    """

    def __init__(
        self, diagnostics: Iterable[Diagnostic] | DiagnosticLog = (), paths: Iterable[str] = ()
    ) -> None:
        self._source = diagnostics if isinstance(diagnostics, DiagnosticLog) else list(diagnostics)
        self.paths = list(paths)  # every file checked, sorted

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._source)

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic, sorted."""
        return list(self._source)

    @property
    def files_checked(self) -> int:
        """How many files were checked."""
        return len(self.paths)

    def by_code(self) -> dict[str, int]:
        """How many diagnostics each code has, sorted by code."""
        return self._tally().by_code()

    def exit_code(self, fail_on: Severity | str = Severity.WARNING) -> int:
        """1 when a diagnostic at ``fail_on`` or above was found, else 0."""
        return self._tally().exit_code(fail_on)

    def to_json(self) -> str:
        """The report as the CLI's ``json`` format."""
        from postlint.reporters import render

        return render("json", self)

    def to_sarif(self) -> str:
        """The report as the CLI's ``sarif`` format (SARIF 2.1.0)."""
        from postlint.reporters import render

        return render("sarif", self)

    def _tally(self) -> Tally:
        return Tally(self, per_file=False).drain()


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
        folder = os.path.dirname(path)  # as given: the current folder stays the same
        if folder not in self._by_folder:
            found = find_config(Path(os.path.abspath(folder or ".")))
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
    work, reported = _plan(paths, resolver, settings)
    log, facts = DiagnosticLog(), FactsTable()
    done = 0
    try:
        for done, checked in enumerate(_results(work, resolver, settings), 1):
            path = work[done - 1].path  # this process's own copy: a worker's is another one
            if checked.facts != "null":
                facts.add(path, checked.facts)
            if done <= len(reported):
                log.append(path, checked.diagnostics)
            if progress is not None:
                progress(done, len(work))
    except KeyboardInterrupt:
        log.close()
        raise Interrupted(done, len(work)) from None
    del work  # a hundred thousand of them
    for project in registry.project_checks():
        findings = project.check(facts, set(reported))
        log.extend(engine.project_diagnostics(findings, facts, resolver.for_path))
    return Report(log, reported)


def _plan(
    paths: Iterable[str], resolver: ConfigResolver, settings: Settings
) -> tuple[list[Work], list[str]]:
    """What to read (the shard's files to lint, then other files' facts for cross-file rules),
    and the paths of the files linted."""
    targets = discover(list(paths), resolver.excluded)
    reported: list[Target] = []
    others: list[Target] = []  # the other shards' files
    for target in targets:
        mine = settings.shard is None or in_shard(target.path, settings.shard)
        (reported if mine else others).append(target)
    work = [Work(t.path, t.explicit) for t in reported]
    if _any_project_rule(resolver, reported):
        others += _corpus(resolver, reported, targets)
        work += [Work(t.path, t.explicit, "facts") for t in others]
    return work, [t.path for t in reported]


def in_shard(path: str, shard: tuple[int, int]) -> bool:
    """Whether ``path`` belongs to shard K of N: by a hash of the path, stable everywhere."""
    number, count = shard
    digest = hashlib.sha256(os.path.normpath(path).encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count == number - 1


def _any_project_rule(resolver: ConfigResolver, targets: list[Target]) -> bool:
    codes = {code for project in registry.project_checks() for code in project.codes}
    configs = {id(c): c for c in (resolver.for_path(t.path) for t in targets)}.values()
    return any(codes & config.enabled for config in configs)


def _corpus(
    resolver: ConfigResolver, reported: list[Target], targets: list[Target]
) -> list[Target]:
    """The ``[project] corpus`` files of the reported files' configs that are not targets."""
    configs = {id(c): c for c in (resolver.for_path(t.path) for t in reported)}.values()
    patterns = [(config, pattern) for config in configs for pattern in config.file.project.corpus]
    if not patterns:
        return []
    known = {os.path.abspath(target.path) for target in targets}
    found: dict[str, Target] = {}
    for config, pattern in patterns:
        for path in sorted(config.root.glob(pattern)):
            name = str(path)
            if (
                path.suffix.lower() in POST_SUFFIXES
                and path.is_file()
                and os.path.abspath(name) not in known
            ):
                found.setdefault(name, Target(name, False))
    return list(found.values())


class Checked(NamedTuple):
    """One file's result as it comes back from a worker: its diagnostics and its facts for
    cross-file rules (``null`` for none) as JSON, as the cache holds them, so that a warm run
    passes them on undecoded."""

    diagnostics: str
    facts: str


def _results(work: list[Work], resolver: ConfigResolver, settings: Settings) -> Iterator[Checked]:
    """Each work item's result, in order: in this process or in a pool of workers. Posts'
    remote images are collected only when this run checks them (``--check-remote``)."""
    state = (resolver, settings, current_run().fetch)
    if settings.jobs <= 1 or len(work) < 4 * settings.jobs:
        _start_worker(*state)
        yield from map(_check, work)
        return
    context = multiprocessing.get_context()
    chunk = max(1, min(64, len(work) // (settings.jobs * 8)))
    with context.Pool(settings.jobs, _start_worker, state) as pool:
        yield from pool.imap(_check, work, chunksize=chunk)


_state: tuple[ConfigResolver, Settings, bool] | None = None


def _start_worker(resolver: ConfigResolver, settings: Settings, check_remote: bool) -> None:
    global _state  # noqa: PLW0603  (one worker process's settings)
    _state = (resolver, settings, check_remote)
    if multiprocessing.parent_process() is not None:
        # Ctrl-C is the parent's to handle (it stops the pool): a worker that took it would
        # print its own traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check(work: Work) -> Checked:
    """Lint one file (or read its facts), through the cache."""
    assert _state is not None
    resolver, settings, check_remote = _state
    config = resolver.for_path(work.path)
    data = read_bytes(work.path, config.file.max_file_size)
    if not isinstance(data, bytes):
        if work.mode == "facts":
            return Checked("[]", "null")
        ctx = _context(work, config, settings, check_remote)
        return _checked(engine.read_error(data, work.path, ctx))
    cache = Cache(config.cache_folder) if settings.cache else None
    run = f"{work.mode}\0{check_remote}\0{config.fingerprint}" if cache else ""
    entry_key = key(data, work.path, work.explicit, run)
    entry = cache.get(entry_key) if cache else None
    if entry is not None:
        return Checked(entry.diagnostics, entry.facts)
    ctx = _context(work, config, settings, check_remote)
    if work.mode == "facts":
        source = decode(data)
        facts = engine.facts(Document(source.text, work.path), ctx) if source.checkable else None
        result = engine.FileResult(work.path, [], facts)
    else:
        result = engine.lint_bytes(data, work.path, ctx)
    checked = _checked(result)
    if cache is not None:
        cache.put(entry_key, Entry(checked.diagnostics, checked.facts, ctx.dependencies))
    return checked


def _context(work: Work, config: Config, settings: Settings, check_remote: bool) -> CheckContext:
    return CheckContext(
        config,
        relative(config, work.path),
        work.explicit,
        settings.show_traceback,
        check_remote=check_remote,
    )


def _checked(result: engine.FileResult) -> Checked:
    return Checked(encode(result.diagnostics), json.dumps(result.facts))


__all__ = ["ConfigResolver", "Interrupted", "Report", "Settings", "run"]
