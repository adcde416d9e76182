"""The claim file: one health statement and the evidence behind it.

Every model is frozen and forbids unknown keys, so a typo in a claim file is an error rather
than a silently ignored field. Lists are tuples, so a loaded claim cannot be changed in place.
The field descriptions become the JSON Schema (``claimkit claims schema``) that editors' YAML
plugins use for completion and hover help; ``docs/claims.md`` explains each field at length.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from claimkit.core.enums import RankedStrEnum
from claimkit.core.identifiers import Identifier, IdentifierError, parse_identifier

__all__ = [
    "Certainty",
    "Citation",
    "CitationStance",
    "Claim",
    "Design",
    "Evidence",
    "Examples",
    "Match",
    "Review",
    "ReviewStatus",
    "Topic",
    "Verdict",
    "Wording",
]

_WORD = r"[a-z0-9]+(?:-[a-z0-9]+)*"
CLAIM_ID_PATTERN = rf"^{_WORD}(?:\.{_WORD})+$"
TAG_PATTERN = rf"^{_WORD}$"
REF_PATTERN = (
    r"^(?:[Dd][Oo][Ii]|[Pp][Mm][Ii][Dd]|[Pp][Mm][Cc][Ii][Dd]|[Ii][Ss][Bb][Nn]|[Uu][Rr][Ll]):\S"
)


class Certainty(RankedStrEnum):
    """GRADE certainty of the evidence for the claim as worded, highest first.

    ``none`` means no study addresses the claim at all, which GRADE has no word for.
    """

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"
    NONE = "none"

    @property
    def label(self) -> str:
        """The level in words, as GRADE writes it: "very low", "no evidence"."""
        return "no evidence" if self is Certainty.NONE else self.value.replace("-", " ")


class Verdict(RankedStrEnum):
    """What the evidence says of the claim, best first."""

    SUPPORTED = "supported"
    MIXED = "mixed"
    UNSUPPORTED = "unsupported"
    REFUTED = "refuted"


class CitationStance(StrEnum):
    """Where a cited work stands on the claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    MIXED = "mixed"
    BACKGROUND = "background"


class Design(StrEnum):
    """Study design of a cited work."""

    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    GUIDELINE = "guideline"
    RCT = "rct"
    COHORT = "cohort"
    CASE_CONTROL = "case-control"
    CROSS_SECTIONAL = "cross-sectional"
    EXPERIMENT = "experiment"
    CASE_SERIES = "case-series"
    QUALITATIVE = "qualitative"
    REVIEW = "review"
    EXPERT_OPINION = "expert-opinion"
    ANIMAL = "animal"
    IN_VITRO = "in-vitro"
    THESIS = "thesis"
    BOOK = "book"
    NEWS = "news"


