"""What checking one remote image concludes: ok, broken (IMG003) or unverified (IMG008)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Verdict = Literal["ok", "broken", "unverified"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A verdict, why (empty when ok), and the image's host, for the statistics."""

    verdict: Verdict
    reason: str
    host: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for the results cache."""
        return {"verdict": self.verdict, "reason": self.reason, "host": self.host}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outcome:
        """The outcome stored by ``to_dict``; raises on anything else."""
        verdict, reason, host = data["verdict"], data["reason"], data["host"]
        if verdict not in ("ok", "broken") or not isinstance(reason, str):
            raise ValueError("not a cached outcome")
        return cls(verdict, reason, str(host))
