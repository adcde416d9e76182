"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Meets GitHub's requirements: every rule has an id, a name, short and full descriptions and
help (the rule's documentation); every result a message, one location with a URI relative to
the repository root, and a stable partial fingerprint (the finding's, which survives edits
that move it). Columns count Unicode code points, as claimkit's do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from claimkit._version import __version__
from claimkit.core.enums import Severity
from claimkit.output.lint.base import Formatter, Output

if TYPE_CHECKING:
    from claimkit.linting.rules import Rule

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


# In a Word document a "line" is a paragraph, numbered in reading order (docs/lint.md).
_DOCX_REGION = {"properties": {"claimkit/lineIs": "paragraph"}}


class SarifFormatter(Formatter):
    name = "sarif"
    help = "SARIF 2.1.0, for GitHub code scanning (upload-sarif)."

    def render(self, output: Output) -> str:
        rules = sorted(output.rules, key=lambda rule: rule.code)
        index = {rule.code: number for number, rule in enumerate(rules)}
        results = []
        for f in output.shown:
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message + (f" {f.suggestion}" if f.suggestion else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": _uri(f.path, output.root),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                                **(_DOCX_REGION if f.path.lower().endswith(".docx") else {}),
                            },
                        }
                    }
                ],
                "partialFingerprints": {"claimkitFinding/v1": f.fingerprint},
                "properties": {
                    key: value
                    for key, value in (
                        ("claim", f.claim),
                        ("stance", f.stance),
                        ("suggestion", f.suggestion),
                    )
                    if value
                },
            }
            results.append(result)
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "claimkit",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "rules": [_descriptor(rule) for rule in rules],
                        }
                    },
                    "originalUriBaseIds": {
                        "%SRCROOT%": {"uri": output.root.resolve().as_uri() + "/"}
                    },
                    "columnKind": "unicodeCodePoints",
                    "invocations": [_invocation(output)],
                    "results": results,
                }
            ],
        }
        return json.dumps(log, ensure_ascii=False) + "\n"


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    documentation = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": f"{rule.name}: {rule.summary()}"[:1024]},
        "fullDescription": {"text": rule.summary()},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["health-claims", rule.name], "precision": "medium"},
    }


def _invocation(output: Output) -> dict[str, Any]:
    """Whether the run read every file; each one it could not read, where and why."""
    return {
        "executionSuccessful": not output.report.errors,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": _uri(error.path, output.root),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {"startLine": error.line, "startColumn": error.column},
                        }
                    }
                ],
            }
            for error in output.report.errors
        ],
    }


def _uri(path: str, root: Path) -> str:
    """The file as a URI reference relative to the root (percent-encoded), else absolute."""
    absolute = Path(path).resolve()
    try:
        return quote(absolute.relative_to(root.resolve()).as_posix())
    except ValueError:
        return absolute.as_uri()
