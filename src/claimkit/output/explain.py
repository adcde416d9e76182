"""``claimkit explain --format``: why each sentence does or does not make a claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimkit.output.base import Format, format_table, printable, versioned_json

if TYPE_CHECKING:
    from claimkit.matching import SentenceReading

__all__ = ["EXPLAIN_FORMATS", "ExplainView"]


@dataclass(frozen=True)
class ExplainView:
    """The sentences to explain, from one article (``path``, or ``None`` for ``--text``)."""

    path: str | None
    readings: Sequence[SentenceReading]


def _text(view: ExplainView) -> str:
    lines: list[str] = []
    for reading in view.readings:
        span = reading.sentence.span
        where = (
            f"{view.path}:{span.line}:{span.column}" if view.path else f"{span.line}:{span.column}"
        )
        lines.append(f'{where}  "{reading.sentence.text}"')
        for o in reading.occurrences:
            lines.append(f"  makes {o.claim}  {o.stance}")
            lines.append(f"    terms: {', '.join(o.terms)}")
            if o.refers_to is not None:
                lines.append(f"    refers back to {o.claim} at line {o.refers_to}")
            else:
                lines.append(f"    subject from: {o.subject}")
            if o.cue is None:
                lines.append("    stance cue: none (asserted)")
            elif o.cue_span is None:
                lines.append(f"    stance cue: {o.cue}")
            else:
                start, end = o.cue_span
                lines.append(f'    stance cue: "{o.cue}" (characters {start + 1}-{end})')
        for miss in reading.near_misses:
            lines.append(f"  nearly {miss.claim_id}: {miss.missing}")
        if not reading.occurrences and not reading.near_misses:
            lines.append("  makes no registered claim, and comes close to none")
    return printable("\n".join(lines)) + "\n" if lines else ""


def _json(view: ExplainView) -> str:
    return versioned_json(
        {
            "sentences": [
                {
                    "path": view.path,
                    "line": reading.sentence.span.line,
                    "column": reading.sentence.span.column,
                    "text": reading.sentence.text,
                    "claims": [_occurrence(o) for o in reading.occurrences],
                    "near_misses": [
                        {"claim": miss.claim_id, "missing": miss.missing}
                        for miss in reading.near_misses
                    ],
                }
                for reading in view.readings
            ]
        }
    )


def _occurrence(occurrence: Any) -> dict[str, Any]:
    return {
        "claim": occurrence.claim,
        "stance": str(occurrence.stance),
        "cue": occurrence.cue,
        "cue_span": list(occurrence.cue_span) if occurrence.cue_span else None,
        "terms": list(occurrence.terms),
        "subject": occurrence.subject,
        "refers_to": occurrence.refers_to,
    }


EXPLAIN_FORMATS = format_table(
    Format("text", "Each sentence, the claims it makes and how, and its near misses.", _text),
    Format("json", "The same as data, for programs and editor plug-ins.", _json),
)
