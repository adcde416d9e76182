"""Citation identifiers: ``doi:``, ``pmid:``, ``pmcid:``, ``isbn:`` and ``url:``.

Parsing checks the syntax and normalises, so that two spellings of one work compare equal:
DOIs lose any resolver prefix and are lower-cased (DOIs are case-insensitive and Crossref
returns them lower-cased), PMCIDs are upper-cased, ISBNs become ISBN-13 without hyphens.
Identifiers longer than any real one (a paste error, two run together) are refused.
Syntax only: whether the work exists is the citation verifier's business.

Articles cite works in other ways than claim files do; ``identifier_from_url`` and
``find_identifiers`` turn links to doi.org, PubMed and PMC and identifiers written in running
text ("doi:10.1037/emo0000633", "PMID: 31282699", "PMC4608976") into the same identifiers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote, unquote, urlsplit

__all__ = [
    "MAX_DOI_LENGTH",
    "MAX_URL_LENGTH",
    "Identifier",
    "IdentifierError",
    "Scheme",
    "doi_in_path",
    "find_identifiers",
    "identifier_from_url",
    "parse_identifier",
]


class Scheme(StrEnum):
    DOI = "doi"
    PMID = "pmid"
    PMCID = "pmcid"
    ISBN = "isbn"
    URL = "url"


class IdentifierError(ValueError):
    """The text is not a well-formed identifier; the message says how to fix it."""


_DOI = re.compile(r"10\.\d{4,9}/\S+")
_PMID = re.compile(r"[1-9]\d{0,7}")
# PMC numbers are at 8 digits (PMC12000000 in 2025) and grow by about a million a year.
_PMCID = re.compile(r"PMC\d{1,9}")

# Limits on length, so that a paste error is not looked up, kept in the lock file and put into
# URLs that services (or httpx, beyond 65,536 characters) refuse. The DOI Handbook sets no
# limit, but Crossref's deposit schema allows a suffix of at most 200 characters (doi_t:
# `10\.[0-9]{4,9}/.{1,200}`), so its DOIs are at most 213; 1,000 leaves room for agencies
# that check less, and no real DOI comes near it. RFC 9110 asks servers to accept URIs of at
# least 8,000 octets: a longer link may be refused for its length alone, so checking it says
# nothing about the work.
MAX_DOI_LENGTH = 1000
MAX_URL_LENGTH = 8000
_DOI_RESOLVER = re.compile(r"(?i)^(?:https?://)?(?:dx\.)?doi\.org/")
_SCHEMES = ", ".join(scheme.value for scheme in Scheme)


@dataclass(frozen=True, order=True)
class Identifier:
    """A normalised identifier; ``str()`` gives the ``scheme:value`` form used in claim files."""

    scheme: Scheme
    value: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"

    @property
    def url(self) -> str | None:
        """Where a reader can look the work up, or ``None`` when there is no canonical page."""
        match self.scheme:
            case Scheme.DOI:
                return f"https://doi.org/{doi_in_path(self.value)}"
            case Scheme.PMID:
                return f"https://pubmed.ncbi.nlm.nih.gov/{self.value}/"
            case Scheme.PMCID:
                return f"https://pmc.ncbi.nlm.nih.gov/articles/{self.value}/"
            case Scheme.URL:
                return self.value
            case Scheme.ISBN:
                return None


def parse_identifier(text: str) -> Identifier:
    """Parse ``scheme:value``; raise ``IdentifierError`` with a suggestion when it is malformed."""
    text = text.strip()
    if len(text) > MAX_URL_LENGTH + len("url:"):  # URLs are the longest identifiers
        raise IdentifierError(
            f"{_shown(text)!r} is {len(text):,} characters long; "
            f"no identifier is longer than {MAX_URL_LENGTH:,}"
        )
    hidden = next((c for c in text if unicodedata.category(c) in {"Cc", "Cf"}), None)
    if hidden is not None:
        # No identifier holds one; in a DOI it could carry terminal escapes or hide letters.
        raise IdentifierError(
            f"{_shown(text)!r} holds the control character U+{ord(hidden):04X}; "
            "identifiers are printable text"
        )
    scheme_text, colon, value = text.partition(":")
    try:
        scheme = Scheme(scheme_text.lower())
    except ValueError:
        raise IdentifierError(_unknown_scheme_message(text, scheme_text if colon else "")) from None
    value = value.strip()
    match scheme:
        case Scheme.DOI:
            return Identifier(scheme, _normalise_doi(value))
        case Scheme.PMID:
            if not _PMID.fullmatch(value):
                raise IdentifierError(f"{text!r} is not a PMID: a PMID is 1 to 8 digits")
            return Identifier(scheme, value)
        case Scheme.PMCID:
            return Identifier(scheme, _normalise_pmcid(text, value))
        case Scheme.ISBN:
            return Identifier(scheme, _normalise_isbn(text, value))
        case Scheme.URL:
            return Identifier(scheme, _check_url(text, value))


def _check_url(text: str, value: str) -> str:
    try:
        parts = urlsplit(value)
        usable = parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value
    except ValueError:  # urlsplit refuses an unbalanced IPv6 bracket, for one
        usable = False
    if not usable:
        raise IdentifierError(f"{text!r} is not a URL: write url:https://host/path")
    return value


def _normalise_doi(value: str) -> str:
    doi = _DOI_RESOLVER.sub("", value).lower()
    if len(doi) > MAX_DOI_LENGTH:
        raise IdentifierError(
            f"'doi:{_shown(doi)}' is {len(doi):,} characters long: "
            f"a DOI is at most {MAX_DOI_LENGTH:,}"
        )
    if not _DOI.fullmatch(doi):
        raise IdentifierError(
            f"'doi:{value}' is not a DOI: a DOI is '10.', 4 to 9 digits, '/' and a suffix, "
            "e.g. doi:10.1037/emo0000633"
        )
    return doi


def _normalise_pmcid(text: str, value: str) -> str:
    pmcid = value.upper()
    if _PMCID.fullmatch(pmcid):
        return pmcid
    if pmcid[:3] == "PMC" and pmcid[3:].isdigit():
        raise IdentifierError(f"{_shown(text)!r} is not a PMCID: PMC numbers have at most 9 digits")
    hint = f"; did you mean 'pmcid:PMC{value}'?" if _PMCID.fullmatch(f"PMC{value}") else ""
    raise IdentifierError(f"{_shown(text)!r} is not a PMCID: a PMCID is 'PMC' and digits{hint}")


def _shown(text: str) -> str:
    """``text``, cut short for a message when it is long."""
    return text if len(text) <= 60 else f"{text[:50]}…"


def doi_in_path(doi: str) -> str:
    """``doi`` percent-encoded for a URL path (doi.org links, and its API), keeping its
    slashes for readers, unless a part of it is ``.`` or ``..``: URL parsers (browsers',
    httpx's) drop those and the part before them, which would lead to another DOI, so then
    the slashes are encoded too."""
    keep = "" if {".", ".."} & set(doi.split("/")) else "/"
    return quote(doi, safe=keep)


def _normalise_isbn(text: str, value: str) -> str:
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits) and _isbn10_checks(digits):
        body = "978" + digits[:9]
        return body + _isbn13_check_digit(body)
    if re.fullmatch(r"97[89]\d{10}", digits) and _isbn13_check_digit(digits[:12]) == digits[12]:
        return digits
    raise IdentifierError(
        f"{text!r} is not an ISBN: expected 10 or 13 digits with a valid check digit"
    )


def _isbn10_checks(digits: str) -> bool:
    total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
    return "X" not in digits[:9] and total % 11 == 0


def _isbn13_check_digit(body: str) -> str:
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


def _unknown_scheme_message(text: str, scheme: str) -> str:
    guess = _guess_scheme(text)
    hint = f"; did you mean {guess!r}?" if guess else ""
    if scheme:
        return f"unknown identifier scheme {scheme!r} in {text!r}: use one of {_SCHEMES}{hint}"
    return (
        f"{text!r} has no identifier scheme: write it as scheme:value with one of {_SCHEMES}{hint}"
    )


def _guess_scheme(text: str) -> str | None:
    """The ``scheme:value`` the author probably meant by a bare identifier or link."""
    bare = _DOI_RESOLVER.sub("", text)
    if _DOI.fullmatch(bare.lower()):
        return f"doi:{bare.lower()}"
    if _PMID.fullmatch(text):
        return f"pmid:{text}"
    if _PMCID.fullmatch(text.upper()):
        return f"pmcid:{text.upper()}"
    if text.lower().startswith(("http://", "https://")):
        return f"url:{text}"
    return None


_URL_FORMS = [
    (Scheme.DOI, re.compile(r"(?i)^https?://(?:dx\.|www\.)?doi\.org/(10\.\d{4,9}(?:/|%2F)\S+)$")),
    (
        Scheme.PMID,
        re.compile(r"(?i)^https?://pubmed\.ncbi\.nlm\.nih\.gov/(\d{1,8})/?(?:[?#]\S*)?$"),
    ),
    (
        Scheme.PMID,
        re.compile(r"(?i)^https?://(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed/(\d{1,8})/?(?:[?#]\S*)?$"),
    ),
    (
        Scheme.PMCID,
        re.compile(
            r"(?i)^https?://(?:www\.ncbi\.nlm\.nih\.gov/pmc|pmc\.ncbi\.nlm\.nih\.gov)"
            r"/articles/(PMC\d+)/?(?:[?#]\S*)?$"
        ),
    ),
]

# Identifiers in running text. A DOI runs to the next whitespace; punctuation that ends the
# sentence around it is trimmed afterwards.
_IN_TEXT = re.compile(
    r"(?i)(?:https?://(?:dx\.|www\.)?doi\.org/|\bdoi:\s?|(?<![\w/.]))(?P<doi>10\.\d{4,9}(?:/|%2[Ff])[^\s\"<>]+)"
    r"|https?://[^\s\"<>]*?(?:pubmed|pmc)[^\s\"<>]+"
    r"|\bPMID:?\s?(?P<pmid>[1-9]\d{0,7})\b"
    r"|\b(?P<pmcid>PMC\d+)\b"
)


def identifier_from_url(url: str) -> Identifier | None:
    """The DOI, PMID or PMCID behind a link to doi.org, PubMed or PMC; ``None`` for other links."""
    url = url.strip()
    for scheme, pattern in _URL_FORMS:
        match = pattern.match(url)
        if match:
            value = unquote(match.group(1))
            try:
                return parse_identifier(f"{scheme}:{value}")
            except IdentifierError:
                return None
    return None


def find_identifiers(text: str) -> Iterator[tuple[Identifier, int, int]]:
    """Every identifier written in ``text``, with its start and end offsets."""
    for match in _IN_TEXT.finditer(text):
        start, end = match.span()
        if match.group("doi"):
            doi = _trim_trailing_punctuation(match.group("doi"))
            end = match.start("doi") + len(doi)
            candidate = f"doi:{unquote(doi)}"
        elif match.group("pmid"):
            candidate = f"pmid:{match.group('pmid')}"
        elif match.group("pmcid"):
            candidate = f"pmcid:{match.group('pmcid')}"
        else:
            link = _trim_trailing_punctuation(match.group(0))
            found = identifier_from_url(link)
            if found is not None:
                yield found, start, start + len(link)
            continue
        try:
            yield parse_identifier(candidate), start, end
        except IdentifierError:
            continue


def _trim_trailing_punctuation(text: str) -> str:
    """Drop sentence punctuation after an identifier, keeping balanced parentheses."""
    # Counted once and kept up to date, so that a long run of ")" costs no more than its length.
    opened, closed, end = text.count("("), text.count(")"), len(text)
    while end and text[end - 1] in ".,;:!?')]}":
        if text[end - 1] == ")":
            if opened >= closed:
                break
            closed -= 1
        end -= 1
    return text[:end]
