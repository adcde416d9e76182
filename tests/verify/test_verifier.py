"""Citation verification against a real HTTP server on 127.0.0.1 playing the services:
recorded responses where they exist, shapes from the services' documentation where not.

Runs wait on a ``FakeClock`` unless a test says otherwise, so that retries, ``Retry-After`` and
time budgets take no real time and are measured exactly, in virtual seconds."""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
import itertools
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimkit.verify import CitationStatus, LockFile, LockFileError
from claimkit.verify.http import REAL_CLOCK, Clock, Http, Limit, Limiter, UnreachableError
from claimkit.verify.lockfile import LockEntry
from claimkit.verify.verifier import (
    Declared,
    Outcome,
    Services,
    Target,
    VerifyOptions,
    is_due,
    verify,
)
from tests.conftest import SHARED, needs_shared
from tests.verify.clock import FakeClock
from tests.verify.server import FakeServices, Reply

FIXTURES = SHARED / "reference" / "api-fixtures"
needs_fixtures = needs_shared("reference/api-fixtures")


def crossref_work(doi: str, title: str, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "DOI": doi,
        "title": [title],
        "issued": {"date-parts": [[year, 1, 1]]},
        "container-title": ["Journal"],
        "type": "journal-article",
        **extra,
    }


def pubmed_record(pmid: str, title: str, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "uid": pmid,
        "title": title,
        "pubdate": str(year),
        "sortpubdate": f"{year}/01/01 00:00",
        "fulljournalname": "Journal",
        "pubtype": ["Journal Article"],
        "articleids": [],
        **extra,
    }


BACKOFF = VerifyOptions().backoff
"""The first pause before a retry; the n-th is ``BACKOFF * 2**n``, times 1 to 1.5 for jitter."""


def check(
    fake: FakeServices,
    targets: list[Target],
    tmp_path: Path,
    *,
    clock: Clock | None = None,
    **options: Any,
) -> dict[str, Outcome]:
    """Verify ``targets`` against ``fake``, on ``clock`` (by default, a new ``FakeClock``)."""
    lock = LockFile.read(tmp_path / "citations.lock.json")
    settings = VerifyOptions(services=Services(**fake.services()), **options)
    outcomes = verify(
        targets,
        lock,
        settings,
        due=lambda _: True,
        clock=clock if clock is not None else FakeClock(),
    )
    return {outcome.identifier: outcome for outcome in outcomes}


def backoff_bounds(retry: int) -> tuple[float, float]:
    """The shortest and longest pause before retry number ``retry`` (0 for the first)."""
    return BACKOFF * 2**retry, BACKOFF * 2**retry * 1.5


def status_of(outcomes: dict[str, Outcome], identifier: str) -> CitationStatus:
    return outcomes[identifier].entry.status


# -- recorded responses ----------------------------------------------------------------------------


@needs_fixtures
def test_recorded_crossref_work_with_a_correction_is_corrected(tmp_path: Path) -> None:
    work = json.loads((FIXTURES / "crossref-work-journal-article.json").read_text())["message"]
    with FakeServices() as fake:
        fake.crossref_works[work["DOI"].lower()] = work
        title = "Methylphenidate exposure induces dopamine neuron loss and activation of microglia in the basal ganglia of mice"
        outcomes = check(
            fake, [Target("doi:10.1371/journal.pone.0033693", Declared(title, 2012))], tmp_path
        )
    entry = outcomes["doi:10.1371/journal.pone.0033693"].entry
    assert entry.status is CitationStatus.CORRECTED
    assert (entry.year, entry.journal, entry.source) == (2012, "PLoS ONE", "crossref")
    assert entry.updates[0].kind == "correction"
    assert entry.updates[0].notice == "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"


@needs_fixtures
def test_recorded_crossref_404_then_doi_org_says_no_such_doi(tmp_path: Path) -> None:
    with FakeServices() as fake:
        fake.scripted["crossref"].append(
            Reply(
                404,
                (FIXTURES / "crossref-work-404-not-found.txt").read_bytes(),
                {"Content-Type": "text/plain"},
            )
        )
        outcomes = check(fake, [Target("doi:10.1371/notarealdoi,x")], tmp_path)
    assert status_of(outcomes, "doi:10.1371/notarealdoi,x") is CitationStatus.NOT_FOUND
    assert len(fake.requests("doi")) == 1  # asked doi.org before saying "not found"


