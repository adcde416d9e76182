"""``claimkit claims``: validate, list, show and describe the claim registry."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimkit.cli._common import (
    DEFAULT_REGISTRY,
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    CannotRun,
    display_path,
    echo_json,
    format_option,
    format_problem,
    load_registry,
    registry_for,
)

if TYPE_CHECKING:
    from claimkit.claims import ClaimSet
    from claimkit.models import Citation, Claim
    from claimkit.problems import Problem

registry_argument = click.argument(
    "directory", metavar="[DIR]", required=False, type=click.Path(path_type=Path)
)
output_format = format_option("Output for people (text) or programs (json).")


@click.group("claims")
def claims_group() -> None:
    """Work with the claim registry: one YAML file per claim under claims/.

    \b
    Examples:
      claimkit claims check                 validate ./claims
      claimkit claims list --format json    every claim, for scripts
      claimkit claims schema > claim.schema.json
    """


@claims_group.command("check")
@registry_argument
@output_format
@click.option(
    "--strict", is_flag=True, help="Fail (exit 1) on warnings too, such as overdue reviews."
)
def check_command(directory: Path | None, output_format: str, strict: bool) -> None:
    """Validate every claim file in DIR (default: the configuration's claims:, else ./claims).

    Reports every problem at once as path:line:column: message: invalid YAML, unknown or
    missing keys, wrong values, malformed identifiers, duplicate ids, and inconsistent
    evidence. Warns about claims whose next review date has passed.

    \b
    Examples:
      claimkit claims check
      claimkit claims check path/to/claims --strict
      claimkit claims check claims/crying/lowers-blood-pressure.yaml

    Exit status: 0 valid, 1 problems found (warnings too with --strict), 2 could not run.
    """
    from claimkit.claims import CLAIM_FILE_SUFFIXES, load_claims
    from claimkit.errors import InvalidRegistryError, RegistryNotFoundError

    # Checking is about the registry you maintain: no falling back to the bundled one.
    directory = directory or _configured_registry() or DEFAULT_REGISTRY
    try:
        registry = load_claims(directory)
        problems: tuple[Problem, ...] = registry.warnings
        claim_count = len(registry)
    except RegistryNotFoundError as error:
        raise CannotRun(str(error)) from None
    except InvalidRegistryError as error:
        problems, claim_count = error.problems, 0
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (strict and warnings > 0)

    if output_format == "json":
        echo_json(
            {
                "problems": [_problem_json(problem) for problem in problems],
                "summary": {"claims": claim_count, "errors": errors, "warnings": warnings},
            }
        )
    else:
        for problem in problems:
            click.echo(format_problem(problem))
        if errors:
            click.echo(f"Found {_count(errors, 'error')} and {_count(warnings, 'warning')}.")
        elif claim_count == 0:
            suffixes = " or ".join(f"*{suffix}" for suffix in CLAIM_FILE_SUFFIXES)
            click.echo(f"No claim files ({suffixes}) found in {display_path(directory)}.", err=True)
        else:
            note = f" ({_count(warnings, 'warning')})" if warnings else ""
            click.echo(f"All {_count(claim_count, 'claim')} valid{note}.")
    click.get_current_context().exit(EXIT_PROBLEMS if failed else EXIT_CLEAN)


@claims_group.command("list")
@registry_argument
@output_format
@click.option("--stale", is_flag=True, help="Only claims whose next review date has passed.")
def list_command(directory: Path | None, output_format: str, stale: bool) -> None:
    """List the claims in DIR with verdict, certainty and review status.

    DIR defaults to ./claims, or to the bundled registry where there is no ./claims.

    \b
    Examples:
      claimkit claims list
      claimkit claims list --stale
      claimkit claims list --format json | jq -r '.claims[] | select(.overdue) | .id'
    """
    registry = load_registry(registry_for(directory))
    today = dt.date.today()
    claims = [claim for claim in registry if not stale or _overdue(claim, today)]
    if output_format == "json":
        echo_json({"claims": [_claim_row(claim, registry, today) for claim in claims]})
        return
    if not claims:
        click.echo("No overdue claims." if stale else "No claims.", err=True)
        return
    header = ("ID", "VERDICT", "CERTAINTY", "REVIEW", "NEXT REVIEW")
    rows = [
        (
            claim.id,
            str(claim.evidence.verdict),
            str(claim.evidence.certainty),
            str(claim.review.status),
            _next_review(claim, today),
        )
        for claim in claims
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, *rows]:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@claims_group.command("show")
@click.argument("claim_id", metavar="ID")
@click.option(
    "--claims",
    "directory",
    type=click.Path(path_type=Path),
    help="The registry directory [default: ./claims, else the bundled registry].",
)
@output_format
def show_command(claim_id: str, directory: Path | None, output_format: str) -> None:
    """Show one claim as an editor reads it: statement, verdict, evidence, citations, wording.

    \b
    Examples:
      claimkit claims show crying.lowers-blood-pressure
      claimkit claims show crying.lowers-blood-pressure --claims path/to/claims --format json
    """
    directory = registry_for(directory)
    registry = load_registry(directory)
    claim = registry.get(claim_id)
    if claim is None:
        close = registry.suggest(claim_id)
        hint = f"; did you mean {close!r}?" if close else " (see: claimkit claims list)"
        raise CannotRun(f"no claim {claim_id!r} in {display_path(directory)}{hint}")
    source = registry.source_of(claim_id)
    if output_format == "json":
        echo_json({"claim": claim.model_dump(mode="json"), "path": display_path(source.path)})
        return
    click.echo(_render_claim(claim, display_path(source.path)))


@claims_group.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a claim file.

    Point your editor's YAML plugin at it for completion and inline errors, e.g. with the
    first line of a claim file:

    \b
      # yaml-language-server: $schema=../claim.schema.json

    \b
    Example:
      claimkit claims schema > claim.schema.json
    """
    from claimkit.models import Claim

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Claim.model_json_schema(),
        "title": "claimkit claim file",
    }
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))


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


