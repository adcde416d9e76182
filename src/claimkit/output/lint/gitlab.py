"""``--format gitlab``: a GitLab Code Quality report, shown in merge requests."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from claimkit.core.enums import Severity
from claimkit.output.lint.base import Formatter, Output

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabFormatter(Formatter):
    name = "gitlab"
    help = "GitLab Code Quality JSON (artifacts: reports: codequality)."

    def render(self, output: Output) -> str:
        seen: Counter[str] = Counter()
        issues = []
        for f in output.shown:
            # GitLab needs unique fingerprints; two identical sentences get an ordinal.
            seen[f.fingerprint] += 1
            fingerprint = hashlib.md5(  # noqa: S324 - an identifier, not security
                f"{f.fingerprint}:{seen[f.fingerprint]}".encode()
            ).hexdigest()
            issues.append(
                {
                    "description": f"{f.code} {f.name}: {f.message}",
                    "check_name": f.code,
                    "fingerprint": fingerprint,
                    "severity": _SEVERITY[f.severity],
                    "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
                }
            )
        # A file that could not be read is a blocker: the report says nothing about it.
        issues += [
            {
                "description": f"claimkit could not read this file: {error.message}",
                "check_name": "claimkit/unreadable-file",
                "fingerprint": hashlib.md5(  # noqa: S324 - an identifier, not security
                    f"unreadable:{error.path}".encode()
                ).hexdigest(),
                "severity": "blocker",
                "location": {"path": error.path, "lines": {"begin": error.line}},
            }
            for error in output.report.errors
        ]
        return json.dumps(issues, ensure_ascii=False) + "\n"