@needs_fixtures
def test_recorded_esummary_gives_title_year_and_other_identifiers(tmp_path: Path) -> None:
    body = json.loads((FIXTURES / "esummary-pubmed-single-with-pmc.json").read_text())
    with FakeServices() as fake:
        fake.pubmed["27933103"] = body["result"]["27933103"]
        title = "Programmatic conversion of crystal structures into 3D printable files using Jmol"
        outcomes = check(fake, [Target("pmid:27933103", Declared(title, 2016))], tmp_path)
    entry = outcomes["pmid:27933103"].entry
    assert entry.status is CitationStatus.OK
    assert entry.identifiers == {
        "pmid": "27933103",
        "doi": "10.1186/s13321-016-0181-z",
        "pmcid": "PMC5122160",
    }


@needs_fixtures
def test_recorded_idconv_answer_leads_to_pubmed(tmp_path: Path) -> None:
    record = json.loads((FIXTURES / "pmc-idconv-ok.json").read_text())["records"][0]
    with FakeServices() as fake:
        fake.pmc["PMC2883744"] = record
        fake.pubmed["20495566"] = pubmed_record("20495566", "A genome-wide study", 2010)
        outcomes = check(
            fake, [Target("pmcid:PMC2883744", Declared("A genome-wide study", 2010))], tmp_path
        )
    entry = outcomes["pmcid:PMC2883744"].entry
    assert entry.status is CitationStatus.OK
    assert entry.identifiers["doi"] == "10.1038/ng.590"


@needs_fixtures
def test_recorded_idconv_error_means_not_found(tmp_path: Path) -> None:
    body = json.loads((FIXTURES / "pmc-idconv-error-idtype-mismatch.json").read_text())
    with FakeServices() as fake:
        fake.scripted["idconv"].append(Reply(404, body))
        outcomes = check(fake, [Target("pmcid:PMC28371833")], tmp_path)
    assert status_of(outcomes, "pmcid:PMC28371833") is CitationStatus.NOT_FOUND


@needs_fixtures
def test_recorded_esummary_error_for_the_whole_request_is_unreachable_not_not_found(
    tmp_path: Path,
) -> None:
    body = json.loads((FIXTURES / "esummary-error-invalid-db.prototype.json").read_text())
    with FakeServices() as fake:
        fake.scripted["eutils"].append(Reply(200, body))
        outcomes = check(fake, [Target("pmid:7294117")], tmp_path)
    entry = outcomes["pmid:7294117"].entry
    assert entry.status is CitationStatus.UNREACHABLE
    assert "Invalid db name" in (entry.message or "")


# -- constructed from the documented shapes --------------------------------------------------------


def test_retraction_watch_retraction_is_retracted(tmp_path: Path) -> None:
    retracted = crossref_work(
        "10.1016/s0140-6736(97)11096-0",
        "RETRACTED: Ileal-lymphoid-nodular hyperplasia",
        1998,
        **{
            "updated-by": [
                {
                    "DOI": "10.1016/s0140-6736(10)60175-4",
                    "type": "retraction",
                    "source": "retraction-watch",
                    "record-id": 1,
                    "updated": {"date-parts": [[2010, 2, 6]]},
                },
                {
                    "DOI": "10.1016/s0140-6736(04)15715-2",
                    "type": "correction",
                    "source": "retraction-watch",
                    "updated": {"date-parts": [[2004, 3, 6]]},
                },
            ]
        },
    )
    concern = crossref_work(
        "10.5555/concern",
        "A worrying study",
        2020,
        **{
            "updated-by": [
                {"DOI": "10.5555/eoc", "type": "expression_of_concern", "source": "publisher"}
            ]
        },
    )
    with FakeServices() as fake:
        fake.crossref_works.update({w["DOI"]: w for w in (retracted, concern)})
        fake.pubmed["123"] = pubmed_record(
            "123",
            "Retracted in PubMed.",
            2019,
            pubtype=["Journal Article", "Retracted Publication"],
        )
        outcomes = check(
            fake,
            [
                Target(
                    "doi:10.1016/s0140-6736(97)11096-0", Declared("Something else entirely", 1990)
                ),
                Target("doi:10.5555/concern", Declared("A worrying study", 2020)),
                Target("pmid:123"),
            ],
            tmp_path,
        )
    entry = outcomes["doi:10.1016/s0140-6736(97)11096-0"].entry
    assert entry.status is CitationStatus.RETRACTED
    assert entry.updates[0].source == "retraction-watch"
    assert entry.updates[0].date == "2010-02-06"
    assert status_of(outcomes, "doi:10.5555/concern") is CitationStatus.CONCERN
    assert status_of(outcomes, "pmid:123") is CitationStatus.RETRACTED


