"""``--statistics`` for remote images: the hosts with most failed checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from postlint.remote.outcome import Outcome

TOP = 10


def failing_hosts(outcomes: Iterable[Outcome], top: int = TOP) -> str:
    """A table of the ``top`` hosts by failed checks (one per distinct URL checked, cached
    or not): broken and unverified counts and the host; '' when nothing failed."""
    broken: Counter[str] = Counter()
    unverified: Counter[str] = Counter()
    for outcome in outcomes:
        if outcome.verdict == "broken":
            broken[outcome.host] += 1
        elif outcome.verdict == "unverified":
            unverified[outcome.host] += 1
    hosts = sorted(broken.keys() | unverified.keys(), key=lambda h: (-broken[h] - unverified[h], h))
    if not hosts:
        return ""
    rows = [f"{broken[h]:>7}  {unverified[h]:>10}  {h}\n" for h in hosts[:top]]
    header = f"{'broken':>7}  {'unverified':>10}  host\n"
    return "remote image failures by host:\n" + header + "".join(rows)
