"""The rule catalogue (rules/<CODE>.md) and the registry agree, and every example runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue import CATALOGUE, Example, Page, pages

from postlint import lint_text, registry
from postlint.cli import main
from postlint.config import Config, ConfigFile

# Rules about bytes, files and parser limits, and cross-file rules: a single text example
# in a page cannot show them.
NOT_SHOWN_BY_TEXT = {
    *("PL001", "PL002", "PL003", "PL005", "PL006", "PL900", "SRC001", "SRC002"),
    *("IMG003", "IMG008"),  # they need the network
}

PAGES = pages()


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    assert sorted(p.path.stem for p in PAGES) == list(registry.codes())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.stem)
def test_page_front_matter_matches_the_registry(page: Page) -> None:
    rule = registry.lookup(page.path.stem)
    assert rule is not None
    assert page.meta["code"] == rule.code
    assert page.meta["name"] == rule.name
    assert page.meta["severity"] == rule.severity.value
    assert page.meta["fixable"] == rule.fixable
    assert page.meta["summary"] == rule.summary


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.stem)
def test_page_has_incorrect_and_correct_examples(page: Page) -> None:
    kinds = {example.kind for example in page.examples}
    if page.path.stem in NOT_SHOWN_BY_TEXT:
        assert kinds == set()
    else:
        assert kinds == {"incorrect", "correct"}


EXAMPLES = [(page, example) for page in PAGES for example in page.examples]


@pytest.mark.parametrize(
    ("page", "example"), EXAMPLES, ids=lambda x: x.path.stem if isinstance(x, Page) else str(x.line)
)
def test_example(page: Page, example: Example) -> None:
    config = Config(root=Path("/site"), file=ConfigFile.model_validate(page.config))
    path = f"/site/_posts/2024-11-06-example{example.suffix}"
    codes = [d.code for d in lint_text(example.text, path=path, config=config)]
    if example.kind == "incorrect":
        assert page.path.stem in codes
    else:
        assert page.path.stem not in codes


def test_rule_command_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "FM011"]) == 0
    assert capsys.readouterr().out == (CATALOGUE / "FM011.md").read_text(encoding="utf-8")


def test_rule_command_accepts_a_rule_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "wrong-type"]) == 0
    assert capsys.readouterr().out.startswith("---\ncode: FM011\n")