def test_esummary_per_id_error_is_not_found_for_that_id_only(tmp_path: Path) -> None:
    with FakeServices() as fake:
        fake.pubmed["31282699"] = pubmed_record("31282699", "Using crying to cope.", 2020)
        outcomes = check(fake, [Target("pmid:31282699"), Target("pmid:99999999")], tmp_path)
    assert status_of(outcomes, "pmid:31282699") is CitationStatus.OK
    assert status_of(outcomes, "pmid:99999999") is CitationStatus.NOT_FOUND
    assert len(fake.requests("eutils")) == 1


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (Declared("Using crying to cope: physiological responses", 2020), CitationStatus.OK),
        (
            Declared(
                "Using Crying to Cope — Physiological Responses to Stress Following Tears of Sadness.",
                2019,
            ),
            CitationStatus.OK,
        ),
        (
            Declared(
                "Using crying to cope: physiological responses to stress following tears of sadness",
                2017,
            ),
            CitationStatus.MISMATCH,
        ),
        (Declared("Human tears contain a chemosignal", 2020), CitationStatus.MISMATCH),
    ],
)
def test_title_and_year_are_compared_loosely_but_a_different_work_is_a_mismatch(
    tmp_path: Path, declared: Declared, expected: CitationStatus
) -> None:
    title = "Using crying to cope: Physiological responses to stress following tears of sadness."
    with FakeServices() as fake:
        fake.crossref_works["10.1037/emo0000633"] = crossref_work(
            "10.1037/emo0000633", f"<i>{title}</i>", 2020
        )
        outcomes = check(fake, [Target("doi:10.1037/emo0000633", declared)], tmp_path)
    assert status_of(outcomes, "doi:10.1037/emo0000633") is expected


def test_doi_registered_elsewhere_is_checked_through_doi_org(tmp_path: Path) -> None:
    with FakeServices() as fake:
        fake.agencies["10.48550/arxiv.1706.03762"] = "DataCite"
        fake.csl["10.48550/arxiv.1706.03762"] = {
            "DOI": "10.48550/ARXIV.1706.03762",
            "title": "Attention Is All You Need",
            "issued": {"date-parts": [[2017]]},
            "publisher": "arXiv",
        }
        outcomes = check(
            fake,
            [Target("doi:10.48550/arxiv.1706.03762", Declared("Attention is all you need", 2017))],
            tmp_path,
        )
    entry = outcomes["doi:10.48550/arxiv.1706.03762"].entry
    assert (entry.status, entry.source) == (CitationStatus.OK, "doi.org (DataCite)")


def test_429_with_retry_after_is_waited_out(tmp_path: Path) -> None:
    clock = FakeClock()
    with FakeServices(clock=clock.now) as fake:
        fake.scripted["eutils"].append(Reply(429, b"Too Many Requests", {"Retry-After": "1"}))
        fake.pubmed["1"] = pubmed_record("1", "A title", 2000)
        outcomes = check(fake, [Target("pmid:1")], tmp_path, clock=clock)
    assert status_of(outcomes, "pmid:1") is CitationStatus.OK
    first, second = fake.requests("eutils")
    assert clock.sleeps == [1.0]  # what Retry-After asked, not the backoff
    assert second.started - first.started == 1.0


@pytest.mark.parametrize(
    ("fault", "pause"),
    [
        (Reply(503, b"Service Unavailable", {"Content-Type": "text/plain"}), backoff_bounds(0)),
        (Reply(200, b'{"header": {"type": "esum', truncate=True), backoff_bounds(0)),
        (Reply(200, b"{not json"), backoff_bounds(0)),
        (
            Reply(200, b"<html><body>Bad gateway</body></html>", {"Content-Type": "text/html"}),
            backoff_bounds(0),
        ),
        # esummary's own throttling answer: a fixed second, not the backoff
        (Reply(200, {"error": "API rate limit exceeded", "count": "11"}), (1.0, 1.0)),
    ],
    ids=["503", "truncated-body", "invalid-json", "html-error-page", "throttled-inside-200"],
)
def test_a_transient_fault_is_retried_then_succeeds(
    tmp_path: Path, fault: Reply, pause: tuple[float, float]
) -> None:
    clock = FakeClock()
    with FakeServices() as fake:
        fake.scripted["eutils"].append(fault)
        fake.pubmed["1"] = pubmed_record("1", "A title", 2000)
        outcomes = check(fake, [Target("pmid:1")], tmp_path, clock=clock)
    assert status_of(outcomes, "pmid:1") is CitationStatus.OK
    assert len(fake.requests("eutils")) == 2
    [waited] = clock.sleeps  # one pause, before the one retry
    shortest, longest = pause
    assert shortest <= waited <= longest


