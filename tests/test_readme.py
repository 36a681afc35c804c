"""README stays true: its rule table is the registry, its Quickstart what .ci/run runs."""

from __future__ import annotations

import re
from pathlib import Path

from postlint import registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_lists_every_rule() -> None:
    rows = re.findall(r"^\| `([A-Z]+\d+)` \| ([\w-]+) \| (\w+) \|", README, re.M)
    assert rows == [(r.code, r.name, r.severity.value) for r in registry.rules()]


def test_ci_runs_the_quickstart_test_command() -> None:
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", README)
    assert len(commands) == 2
    assert "postlint check examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
