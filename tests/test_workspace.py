"""One workspace for every command: each reads the same configuration, registry and cues.

The site below has a ./claims registry (three claims) and a configuration that names another,
`elsewhere/` (one claim: crying.removes-toxins), and adds a hedge cue, "conceivably". Every
command must read `elsewhere/`, and read "conceivably" as a hedge.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit.application import RegistryChoice, Workspace
from claimkit.cli import cli
from tests.conftest import EXAMPLE_REGISTRY

ARTICLE = (
    "A good cry conceivably flushes toxins out of the body.\n\nCrying lowers blood pressure.\n"
)
CONFIG = "claims: elsewhere\ncues:\n  hedge:\n    forward: [conceivably]\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE_REGISTRY, tmp_path / "claims")
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(EXAMPLE_REGISTRY / "crying" / "removes-toxins.yaml", tmp_path / "elsewhere")
    (tmp_path / ".claimkit.yaml").write_text(CONFIG)
    (tmp_path / "post.md").write_text(ARTICLE)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


def _scan(result: Result) -> None:
    occurrences = json.loads(result.stdout)["occurrences"]
    assert [(o["claim"], o["stance"]) for o in occurrences] == [("crying.removes-toxins", "hedged")]


def _lint(result: Result) -> None:
    findings = json.loads(result.stdout)["findings"]
    about_claims = {(f["claim"], f["stance"]) for f in findings if f["claim"]}
    assert about_claims == {("crying.removes-toxins", "hedged")}


def _report(result: Result) -> None:
    page = Path("review.html").read_text()
    assert "crying.removes-toxins" in page
    assert "hedges it" in page
    assert "crying.lowers-blood-pressure" not in page


def _trace(result: Result) -> None:
    claims = json.loads(result.stdout)["claims"]
    assert [(c["claim"], [a["stance"] for a in c["articles"]]) for c in claims] == [
        ("crying.removes-toxins", ["hedged"])
    ]


def _claims_list(result: Result) -> None:
    assert [c["id"] for c in json.loads(result.stdout)["claims"]] == ["crying.removes-toxins"]


def _claims_check(result: Result) -> None:
    assert result.stdout == "All 1 claim valid.\n"


def _claims_show(result: Result) -> None:
    shown = Path(json.loads(result.stdout)["path"])
    assert shown.resolve() == Path("elsewhere/removes-toxins.yaml").resolve()


def _cite_verify(result: Result) -> None:
    # Offline, nothing is looked up: what counts is which registry's citations were asked.
    assert Path(json.loads(result.stdout)["lock"]).resolve().parent == Path("elsewhere").resolve()
    assert "2 not in the lock file (offline)" in result.stderr


COMMANDS: list[tuple[list[str], int, Callable[[Result], None]]] = [
    (["scan", "post.md", "--format", "json"], 0, _scan),
    (["lint", "post.md", "--format", "json"], 1, _lint),
    (["report", "post.md", "-o", "review.html"], 0, _report),
    (["trace", "post.md", "--format", "json"], 0, _trace),
    (["claims", "list", "--format", "json"], 0, _claims_list),
    (["claims", "check"], 0, _claims_check),
    (["claims", "show", "crying.removes-toxins", "--format", "json"], 0, _claims_show),
    (["cite", "verify", "--offline", "--format", "json"], 0, _cite_verify),
]


@pytest.mark.parametrize(
    ("args", "status", "check"), COMMANDS, ids=[" ".join(c[0][:2]) for c in COMMANDS]
)
def test_every_command_reads_the_configured_registry_and_cues(
    site: Path, args: list[str], status: int, check: Callable[[Result], None]
) -> None:
    result = run(*args)
    assert result.exit_code == status, result.output
    check(result)
    assert "using the claim registry elsewhere (claims: in .claimkit.yaml)" in result.stderr


@pytest.mark.parametrize(
    ("args", "status", "check"), COMMANDS, ids=[" ".join(c[0][:2]) for c in COMMANDS]
)
def test_every_command_reads_the_configuration_named_with_config(
    site: Path, args: list[str], status: int, check: Callable[[Result], None]
) -> None:
    # The configuration moves out of the way of the upward search; --config finds it.
    (site / "settings").mkdir()
    (site / ".claimkit.yaml").rename(site / "settings" / "claimkit.yaml")
    (site / "settings" / "claimkit.yaml").write_text(CONFIG.replace("elsewhere", "../elsewhere"))
    result = run(*args, "--config", "settings/claimkit.yaml")
    assert result.exit_code == status, result.output
    check(result)


def test_claims_named_on_the_command_line_win_over_the_configuration(site: Path) -> None:
    scanned = run("scan", "post.md", "--claims", "claims", "--format", "json")
    assert {o["claim"] for o in json.loads(scanned.stdout)["occurrences"]} == {
        "crying.removes-toxins",
        "crying.lowers-blood-pressure",
    }
    assert "using" not in scanned.stderr  # named by the user: nothing to announce
    listed = run("claims", "list", "--claims", "claims", "--format", "json")
    assert len(json.loads(listed.stdout)["claims"]) == 3


def test_a_registry_named_twice_differently_is_a_usage_error(site: Path) -> None:
    result = run("claims", "check", "claims", "--claims", "elsewhere")
    assert result.exit_code == 2
    assert "name the registry once: DIR or --claims, not both" in result.stderr


def test_the_registry_is_chosen_flag_then_configuration_then_claims_then_bundled(
    site: Path,
) -> None:
    named = Workspace.resolve(["post.md"], claims=Path("claims")).registry
    configured = Workspace.resolve(["post.md"]).registry
    assert (named.path, named.chosen_by) == (Path("claims"), RegistryChoice.NAMED)
    assert configured.chosen_by is RegistryChoice.CONFIGURATION
    assert configured.path.resolve() == (site / "elsewhere").resolve()
    (site / ".claimkit.yaml").unlink()
    assert Workspace.resolve(["post.md"]).registry.chosen_by is RegistryChoice.CONVENTION
    shutil.rmtree(site / "claims")
    assert Workspace.resolve(["post.md"]).registry.chosen_by is RegistryChoice.BUNDLED
    assert Workspace.resolve(["post.md"], bundled=False).registry.path == Path("claims")


def test_scan_leaves_out_what_the_configuration_excludes_as_lint_does(site: Path) -> None:
    (site / "drafts").mkdir()
    (site / "drafts" / "wip.md").write_text(ARTICLE)
    (site / ".claimkit.yaml").write_text(CONFIG + "exclude: [drafts/]\n")
    scanned = json.loads(run("scan", ".", "--format", "json").stdout)["occurrences"]
    linted = json.loads(run("lint", ".", "--format", "json").stdout)["findings"]
    assert {o["path"] for o in scanned} == {"post.md"}
    assert {f["path"] for f in linted} == {"post.md"}