def test_backoff_grows_exponentially_within_the_jitter(tmp_path: Path) -> None:
    clock = FakeClock()
    with FakeServices(clock=clock.now) as fake:
        fake.scripted["eutils"].extend(Reply(503, b"down") for _ in range(5))
        outcomes = check(fake, [Target("pmid:1")], tmp_path, clock=clock, retries=4)
    entry = outcomes["pmid:1"].entry
    assert entry.status is CitationStatus.UNREACHABLE
    assert entry.message == "HTTP 503 after 5 attempts"
    starts = [seen.started for seen in fake.requests("eutils")]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert gaps == pytest.approx(clock.sleeps[: len(gaps)])  # it waited for the backoff only
    assert len(gaps) == 4
    for retry, gap in enumerate(gaps):
        shortest, longest = backoff_bounds(retry)
        assert shortest <= gap <= longest, f"pause {retry}: {gap} s"
    assert clock.sleeps[:4] != [backoff_bounds(retry)[0] for retry in range(4)], "no jitter"


def test_a_service_that_never_answers_is_unreachable_not_not_found(tmp_path: Path) -> None:
    # The read timeouts are real (0.1 s each); the pauses between the tries are virtual.
    clock = FakeClock()
    with FakeServices() as fake:
        fake.scripted["eutils"].extend(Reply(200, b"{}", delay=1.0) for _ in range(5))
        outcomes = check(fake, [Target("pmid:1")], tmp_path, clock=clock, timeout=0.1, retries=2)
    entry = outcomes["pmid:1"].entry
    assert entry.status is CitationStatus.UNREACHABLE
    assert entry.message == "ReadTimeout after 3 attempts"
    # A pause before each retry, none after the last attempt: nothing follows it.
    assert len(clock.sleeps) == 2
    for retry, waited in enumerate(clock.sleeps):
        shortest, longest = backoff_bounds(retry)
        assert shortest <= waited <= longest


def test_the_time_budget_bounds_the_run(tmp_path: Path) -> None:
    clock = FakeClock()
    with FakeServices(clock=clock.now) as fake:
        fake.scripted["crossref"].extend(
            Reply(503, b"down", {"Retry-After": "30"}) for _ in range(5)
        )
        outcomes = check(fake, [Target("doi:10.5555/a")], tmp_path, clock=clock, budget=2.0)
    entry = outcomes["doi:10.5555/a"].entry
    assert entry.status is CitationStatus.UNREACHABLE
    assert entry.message == "time budget spent (HTTP 503)"
    assert clock.sleeps == [2.0]  # Retry-After: 30, cut to what was left of the budget
    assert clock.now() <= 2.0
    assert [seen.started for seen in fake.requests("crossref-list")] == [0.0]


# -- batching and limits -------------------------------------------------------------------------


def test_the_rate_window_slides_on_the_clock() -> None:
    clock = FakeClock()
    starts: list[float] = []

    async def start_seven() -> None:
        limiter = Limiter(Limit(rate=3, concurrency=3), clock=clock)
        for _ in range(7):
            async with limiter.turn():
                starts.append(clock.now())

    asyncio.run(start_seven())
    window = 1 + Limiter.MARGIN  # 3 starts per second, and the margin
    assert starts == pytest.approx([0, 0, 0, window, window, window, 2 * window])
    assert clock.sleeps == pytest.approx([window, window])


def test_400_citations_take_a_handful_of_requests_within_the_limits(tmp_path: Path) -> None:
    dois = [f"10.5555/work.{n}" for n in range(200)]
    pmids = [str(1000 + n) for n in range(200)]
    with FakeServices(latency=0.05) as fake:
        fake.crossref_works.update({d: crossref_work(d, f"Work {d}", 2020) for d in dois})
        fake.pubmed.update({p: pubmed_record(p, f"Paper {p}", 2020) for p in pmids})
        targets = [Target(f"doi:{d}") for d in dois] + [Target(f"pmid:{p}") for p in pmids]
        # The real clock: what a real server counts is real seconds.
        outcomes = check(fake, targets, tmp_path, clock=REAL_CLOCK, mailto="editor@example.org")
    assert {o.entry.status for o in outcomes.values()} == {CitationStatus.OK}
    assert len(fake.requests("crossref-list")) == 4  # 200 DOIs, 50 at a time
    assert len(fake.requests("eutils")) == 1  # 200 PMIDs in one esummary
    assert fake.max_in_flight["crossref-list"] <= 3
    assert fake.most_in_one_second("crossref-list") <= 3
    assert fake.most_in_one_second("eutils") <= 3
    query = fake.requests("crossref-list")[0].query
    assert query["mailto"] == ["editor@example.org"]


