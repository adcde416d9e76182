"""Output: what each command's results look like, as text for people and data for programs.

Every command with ``--format`` takes its choices from one table here, name -> renderer:

- ``lint``: ``FORMATTERS`` (text, json, sarif, github, gitlab), one small class each;
- ``scan``: ``SCAN_FORMATS`` (text, json);
- ``trace``: ``TRACE_FORMATS`` and ``CHANGES_FORMATS`` (text, json, csv);
- ``claims``: ``CHECK_FORMATS``, ``LIST_FORMATS``, ``SHOW_FORMATS`` (text, json);
- ``citations``: ``VERIFY_FORMATS`` (text, json), for ``cite verify``.

A renderer returns a string; the CLI decides where it goes. JSON is versioned:
``{"claimkit": VERSION, ...}``.

May import: ``claimkit.trace``, ``claimkit.linting``, ``claimkit.verify``, and what they may.
"""

from __future__ import annotations

from claimkit.output.base import Format, display_path, format_problem, versioned_json

__all__ = ["Format", "display_path", "format_problem", "versioned_json"]
