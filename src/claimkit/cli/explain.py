"""``claimkit explain``: why a sentence does or does not make a claim."""

from __future__ import annotations

from pathlib import Path

import click

from claimkit.cli._common import (
    CannotRun,
    claims_of,
    claims_option,
    config_option,
    echo_rendered,
    format_option,
    input_format_option,
    open_workspace,
)
from claimkit.output.explain import EXPLAIN_FORMATS


@click.command("explain")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--line", type=click.IntRange(min=1), help="Only the sentences on this line.")
@click.option("--text", "sentence", metavar="SENTENCE", help="Explain this text, not a file.")
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every sentence, not only those that make or nearly make a claim.",
)
@claims_option
@config_option
@format_option(EXPLAIN_FORMATS)
@input_format_option
def explain_command(
    path: Path | None,
    line: int | None,
    sentence: str | None,
    every: bool,
    claims_path: Path | None,
    config_path: Path | None,
    output_format: str,
    input_format: str | None,
) -> None:
    """Explain, sentence by sentence, which registered claims an article makes and why.

    For each sentence: each claim it makes, the words that matched the claim's terms, where
    the claim's subject came from (the sentence itself, the sentence before, its paragraph,
    a heading, the title, a question heading it answers), or the claim it refers back to;
    the stance and the words that decided it, with where they are in the sentence
    ("characters 46-60") or which sentence lent them ("(heading)", "(answered later)"); and
    each near miss — a claim whose match rules the sentence meets but for one group, named
    with its terms. For editors writing or debugging a claim file's match block.

    \b
    Examples:
      claimkit explain post.md
      claimkit explain post.md --line 12
      claimkit explain --text "A good cry flushes toxins out of your body."
      claimkit explain post.md --format json

    Exit status: 0 explained, 2 could not run (bad usage, configuration or registry, an
    unreadable file).
    """
    from claimkit.matching import explain_document
    from claimkit.output.base import display_path
    from claimkit.output.explain import ExplainView
    from claimkit.reading import InputFormat, UnreadableFile, parse_document, read_document

    if (path is None) == (sentence is None):
        raise click.UsageError("give a FILE or --text SENTENCE (one of them)")
    if sentence is not None and input_format == InputFormat.DOCX:
        raise click.UsageError("--text is read as text; --input-format docx is for a Word file")
    workspace = open_workspace(
        [path] if path else [], config_path=config_path, claims_path=claims_path
    )
    claims = claims_of(workspace)
    if sentence is not None:
        document = parse_document(sentence, input_format or InputFormat.TEXT)
        shown = None
    else:
        assert path is not None
        found = read_document(path, input_format)
        if isinstance(found, UnreadableFile):
            raise CannotRun(str(found))
        document, shown = found, display_path(path)
    readings = explain_document(document, claims, cues=workspace.cues)
    if line is not None:
        readings = tuple(
            r for r in readings if r.sentence.span.line <= line <= r.sentence.span.end_line
        )
    elif not every and sentence is None:
        readings = tuple(r for r in readings if r.occurrences or r.near_misses)
    echo_rendered(EXPLAIN_FORMATS[output_format].render(ExplainView(shown, readings)))
