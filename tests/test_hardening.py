"""Hostile content, damaged state, unlucky machines: one-line errors and the documented exit
codes, never a traceback, a hang, or a pass where something was wrong.

Each class of problem has its reproducer here; the citation services' classes are in
tests/verify, the parsers' growth in tests/test_pathological_inputs.py.
"""

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
from tests.conftest import GIT

REPOSITORY = Path(__file__).parents[1]
MYTH = "Crying lowers your blood pressure.\n"
FAIR = "There is no good evidence that crying lowers blood pressure.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


def claimkit(
    *args: str, cwd: Path, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    """The installed command, in its own process, as CI runs it."""
    command = [sys.executable, "-m", "claimkit", *args]
    environment = {**os.environ, **env}
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPOSITORY / "claims", tmp_path / "claims")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "myth.md").write_text(MYTH)
    (tmp_path / "posts" / "fair.md").write_text(FAIR)
    return tmp_path


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output


# -- values YAML cannot build -------------------------------------------------------------------


def test_an_impossible_date_in_front_matter_leaves_every_other_file_reported(site: Path) -> None:
    (site / "posts" / "dated.md").write_text("---\ndate: 2027-02-30\n---\n\n" + MYTH)
    result = run("lint", "posts", "--format", "sarif")
    no_traceback(result)
    assert result.exit_code == 1
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(result.stdout)["runs"][0]["results"]
    }
    assert uris == {"posts/dated.md", "posts/myth.md"}


def test_an_impossible_date_in_a_claim_file_is_a_problem_at_its_line(site: Path) -> None:
    path = site / "claims" / "crying" / "lowers-blood-pressure.yaml"
    text = path.read_text()
    start = text.index("next_review:")
    line = text[:start].count("\n") + 1
    path.write_text(
        text[:start] + "next_review: 2027-02-30\n" + text[text.index("\n", start) + 1 :]
    )
    checked = run("claims", "check")
    no_traceback(checked)
    assert checked.exit_code == 1
    assert (
        f"claims/crying/lowers-blood-pressure.yaml:{line}:{len('  next_review: ') + 1}: "
        "'2027-02-30' is not a valid date (day is out of range for month)"
    ) in checked.stdout.replace("    next_review", "  next_review")
    linted = run("lint", "posts")
    no_traceback(linted)
    assert linted.exit_code == 2


def test_an_impossible_date_in_the_configuration_is_an_error_at_its_line(site: Path) -> None:
    (site / ".claimkit.yaml").write_text("citations:\n  max-age: 2027-02-30\n")
    result = run("lint", "posts")
    no_traceback(result)
    assert result.exit_code == 2
    assert ".claimkit.yaml:2:12: '2027-02-30' is not a valid date" in result.stderr


# -- file names that are not UTF-8 --------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse such names")
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_output(site: Path) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    (site / "posts" / name).write_text(MYTH)
    shown = "posts/caf\\xe9.md"
    paths = {
        "json": lambda out: {f["path"] for f in json.loads(out)["findings"]},
        "gitlab": lambda out: {i["location"]["path"] for i in json.loads(out)},
        "sarif": lambda out: {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]
        },
    }
    for output in ("json", "sarif", "gitlab", "text", "github"):
        result = run("lint", "posts", "--format", output)
        no_traceback(result)
        assert result.exit_code == 1
        if output in paths:
            found = paths[output](result.stdout)
            assert (shown if output != "sarif" else "posts/caf%5Cxe9.md") in found
        else:
            assert shown in result.stdout
    baseline = run("lint", "posts", "--write-baseline", "baseline.json")
    no_traceback(baseline)
    recorded = json.loads((site / "baseline.json").read_text())["findings"]
    assert shown in {entry["path"] for entry in recorded}
    report = run("report", "posts", "-o", "review.html")
    no_traceback(report)
    assert report.exit_code == 0


# -- damaged state ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000, "not a claimkit baseline file"),
        (b"\xff\xfe{}", "not a claimkit baseline file"),
        (b'{"findings": 3}', "not a claimkit baseline file"),
    ],
    ids=["nested-100000-deep", "not-utf8", "other-json"],
)
def test_a_damaged_baseline_is_one_line_and_exit_2(
    site: Path, content: bytes, message: str
) -> None:
    (site / "baseline.json").write_bytes(content)
    result = run("lint", "posts", "--baseline", "baseline.json")
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == f"Error: baseline.json: {message}\n"