def most_in_one_second(arrivals: list[float]) -> int:
    """The most requests a service counting strictly saw in any one second."""
    arrivals = sorted(arrivals)
    return max(
        sum(1 for later in arrivals[i:] if later < start + 1.0) for i, start in enumerate(arrivals)
    )


class LateToSend(httpx.AsyncBaseTransport):
    """The real transport, which the first request reaches ``late`` seconds after the limiter
    let it go (as when the event loop is busy); records when each request reached it."""

    def __init__(self, clock: FakeClock, late: float) -> None:
        self.clock = clock
        self.late = late
        self.inner = httpx.AsyncHTTPTransport()
        self.arrivals: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self.arrivals:
            await self.clock.sleep(self.late)
        self.arrivals.append(self.clock.now())
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_the_rate_window_counts_from_when_a_request_is_sent() -> None:
    clock = FakeClock()
    transport = LateToSend(clock, late=0.6)

    async def get_four(url: str) -> None:
        async with httpx.AsyncClient(transport=transport) as client:
            http = Http(client, clock=clock)
            limiter = Limiter(Limit(rate=3, concurrency=1), clock=clock)
            for _ in range(4):
                await http.get(limiter, url)

    with FakeServices() as fake:
        asyncio.run(get_four(fake.services()["eutils"] + "/esummary.fcgi?id=1"))
    # Counted from when the limiter let it go (0), the first request would leave room for a
    # fourth 1.25 s later, 0.65 s after the first actually reached the service.
    assert transport.arrivals[0] == 0.6
    assert most_in_one_second(transport.arrivals) == 3


def test_the_rate_window_has_a_margin_for_a_request_slow_to_arrive() -> None:
    clock = FakeClock()
    arrivals: list[float] = []

    async def service(request: httpx.Request) -> httpx.Response:
        if not arrivals:  # the first request is 0.2 s on the way: a packet resent, say
            await clock.sleep(0.2)
        arrivals.append(clock.now())
        return httpx.Response(200)

    async def get_four() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(service)) as client:
            http = Http(client, clock=clock)
            limiter = Limiter(Limit(rate=3, concurrency=1), clock=clock)
            for _ in range(4):
                await http.get(limiter, "https://service.test/")

    asyncio.run(get_four())
    assert most_in_one_second(arrivals) == 3


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_pauses_every_request_to_that_service(status: int) -> None:
    clock = FakeClock()
    arrivals: dict[str, list[float]] = {"busy.test": [], "other.test": []}

    def service(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        arrivals[host].append(clock.now())
        if host == "busy.test" and len(arrivals[host]) == 1:
            return httpx.Response(status, headers={"Retry-After": "5"})
        return httpx.Response(200)

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(service)) as client:
            http = Http(client, retries=0, clock=clock)
            busy = Limiter(Limit(rate=10, concurrency=10), clock=clock)
            other = Limiter(Limit(rate=10, concurrency=10), clock=clock)
            with pytest.raises(UnreachableError, match=f"HTTP {status}"):
                await http.get(busy, "https://busy.test/first")
            await http.get(other, "https://other.test/")  # another service: no pause
            await http.get(busy, "https://busy.test/second")

    asyncio.run(run())
    assert arrivals == {"busy.test": [0.0, 5.0], "other.test": [0.0]}


# -- a batch that fails is halved ------------------------------------------------------------------

FAULTS = {
    "timeout": Reply(200, b"{}", delay=1.0),
    "not-json": Reply(
        200, b"<html><body>Internal error</body></html>", {"Content-Type": "text/html"}
    ),
    "400": Reply(400, b"Bad Request", {"Content-Type": "text/plain"}),
    "414": Reply(414, b"URI Too Long", {"Content-Type": "text/plain"}),
}


