"""``claimkit claims``: validate, list, show and describe the claim registry, and draft new
claims."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click

from claimkit.cli._common import (
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    CannotRun,
    claims_of,
    claims_option,
    config_option,
    echo_rendered,
    format_option,
    open_workspace,
)
from claimkit.output.base import display_path
from claimkit.output.claims import CHECK_FORMATS, CONCEPTS_FORMATS, LIST_FORMATS, SHOW_FORMATS

registry_argument = click.argument(
    "directory", metavar="[DIR]", required=False, type=click.Path(path_type=Path)
)


@click.group("claims")
def claims_group() -> None:
    """Work with the claim registry: one YAML file per claim under claims/.

    \b
    Examples:
      claimkit claims check                 validate ./claims
      claimkit claims list --format json    every claim, for scripts
      claimkit claims new --from post.md:12 draft a claim from a sentence lint flagged
      claimkit claims schema > claim.schema.json
    """


def _named_registry(directory: Path | None, claims_path: Path | None) -> Path | None:
    """The registry named by DIR or by --claims (they are two spellings of one thing)."""
    if directory is not None and claims_path is not None and directory != claims_path:
        raise click.UsageError("name the registry once: DIR or --claims, not both")
    return directory or claims_path


@claims_group.command("check")
@registry_argument
@claims_option
@config_option
@format_option(CHECK_FORMATS)
@click.option(
    "--strict", is_flag=True, help="Fail (exit 1) on warnings too, such as overdue reviews."
)
@click.option(
    "--terms",
    is_flag=True,
    help="Also list what each word of the match terms meets: its inflections ('lower': "
    "'lowers', 'lowered') and its curated relatives ('reduce': 'reduction'), with the relation "
    "each comes from.",
)
def check_command(
    directory: Path | None,
    claims_path: Path | None,
    config_path: Path | None,
    output_format: str,
    strict: bool,
    terms: bool,
) -> None:
    """Validate every claim file in DIR (default: the configuration's claims:, else ./claims).

    Reports every problem at once as path:line:column: message: invalid YAML, unknown or
    missing keys, wrong values, malformed identifiers, duplicate ids, inconsistent evidence,
    and each example that its claim's match rules no longer judge as written (other commands
    still run, and name it on stderr). Warns about claims whose next review date has passed.

    \b
    Examples:
      claimkit claims check
      claimkit claims check path/to/claims --strict
      claimkit claims check claims/crying/lowers-blood-pressure.yaml
      claimkit claims check --terms

    Exit status: 0 valid, 1 problems found (warnings too with --strict), 2 could not run.
    """
    from claimkit.core.problems import Problem
    from claimkit.errors import InvalidRegistryError, RegistryNotFoundError
    from claimkit.output.claims import CheckView
    from claimkit.registry import term_reach

    named = _named_registry(directory, claims_path)
    # Checking is about the registry you maintain: no falling back to the bundled one.
    workspace = open_workspace(
        [named] if named else [], config_path=config_path, claims_path=named, bundled=False
    )
    try:
        registry = workspace.claims
        problems: tuple[Problem, ...] = tuple(
            sorted(
                (*registry.warnings, *(e.problem for e in registry.failing_examples)),
                key=Problem.sort_key,
            )
        )
        claim_count = len(registry)
    except RegistryNotFoundError as error:
        raise CannotRun(str(error)) from None
    except InvalidRegistryError as error:
        problems, claim_count = error.problems, 0
    if terms:
        problems = tuple(
            sorted((*problems, *term_reach(workspace.registry.path)), key=Problem.sort_key)
        )
    view = CheckView(workspace.registry.path, problems, claim_count)
    echo_rendered(CHECK_FORMATS[output_format].render(view))
    failed = view.errors > 0 or (strict and view.warnings > 0)
    click.get_current_context().exit(EXIT_PROBLEMS if failed else EXIT_CLEAN)


@claims_group.command("list")
@registry_argument
@claims_option
@config_option
@format_option(LIST_FORMATS)
@click.option("--stale", is_flag=True, help="Only claims whose next review date has passed.")
def list_command(
    directory: Path | None,
    claims_path: Path | None,
    config_path: Path | None,
    output_format: str,
    stale: bool,
) -> None:
    """List the claims in DIR with verdict, certainty and review status.

    DIR defaults to the configuration's claims:, else ./claims, else the bundled registry.

    \b
    Examples:
      claimkit claims list
      claimkit claims list --stale
      claimkit claims list --format json | jq -r '.claims[] | select(.overdue) | .id'
    """
    from claimkit.output.claims import ListView, overdue

    named = _named_registry(directory, claims_path)
    workspace = open_workspace([named] if named else [], config_path=config_path, claims_path=named)
    registry = claims_of(workspace)
    today = dt.date.today()
    claims = tuple(claim for claim in registry if not stale or overdue(claim, today))
    if output_format == "text" and not claims:
        click.echo("No overdue claims." if stale else "No claims.", err=True)
        return
    echo_rendered(LIST_FORMATS[output_format].render(ListView(registry, claims, today)))


@claims_group.command("show")
@click.argument("claim_id", metavar="ID")
@claims_option
@config_option
@format_option(SHOW_FORMATS)
def show_command(
    claim_id: str, claims_path: Path | None, config_path: Path | None, output_format: str
) -> None:
    """Show one claim as an editor reads it: statement, verdict, evidence, citations, wording.

    \b
    Examples:
      claimkit claims show crying.lowers-blood-pressure
      claimkit claims show crying.lowers-blood-pressure --claims path/to/claims --format json
    """
    from claimkit.output.claims import ShowView

    workspace = open_workspace(config_path=config_path, claims_path=claims_path)
    registry = claims_of(workspace)
    claim = registry.get(claim_id)
    if claim is None:
        close = registry.suggest(claim_id)
        hint = f"; did you mean {close!r}?" if close else " (see: claimkit claims list)"
        where = display_path(workspace.registry.path)
        raise CannotRun(f"no claim {claim_id!r} in {where}{hint}")
    view = ShowView(claim, registry.source_of(claim_id).path)
    echo_rendered(SHOW_FORMATS[output_format].render(view))


@claims_group.command("concepts")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@claims_option
@config_option
@format_option(CONCEPTS_FORMATS)
def concepts_command(
    names: tuple[str, ...], claims_path: Path | None, config_path: Path | None, output_format: str
) -> None:
    """List the concepts and topics a match term may name as @NAME, with their terms.

    Concepts ship with claimkit: effect verbs by direction (@lower, @raise, @remove ...) and
    health outcomes with their synonyms (@blood-pressure, @weight ...). Topics are the
    registry's own (topic.yaml files).

    \b
    Examples:
      claimkit claims concepts
      claimkit claims concepts lower blood-pressure
    """
    from claimkit.output.claims import ConceptsView
    from claimkit.registry import bundled_concepts

    workspace = open_workspace(config_path=config_path, claims_path=claims_path)
    registry = claims_of(workspace)
    wanted = {name.removeprefix("@") for name in names}
    concepts = tuple(c for c in bundled_concepts().values() if not wanted or c.name in wanted)
    topics = tuple(t for t in registry.topics.values() if not wanted or t.topic in wanted)
    unknown = wanted - {c.name for c in concepts} - {t.topic for t in topics}
    if unknown:
        raise CannotRun(f"no concept or topic named {', '.join(sorted(unknown))}")
    echo_rendered(CONCEPTS_FORMATS[output_format].render(ConceptsView(concepts, topics)))


@claims_group.command("new")
@click.option(
    "--from",
    "place",
    required=True,
    metavar="FILE:LINE[:COLUMN]",
    help="The sentence to make a claim of, as lint reports it (post.md:12:5).",
)
@click.option(
    "--id",
    "claim_id",
    metavar="TOPIC.NAME",
    help="The claim's id [default: made from the sentence].",
)
@click.option(
    "--output",
    "-o",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Write the claim file here ('-' for stdout) [default: REGISTRY/TOPIC/NAME.yaml].",
)
@click.option("--force", is_flag=True, help="Overwrite a file that is already there.")
@claims_option
@config_option
def new_command(
    place: str,
    claim_id: str | None,
    output: Path | None,
    force: bool,
    claims_path: Path | None,
    config_path: Path | None,
) -> None:
    """Draft a claim file from a sentence of an article, for a claim the registry lacks.

    The draft has the sentence as its statement and as a match example, a topic (a declared
    topic the sentence or its article names, else the sentence's subject), a match block of
    the sentence's effect verb and outcome with the concept lexicons that name them, and the
    evidence left for the editor (certainty none, verdict unsupported, review draft). It never
    overwrites a file unless --force.

    \b
    Examples:
      claimkit claims new --from post.md:12        after lint reported CK301 at post.md:12:1
      claimkit claims new --from post.md:12:40 --id walking.lowers-blood-pressure
      claimkit claims new --from post.md:12 -o -   print the draft instead

    Exit status: 0 written, 2 could not (bad usage, no sentence or claim at that place, an
    unreadable article, a file already there).
    """
    from claimkit.application.new_claim import NoClaimHereError, draft_claim
    from claimkit.reading import UnreadableFile, read_document
    from claimkit.registry.models import CLAIM_ID_PATTERN

    file, line, column = _place(place)
    if claim_id is not None and not re.fullmatch(CLAIM_ID_PATTERN, claim_id):
        raise click.BadParameter(
            f"{claim_id!r} is not a claim id: write topic.short-name in lower-case letters, "
            "digits and hyphens",
            param_hint="--id",
        )
    workspace = open_workspace(
        [file], config_path=config_path, claims_path=claims_path, bundled=False
    )
    registry_path = workspace.registry.path
    registry = claims_of(workspace) if registry_path.exists() else None
    document = read_document(file)
    if isinstance(document, UnreadableFile):
        raise CannotRun(str(document))
    try:
        draft = draft_claim(document, line, column, registry, claim_id, display_path(file))
    except NoClaimHereError as error:
        raise CannotRun(f"{display_path(file)}:{line}: {error}") from None
    if registry is not None and registry.get(draft.claim_id) is not None:
        where = display_path(registry.source_of(draft.claim_id).path)
        raise CannotRun(f"the registry already has {draft.claim_id} ({where}); choose --id")
    if output is not None and str(output) == "-":
        click.echo(draft.text, nl=False)
        if draft.topic_file is not None:
            click.echo(f"Declare its topic too, in {draft.topic_file[0]}.", err=True)
        return
    target = output or registry_path.joinpath(*draft.relative_path.parts)
    if target.exists() and not force:
        raise CannotRun(f"{display_path(target)} already exists; --force overwrites it")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(draft.text, encoding="utf-8")
    if draft.topic_file is not None:
        topic_path = registry_path.joinpath(*draft.topic_file[0].parts)
        if not topic_path.exists():
            topic_path.parent.mkdir(parents=True, exist_ok=True)
            topic_path.write_text(draft.topic_file[1], encoding="utf-8")
            click.echo(f"Wrote {display_path(topic_path)}: the draft's topic.", err=True)
    click.echo(
        f"Wrote {display_path(target)}: draft claim {draft.claim_id} from "
        f"{display_path(file)}:{draft.sentence.span.line}. Fill in its evidence, then run "
        "`claimkit claims check`.",
        err=True,
    )


def _place(place: str) -> tuple[Path, int, int | None]:
    """FILE:LINE[:COLUMN] as lint prints it."""
    found = re.fullmatch(r"(.+?):(\d+)(?::(\d+))?", place)
    if found is None or int(found[2]) < 1:
        raise click.BadParameter(f"{place!r} is not FILE:LINE[:COLUMN]", param_hint="--from")
    column = int(found[3]) if found[3] else None
    return Path(found[1]), int(found[2]), column


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
    from claimkit.registry import Claim

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Claim.model_json_schema(),
        "title": "claimkit claim file",
    }
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))
