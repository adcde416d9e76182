"""``claimkit report``: an annotated HTML review of articles, for clinical editors."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimkit.cli._common import (
    EXIT_CANNOT_RUN,
    CannotRun,
    cannot_write,
    claims_of,
    claims_option,
    config_option,
    echo_error,
    input_format_option,
    lock_of,
    no_such_path,
    open_workspace,
)
from claimkit.output.base import display_path

if TYPE_CHECKING:
    from claimkit.registry import ClaimSet
    from claimkit.report import ArticleReview, RegistryInfo
    from claimkit.verify.lockfile import LockFile

DEFAULT_OUTPUT = Path("claimkit-report.html")


@click.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(),  # a string: Path("reviews/") would lose the slash that means "directory"
    help=f"An .html file for one page, or a directory (existing, or ending in /) for a page "
    f"per article and an index [default: {DEFAULT_OUTPUT}].",
)
@claims_option
@config_option
@input_format_option
@click.option("--force", is_flag=True, help="Overwrite an output file that claimkit did not write.")
def report_command(
    paths: tuple[Path, ...],
    output: str | None,
    claims_path: Path | None,
    config_path: Path | None,
    input_format: str | None,
    force: bool,
) -> None:
    """Write an HTML review of the articles in PATHS for clinical editors.

    The article as readers see it, every sentence that makes a registered claim or has a
    finding marked and coloured by its worst finding; selecting one shows the claim, its
    verdict and certainty, the evidence summary, the citations and their verification status,
    and the approved wording to copy. A summary, a findings list that jumps to each place,
    and print styles for a PDF. The page is self-contained: no network requests, no scripts
    but its own; the articles' own markup is sanitised.

    It runs lint's rules with lint's configuration, suppressions included.

    \b
    Examples:
      claimkit report post.md                      writes claimkit-report.html
      claimkit report content/ -o review.html      one page, with an index
      claimkit report content/ -o reviews/         a page per article, and index.html

    Exit status: 0 written, 2 could not run (bad usage, configuration or registry, no
    article, an output file claimkit did not write) or an article could not be read (the
    others are still in the report).
    """
    from claimkit.report import describe_registry, review_paths

    workspace = open_workspace(paths, config_path=config_path, claims_path=claims_path)
    registry, lock = claims_of(workspace), lock_of(workspace)
    try:
        files = workspace.articles(paths)
    except FileNotFoundError as error:
        raise no_such_path(error) from None
    reviews, unreadable = review_paths(files, workspace.linter, input_format=input_format)
    for problem in unreadable:
        echo_error(str(problem))
    if not reviews:
        raise CannotRun("no article to review in " + ", ".join(display_path(p) for p in paths))

    registry_info = describe_registry(workspace.registry.path, registry)
    target = Path(output) if output else DEFAULT_OUTPUT
    if output is not None and (target.is_dir() or output.endswith(("/", os.sep))):
        written = _write_pages(target, reviews, registry, lock, registry_info, force)
    else:
        from claimkit.report import render_report

        page = render_report(reviews, registry, lock=lock, registry=registry_info)
        written = [_write(target, page, force)]
    for path in written:
        click.echo(display_path(path))
    findings = sum(len(r.findings) for r in reviews)
    click.echo(
        f"Reviewed {len(reviews)} article{'s' if len(reviews) != 1 else ''} "
        f"({findings} finding{'s' if findings != 1 else ''}).",
        err=True,
    )
    if unreadable:
        click.get_current_context().exit(EXIT_CANNOT_RUN)


def _write_pages(
    directory: Path,
    reviews: list[ArticleReview],
    registry: ClaimSet,
    lock: LockFile | None,
    registry_info: RegistryInfo,
    force: bool,
) -> list[Path]:
    from claimkit.report import render_index, render_report

    names = _page_names(reviews)
    pages = [(names[r.path], r) for r in reviews]
    targets = [directory / name for name, _ in pages] + [directory / "index.html"]
    for target in targets:
        _check_overwrite(target, force)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, review in pages:
        page = render_report([review], registry, lock=lock, registry=registry_info)
        written.append(_write(directory / name, page, force))
    index = render_index(pages, registry, lock=lock, registry=registry_info)
    written.insert(0, _write(directory / "index.html", index, force))
    return written


def _page_names(reviews: list[ArticleReview]) -> dict[str, str]:
    """A file name per article, from its path: ``posts/tears.md`` -> ``posts-tears.md.html``."""
    names: dict[str, str] = {}
    taken = {"index.html"}
    for review in reviews:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", review.path.lstrip("./")).strip("-.") or "article"
        name, number = f"{stem}.html", 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}.html"
        taken.add(name)
        names[review.path] = name
    return names


def _check_overwrite(target: Path, force: bool) -> None:
    """Refuse to replace a file that is not a report claimkit wrote, unless --force."""
    from claimkit.reading import is_claimkit_report

    if force or not target.exists():
        return
    if target.is_dir():
        raise CannotRun(f"{display_path(target)}: is a directory")
    if not is_claimkit_report(target):
        raise CannotRun(
            f"{display_path(target)}: exists and is not a claimkit report; "
            "choose another --output, or --force to replace it"
        )


def _write(target: Path, page: str, force: bool) -> Path:
    """Write atomically, so that an interrupted run leaves the old report whole."""
    from claimkit.core.files import write_atomically

    _check_overwrite(target, force)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, page.encode())
    except OSError as error:
        raise cannot_write(target, error) from None
    return target