def serve_eight(fake: FakeServices, kind: str) -> list[Target]:
    """Eight works the services know, cited by ``kind`` of identifier; the sixth is the one
    the tests poison."""
    targets = []
    for n in range(8):
        if kind == "doi":  # in Crossref
            doi = f"10.5555/w{n}"
            fake.crossref_works[doi] = crossref_work(doi, f"Work number {n}", 2020)
            targets.append(Target(f"doi:{doi}"))
        elif kind == "doi-elsewhere":  # registered with DataCite: doi.org answers
            doi = f"10.5555/w{n}"
            fake.agencies[doi] = "DataCite"
            fake.csl[doi] = {
                "DOI": doi,
                "title": f"Work number {n}",
                "issued": {"date-parts": [[2020]]},
            }
            targets.append(Target(f"doi:{doi}"))
        elif kind == "pmid":
            fake.pubmed[str(1000 + n)] = pubmed_record(str(1000 + n), f"Paper number {n}", 2020)
            targets.append(Target(f"pmid:{1000 + n}"))
        else:
            pmcid, pmid = f"PMC{100 + n}", str(2000 + n)
            fake.pmc[pmcid] = {"requested-id": pmcid, "pmcid": pmcid, "pmid": pmid}
            fake.pubmed[pmid] = pubmed_record(pmid, f"Paper number {n}", 2020)
            targets.append(Target(f"pmcid:{pmcid}"))
    return targets


@pytest.mark.parametrize(
    ("kind", "service", "poisoned", "fault", "status"),
    [
        *(("pmid", "eutils", "1005", fault, CitationStatus.UNREACHABLE) for fault in FAULTS),
        ("pmcid", "idconv", "PMC105", "timeout", CitationStatus.UNREACHABLE),
        ("pmcid", "idconv", "PMC105", "not-json", CitationStatus.UNREACHABLE),
        # The PubMed look-up that follows the ID converter's answer.
        ("pmcid", "eutils", "2005", "not-json", CitationStatus.UNREACHABLE),
        # Alone, the DOI is asked for at /works/{doi}, which tells its true status.
        ("doi", "crossref-list", "10.5555/w5", "timeout", CitationStatus.OK),
        ("doi", "crossref-list", "10.5555/w5", "400", CitationStatus.OK),
        ("doi-elsewhere", "doi", "10.5555/w5", "not-json", CitationStatus.UNREACHABLE),
    ],
)
def test_an_identifier_that_breaks_its_batch_costs_only_its_own_answer(
    tmp_path: Path, kind: str, service: str, poisoned: str, fault: str, status: CitationStatus
) -> None:
    with FakeServices() as fake:
        targets = serve_eight(fake, kind)
        fake.poisoned[service, poisoned] = FAULTS[fault]
        outcomes = check(fake, targets, tmp_path, timeout=0.1, retries=1)
    bad = targets[5].identifier
    assert {i: o.entry.status for i, o in outcomes.items() if i != bad} == {
        t.identifier: CitationStatus.OK for t in targets if t.identifier != bad
    }
    assert status_of(outcomes, bad) is status
    asked = fake.requests(service)
    if service == "doi":  # each DOI doi.org knows then has a request of its own, for metadata
        asked = [seen for seen in asked if seen.path.startswith("doiRA/")]
    assert len(asked) <= 2 + 2 * 3  # the batch and its retry, two halves at each of 3 levels
    assert json.loads((tmp_path / "citations.lock.json").read_text())["citations"].keys() == {
        t.identifier for t in targets
    }


def test_an_id_converter_refusing_a_whole_batch_is_halved_to_the_pmcid_it_refuses(
    tmp_path: Path,
) -> None:
    refusal = Reply(200, {"status": "error", "message": "Invalid%20article%20id%3A%20PMC105"})
    with FakeServices() as fake:
        targets = serve_eight(fake, "pmcid")
        fake.poisoned["idconv", "PMC105"] = refusal
        outcomes = check(fake, targets, tmp_path)
    assert status_of(outcomes, "pmcid:PMC105") is CitationStatus.NOT_FOUND
    others = {o.entry.status for i, o in outcomes.items() if i != "pmcid:PMC105"}
    assert others == {CitationStatus.OK}


def test_a_service_that_fails_every_request_is_not_asked_about_each_identifier(
    tmp_path: Path,
) -> None:
    with FakeServices() as fake:
        fake.scripted["eutils"].extend(Reply(503, b"down") for _ in range(500))
        targets = [Target(f"pmid:{1000 + n}") for n in range(200)]
        outcomes = check(fake, targets, tmp_path, retries=0)
    assert {o.entry.status for o in outcomes.values()} == {CitationStatus.UNREACHABLE}
    # The batch, then halving until it has made 4·log2(200) requests, not 2 * 200.
    assert len(fake.requests("eutils")) <= 1 + 4 * 8


