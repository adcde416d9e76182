"""Time this checkout against a git revision, in one run: CPU time, wall time and peak memory.

    python bench/compare.py REVISION [--rounds 5] [--articles 2000] [--work DIR]

The shared machine is noisy, so both sides are measured in the same run, in interleaved rounds
(the order alternates each round), on the same corpus (``bench/generate.py``, seed 7) and
registry (the 1,000 covering claims), with warm caches; each figure is the median of the
rounds. Each side is installed, not editable, in a virtual environment of its own under the
work directory (default: a new temporary directory): the revision from a git worktree, this
checkout as its files are now, uncommitted changes included. Both thus run from compiled
bytecode with their own dependencies. Nothing is written outside the work directory but git's
own record of the worktree (``git worktree prune`` drops it).

Commands timed: ``lint -j 1`` and ``lint -j 2`` (JSON report to a file), ``scan -j 1``, and
``lint`` of one small article. CPU time is user + system time of the command and of the
worker processes it waits for (``os.wait4``); peak RSS is the command's own. The load average
is printed at the start and the end: a load well above the 2 cores means the ratios are less
sure. Use it for every change to reading, matching, stance or rules (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


@dataclass
class Samples:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, peak RSS in KB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss


def _environment(work: Path, revision: str | None) -> Path:
    """The claimkit command of ``revision`` (``None``: this checkout as it is), installed in a
    virtual environment of its own."""
    name = revision or "now"
    tree, venv = (
        (work / f"tree-{name}", work / f"venv-{name}")
        if revision
        else (REPOSITORY, work / "venv-now")
    )
    if revision and not tree.exists():
        subprocess.run(
            ["git", "-C", str(REPOSITORY), "worktree", "add", "--detach", str(tree), revision],
            check=True,
            capture_output=True,
        )
    pip = [str(venv / "bin" / "pip"), "install", "-q"]
    if not venv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, str(tree)], check=True, capture_output=True)
    elif revision is None:  # this checkout may have changed since the last run
        subprocess.run(
            [*pip, "--no-deps", "--force-reinstall", str(tree)], check=True, capture_output=True
        )
    return venv / "bin" / "claimkit"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--work", type=Path)
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="claimkit-compare-"))
    revision = subprocess.run(
        ["git", "-C", str(REPOSITORY), "rev-parse", "--short", options.revision],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [
            sys.executable,
            str(REPOSITORY / "bench" / "generate.py"),
            str(work),
            "--articles",
            str(options.articles),
        ],
        check=True,
        capture_output=True,
    )
    corpus, registry = work / "corpus", work / "registry-covering"
    small = work / "small.md"
    small.write_text("# Tears\n\nCrying lowers blood pressure.\n", encoding="utf-8")
    sides = {revision: _environment(work, revision), "this checkout": _environment(work, None)}
    lint = ["lint", str(corpus), "--claims", str(registry), "--format", "json"]
    lint += ["-o", str(work / "lint.json"), "--fail-on", "never"]
    commands = {
        "lint -j 1": [*lint, "-j", "1"],
        "lint -j 2": [*lint, "-j", "2"],
        "scan -j 1": ["scan", str(corpus), "--claims", str(registry), "-j", "1"],
        "lint one small file": [
            "lint",
            str(small),
            "--claims",
            str(registry),
            "--fail-on",
            "never",
        ],
    }
    samples = {(side, name): Samples() for side in sides for name in commands}
    load_before = os.getloadavg()
    for side, claimkit in sides.items():  # warm the registry caches, one per side
        env = {**os.environ, "CLAIMKIT_CACHE_DIR": str(work / f"cache-{side.replace(' ', '-')}")}
        _run([str(claimkit), "scan", str(small), "--claims", str(registry)], work, env)
    for round_number in range(options.rounds):
        order = list(sides.items())
        if round_number % 2:
            order.reverse()
        for side, claimkit in order:
            env = {
                **os.environ,
                "CLAIMKIT_CACHE_DIR": str(work / f"cache-{side.replace(' ', '-')}"),
            }
            for name, arguments in commands.items():
                cpu, wall, rss = _run([str(claimkit), *arguments], work, env)
                entry = samples[side, name]
                entry.cpu.append(cpu)
                entry.wall.append(wall)
                entry.rss_kb.append(rss)
    load_after = os.getloadavg()
    base, head = revision, "this checkout"
    print(f"{options.rounds} interleaved rounds, {options.articles} articles, medians;")
    print(f"load average {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end")
    print()
    print(
        f"| command | CPU {base} | CPU now | CPU ratio | wall {base} | wall now | wall ratio "
        f"| peak RSS {base} | peak RSS now |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in commands:
        old, new = samples[base, name], samples[head, name]
        cpu_old, cpu_new = statistics.median(old.cpu), statistics.median(new.cpu)
        wall_old, wall_new = statistics.median(old.wall), statistics.median(new.wall)
        print(
            f"| {name} | {cpu_old:.2f} s | {cpu_new:.2f} s | {cpu_new / cpu_old:.2f}x "
            f"| {wall_old:.2f} s | {wall_new:.2f} s | {wall_new / wall_old:.2f}x "
            f"| {statistics.median(old.rss_kb) / 1024:.0f} MB "
            f"| {statistics.median(new.rss_kb) / 1024:.0f} MB |"
        )
    print(f"\nwork directory: {work} (remove it, and `git worktree prune`, when done)")


if __name__ == "__main__":
    main()
