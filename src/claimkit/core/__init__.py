"""The foundation every subsystem shares: values and helpers with no knowledge of claims,
articles or rules.

- ``enums``: ``RankedStrEnum`` and ``Severity``;
- ``problems``: ``Problem``, one located problem in an input file;
- ``identifiers``: DOI, PMID, PMCID, ISBN and URL citations, their syntax and normalisation;
- ``located``: safe YAML loading that keeps the position of every key and value;
- ``validation``: pydantic's errors as ``path:line:column`` messages in the user's terms;
- ``text``: words, spans and stems, one tokeniser for terms, cues and sentences;
- ``parallel``: work on files in several processes, results in input order;
- ``git``: git, read-only (changed lines, files at a revision).

May import: ``claimkit.errors``, ``claimkit._version``. Nothing here prints.
"""
