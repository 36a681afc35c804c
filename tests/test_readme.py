"""README stays true: its rule table is the registry, its Quickstart what .ci/run runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_publishing_pipeline_example_refuses_a_bad_post(tmp_path: Path) -> None:
    (snippet,) = re.findall(r"```python\n(.*?)```", README, re.S)
    namespace: dict[str, object] = {}
    exec(compile(snippet, "README.md", "exec"), namespace)
    publish = namespace["publish"]
    good = "---\ntitle: Rail line reopens\ndate: 2024-11-13\n---\n# Rail line reopens\n"
    target = tmp_path / "2024-11-13-rail.md"
    publish(good, target)  # type: ignore[operator]
    assert target.read_text(encoding="utf-8") == good
    bad = good.replace("2024-11-13\n", "2024-13-45\n")
    refused = tmp_path / "2024-11-13-bad.md"
    with pytest.raises(ValueError, match=r"refusing to publish .*\n3:7 FM020 date"):
        publish(bad, refused)  # type: ignore[operator]
    assert not refused.exists()


def test_every_output_format_is_documented() -> None:
    from postlint.reporters import FORMATS

    documented = re.findall(r"^\| `([a-z-]+)` \| .* \| .* \|$", README, re.M)
    assert [name for name in documented if name in FORMATS] == list(FORMATS)
