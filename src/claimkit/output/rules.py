"""``claimkit rules --format``, and the rules' documentation pages, made from their docstrings.

    python -m claimkit.output.rules docs/rules

writes one page per rule and an index; a test fails when a page is missing or stale.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimkit.output.base import Format, format_table, versioned_json

if TYPE_CHECKING:
    from claimkit.linting.rules import Rule

__all__ = ["RULES_FORMATS", "RulesView", "index_page", "rule_page", "write_pages"]


@dataclass(frozen=True)
class RulesView:
    """The rules to show; ``one`` when a single rule was asked for (its whole page)."""

    rules: tuple[type[Rule], ...]
    one: bool = False


def rule_page(rule: type[Rule]) -> str:
    """A rule's documentation page: its identity, its docstring, and the default word lists
    of its options."""
    aliases = f"\nFormerly: {', '.join(rule.aliases)}.\n" if rule.aliases else ""
    return (
        f"# {rule.code} {rule.name}\n\n"
        f"Default severity: **{rule.severity}**.{aliases}\n\n"
        f"{rule.documentation()}\n"
        f"{_default_lists(rule)}"
    )


# A default list longer than this is folded away on the page.
_FOLDED = 60


def _default_lists(rule: type[Rule]) -> str:
    """The options whose default is a list of words, each with every word of it."""
    sections = []
    for name, field in rule.Options.model_fields.items():
        default = field.default
        if not (
            isinstance(default, tuple) and default and all(isinstance(w, str) for w in default)
        ):
            continue
        words = ", ".join(f"`{word}`" for word in default)
        about = f" {field.description}" if field.description else ""
        shown = (
            f"<details><summary>{len(default)} terms</summary>\n\n{words}\n\n</details>"
            if len(default) > _FOLDED
            else words
        )
        sections.append(f"### `{field.alias or name}`\n\n{len(default)} terms.{about}\n\n{shown}\n")
    return "\n## Default lists\n\n" + "\n".join(sections) if sections else ""


def index_page(rules: Sequence[type[Rule]]) -> str:
    """The table of every rule, linking to their pages."""
    rows = "\n".join(
        f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity} | {rule.summary()} |"
        for rule in rules
    )
    return (
        "# Lint rules\n\n"
        "Generated from the rules' docstrings by `python -m claimkit.output.rules docs/rules`;\n"
        "`claimkit rules CODE` prints the same page.\n\n"
        "| code | name | default severity | what it flags |\n|---|---|---|---|\n"
        f"{rows}\n"
    )


def write_pages(directory: Path, rules: Sequence[type[Rule]]) -> None:
    """A page per rule and the index, in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for rule in rules:
        (directory / f"{rule.code}.md").write_text(rule_page(rule), encoding="utf-8")
    (directory / "README.md").write_text(index_page(rules), encoding="utf-8")


def _text(view: RulesView) -> str:
    if view.one:
        return "".join(rule_page(rule) for rule in view.rules)
    return "".join(
        f"{rule.code}  {rule.name:<28} {rule.severity!s:<8} {rule.summary()}\n"
        for rule in view.rules
    )


def _json(view: RulesView) -> str:
    return versioned_json(
        {
            "rules": [
                {
                    "code": rule.code,
                    "name": rule.name,
                    "severity": str(rule.severity),
                    "summary": rule.summary(),
                    "documentation": rule.documentation(),
                }
                for rule in view.rules
            ]
        }
    )


RULES_FORMATS = format_table(
    Format("text", "One line per rule, or the whole page of the rule asked for.", _text),
    Format("json", "Each rule's identity and documentation, for programs.", _json),
)


if __name__ == "__main__":
    from claimkit.linting.rules import RULES

    write_pages(Path(sys.argv[1]), tuple(RULES.values()))