class ReviewStatus(StrEnum):
    """Whether a clinical editor has reviewed the claim file, or it is still a draft."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


def _check_ref(text: str) -> str:
    try:
        return str(parse_identifier(text))
    except IdentifierError as error:
        raise PydanticCustomError("identifier", str(error)) from None


def _check_claim_id(text: str) -> str:
    if len(text) > 100 or not re.fullmatch(CLAIM_ID_PATTERN, text):
        raise PydanticCustomError(
            "claim_id",
            "'{value}' is not a claim id: write topic.short-name in lower-case letters, digits "
            "and hyphens, e.g. crying.lowers-blood-pressure",
            {"value": text},
        )
    return text


def _check_tag(text: str) -> str:
    if len(text) > 40 or not re.fullmatch(TAG_PATTERN, text):
        raise PydanticCustomError(
            "tag",
            "'{value}' is not a tag: use lower-case letters, digits and hyphens",
            {"value": text},
        )
    return text


def _check_topic_id(text: str) -> str:
    if len(text) > 40 or not re.fullmatch(TAG_PATTERN, text):
        raise PydanticCustomError(
            "topic_id",
            "'{value}' is not a topic name: use lower-case letters, digits and hyphens, "
            "e.g. intermittent-fasting",
            {"value": text},
        )
    return text


def _check_term(text: str) -> str:
    if "\n" in text or not any(character.isalnum() for character in text):
        raise PydanticCustomError(
            "term",
            "'{value}' is not a term: a term is a word or phrase on one line",
            {"value": text},
        )
    return " ".join(text.split())


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Term = Annotated[str, StringConstraints(max_length=100), AfterValidator(_check_term)]
TermGroup = Annotated[tuple[Term, ...], Field(min_length=1)]
Ref = Annotated[
    str,
    AfterValidator(_check_ref),
    Field(
        json_schema_extra={"pattern": REF_PATTERN},
        examples=["doi:10.1037/emo0000633", "pmid:31282699", "pmcid:PMC4608976"],
    ),
]
Tag = Annotated[str, AfterValidator(_check_tag), Field(json_schema_extra={"pattern": TAG_PATTERN})]
TopicId = Annotated[
    str,
    AfterValidator(_check_topic_id),
    Field(json_schema_extra={"pattern": TAG_PATTERN}, examples=["crying"]),
]
ClaimId = Annotated[
    str,
    AfterValidator(_check_claim_id),
    Field(
        json_schema_extra={"pattern": CLAIM_ID_PATTERN}, examples=["crying.lowers-blood-pressure"]
    ),
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(_Frozen):
    """One work cited as evidence for or against the claim."""

    ref: Ref = Field(
        description=(
            "The work's identifier with its scheme: doi:, pmid:, pmcid:, isbn: or url:. "
            "Normalised on loading (DOIs lower-cased, ISBNs to ISBN-13)."
        )
    )
    title: Line = Field(description="The work's title as published, to catch a wrong identifier.")
    year: int | None = Field(
        default=None, ge=1500, le=2100, description="Year of publication (print or online)."
    )
    authors: tuple[Line, ...] = Field(
        default=(), description='Authors as "Family Initials", e.g. "Gross JJ".'
    )
    journal: Line | None = Field(default=None, description="Journal, book or site.")
    design: Design | None = Field(default=None, description="Study design.")
    stance: CitationStance = Field(description="Where the work stands on the claim.")
    verified: bool = Field(
        default=False,
        description="True once someone checked the identifier against the work itself.",
    )
    note: Text | None = Field(
        default=None, description="Caveats: why unverified, what it measured."
    )

    @property
    def identifier(self) -> Identifier:
        """The parsed identifier of ``ref``."""
        return parse_identifier(self.ref)


class Evidence(_Frozen):
    """What the research says of the claim."""

    certainty: Certainty = Field(
        description="GRADE certainty of the evidence for the claim as worded: "
        "high, moderate, low, very-low, or none when no study addresses it."
    )
    verdict: Verdict = Field(description="supported, mixed, unsupported or refuted.")
    summary: Text = Field(description="What the evidence says, in two or three sentences.")
    citations: tuple[Citation, ...] = Field(default=(), description="The key works.")


class Match(_Frozen):
    """How the claim is recognised in an article's sentences.

    Terms are words or phrases, matched case-insensitively on word boundaries and tolerant of
    inflection; every group is a list of alternatives.
    """

    required: tuple[TermGroup, ...] = Field(
        min_length=1,
        description="Groups of alternative terms; each group must occur in the sentence.",
    )
    context: tuple[TermGroup, ...] = Field(
        default=(),
        description="Groups that the sentence, an earlier sentence of its paragraph, its "
        "section heading or the article title must supply.",
    )
    veto: tuple[Term, ...] = Field(default=(), description="Terms that cancel a match.")
    contrary: tuple[TermGroup, ...] = Field(
        default=(),
        description="Groups, like required, that say the opposite of the claim ('felt worse "
        "after crying' for 'crying improves mood'); a sentence that meets them all denies the "
        "claim.",
    )


class Examples(_Frozen):
    """Sentences that pin the match rules; ``claimkit claims check`` runs them."""

    match: tuple[Line, ...] = Field(default=(), description="Sentences that make the claim.")
    no_match: tuple[Line, ...] = Field(
        default=(), description="Sentences that share words with the claim but do not make it."
    )


class Wording(_Frozen):
    """How an article may and may not put the claim."""

    approved: tuple[Line, ...] = Field(default=(), description="Phrasings an editor may use.")
    avoid: tuple[Line, ...] = Field(default=(), description="Phrasings that must not appear.")


class Review(_Frozen):
    """Who vouches for the claim file, and when it is due for another look."""

    status: ReviewStatus = Field(description="draft until a clinician has reviewed the file.")
    reviewed_on: dt.date | None = Field(default=None, description="Date of the last review.")
    reviewer: Line | None = Field(default=None, description="Who reviewed it (free text).")
    next_review: dt.date | None = Field(
        default=None, description="When the evidence is due a re-check."
    )


class Topic(_Frozen):
    """What a group of claims is about, and every way an article names it: a ``topic.yaml``
    file in the registry."""

    topic: TopicId = Field(
        description="The name claims give in their `topic:`, and match terms as @name."
    )
    name: Line = Field(description="The topic as people say it, e.g. Crying and tears.")
    terms: TermGroup = Field(
        description="Words and phrases that name the topic in an article: synonyms, "
        'inflected as claim terms are ("a good cry", "weeping", "shedding tears").'
    )
    notes: Text | None = Field(default=None, description="Anything an editor should know.")


class Claim(_Frozen):
    """One health statement, the evidence behind it, and how articles may word it."""

    id: ClaimId = Field(
        description="Unique, lower-case, dotted topic.short-name: crying.lowers-blood-pressure."
    )
    statement: Line = Field(description="The canonical sentence the claim stands for.")
    topic: Line = Field(description="What the claim is about, e.g. crying.")
    tags: tuple[Tag, ...] = Field(default=(), description="Lower-case keywords for filtering.")
    notes: Text | None = Field(default=None, description="Anything an editor should know.")
    evidence: Evidence
    match: Match
    examples: Examples = Field(default_factory=Examples)
    wording: Wording = Field(default_factory=Wording)
    review: Review
