"""Citation verification against a real HTTP server on 127.0.0.1 playing the services:
recorded responses where they exist, shapes from the services' documentation where not.

Runs wait on a ``FakeClock`` unless a test says otherwise, so that retries, ``Retry-After`` and
time budgets take no real time and are measured exactly, in virtual seconds."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from claimkit.verify import CitationStatus, LockFile, LockFileError
from claimkit.verify.http import REAL_CLOCK, Clock, Limit, Limiter
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
            async with limiter:
                starts.append(clock.now())

    asyncio.run(start_seven())
    window = Limiter.MARGIN  # 3 starts per second, and the margin
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