def _overdue(claim: Claim, today: dt.date) -> bool:
    return claim.review.next_review is not None and claim.review.next_review < today


def _next_review(claim: Claim, today: dt.date) -> str:
    if claim.review.next_review is None:
        return "-"
    overdue = " (overdue)" if _overdue(claim, today) else ""
    return f"{claim.review.next_review}{overdue}"


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
        "overdue": _overdue(claim, today),
        "path": display_path(registry.source_of(claim.id).path),
    }


def _reference(citation: Citation) -> str:
    """Authors (year). Title. Journal."""
    parts = [", ".join(citation.authors)] if citation.authors else []
    if citation.year:
        parts.append(f"({citation.year})")
    text = " ".join(parts)
    text = f"{text}. {citation.title}" if text else citation.title
    text = text if text.endswith((".", "?", "!")) else f"{text}."
    return f"{text} {citation.journal}." if citation.journal else text


def _render_claim(claim: Claim, path: str) -> str:
    from claimkit.identifiers import Scheme

    width = min(shutil.get_terminal_size().columns, 100) - 4
    evidence, review = claim.evidence, claim.review

    def wrapped(text: str, indent: str = "  ", first: str | None = None) -> str:
        return textwrap.fill(
            " ".join(text.split()),
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
        click.style(claim.id, bold=True) + f"  ({path})",
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
            lines.append(f"     {citation.ref}" + (f"  {link}" if link else ""))
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
    return "\n".join(lines)


def _configured_registry() -> Path | None:
    """The registry the configuration found from here names (``claims:``), if any."""
    from claimkit.cli.lint import load_lint_config

    config = load_lint_config((Path(),), None)
    return config.base / config.claims if config.claims is not None else None