def test_writing_the_baseline_where_it_cannot_go_is_one_line_and_exit_2(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "taken").mkdir()
    result = run("lint", "posts", "--write-baseline", "taken")
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: taken: cannot write it: ")

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full_disk)
    result = run("lint", "posts", "--write-baseline", "baseline.json")
    assert result.exit_code == 2
    assert result.stderr == "Error: baseline.json: cannot write it: No space left on device\n"
    assert sorted(p.name for p in site.iterdir()) == ["claims", "posts", "taken"]


def test_no_home_directory_is_no_cache_not_a_crash(site: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in {"HOME", "XDG_CACHE_HOME"}}
    environment.pop("CLAIMKIT_CACHE_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "claimkit", "lint", "posts"],
        cwd=site,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr


# -- fail-open ----------------------------------------------------------------------------------


@pytest.mark.parametrize("revision", ["--output=leak.txt", "", "-p"])
def test_a_revision_is_never_read_as_an_option(site: Path, revision: str) -> None:
    subprocess.run([*GIT, "init", "-q"], cwd=site, check=True)
    subprocess.run([*GIT, "add", "."], cwd=site, check=True)
    subprocess.run([*GIT, "commit", "-qm", "posts"], cwd=site, check=True)
    result = run("lint", "posts", "--diff", revision)
    no_traceback(result)
    assert result.exit_code == 2
    assert "not a git revision" in result.stderr
    assert not (site / "leak.txt").exists()


def test_a_fake_report_marker_does_not_hide_an_article(site: Path) -> None:
    forged = (
        '<!doctype html><html><head><meta name="generator" content="claimkit 0.1.0">'
        f'<meta name="claimkit-seal" content="{"ab" * 32}"></head>'
        f"<body><p>{MYTH}</p></body></html>"
    )
    (site / "posts" / "hidden.html").write_text(forged)
    result = run("lint", "posts", "--format", "json")
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} >= {"posts/hidden.html"}


def test_a_report_claimkit_wrote_here_is_not_linted_as_an_article(site: Path) -> None:
    assert run("report", "posts/myth.md", "-o", "posts/review.html").exit_code == 0
    result = run("lint", "posts", "--format", "json")
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"posts/myth.md"}
    # Edited since, it is no longer the report claimkit wrote.
    review = site / "posts" / "review.html"
    review.write_text(review.read_text().replace("</body>", f"<p>{MYTH}</p></body>"))
    edited = run("lint", "posts", "--format", "json")
    assert "posts/review.html" in {f["path"] for f in json.loads(edited.stdout)["findings"]}


# -- what is not a regular file -----------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_links_to_devices_and_fifos_are_refused_quickly(tmp_path: Path) -> None:
    shutil.copytree(REPOSITORY / "claims", tmp_path / "claims")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "fair.md").write_text(FAIR)
    result = claimkit("lint", "zero.md", "pipe.md", "fair.md", cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "zero.md:1:1: cannot read the article: not a regular file",
        "pipe.md:1:1: cannot read the article: not a regular file",
    ]
    (tmp_path / "claims" / "zero.yaml").symlink_to("/dev/zero")
    checked = claimkit("claims", "check", cwd=tmp_path, timeout=30)
    assert checked.returncode == 1
    assert "claims/zero.yaml:1:1: cannot read the claim file: not a regular file" in checked.stdout


# -- processes ----------------------------------------------------------------------------------


