"""``claimkit claims check|list|show --format``: the registry's problems, its claims as a
table, and one claim as an editor reads it."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimkit.core.enums import Severity
from claimkit.core.identifiers import Scheme
from claimkit.core.text import words_of
from claimkit.core.words import reach_in_words
from claimkit.output.base import (
    Format,
    display_path,
    format_problem,
    format_table,
    printable,
    versioned_json,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from claimkit.core.problems import Problem
    from claimkit.registry import Citation, Claim, ClaimSet, Topic
    from claimkit.registry.vocabulary import Concept

__all__ = [
    "CHECK_FORMATS",
    "CONCEPTS_FORMATS",
    "LIST_FORMATS",
    "SHOW_FORMATS",
    "CheckView",
    "ConceptsView",
    "ListView",
    "ShowView",
    "overdue",
]


# -- claims check ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckView:
    """What checking a registry found."""

    registry: Path
    problems: tuple[Problem, ...]
    claims: int
    """How many claims are valid (0 when the registry has errors)."""

    @property
    def errors(self) -> int:
        return sum(problem.is_error for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity is Severity.WARNING for problem in self.problems)


def _check_text(view: CheckView) -> str:
    lines = [format_problem(problem) for problem in view.problems]
    if view.errors:
        lines.append(
            f"Found {_count(view.errors, 'error')} and {_count(view.warnings, 'warning')}."
        )
    elif view.claims:
        note = f" ({_count(view.warnings, 'warning')})" if view.warnings else ""
        lines.append(f"All {_count(view.claims, 'claim')} valid{note}.")
    return "".join(f"{line}\n" for line in lines)


def _check_json(view: CheckView) -> str:
    return versioned_json(
        {
            "problems": [_problem_json(problem) for problem in view.problems],
            "summary": {"claims": view.claims, "errors": view.errors, "warnings": view.warnings},
        }
    )


# -- claims list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListView:
    """The claims to list, from their registry, as of ``today``."""

    registry: ClaimSet
    claims: tuple[Claim, ...]
    today: dt.date


def _list_text(view: ListView) -> str:
    header = ("ID", "VERDICT", "CERTAINTY", "REVIEW", "NEXT REVIEW")
    rows = [
        (
            claim.id,
            str(claim.evidence.verdict),
            str(claim.evidence.certainty),
            str(claim.review.status),
            _next_review(claim, view.today),
        )
        for claim in view.claims
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return "".join(
        printable(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        + "\n"
        for row in [header, *rows]
    )


def _list_json(view: ListView) -> str:
    return versioned_json(
        {"claims": [_claim_row(claim, view.registry, view.today) for claim in view.claims]}
    )


def overdue(claim: Claim, today: dt.date) -> bool:
    """Whether the claim's next review date has passed."""
    return claim.review.next_review is not None and claim.review.next_review < today


def _next_review(claim: Claim, today: dt.date) -> str:
    if claim.review.next_review is None:
        return "-"
    late = " (overdue)" if overdue(claim, today) else ""
    return f"{claim.review.next_review}{late}"


def _claim_row(claim: Claim, registry: ClaimSet, today: dt.date) -> dict[str, Any]:
    review = claim.review
    return {
        "id": claim.id,
        "statement": claim.statement,
        "topic": claim.topic,
        "tags": list(claim.tags),
        "verdict": str(claim.evidence.verdict),
        "certainty": str(claim.evidence.certainty),
        "citations": len(claim.evidence.citations),
        "review_status": str(review.status),
        "reviewed_on": review.reviewed_on.isoformat() if review.reviewed_on else None,
        "next_review": review.next_review.isoformat() if review.next_review else None,
        "overdue": overdue(claim, today),
        "path": display_path(registry.source_of(claim.id).path),
    }


# -- claims show -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShowView:
    """One claim and the file that defines it."""

    claim: Claim
    path: Path


def _show_json(view: ShowView) -> str:
    return versioned_json(
        {"claim": view.claim.model_dump(mode="json"), "path": display_path(view.path)}
    )


def _reference(citation: Citation) -> str:
    """Authors (year). Title. Journal."""
    parts = [", ".join(citation.authors)] if citation.authors else []
    if citation.year:
        parts.append(f"({citation.year})")
    text = " ".join(parts)
    text = f"{text}. {citation.title}" if text else citation.title
    text = text if text.endswith((".", "?", "!")) else f"{text}."
    return f"{text} {citation.journal}." if citation.journal else text


