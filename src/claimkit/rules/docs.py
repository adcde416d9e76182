"""The documentation pages of the rules, made from their docstrings.

    python -m claimkit.rules.docs docs/rules

writes one page per rule and an index; a test fails when a page is missing or stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimkit.rules import RULES
from claimkit.rules.base import Rule

__all__ = ["index_page", "rule_page", "write_pages"]


def rule_page(rule: type[Rule]) -> str:
    aliases = f"\nFormerly: {', '.join(rule.aliases)}.\n" if rule.aliases else ""
    return (
        f"# {rule.code} {rule.name}\n\n"
        f"Default severity: **{rule.severity}**.{aliases}\n\n"
        f"{rule.documentation()}\n"
    )


def index_page() -> str:
    rows = "\n".join(
        f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity} | {rule.summary()} |"
        for rule in RULES.values()
    )
    return (
        "# Lint rules\n\n"
        "Generated from the rules' docstrings by `python -m claimkit.rules.docs docs/rules`;\n"
        "`claimkit rules CODE` prints the same page.\n\n"
        "| code | name | default severity | what it flags |\n|---|---|---|---|\n"
        f"{rows}\n"
    )


def write_pages(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for rule in RULES.values():
        (directory / f"{rule.code}.md").write_text(rule_page(rule), encoding="utf-8")
    (directory / "README.md").write_text(index_page(), encoding="utf-8")


if __name__ == "__main__":
    write_pages(Path(sys.argv[1]))
