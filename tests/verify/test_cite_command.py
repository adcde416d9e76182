"""`claimkit cite verify` as editors and CI run it, and lint reading its lock file offline."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit.cli import cli
from tests.conftest import EXAMPLE_REGISTRY
from tests.verify.server import FakeServices, Reply
from tests.verify.test_verifier import crossref_work, pubmed_record

REPOSITORY = Path(__file__).parents[2]

# What the example registry (tests/registry) cites, as the services would answer.
WORKS = {
    "10.1111/j.1469-8986.1994.tb01049.x": ("The psychophysiology of crying", 1994),
    "10.1037/1528-3542.7.2.458": (
        "Can the distress-signal and arousal-reduction views of crying be reconciled? "
        "Evidence from the cardiovascular system",
        2007,
    ),
    "10.1177/1754073915586226": (
        "The riddle of human emotional crying: a challenge for emotion researchers",
        2015,
    ),
    "10.1016/j.jesp.2021.104137": (
        "Tears evoke the intention to offer social support: a systematic investigation "
        "of the interpersonal effects of emotional crying across 41 countries",
        2021,
    ),
}


def serve_example_registry(fake: FakeServices) -> None:
    for doi, (title, year) in WORKS.items():
        fake.crossref_works[doi] = crossref_work(doi, title, year)
    fake.pubmed["7294117"] = pubmed_record(
        "7294117", "Effect of stimulus on the chemical composition of human tears.", 1981
    )
    fake.pmc["PMC4882350"] = {
        "requested-id": "PMC4882350",
        "pmcid": "PMC4882350",
        "pmid": "27340317",
        "doi": "10.1007/s11031-016-9543-0",
    }
    fake.pubmed["27340317"] = pubmed_record(
        "27340317", "The social impact of emotional tears.", 2016
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE_REGISTRY, tmp_path / "claims")
    return tmp_path


def configure(site: Path, fake: FakeServices, *, retries: int = 4) -> None:
    services = "\n".join(f"    {name}: {url}" for name, url in fake.services().items())
    (site / ".claimkit.yaml").write_text(
        f"citations:\n  mailto: editor@example.org\n  retries: {retries}\n  services:\n{services}\n"
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["cite", "verify", *args], prog_name="claimkit")


def lock_of(site: Path) -> dict[str, dict[str, object]]:
    citations: dict[str, dict[str, object]] = json.loads(
        (site / "claims" / "citations.lock.json").read_text()
    )["citations"]
    return citations


def test_all_ok_exits_0_and_writes_the_lock(site: Path) -> None:
    with FakeServices() as fake:
        serve_example_registry(fake)
        configure(site, fake)
        result = run()
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[-1]
        == "6 citations: 6 ok; 6 checked now, 0 from claims/citations.lock.json."
    )
    lock = lock_of(site)
    assert sorted(lock) == sorted(
        ["pmid:7294117", "pmcid:PMC4882350", *(f"doi:{doi}" for doi in WORKS)]
    )
    assert lock["pmcid:PMC4882350"]["identifiers"] == {
        "doi": "10.1007/s11031-016-9543-0",
        "pmcid": "PMC4882350",
        "pmid": "27340317",
    }


def test_second_run_uses_the_lock_and_offline_needs_no_network(site: Path) -> None:
    with FakeServices() as fake:
        serve_example_registry(fake)
        configure(site, fake)
        run()
        before = len(fake.seen)
        again = run()
    assert again.exit_code == 0
    assert len(fake.seen) == before  # nothing was due
    offline = run("--offline", "--format", "json")
    assert offline.exit_code == 0
    payload = json.loads(offline.stdout)
    assert payload["summary"] == {"ok": 6}
    assert {c["checked_now"] for c in payload["citations"]} == {False}


def test_a_wrong_doi_is_a_mismatch_and_exits_1(site: Path) -> None:
    with FakeServices() as fake:
        serve_example_registry(fake)
        fake.crossref_works["10.1037/1528-3542.7.2.458"] = crossref_work(
            "10.1037/1528-3542.7.2.458", "An unrelated paper about sleep", 2011
        )
        configure(site, fake)
        result = run()
    assert result.exit_code == 1
    line = next(
        line
        for line in result.stdout.splitlines()
        if line.startswith("doi:10.1037/1528-3542.7.2.458")
    )
    assert "mismatch" in line
    assert "[cited by crying.lowers-blood-pressure]" in line


def test_unreachable_warns_but_passes_unless_strict(site: Path) -> None:
    with FakeServices() as fake:
        serve_example_registry(fake)
        # Retry-After: 0, so that the retry costs no time (test_verifier pins the waits).
        fake.scripted["eutils"].extend(Reply(503, b"down", {"Retry-After": "0"}) for _ in range(40))
        configure(site, fake, retries=1)
        lenient = run("--only", "pmid:7294117")
        strict = run("--only", "pmid:7294117", "--strict")
        asked = len(fake.requests("eutils"))
    assert asked == 4, "two runs, each one try and the one configured retry"
    assert lenient.exit_code == 0
    assert "warning: 1 unreachable" in lenient.stderr
    assert strict.exit_code == 1


def test_only_narrows_to_an_identifier_or_a_claim(site: Path) -> None:
    with FakeServices() as fake:
        serve_example_registry(fake)
        configure(site, fake)
        by_claim = run("--only", "crying.removes-toxins", "--format", "json")
    assert [c["identifier"] for c in json.loads(by_claim.stdout)["citations"]] == [
        "doi:10.1177/1754073915586226",
        "pmid:7294117",
    ]
    assert run("--only", "crying.nothing", "--offline").exit_code == 2


def test_articles_citations_are_verified_too(site: Path) -> None:
    (site / "post.md").write_text("Tears flush toxins [@doi:10.5555/not-a-real-doi].\n")
    with FakeServices() as fake:
        serve_example_registry(fake)
        configure(site, fake)
        result = run("--articles", "post.md", "--format", "json")
    assert result.exit_code == 1
    citation = next(
        c
        for c in json.loads(result.stdout)["citations"]
        if c["identifier"] == "doi:10.5555/not-a-real-doi"
    )
    assert (citation["status"], citation["cited_by"]) == ("not-found", ["post.md"])


def test_an_over_long_doi_in_an_article_is_skipped_and_the_rest_recorded(site: Path) -> None:
    (site / "post.md").write_text(
        f"Tears flush toxins [@pmid:7294117], see doi:10.5555/{'a' * 70_000}.\n"
    )
    with FakeServices() as fake:
        serve_example_registry(fake)
        configure(site, fake)
        result = run("--articles", "post.md")
    assert result.exception is None, result.exception
    assert result.exit_code == 0, result.output
    lock = lock_of(site)
    assert "pmid:7294117" in lock
    assert len(lock) == 6
    assert max(len(identifier) for identifier in lock) < 100


def test_an_unreadable_article_is_named_and_exits_2_after_the_others(site: Path) -> None:
    (site / "posts").mkdir()
    (site / "posts" / "good.md").write_text("Tears flush toxins [@pmid:7294117].\n")
    (site / "posts" / "latin1.md").write_bytes("Caf\xe9 tears [@pmid:1].\n".encode("latin-1"))
    with FakeServices() as fake:
        serve_example_registry(fake)
        configure(site, fake)
        result = run("--articles", "posts", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith("posts/latin1.md:1:")
    assert "UTF-8" in result.stderr
    checked = {c["identifier"]: c["cited_by"] for c in json.loads(result.stdout)["citations"]}
    assert "posts/good.md" in checked["pmid:7294117"]
    assert "pmid:1" not in checked


def test_damaged_lock_file_exits_2_and_is_kept(site: Path) -> None:
    lock = site / "claims" / "citations.lock.json"
    lock.write_text("{ damaged")
    result = run("--offline")
    assert result.exit_code == 2
    assert "the lock file is damaged" in result.stderr
    assert lock.read_text() == "{ damaged"


def test_lint_flags_a_retracted_citation_from_the_lock_offline(site: Path) -> None:
    with FakeServices() as fake:
        serve_example_registry(fake)
        fake.crossref_works["10.1016/j.jesp.2021.104137"] = crossref_work(
            "10.1016/j.jesp.2021.104137",
            WORKS["10.1016/j.jesp.2021.104137"][0],
            2021,
            **{
                "updated-by": [
                    {
                        "DOI": "10.5555/retraction",
                        "type": "retraction",
                        "source": "retraction-watch",
                        "updated": {"date-parts": [[2026, 1, 5]]},
                    }
                ]
            },
        )
        configure(site, fake)
        verified = run()
    assert verified.exit_code == 1
    assert "retraction 2026-01-05, notice 10.5555/retraction (retraction-watch)" in verified.stdout
    (site / "post.md").write_text(
        "Seeing someone cry makes people more willing to help [@doi:10.1016/j.jesp.2021.104137].\n"
    )
    result = CliRunner().invoke(cli, ["lint", "post.md", "--format", "json"])
    found = {(f["code"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    assert ("CK204", "error") in found
    assert result.exit_code == 1


def test_an_interrupted_run_keeps_what_it_verified(site: Path) -> None:
    registry = site / "claims"
    shutil.rmtree(registry)
    registry.mkdir()
    for number in range(150):  # three Crossref batches of 50
        doi = f"10.5555/work.{number}"
        (registry / f"c{number}.yaml").write_text(CLAIM.format(number=number, doi=doi))
    with FakeServices() as fake:
        for number in range(150):
            doi = f"10.5555/work.{number}"
            fake.crossref_works[doi] = crossref_work(doi, f"Work {number}", 2020)
        # One batch is held until the process is killed; the others are answered.
        fake.held = {"10.5555/work.149"}
        configure(site, fake)
        environment = {**os.environ, "PYTHONPATH": str(REPOSITORY / "src")}
        process = subprocess.Popen(
            [sys.executable, "-m", "claimkit", "cite", "verify"],
            cwd=site,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        lock = registry / "citations.lock.json"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not lock.exists():
            time.sleep(0.05)
        time.sleep(0.2)  # the held batches are still outstanding: this is mid-run
        assert process.poll() is None, "the run ended before it was interrupted"
        process.send_signal(signal.SIGKILL)
        process.wait()
    saved = json.loads(lock.read_text())["citations"]
    assert 0 < len(saved) < 150
    assert "doi:10.5555/work.149" not in saved
    assert {entry["status"] for entry in saved.values()} == {"ok"}


CLAIM = """\
id: bench.claim-{number}
statement: Claim {number}.
topic: bench
evidence:
  certainty: low
  verdict: mixed
  summary: A generated claim.
  citations:
    - ref: doi:{doi}
      title: Work {number}
      year: 2020
      stance: mixed
      note: generated
match:
  required: [[zzz{number}]]
review:
  status: draft
"""