def test_halving_stops_once_the_time_budget_is_spent(tmp_path: Path) -> None:
    clock = FakeClock()
    with FakeServices(clock=clock.now) as fake:
        fake.scripted["eutils"].extend(
            Reply(503, b"down", {"Retry-After": "30"}) for _ in range(10)
        )
        targets = [Target(f"pmid:{1000 + n}") for n in range(8)]
        outcomes = check(fake, targets, tmp_path, clock=clock, budget=2.0)
    assert {o.entry.message for o in outcomes.values()} == {"time budget spent (HTTP 503)"}
    assert len(fake.requests("eutils")) == 1


# -- what cannot go into a URL as it is ----------------------------------------------------------


def test_a_doi_is_asked_about_as_written_whatever_it_holds(tmp_path: Path) -> None:
    in_crossref = {
        "10.1234/q?x=1#f%20+y": "Query fragment and percent",
        "10.1234/c,d/../e": "Comma and parent",  # a comma: asked alone, at /works/{doi}
    }
    elsewhere = {
        "10.1234/a/../b": "Parent segment",
        "10.1234/./c": "Current segment",
        "10.1234/r?x#y%z": "Registered elsewhere with syntax",
    }
    with FakeServices() as fake:
        for doi, title in in_crossref.items():
            fake.crossref_works[doi] = crossref_work(doi, title, 2020)
        for doi, title in elsewhere.items():
            fake.agencies[doi] = "DataCite"
            fake.csl[doi] = {"DOI": doi, "title": title, "issued": {"date-parts": [[2020]]}}
        targets = [
            Target(f"doi:{doi}", Declared(title, 2020))
            for doi, title in {**in_crossref, **elsewhere}.items()
        ]
        outcomes = check(fake, targets, tmp_path)
    # The stand-ins know each DOI only as written: another DOI would be not found.
    assert {i: o.entry.status for i, o in outcomes.items()} == {
        t.identifier: CitationStatus.OK for t in targets
    }
    assert {o.entry.source for o in outcomes.values()} == {"crossref", "doi.org (DataCite)"}


# -- requests that cannot be made ----------------------------------------------------------------


@pytest.mark.parametrize(
    "unusable",
    [
        "doi:10.1234/" + "a" * 70_000,
        "pmid:" + "1" * 70_000,
        "pmcid:PMC" + "1" * 70_000,
        "url:http://example.org/\x00",
    ],
    ids=["doi", "pmid", "pmcid", "url"],
)
def test_a_request_that_cannot_be_made_is_unreachable_for_its_identifiers_only(
    tmp_path: Path, unusable: str
) -> None:
    # Validation keeps such identifiers out of a run; this is the net under it.
    with FakeServices() as fake:
        fake.crossref_works["10.5555/ok"] = crossref_work("10.5555/ok", "Fine", 2020)
        fake.pubmed["1"] = pubmed_record("1", "Fine", 2020)
        fake.pmc["PMC1"] = {"requested-id": "PMC1", "pmcid": "PMC1", "pmid": "1"}
        healthy = ["doi:10.5555/ok", "pmid:1", "pmcid:PMC1"]
        targets = [Target(i) for i in healthy] + [Target(unusable)]
        outcomes = check(fake, targets, tmp_path, check_urls=True)
    assert {i: status_of(outcomes, i) for i in healthy} == dict.fromkeys(healthy, CitationStatus.OK)
    entry = outcomes[unusable].entry
    assert entry.status is CitationStatus.UNREACHABLE
    assert (entry.message or "").startswith("InvalidURL: ")
    assert len(entry.message or "") <= 200
    saved = json.loads((tmp_path / "citations.lock.json").read_text())["citations"]
    assert saved.keys() == {*healthy, unusable}


def test_a_contact_address_beyond_ascii_is_percent_encoded_in_the_user_agent(
    tmp_path: Path,
) -> None:
    with FakeServices() as fake:
        fake.pubmed["1"] = pubmed_record("1", "A title", 2000)
        outcomes = check(fake, [Target("pmid:1")], tmp_path, mailto="édith@example.org")
    assert status_of(outcomes, "pmid:1") is CitationStatus.OK
    [seen] = fake.requests("eutils")
    assert seen.headers["User-Agent"].endswith(" (mailto:%C3%A9dith@example.org)")
    assert seen.query["email"] == ["édith@example.org"]


# -- the lock file -------------------------------------------------------------------------------


