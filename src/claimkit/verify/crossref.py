"""Crossref's REST API: request builders and response parsers (no I/O here).

Batches use ``/works?filter=doi:A,doi:B`` (several ``doi`` filters are ORed); Crossref leaves
unknown DOIs out of the answer, so the requested DOIs are compared, case-insensitively, with
the returned ones. A DOI with a comma cannot be put in a filter and is looked up alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from claimkit.verify.model import Update, Work

__all__ = [
    "BATCH_SIZE",
    "batchable",
    "list_request",
    "parse_list",
    "parse_single",
    "parse_work",
    "single_path",
]

BATCH_SIZE = 50
"""DOIs per list query: keeps URLs a sane length (Crossref clients use 20 to 50)."""
SELECT = "DOI,title,issued,container-title,type,updated-by,update-to"


def batchable(doi: str) -> bool:
    return "," not in doi


def list_request(dois: Iterable[str], mailto: str | None) -> tuple[str, dict[str, str]]:
    dois = list(dois)
    params = {
        "filter": ",".join(f"doi:{doi}" for doi in dois),
        "rows": str(len(dois)),
        "select": SELECT,
    }
    if mailto:
        params["mailto"] = mailto
    return "/works", params


def single_path(doi: str) -> str:
    return "/works/" + quote(doi, safe="")


def parse_list(body: Mapping[str, Any], requested: Iterable[str]) -> dict[str, Work | None]:
    """Each requested DOI's work, or ``None`` when Crossref does not know it."""
    items = body["message"]["items"]
    found = {str(item["DOI"]).lower(): parse_work(item) for item in items}
    return {doi: found.get(doi.lower()) for doi in requested}


def parse_single(body: Mapping[str, Any]) -> Work:
    """The work in an answer to ``/works/{doi}``."""
    return parse_work(body["message"])


def parse_work(message: Mapping[str, Any]) -> Work:
    titles = message.get("title") or []
    journals = message.get("container-title") or []
    updates = tuple(
        Update(
            kind=str(update.get("type", "")).lower(),
            date=_date(update.get("updated")),
            notice=str(update["DOI"]).lower() if update.get("DOI") else None,
            source=update.get("source"),
        )
        for update in message.get("updated-by") or []
    )
    return Work(
        title=" ".join(str(titles[0]).split()) if titles else None,
        year=_year(message.get("issued")),
        journal=str(journals[0]) if journals else None,
        identifiers={"doi": str(message["DOI"]).lower()} if message.get("DOI") else {},
        updates=updates,
        source="crossref",
    )


def _year(date: Mapping[str, Any] | None) -> int | None:
    try:
        year = (date or {})["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return int(year) if year is not None else None


def _date(date: Mapping[str, Any] | None) -> str | None:
    try:
        parts = [int(part) for part in (date or {})["date-parts"][0] if part is not None]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return "-".join(f"{part:02d}" for part in parts) if parts else None
