"""`claimkit trace` on a small content repository with a history: a citation retracted and a
claim downgraded between two commits. The works cited here use Crossref's test prefix
(10.5555): they are fixtures, not real studies."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit.cli import cli
from claimkit.verify.lockfile import LockEntry, LockFile
from claimkit.verify.model import CitationStatus
from tests.conftest import GIT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="trace --changed-since needs git"
)


def claim(
    claim_id: str,
    statement: str,
    certainty: str,
    verdict: str,
    refs: list[tuple[str, str, str]],
    required: str,
    context: str,
) -> str:
    citations = "".join(
        f"    - ref: {ref}\n      title: {title}\n      stance: {stance}\n"
        for ref, title, stance in refs
    )
    return (
        textwrap.dedent(
            f"""\
        id: {claim_id}
        statement: {statement}
        topic: {claim_id.split(".")[0]}
        evidence:
          certainty: {certainty}
          verdict: {verdict}
          summary: A fixture for the trace tests.
          citations:
        """
        )
        + citations
        + textwrap.dedent(
            f"""\
        match:
          required:
            - {required}
          context:
            - {context}
        review:
          status: draft
          next_review: 2999-01-01
        """
        )
    )


SUPPORT = claim(
    "crying.draws-support",
    "Crying draws support from other people.",
    "moderate",
    "supported",
    [
        ("doi:10.5555/tears-and-helping", "Tears and helping", "supports"),
        ("doi:10.5555/tearful-faces", "Tearful faces", "supports"),
    ],
    "[support, help, empathy]",
    "[cry, crying, tears]",
)
BLOOD_PRESSURE = claim(
    "crying.lowers-blood-pressure",
    "Crying lowers blood pressure.",
    "very-low",
    "unsupported",
    [("doi:10.5555/crying-physiology", "Crying physiology", "contradicts")],
    "[blood pressure]",
    "[cry, crying, tears]",
)
STRESS = claim(
    "crying.relieves-stress",
    "Crying relieves stress.",
    "low",
    "mixed",
    [("doi:10.5555/cathartic-crying", "Cathartic crying", "mixed")],
    "[stress]",
    "[cry, crying, tears]",
)

ARTICLES = {
    "posts/01-support.md": "# Tears\n\nCrying draws support from the people around you [@doi:10.5555/tears-and-helping].\n",
    "posts/02-support.md": "# Tears\n\nWhen you cry, others offer help.\n",
    "posts/03-support-cited.md": "# Tears\n\nTears may draw empathy from others. See [@doi:10.5555/tearful-faces].\n",
    "posts/04-bp.md": "# Tears\n\nCrying lowers blood pressure.\n",
    "posts/05-bp-debunk.md": "# Myths\n\nThere is no evidence that crying lowers blood pressure.\n",
    "posts/06-stress.md": "# Stress\n\nCrying may relieve stress for some people.\n",
    "posts/07-stress.md": "# Stress\n\nA good cry relieves stress.\n",
    "posts/08-direct.md": "# Reading\n\nOne study looked at helping [@doi:10.5555/tears-and-helping].\n",
    "posts/09-none.md": "# Sleep\n\nSleep matters for everyone.\n",
    "posts/10-none.md": "# Walking\n\nA daily walk is pleasant.\n",
    "posts/11-support.md": "# Friends\n\nCrying in front of a friend may bring support.\n",
    "posts/12-none.md": "# Water\n\nDrink water when you are thirsty.\n",
}


def lock_with(path: Path, statuses: dict[str, CitationStatus]) -> None:
    lock = LockFile(path)
    checked = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    for identifier, status in statuses.items():
        lock.record(
            identifier,
            LockEntry(
                status=status, title=identifier.split("/")[-1], checked=checked, source="crossref"
            ),
        )
    lock.save()


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    claims = root / "claims"
    claims.mkdir()
    (claims / "draws-support.yaml").write_text(SUPPORT)
    (claims / "lowers-blood-pressure.yaml").write_text(BLOOD_PRESSURE)
    (claims / "relieves-stress.yaml").write_text(STRESS)
    ok = CitationStatus.OK
    lock_with(
        claims / "citations.lock.json",
        {
            "doi:10.5555/tears-and-helping": ok,
            "doi:10.5555/tearful-faces": ok,
            "doi:10.5555/crying-physiology": ok,
            "doi:10.5555/cathartic-crying": ok,
        },
    )
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "site"], cwd=root, check=True)
    subprocess.run([*GIT, "tag", "before"], cwd=root, check=True)
    # The change to review: a supporting study retracted, and the claim downgraded.
    lock_with(
        claims / "citations.lock.json",
        {
            "doi:10.5555/tears-and-helping": CitationStatus.RETRACTED,
            "doi:10.5555/tearful-faces": ok,
            "doi:10.5555/crying-physiology": ok,
            "doi:10.5555/cathartic-crying": ok,
        },
    )
    (claims / "draws-support.yaml").write_text(
        SUPPORT.replace("certainty: moderate", "certainty: low")
    )
    subprocess.run([*GIT, "commit", "-qam", "retraction"], cwd=root, check=True)
    return root


def trace(repository: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(cli, ["trace", "posts", "-j", "1", *args], prog_name="claimkit")
    assert result.exit_code == 0, result.stderr
    return result


def made_by(result: Result) -> dict[str, list[str]]:
    payload = json.loads(result.stdout)
    return {
        c["claim"]: [f"{a['path']}:{a['line']} {a['stance']}" for a in c["articles"]]
        for c in payload["claims"]
    }


def test_the_map_links_each_claim_to_its_articles_and_sources(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = trace(repository, monkeypatch, "--format", "json")
    assert made_by(result) == {
        "crying.draws-support": [
            "posts/01-support.md:3 asserted",
            "posts/02-support.md:3 asserted",
            "posts/03-support-cited.md:3 hedged",
            "posts/11-support.md:3 hedged",
        ],
        "crying.lowers-blood-pressure": [
            "posts/04-bp.md:3 asserted",
            "posts/05-bp-debunk.md:3 negated",
        ],
        "crying.relieves-stress": ["posts/06-stress.md:3 hedged", "posts/07-stress.md:3 asserted"],
    }
    payload = json.loads(result.stdout)
    sources = {s["identifier"]: s["status"] for c in payload["claims"] for s in c["sources"]}
    assert sources["doi:10.5555/tears-and-helping"] == "retracted"
    assert payload["articles_without_claims"] == [
        "posts/08-direct.md",
        "posts/09-none.md",
        "posts/10-none.md",
        "posts/12-none.md",
    ]
    assert payload["unused_claims"] == []
    cites = {a["path"]: a["cites_source"] for c in payload["claims"] for a in c["articles"]}
    assert cites["posts/01-support.md"] is True
    assert cites["posts/02-support.md"] is False
    assert cites["posts/03-support-cited.md"] is True  # cited in the next sentence of its paragraph


def test_claim_filter_shows_one_claims_articles_and_sources(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = trace(repository, monkeypatch, "--claim", "crying.lowers-blood-pressure")
    assert result.stdout == textwrap.dedent(
        """
        crying.lowers-blood-pressure — unsupported, very low certainty
          Crying lowers blood pressure.
          sources:
            doi:10.5555/crying-physiology  ok           contradicts Crying physiology
          articles (2):
            posts/04-bp.md:3:1         asserted   cites no source
            posts/05-bp-debunk.md:3:1  negated    cites no source

        2 articles: posts/04-bp.md, posts/05-bp-debunk.md
        """
    )


def test_an_unknown_claim_is_an_error_with_a_suggestion(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(cli, ["trace", "posts", "--claim", "crying.lowers-bloodpressure"])
    assert result.exit_code == 2
    assert "did you mean crying.lowers-blood-pressure?" in result.stderr


def test_source_filter_finds_the_claims_resting_on_it_and_the_articles_citing_it(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = trace(
        repository,
        monkeypatch,
        "--source",
        "https://doi.org/10.5555/TEARS-AND-HELPING",
        "--format",
        "json",
    )
    payload = json.loads(result.stdout)
    assert [c["claim"] for c in payload["claims"]] == ["crying.draws-support"]
    assert [(c["path"], c["line"]) for c in payload["citations"]] == [
        ("posts/01-support.md", 3),
        ("posts/08-direct.md", 3),
    ]
    assert payload["articles"] == [
        "posts/01-support.md",
        "posts/02-support.md",
        "posts/03-support-cited.md",
        "posts/08-direct.md",
        "posts/11-support.md",
    ]


def test_status_filter_lists_every_article_a_retracted_source_touches(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = trace(repository, monkeypatch, "--status", "retracted", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["relation"], r["path"] or r["source"]) for r in rows} == {
        ("made-by", "posts/01-support.md"),
        ("made-by", "posts/02-support.md"),
        ("made-by", "posts/03-support-cited.md"),
        ("made-by", "posts/11-support.md"),
        ("rests-on", "doi:10.5555/tears-and-helping"),
        ("rests-on", "doi:10.5555/tearful-faces"),
        ("cited-by", "posts/01-support.md"),
        ("cited-by", "posts/08-direct.md"),
    }
    retracted = [r for r in rows if r["source_status"] == "retracted"]
    assert {r["relation"] for r in retracted} == {"rests-on", "cited-by"}


def test_changed_since_lists_each_change_with_the_articles_to_re_review(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = trace(repository, monkeypatch, "--changed-since", "before")
    assert result.stdout == textwrap.dedent(
        """\
        certainty         crying.draws-support: moderate -> low
            posts/01-support.md:3:1        asserted
            posts/02-support.md:3:1        asserted
            posts/03-support-cited.md:3:1  hedged
            posts/11-support.md:3:1        hedged
        retracted         doi:10.5555/tears-and-helping: ok -> retracted: tears-and-helping
            posts/01-support.md:3:1        asserted
            posts/02-support.md:3:1        asserted
            posts/03-support-cited.md:3:1  hedged
            posts/11-support.md:3:1        hedged
            posts/01-support.md:3:1        cites it
            posts/08-direct.md:3:1         cites it

        2 changes since before; 5 articles to re-review: posts/01-support.md, posts/02-support.md, posts/03-support-cited.md, posts/08-direct.md, posts/11-support.md
        """
    )


def test_changed_since_finds_the_articles_of_a_removed_claim(
    repository: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(repository, copy)
    (copy / "claims" / "relieves-stress.yaml").unlink()
    result = trace(copy, monkeypatch, "--changed-since", "HEAD", "--format", "json")
    changes = json.loads(result.stdout)["changes"]
    assert [(c["kind"], c["subject"]) for c in changes] == [
        ("claim-removed", "crying.relieves-stress")
    ]
    assert [a["path"] for a in changes[0]["articles"]] == [
        "posts/06-stress.md",
        "posts/07-stress.md",
    ]


def test_nothing_changed_says_so(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = trace(repository, monkeypatch, "--changed-since", "HEAD")
    assert result.stdout == "Nothing in the registry or the lock file changed since HEAD.\n"


def test_an_unknown_revision_exits_2(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(cli, ["trace", "posts", "--changed-since", "no-such-tag"])
    assert result.exit_code == 2
    assert "unknown git revision 'no-such-tag'" in result.stderr


def test_only_one_filter_at_a_time(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(
        cli, ["trace", "posts", "--claim", "crying.relieves-stress", "--status", "retracted"]
    )
    assert result.exit_code == 2


def test_a_missing_path_exits_2(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(cli, ["trace", "nowhere"])
    assert result.exit_code == 2
    assert "nowhere: no such file or directory" in result.stderr


def test_an_unreadable_article_is_named_and_the_others_still_traced(
    repository: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(repository, copy)
    (copy / "posts" / "13-latin1.md").write_bytes("Caf\xe9 tears\n".encode("latin-1"))
    monkeypatch.chdir(copy)
    result = CliRunner().invoke(cli, ["trace", "posts", "-j", "1", "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr.startswith("posts/13-latin1.md:1:4: not valid UTF-8")
    payload = json.loads(result.stdout)
    assert payload["errors"] == [
        {
            "path": "posts/13-latin1.md",
            "line": 1,
            "column": 4,
            "message": payload["errors"][0]["message"],
        }
    ]
    assert "posts/04-bp.md" in payload["articles"]


def test_a_registry_that_was_invalid_at_the_revision_exits_2(
    repository: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(repository, copy)
    broken = copy / "claims" / "broken.yaml"
    broken.write_text("id: Not A Valid Id\n")
    subprocess.run([*GIT, "add", "-A"], cwd=copy, check=True)
    subprocess.run([*GIT, "commit", "-qm", "broken"], cwd=copy, check=True)
    broken.unlink()
    monkeypatch.chdir(copy)
    result = CliRunner().invoke(cli, ["trace", "posts", "--changed-since", "HEAD"])
    assert result.exit_code == 2
    assert "the registry at HEAD is invalid: claims/broken.yaml:1:" in result.stderr
    assert "\n" not in result.stderr.strip()
