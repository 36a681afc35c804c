"""docs/ci.md: every YAML snippet parses, and the commands in it name real options."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from postlint.cli import _parser

DOC = (Path(__file__).resolve().parent.parent / "docs" / "ci.md").read_text(encoding="utf-8")


def test_yaml_snippets_parse() -> None:
    snippets = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    assert len(snippets) == 4
    parsed = [yaml.safe_load(snippet) for snippet in snippets]
    assert parsed[0]["jobs"]["postlint"]["steps"][4]["run"].startswith("postlint check")
    assert parsed[2]["postlint"]["artifacts"]["reports"]["codequality"] == (
        "gl-code-quality-report.json"
    )
    assert parsed[3]["repos"][0]["hooks"] == [{"id": "postlint"}]


def test_toml_snippet_parses() -> None:
    (snippet,) = re.findall(r"```toml\n(.*?)```", DOC, re.S)
    assert tomllib.loads(snippet) == {"project": {"corpus": ["_posts/**/*.md"]}}


def test_every_postlint_command_parses() -> None:
    commands = re.findall(r"(?:run: |^|- )postlint (check [^\n]*)", DOC, re.M)
    assert len(commands) >= 6
    for command in commands:
        words = re.sub(r"\$\{\{.*?\}\}", "1", command).split()
        _parser().parse_args(words)
