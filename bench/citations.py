"""Time ``claimkit cite verify`` against loopback services that enforce the real rate limits.

python bench/citations.py [WORK_DIR] [--claims 1000] [--runs 3] [--latency 0.05]

Each generated claim cites one DOI and one PMID. The stand-in services (the test suite's
``tests/verify/server.py``) answer after ``--latency`` seconds and reply 429 to any request
beyond Crossref's polite limits (10 single look-ups/s, 3 list queries/s, 3 concurrent) or
NCBI's 3 requests/s without an API key. hyperfine times the whole command with the lock file
removed (and a second left) before each run, so every run verifies every citation; the script
then prints what the services saw per run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "tests" / "verify"))

from server import FakeServices  # noqa: E402  (the test suite's server, not a package)

CROSSREF_SINGLE = (10, 3)
CROSSREF_LIST = (3, 3)
NCBI = (3, 10)
"""(requests per second, concurrent requests) beyond which a service answers 429."""


def claim_file(number: int) -> str:
    return f"""\
id: bench.cited-{number:05d}
statement: Generated claim {number} is true.
topic: bench
evidence:
  certainty: low
  verdict: unsupported
  summary: A generated claim for benchmarking; it says nothing about real evidence.
  citations:
    - ref: doi:10.5555/bench.{number}
      title: Generated work {number}
      year: 2020
      stance: background
      note: Generated for the benchmark; not a real work.
    - ref: pmid:{10_000_000 + number}
      title: Generated paper {number}
      year: 2021
      stance: background
      note: Generated for the benchmark; not a real work.
match:
  required:
    - [generated]
    - [claim{number}]
review:
  status: draft
"""


def load(fake: FakeServices, claims: int) -> None:
    for number in range(claims):
        doi = f"10.5555/bench.{number}"
        fake.crossref_works[doi] = {
            "DOI": doi,
            "title": [f"Generated work {number}"],
            "issued": {"date-parts": [[2020, 3, 1]]},
            "container-title": ["Journal of Benchmarks"],
            "type": "journal-article",
        }
        pmid = str(10_000_000 + number)
        fake.pubmed[pmid] = {
            "uid": pmid,
            "title": f"Generated paper {number}.",
            "pubdate": "2021 Mar",
            "sortpubdate": "2021/03/01 00:00",
            "fulljournalname": "Journal of Benchmarks",
            "pubtype": ["Journal Article"],
            "articleids": [{"idtype": "pubmed", "value": pmid}],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path, nargs="?", default=Path("/tmp/claimkit-bench"))
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05)
    options = parser.parse_args()
    claimkit = os.environ.get("CLAIMKIT", str(REPOSITORY / ".venv" / "bin" / "claimkit"))

    registry = options.work / "registry-cited"
    registry.mkdir(parents=True, exist_ok=True)
    for stale in registry.glob("*.yaml"):
        stale.unlink()
    for number in range(options.claims):
        (registry / f"claim-{number:05d}.yaml").write_text(claim_file(number), encoding="utf-8")
    lock = registry / "citations.lock.json"

    enforce = {"crossref-single": CROSSREF_SINGLE, "crossref-list": CROSSREF_LIST, "eutils": NCBI}
    with FakeServices(latency=options.latency, enforce=enforce) as fake:
        load(fake, options.claims)
        config = options.work / "cite-bench.yaml"
        services = "".join(f"    {name}: {url}\n" for name, url in fake.services().items())
        config.write_text(
            f"citations:\n  mailto: bench@example.org\n  services:\n{services}", encoding="utf-8"
        )
        command = f"{claimkit} cite verify {registry} --config {config} --format json"
        export = options.work / "citations.json"
        subprocess.run(
            [
                "hyperfine",
                "--runs",
                str(options.runs),
                "--prepare",
                f"rm -f {lock}; sleep 1.1",  # the services count per second across runs
                "--export-json",
                str(export),
                "-n",
                f"cite verify, {options.claims} DOIs + {options.claims} PMIDs",
                command,
            ],
            check=True,
        )
        runs, latency_ms = options.runs, options.latency * 1000
        print(f"\nwhat the services saw, per run ({runs} runs, {latency_ms:.0f} ms latency)")
        for service in ("crossref-list", "crossref-single", "eutils", "idconv", "doi"):
            seen = fake.requests(service)
            print(
                f"  {service:<16} {len(seen) / runs:6.1f} requests"
                f"   most in one second {fake.most_in_one_second(service)}"
                f"   most at once {fake.max_in_flight[service]}"
            )
        throttled = sum(1 for seen in fake.seen if seen.status == 429)
        print(f"  answered 429 (over a limit): {throttled}")

    statuses: dict[str, int] = {}
    for entry in json.loads(lock.read_text(encoding="utf-8"))["citations"].values():
        statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
    print(f"  lock file after the last run: {statuses}")
    serial = options.claims / CROSSREF_SINGLE[0] + options.claims / NCBI[0]
    print(f"  one request per identifier at these rates would take at least {serial:.0f} s")


if __name__ == "__main__":
    main()
