"""NCBI E-utilities esummary (PubMed) and the PMC ID converter: request builders and response
parsers (no I/O here).

esummary answers HTTP 200 even for errors: an unknown PMID comes back as
``result[uid] = {"error": "cannot get document summary"}`` beside the good ones, and a bad
request as a top-level ``error`` or ``esummaryresult``. The ID converter echoes
``requested-id`` (newer) or not (legacy); records are matched on identifiers, never on order.
It answers a request it refuses as a whole with ``{"status": "error", "message": ...}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from claimkit.verify.model import Update, Work

__all__ = [
    "BATCH_SIZE",
    "EsummaryError",
    "IdconvError",
    "esummary_params",
    "idconv_params",
    "parse_esummary",
    "parse_idconv",
]

BATCH_SIZE = 200
"""PMIDs per esummary request, and PMCIDs per ID converter request."""


class EsummaryError(Exception):
    """The whole esummary answer is an error (bad request, rate limit), not per id."""

    def __init__(self, message: str, *, throttled: bool = False) -> None:
        super().__init__(message)
        self.throttled = throttled


class IdconvError(Exception):
    """The ID converter refused the whole request; the message is its own."""


def _identity(tool: str, email: str | None, api_key: str | None) -> dict[str, str]:
    params = {"tool": tool}
    if email:
        params["email"] = email
    if api_key:
        params["api_key"] = api_key
    return params


def esummary_params(
    pmids: Iterable[str], *, tool: str, email: str | None, api_key: str | None
) -> dict[str, str]:
    return {
        "db": "pubmed",
        "id": ",".join(pmids),
        "retmode": "json",
        **_identity(tool, email, api_key),
    }


def parse_esummary(body: Mapping[str, Any], requested: Iterable[str]) -> dict[str, Work | None]:
    """Each requested PMID's work, or ``None`` when PubMed does not know it."""
    if "result" not in body:
        problem = body.get("error") or "; ".join(body.get("esummaryresult", [])) or "no result"
        raise EsummaryError(str(problem), throttled="rate limit" in str(problem).lower())
    result = body["result"]
    works: dict[str, Work | None] = {}
    for pmid in requested:
        record = result.get(pmid)
        works[pmid] = (
            None if not isinstance(record, Mapping) or "error" in record else _work(record)
        )
    return works


def _work(record: Mapping[str, Any]) -> Work:
    identifiers = {"pmid": str(record.get("uid", ""))}
    for article_id in record.get("articleids") or []:
        kind, value = article_id.get("idtype"), str(article_id.get("value", ""))
        if kind == "doi" and value:
            identifiers["doi"] = value.lower()
        elif kind == "pmc" and value.upper().startswith("PMC"):
            identifiers["pmcid"] = value.upper()
    pubtypes = [str(t).strip() for t in record.get("pubtype") or []]
    updates = []
    if "Retracted Publication" in pubtypes:
        updates.append(Update(kind="retraction", source="pubmed"))
    if "Expression of Concern" in pubtypes:
        updates.append(Update(kind="expression_of_concern", source="pubmed"))
    journal = record.get("fulljournalname") or record.get("source")
    return Work(
        title=" ".join(str(record.get("title", "")).split()) or None,
        year=_year(record),
        journal=str(journal) if journal else None,
        identifiers={k: v for k, v in identifiers.items() if v},
        updates=tuple(updates),
        source="pubmed",
    )


def _year(record: Mapping[str, Any]) -> int | None:
    for key in ("sortpubdate", "pubdate", "epubdate"):
        match = re.match(r"\s*(\d{4})", str(record.get(key) or ""))
        if match:
            return int(match.group(1))
    return None


def idconv_params(pmcids: Iterable[str], *, tool: str, email: str | None) -> dict[str, str]:
    return {
        "ids": ",".join(pmcids),
        "format": "json",
        "versions": "no",
        **_identity(tool, email, None),
    }


def parse_idconv(
    body: Mapping[str, Any], requested: Iterable[str]
) -> dict[str, dict[str, str] | None]:
    """Each requested PMCID's other identifiers (pmid, doi), or ``None`` when PMC does not
    know it; ``IdconvError`` when the whole request was refused (which, for one PMCID, means
    PMC does not know it)."""
    if body.get("status") == "error" and "records" not in body:
        raise IdconvError(unquote(str(body.get("message", ""))))  # percent-encoded (legacy)
    by_pmcid: dict[str, dict[str, str] | None] = {}
    for record in body["records"]:
        key = str(record.get("requested-id") or record.get("pmcid") or "").upper()
        if record.get("status") == "error" or record.get("errmsg"):
            by_pmcid[key] = None
            continue
        ids = {"pmcid": str(record.get("pmcid", "")).upper()}
        if record.get("pmid"):
            ids["pmid"] = str(record["pmid"])
        if record.get("doi"):
            ids["doi"] = str(record["doi"]).lower()
        by_pmcid[key] = ids
        by_pmcid.setdefault(ids["pmcid"], ids)
    return {pmcid: by_pmcid.get(pmcid.upper()) for pmcid in requested}
