"""pre-commit: the hook definition, this repository's own config, and a real pre-commit run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from postlint import registry
from postlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "postlint"
    assert hook["entry"] == "postlint check"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html"]
    assert hook["require_serial"] is True


def test_own_config_lints_the_catalogue_and_the_clean_examples(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff", "mypy", "postlint"} <= set(hooks)
    pattern = re.compile(hooks["postlint"]["files"])
    candidates = [*(ROOT / "rules").rglob("*"), *(ROOT / "examples").rglob("*")]
    files = sorted(
        p.relative_to(ROOT).as_posix()
        for p in candidates
        if pattern.search(p.relative_to(ROOT).as_posix())
    )
    pages = sorted(f"rules/{code}.md" for code in registry.codes())
    clean = [
        "examples/_posts/2024-11-07-new-library-opens.md",
        "examples/_posts/2024-11-13-clean-post.md",
    ]
    assert files == sorted([*clean, *pages])
    monkeypatch.chdir(ROOT)
    assert main(["check", "--no-cache", *files]) == 0, capsys.readouterr().out


BAD = "---\ntitle: Budget\ndate: 2024-13-45\n---\n# Budget\n"
GOOD = "---\ntitle: Budget\ndate: 2024-11-06\n---\n# Budget\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_real_pre_commit_try_repo(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs this repository's hook in a fresh environment."""
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository, which try-repo needs")
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    _git(site, "init", "-q")
    _git(site, "config", "user.email", "test@example.com")
    _git(site, "config", "user.name", "test")
    post = site / "_posts" / "2024-11-06-budget.md"
    post.write_text(BAD, encoding="utf-8")
    _git(site, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "postlint", "--all-files"]
    options = {"cwd": site, "env": env, "capture_output": True, "text": True, "timeout": 600}
    failed = subprocess.run(command, check=False, **options)  # type: ignore[call-overload]
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "_posts/2024-11-06-budget.md:3:7: FM020" in failed.stdout
    post.write_text(GOOD, encoding="utf-8")
    _git(site, "add", ".")
    passed = subprocess.run(command, check=False, **options)  # type: ignore[call-overload]
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"postlint\.+Passed", passed.stdout)
