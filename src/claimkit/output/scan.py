"""``claimkit scan --format``: one line per occurrence, or JSON."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from claimkit.output.base import Format, format_table, printable, versioned_json

if TYPE_CHECKING:
    from claimkit.matching import ScanResult

__all__ = ["SCAN_FORMATS"]


def _text(result: ScanResult) -> str:
    return "".join(
        printable(f'{o.path}:{o.line}:{o.column}  {o.claim}  {o.stance}  "{o.text}"') + "\n"
        for o in result.occurrences
    )


def _json(result: ScanResult) -> str:
    return versioned_json(
        {
            "occurrences": [
                {
                    "path": occurrence.path,
                    "line": occurrence.line,
                    "column": occurrence.column,
                    "end_line": occurrence.end_line,
                    "end_column": occurrence.end_column,
                    "claim": occurrence.claim,
                    "stance": str(occurrence.stance),
                    "cue": occurrence.cue,
                    "terms": list(occurrence.terms),
                    "subject": occurrence.subject,
                    "refers_to": occurrence.refers_to,
                    "text": occurrence.text,
                    "heading": occurrence.sentence.heading,
                    "citations": [str(citation) for citation in occurrence.citations],
                }
                for occurrence in result.occurrences
            ],
            "errors": [dataclasses.asdict(e) for e in result.errors],
            "summary": {
                "files": result.files,
                "occurrences": len(result.occurrences),
                "errors": len(result.errors),
            },
        }
    )


SCAN_FORMATS = format_table(
    Format("text", "One line per occurrence: path:line:column, claim, stance, sentence.", _text),
    Format(
        "json",
        "Every occurrence with its terms, cue, subject and citations, for programs.",
        _json,
    ),
)
