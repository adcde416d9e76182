"""``--format json``: the findings as data, versioned (see docs/lint.md)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

from claimkit._version import __version__
from claimkit.output.lint.base import Formatter, Output


class JsonFormatter(Formatter):
    name = "json"
    help = "Findings and a summary as JSON, for programs and CMS integrations."

    def chunks(self, output: Output) -> Iterator[str]:
        report = output.report
        # One line: the C encoder is several times faster than the indenting one, which
        # matters with tens of thousands of findings; pipe through `jq` to read it.
        yield f'{{"claimkit": {json.dumps(__version__)}, "findings": ['
        for number, f in enumerate(output.shown):
            finding = {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "code": f.code,
                "name": f.name,
                "severity": str(f.severity),
                "message": f.message,
                "suggestion": f.suggestion,
                "claim": f.claim,
                "stance": f.stance,
                "text": f.text,
                "fingerprint": f.fingerprint,
            }
            yield (", " if number else "") + json.dumps(finding, ensure_ascii=False)
        rest = {
            "errors": [dataclasses.asdict(e) for e in report.errors],
            "summary": {
                "files": report.files,
                **report.counts(),
                "shown": len(output.shown),
                "suppressed": report.suppressed,
                "unreadable": len(report.errors),
            },
        }
        yield "], " + json.dumps(rest, ensure_ascii=False)[1:] + "\n"
