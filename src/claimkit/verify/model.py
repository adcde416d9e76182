"""What verifying a citation finds: the work behind an identifier, and its status."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CitationStatus",
    "Declared",
    "Target",
    "Update",
    "Work",
    "normalise_title",
    "same_title",
    "today_utc",
    "year_matches",
]


class CitationStatus(StrEnum):
    """The outcome of checking one identifier, worst first."""

    RETRACTED = "retracted"
    NOT_FOUND = "not-found"
    MISMATCH = "mismatch"
    CONCERN = "concern"
    CORRECTED = "corrected"
    UNREACHABLE = "unreachable"
    OK = "ok"

    @property
    def is_failure(self) -> bool:
        """Statuses that fail `claimkit cite verify` (exit 1)."""
        return self in {CitationStatus.RETRACTED, CitationStatus.NOT_FOUND, CitationStatus.MISMATCH}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Update(_Frozen):
    """A notice about a work: a retraction, withdrawal, removal, expression of concern or
    correction, as Crossref (publisher or Retraction Watch) or PubMed records it."""

    kind: str
    date: str | None = None
    notice: str | None = None
    """The notice's own identifier, e.g. the DOI of the retraction notice."""
    source: str | None = None


class Work(_Frozen):
    """What a bibliographic service says about the work behind an identifier."""

    title: str | None = None
    year: int | None = None
    journal: str | None = None
    identifiers: dict[str, str] = Field(default_factory=dict)
    """Other identifiers of the same work: ``{"doi": ..., "pmid": ..., "pmcid": ...}``."""
    updates: tuple[Update, ...] = ()
    source: str = ""
    """The service that answered: crossref, pubmed, pmc, doi.org or url."""

    def status(self) -> CitationStatus:
        """retracted, concern, corrected or ok, from the notices and the title."""
        kinds = {update.kind for update in self.updates}
        if kinds & RETRACTION_KINDS or (self.title or "").upper().startswith("RETRACTED"):
            return CitationStatus.RETRACTED
        if kinds & CONCERN_KINDS:
            return CitationStatus.CONCERN
        if kinds & CORRECTION_KINDS:
            return CitationStatus.CORRECTED
        return CitationStatus.OK


# Crossref's update types, lower-cased; "retration" is a real typo in the data.
VERIFIABLE_SCHEMES = frozenset({"doi", "pmid", "pmcid"})
"""Identifier schemes that name a work a bibliographic service can vouch for."""

RETRACTION_KINDS = frozenset(
    {"retraction", "retration", "withdrawal", "removal", "partial_retraction"}
)
CONCERN_KINDS = frozenset({"expression_of_concern", "expression-of-concern"})
CORRECTION_KINDS = frozenset({"correction", "erratum", "corrigendum", "addendum"})

_TAG = re.compile(r"<[^>]+>")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """Case, accents, whitespace, punctuation, HTML/JATS tags and entities set aside."""
    text = html.unescape(_TAG.sub(" ", title))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def same_title(declared: str, resolved: str) -> bool:
    """Whether two titles name the same work: equal once normalised, one a prefix of the
    other (a subtitle left off), or nearly equal (a typo, British and American spelling)."""
    a, b = normalise_title(declared), normalise_title(resolved)
    if not a or not b:
        return True
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def year_matches(declared: int | None, resolved: int | None) -> bool:
    """Print and online publication can fall in different years: one either way is fine."""
    return declared is None or resolved is None or abs(declared - resolved) <= 1


def today_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Declared:
    """What a claim file says the work is."""

    title: str | None = None
    year: int | None = None


@dataclass
class Target:
    """One identifier to verify, and who relies on it (claim ids, article paths)."""

    identifier: str
    declared: Declared | None = None
    cited_by: list[str] = field(default_factory=list)