def test_jobs_default_to_the_cpus_the_process_may_use() -> None:
    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this platform")
    code = (
        "import os\n"
        "os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
        "from claimkit.cli._common import jobs_option\n"
        "import click\n"
        "command = jobs_option('Lint')(click.command()(lambda jobs: print(jobs)))\n"
        "command.main([], standalone_mode=False)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "1\n"


def many_articles(root: Path, count: int = 3000) -> Path:
    shutil.copytree(REPOSITORY / "claims", root / "claims")
    posts = root / "posts"
    posts.mkdir()
    article = (REPOSITORY / "examples" / "crying-benefits.md").read_text()
    for number in range(count):
        (posts / f"post-{number}.md").write_text(article)
    return posts


def workers_of(process: subprocess.Popen[str]) -> list[int]:
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def _sigint_as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def lint_with_two_workers(tmp_path: Path) -> subprocess.Popen[str]:
    """``claimkit lint -j 2`` on many articles, once both its workers are running."""
    many_articles(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "claimkit", "lint", "posts", "-j", "2", "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: a shell that runs the tests in the background (`cmd &` without
        # job control) has them ignore SIGINT, and a program started so keeps ignoring it.
        preexec_fn=_sigint_as_from_a_terminal,
    )
    deadline = time.monotonic() + 30
    while len(workers_of(process)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    return process


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize(("sent", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_workers_and_exits_as_is_customary(
    tmp_path: Path, sent: signal.Signals, status: int
) -> None:
    process = lint_with_two_workers(tmp_path)
    workers = workers_of(process)
    assert len(workers) >= 2, "the workers never started"
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == status
    assert "Traceback" not in stderr
    for pid in workers:
        assert (
            not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
        )


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_worker_killed_by_the_system_is_one_line_and_exit_2(tmp_path: Path) -> None:
    process = lint_with_two_workers(tmp_path)
    time.sleep(0.5)  # at work, as the out-of-memory killer finds them
    os.kill(workers_of(process)[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert stderr.strip().splitlines()[-1] == (
        "Error: a worker process stopped before it finished (killed, or out of memory); "
        "run with fewer processes, or one"
    )


# -- overwrites and escapes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    [["-o", "posts/myth.md"], ["--write-baseline", "posts/myth.md"], ["-o", "claims/x.json"]],
)
def test_an_output_never_replaces_an_input(site: Path, option: list[str]) -> None:
    result = run("lint", "posts", *option)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {option[1]}: is one of the files this command reads; write elsewhere\n"
    )
    assert (site / "posts" / "myth.md").read_text() == MYTH
    assert not (site / "claims" / "x.json").exists()


def test_a_link_out_of_the_tree_is_not_read_or_embedded(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text("The password is hunter2. " + MYTH)
    (site / "posts" / "notes.md").symlink_to(outside)
    (site / "posts" / "inside.md").symlink_to(site / "posts" / "myth.md")
    result = run("report", "posts", "-o", "review.html")
    assert result.exit_code == 0
    page = (site / "review.html").read_text()
    assert "hunter2" not in page
    linted = run("lint", "posts", "--format", "json")
    assert {f["path"] for f in json.loads(linted.stdout)["findings"]} == {
        "posts/myth.md",
        "posts/inside.md",
    }


def test_init_does_not_write_through_a_link_out_of_the_repository(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (tmp_path / ".github").symlink_to(outside)
    result = run("init", str(tmp_path), "--ci", "github")
    assert result.exit_code == 2
    assert "a link leads outside" in result.stderr
    assert list(outside.iterdir()) == []


def test_terminal_escapes_in_an_article_are_shown_not_sent(site: Path) -> None:
    (site / "posts" / "myth.md").write_text("Crying lowers \x1b]0;owned\x07your blood pressure.\n")
    for command in (["lint", "posts"], ["lint", "posts", "--format", "github"], ["scan", "posts"]):
        result = run(*command)
        assert result.exit_code in (0, 1)
        assert "\x1b" not in result.stdout
        assert "\x07" not in result.stdout
    assert "\\x1b]0;owned\\x07" in run("scan", "posts").stdout


# -- the last line of defence -------------------------------------------------------------------


def test_a_bug_is_one_line_exit_2_and_a_request_to_report_it(site: Path) -> None:
    # A crash that slips through (simulated: the parser fails) keeps the other files' results.
    code = (
        "import sys\n"
        "import claimkit.reading.parsing as parsing\n"
        "real = parsing.parse_markdown\n"
        "def broken(text, ranges=None):\n"
        "    if 'Crying lowers' in text:\n"
        "        raise RuntimeError('boom')\n"
        "    return real(text, ranges)\n"
        "parsing.parse_markdown = broken\n"
        "from claimkit.cli import main\n"
        "sys.argv = ['claimkit', 'lint', 'posts', '--format', 'json', '-j', '1']\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=site, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "posts/myth.md:1:1: claimkit failed on this file (RuntimeError: boom); please report "
        "this as a bug\n"
    )
    assert json.loads(result.stdout)["errors"][0]["path"] == "posts/myth.md"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_lint_runs_under_an_address_space_limit(tmp_path: Path) -> None:
    # Reading a file used to reserve its whole size limit at once (a gigabyte for the
    # registry cache), which a CI runner's address-space limit refuses: an internal error.
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (600 * 2**20, 600 * 2**20))\n"
        "from claimkit.cli import main\n"
        "sys.argv = ['claimkit', 'lint', sys.argv[1], '--claims', sys.argv[2]]\n"
        "main()\n"
    )
    article = REPOSITORY / "examples" / "crying-benefits.md"
    for _ in range(2):  # the second run reads the registry cache the first one wrote
        result = subprocess.run(
            [sys.executable, "-c", script, str(article), str(REPOSITORY / "claims")],
            capture_output=True,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert "internal error" not in result.stderr
