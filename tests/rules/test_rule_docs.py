"""Every rule is documented, and the documentation pages are up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimkit.linting.rules import RULES
from claimkit.linting.rules.base import DOCSTRING_HEADINGS
from claimkit.output.rules import index_page, rule_page

DOCS = Path(__file__).parents[2] / "docs" / "rules"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_docstring_has_every_section_in_order(code: str) -> None:
    documentation = RULES[code].documentation()
    positions = [documentation.find(heading) for heading in DOCSTRING_HEADINGS]
    assert all(position >= 0 for position in positions), f"{code} lacks a section"
    assert positions == sorted(positions)


@pytest.mark.parametrize("code", list(RULES))
def test_rule_identity_is_well_formed(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"CK\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)


@pytest.mark.parametrize("code", list(RULES))
def test_rule_page_is_generated_and_current(code: str) -> None:
    page = DOCS / f"{code}.md"
    assert page.read_text(encoding="utf-8") == rule_page(RULES[code]), (
        "stale page: run python -m claimkit.output.rules docs/rules"
    )


def test_rule_index_is_current() -> None:
    assert (DOCS / "README.md").read_text(encoding="utf-8") == index_page(tuple(RULES.values()))


def test_rule_names_and_codes_are_unique() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


def test_the_forms_kept_with_the_health_terms_are_current() -> None:
    """data/health_terms.txt carries what each term's words meet so that it is not worked out
    at every start; when claimkit.core.words or its data change, tools/health_terms.py remakes
    it."""
    from claimkit.core.text import words_of
    from claimkit.core.words import reach

    data = Path(__file__).parents[2] / "src" / "claimkit" / "data" / "health_terms.txt"
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    assert len(lines) > 3000
    stale = [
        line
        for line in lines
        if [set(word.split()) for word in line.split("\t")[1].split("|")]
        != [{entry.form for entry in reach(word)} for word in words_of(line.split("\t")[0])]
    ]
    assert stale == [], (
        "run: PYTHONPATH=src python tools/health_terms.py > src/claimkit/data/health_terms.txt"
    )
