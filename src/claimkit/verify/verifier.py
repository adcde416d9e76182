"""Verify citations: ask the services in batches, compare, and record in the lock file.

DOIs go to Crossref in batches of 50; DOIs Crossref does not know go to doi.org, which says
whether they exist and which agency registered them, and whose metadata content negotiation
then supplies. PMIDs go to PubMed's esummary in batches of 200; PMCIDs to the PMC ID converter
(200 at a time), then to esummary through their PMIDs. URLs get a link check, when asked. Every
batch runs as soon as its service's limits allow, and the lock file is saved after each one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import quote

import httpx

from claimkit._version import __version__
from claimkit.verify import crossref, doiorg, ncbi
from claimkit.verify.http import REAL_CLOCK, Clock, Http, Limit, Limiter, UnreachableError
from claimkit.verify.lockfile import LockEntry, LockFile
from claimkit.verify.model import (
    CitationStatus,
    Declared,
    Target,
    Work,
    same_title,
    today_utc,
    year_matches,
)

__all__ = ["Declared", "Outcome", "Services", "Target", "VerifyOptions", "is_due", "verify"]

TOOL = "claimkit"


@dataclass(frozen=True)
class Services:
    """Where the services are: configurable, so that tests talk to a server on 127.0.0.1."""

    crossref: str = "https://api.crossref.org"
    eutils: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    idconv: str = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
    doi: str = "https://doi.org"


@dataclass(frozen=True)
class VerifyOptions:
    mailto: str | None = None
    ncbi_api_key: str | None = field(default_factory=lambda: os.environ.get("NCBI_API_KEY"))
    services: Services = Services()
    check_urls: bool = False
    timeout: float = 20.0
    budget: float = 600.0
    """Seconds the whole run may take; what is not answered by then is unreachable."""
    retries: int = 4
    backoff: float = 0.5


@dataclass(frozen=True)
class Outcome:
    identifier: str
    entry: LockEntry
    checked_now: bool
    """False when the entry comes from the lock file (offline, or not due)."""


def verify(
    targets: Sequence[Target],
    lock: LockFile,
    options: VerifyOptions,
    *,
    due: Callable[[str], bool],
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Callable[[int, int], None] | None = None,
    clock: Clock = REAL_CLOCK,
) -> list[Outcome]:
    """Check the targets ``due`` says need checking, record them in ``lock`` (saved after each
    batch), and return every target's outcome, fresh or from the lock. The rate limits, the
    pauses between retries and the time budget run on ``clock``."""
    return asyncio.run(_verify(targets, lock, options, due, transport, progress, clock))


async def _verify(
    targets: Sequence[Target],
    lock: LockFile,
    options: VerifyOptions,
    due: Callable[[str], bool],
    transport: httpx.AsyncBaseTransport | None,
    progress: Callable[[int, int], None] | None,
    clock: Clock,
) -> list[Outcome]:
    pending = [t for t in targets if due(t.identifier)]
    fresh: dict[str, LockEntry] = {}
    done = 0

    def finish(results: Mapping[str, LockEntry]) -> None:
        nonlocal done
        for identifier, entry in results.items():
            fresh[identifier] = entry
            lock.record(identifier, entry)
        lock.save()
        done += len(results)
        if progress is not None:
            progress(done, len(pending))

    if pending:
        # Percent-encoded as in a mailto: URI (RFC 6068): a header must be ASCII on one line.
        user_agent = f"{TOOL}/{__version__}" + (
            f" (mailto:{quote(options.mailto, safe='@')})" if options.mailto else ""
        )
        async with httpx.AsyncClient(
            transport=transport,
            timeout=options.timeout,
            headers={"User-Agent": user_agent},
            follow_redirects=True,
        ) as client:
            http = Http(
                client,
                retries=options.retries,
                backoff=options.backoff,
                budget=options.budget,
                clock=clock,
            )
            session = _Session(http, options)
            await session.run(pending, finish)
    outcomes = []
    for target in targets:
        entry = fresh.get(target.identifier) or lock.get(target.identifier)
        if entry is None:
            continue
        outcomes.append(Outcome(target.identifier, entry, target.identifier in fresh))
    return outcomes


_Finish = Callable[[Mapping[str, LockEntry]], None]
_Ask = Callable[[list[Target], int | None], Awaitable[None]]
"""Asks a service about a batch and records the answers; ``UnreachableError`` when the request
fails as a whole. The number is the retries (``None``: the client's)."""
_Alone = Callable[[Target, UnreachableError], Awaitable[None]]

_UNREADABLE = (KeyError, IndexError, TypeError, AttributeError, ValueError)
"""What a parser raises on an answer that does not have the documented shape."""


class _Session:
    def __init__(self, http: Http, options: VerifyOptions) -> None:
        self.http = http
        self.options = options
        self.services = options.services
        polite = options.mailto is not None
        clock = http.clock
        # Crossref's 2025 limits, used until its responses announce others.
        self.crossref_single = Limiter(Limit(10 if polite else 5, 3 if polite else 1), clock=clock)
        self.crossref_list = Limiter(Limit(3 if polite else 1, 3 if polite else 1), clock=clock)
        ncbi_rate = 10 if options.ncbi_api_key else 3
        self.ncbi = Limiter(Limit(ncbi_rate, ncbi_rate), clock=clock)
        self.doi = Limiter(Limit(5, 2), clock=clock)
        self.urls = Limiter(Limit(2, 2), clock=clock)

    async def run(self, targets: Sequence[Target], finish: _Finish) -> None:
        by_scheme: dict[str, list[Target]] = {}
        for target in targets:
            by_scheme.setdefault(target.identifier.split(":", 1)[0], []).append(target)
        jobs = []
        dois = by_scheme.get("doi", [])
        batchable = [t for t in dois if crossref.batchable(_value(t))]
        for batch in _chunks(batchable, crossref.BATCH_SIZE):
            jobs.append(self._doi_batch(batch, finish))
        for target in (t for t in dois if not crossref.batchable(_value(t))):
            jobs.append(self._doi_single(target, finish))
        for batch in _chunks(by_scheme.get("pmid", []), ncbi.BATCH_SIZE):
            jobs.append(self._pmid_batch(batch, finish))
        for batch in _chunks(by_scheme.get("pmcid", []), ncbi.BATCH_SIZE):
            jobs.append(self._pmcid_batch(batch, finish))
        if self.options.check_urls:
            jobs.extend(self._url(target, finish) for target in by_scheme.get("url", []))
        await asyncio.gather(*jobs)

    async def _in_halves(
        self, batch: list[Target], ask: _Ask, finish: _Finish, alone: _Alone | None = None
    ) -> None:
        """``ask`` about ``batch``; when the request fails as a whole (unreachable after its
        retries, refused with a 400 or 414, an answer that cannot be read), ask about each
        half, and so on: an identifier the service chokes on then costs its own answer only,
        not its neighbours'. What still fails alone is unreachable, or what ``alone`` finds.

        Halving isolates one bad identifier among n in about 2·log2(n) requests; a service
        that fails everything would cost 2n. So the halving stops once it has made twice that
        many (room for two bad identifiers) or the time budget is spent, and what is left is
        unreachable. Requests after the first are made once: their batch had its retries.
        """

        async def attempt(group: list[Target], retries: int | None) -> UnreachableError | None:
            try:
                await ask(group, retries)
            except UnreachableError as error:
                return error
            return None

        async def unreachable(target: Target, error: UnreachableError) -> None:
            finish({target.identifier: _unreachable(error)})

        alone = alone or unreachable
        error = await attempt(batch, None)
        failed = [(batch, error)] if error else []
        allowance = 4 * math.ceil(math.log2(len(batch))) if len(batch) > 1 else 0
        while failed:
            halves = [half for group, _ in failed if len(group) > 1 for half in _halves(group)]
            if self.http.out_of_time or len(halves) > allowance:
                finish({t.identifier: _unreachable(e) for group, e in failed for t in group})
                return
            allowance -= len(halves)
            singles = asyncio.gather(*(alone(g[0], e) for g, e in failed if len(g) == 1))
            errors, _ = await asyncio.gather(
                asyncio.gather(*(attempt(half, 0) for half in halves)), singles
            )
            failed = [(half, e) for half, e in zip(halves, errors, strict=True) if e]

    # -- DOIs -----------------------------------------------------------------------------------

    async def _doi_batch(self, batch: list[Target], finish: _Finish) -> None:
        async def ask(group: list[Target], retries: int | None) -> None:
            dois = [_value(t) for t in group]
            path, params = crossref.list_request(dois, self.options.mailto)
            status, body = await self.http.get_json(
                self.crossref_list,
                self.services.crossref + path,
                params=params,
                follow_headers=True,
                retries=retries,
            )
            works = _read(status, crossref.parse_list, body, dois)
            finish({t.identifier: _judge(t, works[_value(t)]) for t in group if works[_value(t)]})
            missing = [t for t in group if works[_value(t)] is None]
            if missing:
                await self._not_in_crossref(missing, finish)

        async def alone(target: Target, _: UnreachableError) -> None:
            # The list query may fail for this DOI alone (a filter it breaks): ask for the work.
            await self._doi_single(target, finish, retries=0)

        await self._in_halves(batch, ask, finish, alone)

    async def _doi_single(
        self, target: Target, finish: _Finish, *, retries: int | None = None
    ) -> None:
        try:
            status, body = await self.http.get_json(
                self.crossref_single,
                self.services.crossref + crossref.single_path(_value(target)),
                params={"mailto": self.options.mailto} if self.options.mailto else None,
                follow_headers=True,
                retries=retries,
            )
            work = _read(status, crossref.parse_single, body) if status == 200 else None
        except UnreachableError as error:
            finish({target.identifier: _unreachable(error)})
            return
        if work is not None:
            finish({target.identifier: _judge(target, work)})
        else:
            await self._not_in_crossref([target], finish)

    async def _not_in_crossref(self, targets: list[Target], finish: _Finish) -> None:
        """Ask doi.org whether each DOI exists; fetch metadata for those registered elsewhere."""

        async def ask(group: list[Target], retries: int | None) -> None:
            dois = [_value(t) for t in group]
            status, body = await self.http.get_json(
                self.doi, self.services.doi + doiorg.agency_path(dois), retries=retries
            )
            agencies = _read(status, doiorg.parse_agencies, body, dois)
            results: dict[str, LockEntry] = {}
            for target in group:
                agency = agencies[_value(target)]
                if agency is None:
                    results[target.identifier] = _entry(
                        CitationStatus.NOT_FOUND, None, "no DOI registration agency knows it"
                    )
                else:
                    results[target.identifier] = await self._registered_elsewhere(target, agency)
            finish(results)

        await self._in_halves(targets, ask, finish)

    async def _registered_elsewhere(self, target: Target, agency: str) -> LockEntry:
        try:
            _, csl = await self.http.get_json(
                self.doi,
                self.services.doi + doiorg.csl_path(_value(target)),
                headers={"Accept": doiorg.CSL_JSON},
            )
        except UnreachableError as error:
            return _unreachable(error)
        if isinstance(csl, dict):
            return _judge(target, doiorg.parse_csl(csl, agency))
        return _entry(CitationStatus.OK, None, f"registered with {agency}; no metadata to compare")

    # -- PubMed and PMC -------------------------------------------------------------------------

    async def _pubmed(self, pmids: list[str], retries: int | None) -> dict[str, Work | None]:
        params = ncbi.esummary_params(
            pmids, tool=TOOL, email=self.options.mailto, api_key=self.options.ncbi_api_key
        )
        # Throttling is the service's, not the batch's: waited out as often as a 429 would be.
        for _ in range(self.http.retries + 1):
            status, body = await self.http.get_json(
                self.ncbi, self.services.eutils + "/esummary.fcgi", params=params, retries=retries
            )
            try:
                return _read(status, ncbi.parse_esummary, body, pmids)
            except ncbi.EsummaryError as error:
                if not error.throttled:
                    raise UnreachableError(f"esummary: {error}") from None
                # Throttled inside a 200: every request to NCBI slows down, this one included.
                self.ncbi.pause(1.0)
        raise UnreachableError("esummary kept answering that the rate limit was exceeded")

    async def _pmid_batch(self, batch: list[Target], finish: _Finish) -> None:
        async def ask(group: list[Target], retries: int | None) -> None:
            works = await self._pubmed([_value(t) for t in group], retries)
            finish({t.identifier: _judge(t, works[_value(t)]) for t in group})

        await self._in_halves(batch, ask, finish)

    async def _pmcid_batch(self, batch: list[Target], finish: _Finish) -> None:
        async def ask(group: list[Target], retries: int | None) -> None:
            pmcids = [_value(t) for t in group]
            status, body = await self.http.get_json(
                self.ncbi,
                self.services.idconv,
                params=ncbi.idconv_params(pmcids, tool=TOOL, email=self.options.mailto),
                retries=retries,
            )
            try:
                converted = _read(status, ncbi.parse_idconv, body, pmcids)
            except ncbi.IdconvError as error:
                if len(group) > 1:  # which identifier it is about, only halving tells
                    raise UnreachableError(f"ID converter: {error}") from None
                converted = {pmcids[0]: None}
            known = {t.identifier: ids for t in group if (ids := converted[_value(t)])}
            unknown = [t.identifier for t in group if t.identifier not in known]
            if unknown:
                not_found = _entry(CitationStatus.NOT_FOUND, None, "PMC does not know it")
                finish(dict.fromkeys(unknown, not_found))
            if known:
                await self._pmc_works([t for t in group if t.identifier in known], known, finish)

        await self._in_halves(batch, ask, finish)

    async def _pmc_works(
        self, targets: list[Target], known: Mapping[str, dict[str, str]], finish: _Finish
    ) -> None:
        """PubMed's record of each work PMC knows, through its PMID."""

        async def ask(group: list[Target], retries: int | None) -> None:
            pmids = sorted({known[t.identifier].get("pmid", "") for t in group} - {""})
            works = await self._pubmed(pmids, retries) if pmids else {}
            results = {}
            for target in group:
                ids = known[target.identifier]
                work = works.get(ids.get("pmid", ""))
                if work is None:
                    work = Work(identifiers=ids, source="pmc")
                else:  # PubMed's metadata, with every identifier either service knows
                    work = work.model_copy(update={"identifiers": {**ids, **work.identifiers}})
                results[target.identifier] = _judge(target, work)
            finish(results)

        await self._in_halves(targets, ask, finish)

    # -- URLs -----------------------------------------------------------------------------------

    async def _url(self, target: Target, finish: _Finish) -> None:
        url = _value(target)
        try:
            response = await self.http.get(self.urls, url, ok=(200, 203))
        except UnreachableError as error:
            finish({target.identifier: _unreachable(error)})
            return
        if response.status_code in (404, 410):
            finish(
                {
                    target.identifier: _entry(
                        CitationStatus.NOT_FOUND, None, f"HTTP {response.status_code}"
                    )
                }
            )
        elif response.status_code == 400:
            finish({target.identifier: _unreachable(UnreachableError("HTTP 400"))})
        else:
            finish({target.identifier: _entry(CitationStatus.OK, Work(source="url"), None)})


def _value(target: Target) -> str:
    return target.identifier.split(":", 1)[1]


def _chunks(items: list[Target], size: int) -> Iterable[list[Target]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _halves(items: list[Target]) -> tuple[list[Target], list[Target]]:
    middle = len(items) // 2
    return items[:middle], items[middle:]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _read(
    status: int,
    parse: Callable[Concatenate[Any, _P], _R],
    body: Any,
    *args: _P.args,
    **kwargs: _P.kwargs,
) -> _R:
    """What ``parse`` makes of a service's ``body``; ``UnreachableError`` when there is none
    (an HTTP error without JSON) or it does not have the shape the service documents."""
    if body is None:
        raise UnreachableError(f"HTTP {status}" if status != 200 else "the answer was empty")
    try:
        return parse(body, *args, **kwargs)
    except _UNREADABLE as error:
        problem = f"HTTP {status}" if status != 200 else "the answer was not in the usual shape"
        raise UnreachableError(f"{problem} ({type(error).__name__})") from None


def _entry(status: CitationStatus, work: Work | None, message: str | None) -> LockEntry:
    return LockEntry.of(status, work, today_utc(), message)


def _unreachable(error: Exception) -> LockEntry:
    return _entry(CitationStatus.UNREACHABLE, None, str(error) or type(error).__name__)


def _judge(target: Target, work: Work | None) -> LockEntry:
    """The status of the work behind an identifier, against what the claim file declares."""
    if work is None:
        return _entry(CitationStatus.NOT_FOUND, None, f"{work_source(target)} does not know it")
    status = work.status()
    declared = target.declared
    if status is not CitationStatus.RETRACTED and declared is not None:
        translated = (work.title or "").startswith("[")  # PubMed brackets translated titles
        wrong_title = bool(
            declared.title
            and work.title
            and not translated
            and not same_title(declared.title, work.title)
        )
        if wrong_title or not year_matches(declared.year, work.year):
            found = f"{work.title!r} ({work.year})" if work.title else f"a work of {work.year}"
            return _entry(
                CitationStatus.MISMATCH,
                work,
                f"the identifier leads to {found}, not the declared work",
            )
    return _entry(status, work, None)


def work_source(target: Target) -> str:
    return {"doi": "Crossref", "pmid": "PubMed", "pmcid": "PMC"}.get(
        target.identifier.split(":", 1)[0], "the service"
    )


def age(entry: LockEntry, now: dt.datetime) -> dt.timedelta:
    checked = entry.checked if entry.checked.tzinfo else entry.checked.replace(tzinfo=dt.UTC)
    return now - checked


def is_due(
    lock: LockFile, *, refresh: bool, max_age: dt.timedelta, retraction_max_age: dt.timedelta
) -> Callable[[str], bool]:
    """Which identifiers a run checks: the ones the lock does not answer yet; with ``refresh``,
    also answers older than ``max_age``, and good answers older than ``retraction_max_age``
    (a retraction can come any day)."""
    now = today_utc()

    def due(identifier: str) -> bool:
        entry = lock.get(identifier)
        if entry is None or entry.status is CitationStatus.UNREACHABLE:
            return True
        if not refresh:
            return False
        old = age(entry, now)
        still_citable = entry.status in {
            CitationStatus.OK,
            CitationStatus.CORRECTED,
            CitationStatus.CONCERN,
        }
        return old > max_age or (still_citable and old > retraction_max_age)

    return due
