"""``claimkit cite verify --format``: each citation's status, as a table or JSON."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from claimkit.output.base import (
    Format,
    display_path,
    format_table,
    printable,
    versioned_json,
)

if TYPE_CHECKING:
    from claimkit.verify.model import Target, Update
    from claimkit.verify.verifier import Outcome

__all__ = ["VERIFY_FORMATS", "VerifyView"]


@dataclass(frozen=True)
class VerifyView:
    """What a verification run found, for the citations it was asked about."""

    targets: list[Target]
    outcomes: list[Outcome]
    lock_file: Path

    @cached_property
    def _citing(self) -> dict[str, list[str]]:
        return {target.identifier: target.cited_by for target in self.targets}

    def cited_by(self, identifier: str) -> list[str]:
        """The claims and articles that cite ``identifier``."""
        return self._citing.get(identifier, [])


def _describe(update: Update) -> str:
    """``retraction 2025-03-14, notice doi:10.5555/x (retraction-watch)``"""
    words = [update.kind]
    if update.date:
        words.append(update.date)
    described = " ".join(words)
    if update.notice:
        described += f", notice {update.notice}"
    if update.source:
        described += f" ({update.source})"
    return described


def _json(view: VerifyView) -> str:
    outcomes = view.outcomes
    return versioned_json(
        {
            "lock": display_path(view.lock_file),
            "citations": [
                {
                    "identifier": o.identifier,
                    **o.entry.model_dump(mode="json"),
                    "checked_now": o.checked_now,
                    "cited_by": view.cited_by(o.identifier),
                }
                for o in outcomes
            ],
            "summary": dict(Counter(str(o.entry.status) for o in outcomes)),
        }
    )


def _text(view: VerifyView) -> str:
    outcomes = view.outcomes
    width = max((len(o.identifier) for o in outcomes), default=10)
    lines = []
    for outcome in outcomes:
        entry = outcome.entry
        found = f"{entry.title} ({entry.year})" if entry.title else (entry.message or "")
        line = f"{outcome.identifier:<{width}}  {entry.status!s:<11}  {found}"
        if entry.message and entry.title:
            line += f" — {entry.message}"
        for update in entry.updates:
            line += f" — {_describe(update)}"
        if entry.status.is_failure:
            line += f"  [cited by {', '.join(view.cited_by(outcome.identifier))}]"
        lines.append(line)
    counts = Counter(str(o.entry.status) for o in outcomes)
    fresh = sum(o.checked_now for o in outcomes)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    lines.append(
        f"{len(outcomes)} citations: {summary or 'none'}; {fresh} checked now, "
        f"{len(outcomes) - fresh} from {display_path(view.lock_file)}."
    )
    return printable("\n".join(lines)) + "\n"


VERIFY_FORMATS = format_table(
    Format("text", "A table: identifier, status, what was found.", _text),
    Format("json", "Every citation's lock entry, for programs.", _json),
)