def _show_text(view: ShowView) -> str:
    claim, path = view.claim, display_path(view.path)
    width = min(shutil.get_terminal_size().columns, 100) - 4
    evidence, review = claim.evidence, claim.review

    def wrapped(text: str, indent: str = "  ", first: str | None = None) -> str:
        return textwrap.fill(
            printable(" ".join(text.split())),
            width,
            initial_indent=first if first is not None else indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )

    def section(title: str) -> list[str]:
        return ["", click.style(title, bold=True)]

    review_line = str(review.status)
    if review.reviewer or review.reviewed_on:
        review_line += (
            f" by {review.reviewer or 'unknown'} on {review.reviewed_on or 'unknown date'}"
        )
    if review.next_review:
        review_line += f"; next review {review.next_review}"
    lines = [
        click.style(claim.id, bold=True) + f"  ({printable(path)})",
        wrapped(claim.statement),
        "",
        f"  Verdict:    {evidence.verdict}",
        f"  Certainty:  {evidence.certainty.label}",
        f"  Review:     {review_line}",
        *section("Evidence"),
        wrapped(evidence.summary),
    ]
    if evidence.citations:
        lines += section("Citations")
        for number, citation in enumerate(evidence.citations, start=1):
            lines.append(wrapped(_reference(citation), "     ", f"  {number}. "))
            identifier = citation.identifier
            link = identifier.url if identifier.scheme is not Scheme.URL else None
            lines.append(printable(f"     {citation.ref}" + (f"  {link}" if link else "")))
            facts = [str(citation.stance), str(citation.design or "design not given")]
            facts.append("verified" if citation.verified else "UNVERIFIED")
            lines.append(f"     [{' · '.join(facts)}]")
            if citation.note:
                lines.append(wrapped(citation.note, "     "))
    for title, phrases in (
        ("Approved wording", claim.wording.approved),
        ("Avoid", claim.wording.avoid),
    ):
        if phrases:
            lines += section(title)
            lines += [wrapped(phrase, "    ", "  - ") for phrase in phrases]
    if claim.notes:
        lines += [*section("Notes"), wrapped(claim.notes)]
    lines += [*section("Words the match terms meet"), *_term_reach(claim, wrapped)]
    return "\n".join(lines) + "\n"


def _term_reach(claim: Claim, wrapped: Callable[[str, str, str], str]) -> list[str]:
    """Each word of the claim's own match terms with every other word it meets, and why:
    its inflections, and its curated relatives (``claimkit.core.words``)."""
    match = claim.match
    words = dict.fromkeys(
        word
        for group in (*match.required, *match.context, *match.contrary, match.veto)
        for term in group
        if not term.startswith("@")
        for word in (term.split() if term.isupper() else words_of(term))
    )
    lines = ["  A word meets its inflections and the relatives listed; nothing else."]
    lines += [wrapped(reach_in_words(word), "      ", "  - ") for word in words]
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "path": display_path(problem.path),
        "line": problem.line,
        "column": problem.column,
        "severity": str(problem.severity),
        "message": problem.message,
    }


# -- claims concepts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptsView:
    """The concepts and topics a match term may name, each with its terms."""

    concepts: tuple[Concept, ...]
    topics: tuple[Topic, ...]


def _concepts_text(view: ConceptsView) -> str:
    lines = []
    for concept in view.concepts:
        about = f" — {concept.description}" if concept.description else ""
        lines.append(f"@{concept.name}  ({concept.kind}){about}")
        lines.append(wrap(", ".join(concept.terms)))
    for topic in view.topics:
        lines.append(f"@{topic.topic}  (topic) — {topic.name}")
        lines.append(wrap(", ".join(topic.terms)))
    return printable("\n".join(lines)) + "\n" if lines else ""


def wrap(text: str) -> str:
    return textwrap.fill(text, 96, initial_indent="    ", subsequent_indent="    ")


def _concepts_json(view: ConceptsView) -> str:
    return versioned_json(
        {
            "concepts": [
                {
                    "name": c.name,
                    "kind": c.kind,
                    "description": c.description,
                    "terms": list(c.terms),
                }
                for c in view.concepts
            ],
            "topics": [
                {"name": t.topic, "title": t.name, "terms": list(t.terms)} for t in view.topics
            ],
        }
    )


CHECK_FORMATS = format_table(
    Format("text", "path:line:column: message, then a summary.", _check_text),
    Format("json", "Every problem and a summary, for programs.", _check_json),
)
LIST_FORMATS = format_table(
    Format("text", "A table: id, verdict, certainty, review status, next review.", _list_text),
    Format("json", "Every claim's row, for scripts.", _list_json),
)
CONCEPTS_FORMATS = format_table(
    Format("text", "Each concept and topic, with its terms.", _concepts_text),
    Format("json", "The same as data.", _concepts_json),
)
SHOW_FORMATS = format_table(
    Format("text", "The claim as an editor reads it.", _show_text),
    Format("json", "The claim file's data, for programs.", _show_json),
)
