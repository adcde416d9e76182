"""``claimkit trace --format``: the claim-source map and the changes since a revision, as text,
JSON or CSV (for spreadsheets and CMS import)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from claimkit.output.base import Format, format_table, printable, versioned_json

if TYPE_CHECKING:
    from claimkit.trace import ArticleUse, Change, ClaimTrace, DirectCitation, TraceMap

__all__ = ["CHANGES_FORMATS", "TRACE_FORMATS", "ChangesView", "TraceView"]


@dataclass(frozen=True)
class TraceView:
    """A trace map and what it was asked for: the whole map, one source or one status."""

    traced: TraceMap
    full: bool
    source: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class ChangesView:
    """The changes to the evidence since ``revision``."""

    revision: str
    changes: list[Change]


def _map_json(view: TraceView) -> str:
    traced, full = view.traced, view.full
    payload: dict[str, Any] = {
        "claims": [_claim_json(c) for c in traced.claims if not full or c.articles],
        "citations": [asdict(c) for c in traced.citations],
        "articles": list(traced.articles()),
    }
    if full:
        payload["unused_claims"] = [c.claim for c in traced.unused_claims]
        payload["articles_without_claims"] = list(traced.articles_without_claims)
    payload["errors"] = [asdict(e) for e in traced.errors]  # as lint and scan give them
    return versioned_json(payload)


def _claim_json(trace: ClaimTrace) -> dict[str, Any]:
    data = asdict(trace)
    for article, use in zip(data["articles"], trace.articles, strict=True):
        article["stance"] = str(use.stance)
        article["cites_source"] = use.cites_source
    return data


def _map_text(view: TraceView) -> str:
    traced, full, source, status = view.traced, view.full, view.source, view.status
    lines: list[str] = []
    echo = lines.append
    shown = [c for c in traced.claims if c.articles or not full]
    resting = f"{len(shown)} claim rests" if len(shown) == 1 else f"{len(shown)} claims rest"
    if source is not None:
        echo(f"{source}: {resting} on it")
    if status is not None:
        echo(f"Sources {status} in the lock file: {resting} on them")
    for trace in shown:
        echo(f"\n{trace.claim} — {trace.verdict}, {trace.certainty.replace('-', ' ')} certainty")
        echo(f"  {trace.statement}")
        if trace.sources:
            echo("  sources:")
            width = max(len(s.identifier) for s in trace.sources)
            for s in trace.sources:
                marker = "  <-" if (s.identifier == source or s.status == status) else ""
                echo(
                    f"    {s.identifier:<{width}}  {s.status:<12} {s.stance:<11} {s.title}{marker}"
                )
        if trace.articles:
            echo(f"  articles ({len(trace.articles)}):")
            width = max(len(_where(use)) for use in trace.articles)
            for use in trace.articles:
                echo(f"    {_where(use):<{width}}  {use.stance!s:<10} {_cited(use)}")
        else:
            echo("  no article makes it")
    if traced.citations:
        whom = "it" if source else "such a source" if status else "a work"
        echo(f"\nArticles that cite {whom} directly:")
        width = max(len(_where(cited)) for cited in traced.citations)
        for cited in traced.citations:
            echo(f"    {_where(cited):<{width}}  {cited.identifier}  {cited.status}")
    if full:
        unused = [c.claim for c in traced.unused_claims]
        echo(f"\nClaims no article makes ({len(unused)}): {', '.join(unused) or '-'}")
        without = traced.articles_without_claims
        echo(
            f"Articles that make no registered claim ({len(without)}): {', '.join(without) or '-'}"
        )
    touched = traced.articles()
    echo(f"\n{len(touched)} article{'s' if len(touched) != 1 else ''}: {', '.join(touched) or '-'}")
    return printable("\n".join(lines)) + "\n"


def _where(use: ArticleUse | DirectCitation) -> str:
    return f"{use.path}:{use.line}:{use.column}"


def _cited(use: ArticleUse) -> str:
    return f"cites {', '.join(use.citations)}" if use.citations else "cites no source"


_MAP_COLUMNS = [
    "relation",
    "claim",
    "verdict",
    "certainty",
    "path",
    "line",
    "column",
    "stance",
    "cites_source",
    "source",
    "source_status",
    "sentence",
]


def _map_csv(view: TraceView) -> str:
    traced, full = view.traced, view.full
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, _MAP_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for trace in traced.claims:
        claim = {"claim": trace.claim, "verdict": trace.verdict, "certainty": trace.certainty}
        if not trace.articles and full:
            writer.writerow({"relation": "made-by-no-article", **claim})
            continue
        for use in trace.articles:
            writer.writerow(
                {
                    "relation": "made-by",
                    **claim,
                    "path": use.path,
                    "line": use.line,
                    "column": use.column,
                    "stance": str(use.stance),
                    "cites_source": "yes" if use.cites_source else "no",
                    "sentence": use.sentence,
                }
            )
        for s in trace.sources:
            writer.writerow(
                {"relation": "rests-on", **claim, "source": s.identifier, "source_status": s.status}
            )
    for cited in traced.citations:
        writer.writerow(
            {
                "relation": "cited-by",
                "path": cited.path,
                "line": cited.line,
                "column": cited.column,
                "source": cited.identifier,
                "source_status": cited.status,
                "sentence": cited.sentence,
            }
        )
    if full:
        for path in traced.articles_without_claims:
            writer.writerow({"relation": "makes-no-claim", "path": path})
    return buffer.getvalue()


def _changes_json(view: ChangesView) -> str:
    revision, changes = view.revision, view.changes
    return versioned_json(
        {
            "revision": revision,
            "changes": [
                {
                    "kind": c.kind,
                    "subject": c.subject,
                    "detail": c.detail,
                    "claims": list(c.claims),
                    "articles": [_touch_json(a) for a in c.articles],
                }
                for c in changes
            ],
            "articles": _touched(changes),
        }
    )


def _changes_csv(view: ChangesView) -> str:
    buffer = io.StringIO()
    columns = ["change", "subject", "detail", "path", "line", "column", "stance", "sentence"]
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for change in view.changes:
        row = {"change": change.kind, "subject": change.subject, "detail": change.detail}
        if not change.articles:
            writer.writerow(row)
        for touched in change.articles:
            writer.writerow(
                {
                    **row,
                    "path": touched.path,
                    "line": touched.line,
                    "column": touched.column,
                    "stance": _how(touched, "cites"),
                    "sentence": touched.sentence,
                }
            )
    return buffer.getvalue()


def _changes_text(view: ChangesView) -> str:
    revision, changes = view.revision, view.changes
    articles = _touched(changes)
    if not changes:
        return f"Nothing in the registry or the lock file changed since {revision}.\n"
    lines: list[str] = []
    echo = lines.append
    for change in changes:
        echo(f"{change.kind:<17} {change.subject}: {change.detail}")
        width = max((len(_where(touched)) for touched in change.articles), default=0)
        for touched in change.articles:
            echo(f"    {_where(touched):<{width}}  {_how(touched, 'cites it')}")
        if not change.articles:
            echo("    no article is affected")
    echo(
        f"\n{len(changes)} change{'s' if len(changes) != 1 else ''} since {revision}; "
        f"{len(articles)} article{'s' if len(articles) != 1 else ''} to re-review: "
        f"{', '.join(articles) or '-'}"
    )
    return printable("\n".join(lines)) + "\n"


def _touched(changes: list[Change]) -> list[str]:
    """Every article a change touches, sorted."""
    return sorted({a.path for change in changes for a in change.articles})


def _how(touched: ArticleUse | DirectCitation, citing: str) -> str:
    """The stance of a sentence that makes a claim; ``citing`` for one that cites a source."""
    return str(getattr(touched, "stance", citing))


def _touch_json(touched: ArticleUse | DirectCitation) -> dict[str, Any]:
    data = asdict(touched)
    data["relation"] = "cites" if "identifier" in data else "makes"
    if "stance" in data:
        data["stance"] = str(data["stance"])
    return data


TRACE_FORMATS = format_table(
    Format("text", "Each claim with its sources and the articles that make it.", _map_text),
    Format("json", "The map as data, for programs.", _map_json),
    Format("csv", "One row per relation, for spreadsheets and CMS import.", _map_csv),
)
CHANGES_FORMATS = format_table(
    Format("text", "Each change with the articles it touches.", _changes_text),
    Format("json", "The changes as data, for programs.", _changes_json),
    Format("csv", "One row per change and article.", _changes_csv),
)
