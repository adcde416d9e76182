"""``claimkit init``: set a content repository up for claimkit, without touching what is there."""

from __future__ import annotations

import datetime as dt
import shutil
import string
from dataclasses import dataclass
from pathlib import Path

import click

from claimkit.cli._common import CannotRun
from claimkit.output.base import display_path

CI_CHOICES = ("github", "gitlab")
REVIEW_INTERVAL = dt.timedelta(days=182)


@dataclass(frozen=True)
class _Planned:
    target: Path
    """Where the file goes, relative to the directory being set up."""
    text: str | None = None
    source: Path | None = None
    """A file to copy as it is (the bundled claims), when ``text`` is None."""


@click.command("init")
@click.argument(
    "directory", metavar="[DIR]", required=False, type=click.Path(path_type=Path, file_okay=False)
)
@click.option(
    "--from-bundled",
    is_flag=True,
    help="Start the registry from the bundled claims about crying and tears, not one example.",
)
@click.option(
    "--ci",
    type=click.Choice(CI_CHOICES),
    help="Also write a CI workflow: GitHub Actions (lint on pull requests, and a weekly "
    "citation check) or GitLab CI (lint with a Code Quality report).",
)
def init_command(directory: Path | None, from_bundled: bool, ci: str | None) -> None:
    """Set DIR (default: the current directory) up for claimkit.

    Writes .claimkit.yaml with its defaults commented, and a claims/ registry holding one
    annotated example claim to copy (or, with --from-bundled, the bundled claims). Never
    overwrites a file: what is already there is kept, and said so. Running it again changes
    nothing.

    \b
    Examples:
      claimkit init
      claimkit init content-repo --ci github
      claimkit init --from-bundled --ci gitlab

    Then: `claimkit claims check` to validate the registry, `claimkit lint .` to check the
    articles, `claimkit cite verify --mailto YOU` to verify the citations.

    Exit status: 0 done (files created or kept), 2 could not run.
    """
    root = directory or Path()
    if root.exists() and not root.is_dir():
        raise CannotRun(f"{display_path(root)}: not a directory")
    planned = [_Planned(Path(".claimkit.yaml"), _template("claimkit.yaml"))]
    planned += _registry(from_bundled)
    if ci == "github":
        planned += [
            _Planned(Path(".github/workflows/claimkit.yml"), _ci_template("github/claimkit.yml")),
            _Planned(Path(".github/workflows/citations.yml"), _ci_template("github/citations.yml")),
        ]
    elif ci == "gitlab":
        planned.append(
            _Planned(Path("ci/gitlab-claimkit.yml"), _ci_template("gitlab-claimkit.yml"))
        )
        planned.append(_Planned(Path(".gitlab-ci.yml"), _GITLAB_INCLUDE))

    created, kept = 0, set()
    inside = root.resolve()
    for plan in planned:
        target = root / plan.target
        shown = display_path(target)
        if target.exists() or target.is_symlink():
            click.echo(f"kept     {shown} (already there)")
            kept.add(plan.target)
            continue
        if inside not in target.resolve().parents:
            raise CannotRun(f"{shown}: a link leads outside {display_path(root)}; not written")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _create(target, plan)
        except OSError as error:
            raise CannotRun(f"{shown}: cannot write: {error.strerror or error}") from None
        click.echo(f"created  {shown}")
        created += 1
    gitlab_ci = root / ".gitlab-ci.yml"
    if Path(".gitlab-ci.yml") in kept and "gitlab-claimkit.yml" not in _text_of(gitlab_ci):
        click.echo(
            "note: your .gitlab-ci.yml runs claimkit once it has "
            "include: [{local: ci/gitlab-claimkit.yml}]",
            err=True,
        )
    click.echo(
        f"{created} created, {len(kept)} kept. Next: claimkit claims check "
        f"{display_path(root / 'claims')}, then claimkit lint {display_path(root)}",
        err=True,
    )


def _text_of(path: Path) -> str:
    from claimkit.core.files import read_limited

    try:
        return read_limited(path, 1_000_000).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _registry(from_bundled: bool) -> list[_Planned]:
    if not from_bundled:
        next_review = (dt.date.today() + REVIEW_INTERVAL).isoformat()
        text = string.Template(_template("example-claim.yaml")).substitute(next_review=next_review)
        return [_Planned(Path("claims/crying/lowers-blood-pressure.yaml"), text)]
    from claimkit.registry.loading import CLAIM_FILE_SUFFIXES, bundled_claims_path
    from claimkit.verify.lockfile import LOCK_FILE

    bundled = bundled_claims_path()
    return [
        _Planned(Path("claims") / file.relative_to(bundled), source=file)
        for file in sorted(bundled.rglob("*"))
        if file.is_file() and (file.suffix in CLAIM_FILE_SUFFIXES or file.name == LOCK_FILE)
    ]


def _create(target: Path, plan: _Planned) -> None:
    if plan.source is not None:
        shutil.copyfile(plan.source, target)
        return
    with target.open("x", encoding="utf-8") as file:  # "x": never replace a file
        file.write(plan.text or "")


def _template(name: str) -> str:
    return Path(__file__).parents[1].joinpath("templates", name).read_text(encoding="utf-8")


def _ci_template(name: str) -> str:
    """A CI file from the repository's ``ci/`` directory, which the wheel carries as
    ``claimkit/templates/ci``."""
    packaged = Path(__file__).parents[1] / "templates" / "ci" / name
    source = packaged if packaged.is_file() else Path(__file__).parents[3] / "ci" / name
    return source.read_text(encoding="utf-8")


_GITLAB_INCLUDE = """\
# GitLab CI for this repository. claimkit's job is in ci/gitlab-claimkit.yml.
include:
  - local: ci/gitlab-claimkit.yml
"""
