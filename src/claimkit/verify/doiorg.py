"""doi.org: which agency registered a DOI, and the work's metadata by content negotiation,
for DOIs that Crossref does not know (DataCite, mEDRA, ...). No I/O here.

``GET /doiRA/{doi1},{doi2}`` answers in input order, ``{"DOI", "RA"}`` for a registered DOI
and ``{"DOI", "status": "DOI does not exist"}`` for an unknown one. DOIs go into paths
percent-encoded, so that one holding ``?``, ``#``, ``%`` or a ``..`` segment is asked about as
it is, not as another DOI that URL parsing makes of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claimkit.core.identifiers import doi_in_path
from claimkit.verify.model import Work

__all__ = ["CSL_JSON", "agency_path", "csl_path", "parse_agencies", "parse_csl"]

CSL_JSON = "application/vnd.citationstyles.csl+json"


def agency_path(dois: Iterable[str]) -> str:
    return "/doiRA/" + ",".join(doi_in_path(doi) for doi in dois)


def parse_agencies(
    body: Sequence[Mapping[str, Any]], requested: Iterable[str]
) -> dict[str, str | None]:
    """Each requested DOI's registration agency, or ``None`` when the DOI does not exist."""
    agencies = {str(entry.get("DOI", "")).lower(): entry.get("RA") for entry in body}
    return {doi: agencies.get(doi.lower()) for doi in requested}


def csl_path(doi: str) -> str:
    return "/" + doi_in_path(doi)


def parse_csl(body: Mapping[str, Any], agency: str) -> Work:
    title = body.get("title")
    if isinstance(title, list):
        title = title[0] if title else None
    container = body.get("container-title") or body.get("publisher")
    if isinstance(container, list):
        container = container[0] if container else None
    year = None
    for key in ("issued", "published", "created"):
        try:
            year = int(body[key]["date-parts"][0][0])
            break
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    doi = str(body.get("DOI", "")).lower()
    return Work(
        title=" ".join(str(title).split()) if title else None,
        year=year,
        journal=str(container) if container else None,
        identifiers={"doi": doi} if doi else {},
        source=f"doi.org ({agency})",
    )