def test_lock_file_is_sorted_stable_and_keeps_good_answers_over_unreachable(tmp_path: Path) -> None:
    path = tmp_path / "citations.lock.json"
    with FakeServices() as fake:
        fake.pubmed["2"] = pubmed_record("2", "Two", 2002)
        fake.pubmed["1"] = pubmed_record("1", "One", 2001)
        check(fake, [Target("pmid:2"), Target("pmid:1")], tmp_path)
        first = path.read_text()
        assert list(json.loads(first)["citations"]) == ["pmid:1", "pmid:2"]
        fake.scripted["eutils"].extend(Reply(503, b"down") for _ in range(10))
        outcomes = check(fake, [Target("pmid:1"), Target("pmid:2")], tmp_path, retries=1)
    assert {o.entry.status for o in outcomes.values()} == {CitationStatus.UNREACHABLE}
    assert json.loads(path.read_text())["citations"] == json.loads(first)["citations"]


def test_damaged_lock_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "citations.lock.json"
    path.write_text('{"format": 1, "citations": {"doi:10.1/x": {"status": "ok"')
    with pytest.raises(LockFileError, match="the lock file is damaged"):
        LockFile.read(path)
    assert path.read_text().endswith('"ok"')


def test_saving_keeps_the_mode_the_lock_file_has(tmp_path: Path) -> None:
    path = tmp_path / "citations.lock.json"
    lock = LockFile(path)
    lock.save()
    path.chmod(0o640)
    lock.record("pmid:1", LockEntry(status=CitationStatus.OK, checked=dt.datetime.now(dt.UTC)))
    lock.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)], ids=["022", "027", "077"]
)
def test_a_new_lock_file_has_the_mode_the_umask_gives_new_files(
    tmp_path: Path, umask: int, mode: int
) -> None:
    path = tmp_path / "citations.lock.json"
    before = os.umask(umask)
    try:
        LockFile(path).save()
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def _disk_full(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(
    "failing", [(os, "write"), (os, "fsync"), (Path, "replace")], ids=["write", "fsync", "rename"]
)
def test_a_failed_save_leaves_the_lock_as_it_was_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: tuple[object, str]
) -> None:
    path = tmp_path / "citations.lock.json"
    lock = LockFile(path)
    lock.record("pmid:1", LockEntry(status=CitationStatus.OK, checked=dt.datetime.now(dt.UTC)))
    lock.save()
    before = path.read_bytes()
    lock.record("pmid:2", LockEntry(status=CitationStatus.OK, checked=dt.datetime.now(dt.UTC)))
    with monkeypatch.context() as patched:
        patched.setattr(*failing, _disk_full)
        expected = f"{path}: cannot write the lock file: {os.strerror(errno.ENOSPC)}"
        with pytest.raises(LockFileError, match=f"^{re.escape(expected)}$"):
            lock.save()
    assert [p.name for p in tmp_path.iterdir()] == ["citations.lock.json"]
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "make",
    [
        Path.mkdir,
        lambda path: path.write_bytes(
            '{"format": 1, "citations": {}, "x": "caf\xe9"}'.encode("latin-1")
        ),
        lambda path: path.write_text("[" * 100_000 + "]" * 100_000),
    ],
    ids=["a-directory", "not-utf-8", "nested-100000-deep"],
)
def test_an_unreadable_lock_file_is_a_one_line_error_naming_it(
    tmp_path: Path, make: Callable[[Path], object]
) -> None:
    path = tmp_path / "citations.lock.json"
    make(path)
    with pytest.raises(LockFileError) as refused:
        LockFile.read(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message


def test_refresh_rechecks_old_entries_and_retraction_status_sooner(tmp_path: Path) -> None:
    lock = LockFile(tmp_path / "lock.json")
    now = dt.datetime.now(dt.UTC)
    lock.record("pmid:1", LockEntry(status=CitationStatus.OK, checked=now - dt.timedelta(days=10)))
    lock.record(
        "pmid:2", LockEntry(status=CitationStatus.NOT_FOUND, checked=now - dt.timedelta(days=10))
    )
    lock.record("pmid:3", LockEntry(status=CitationStatus.OK, checked=now - dt.timedelta(days=1)))
    lock.record("pmid:4", LockEntry(status=CitationStatus.UNREACHABLE, checked=now))
    month, week = dt.timedelta(days=30), dt.timedelta(days=7)
    plain = is_due(lock, refresh=False, max_age=month, retraction_max_age=week)
    refreshing = is_due(lock, refresh=True, max_age=month, retraction_max_age=week)
    assert [plain(f"pmid:{n}") for n in range(1, 6)] == [False, False, False, True, True]
    assert [refreshing(f"pmid:{n}") for n in range(1, 6)] == [True, False, False, True, True]
