"""Every check of a run: cached outcomes first, then the rest fetched concurrently.

Each job runs once, however many posts share it. The run's limits are the strictest any of
its jobs' options ask for (a run normally has one config, so one set). Progress is reported
after every job; the outcomes are added to the run, for ``--statistics``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from pathlib import Path

from postlint.remote.fetch import Fetcher
from postlint.remote.jobs import Job
from postlint.remote.limits import Limits
from postlint.remote.outcome import Outcome
from postlint.remote.run import RemoteRun
from postlint.remote.store import ResultStore


def check_jobs(jobs: Collection[Job], cache_folder: Path, run: RemoteRun) -> dict[Job, Outcome]:
    """The outcome of every job: from the cache when fresh (unless the run refreshes), else
    fetched; fetched results are cached (unless the run does not cache)."""
    store = ResultStore(cache_folder) if run.cache else None
    outcomes: dict[Job, Outcome] = {}
    for job in jobs:
        cached = store.get(job) if store is not None and not run.refresh else None
        if cached is not None:
            outcomes[job] = cached
    todo = [job for job in jobs if job not in outcomes]
    if todo:
        asyncio.run(_fetch_all(todo, outcomes, store, run, len(jobs)))
    elif run.progress is not None:
        run.progress(len(jobs), len(jobs), _failures(outcomes.values()))
    run.outcomes.extend(outcomes.values())
    return outcomes


async def _fetch_all(
    todo: list[Job],
    outcomes: dict[Job, Outcome],
    store: ResultStore | None,
    run: RemoteRun,
    total: int,
) -> None:
    options = [job.options for job in todo]
    concurrency = min(o.concurrency for o in options)
    limits = Limits(
        concurrency,
        min(o.host_concurrency for o in options),
        max(o.host_interval for o in options),
    )
    failures = _failures(outcomes.values())

    async def one(fetcher: Fetcher, job: Job) -> None:
        nonlocal failures
        outcome = await fetcher.check(job)
        outcomes[job] = outcome
        if store is not None:
            store.put(job, outcome)
        failures += outcome.verdict != "ok"
        if run.progress is not None:
            run.progress(len(outcomes), total, failures)

    async with Fetcher(limits, concurrency) as fetcher:
        await asyncio.gather(*(one(fetcher, job) for job in todo))


def _failures(outcomes: Collection[Outcome]) -> int:
    return sum(outcome.verdict != "ok" for outcome in outcomes)
