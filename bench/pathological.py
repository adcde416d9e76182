"""Time and peak memory of ``claimkit scan`` on pathological articles, by size.

    python bench/pathological.py [WORK_DIR] [--shapes NAME,...] [--sizes MB,...]
                                 [--timeout SECONDS] [--memory GB] [--src DIR]
                                 [--claims DIR] [--json FILE]

For each input shape (``--list`` names them) and each size, writes the article to WORK_DIR
(default /tmp/claimkit-pathological) and runs ``claimkit scan FILE --claims claims -j 1`` in
a child process (``lint`` for the suppression shapes, which scan does not read), one at a
time, measuring wall time and the child's peak resident set (``os.wait4``). A shape whose run
exceeds the timeout, or fails (``--memory`` limits each run's address space, so that a run
that would need more fails instead of endangering the machine), is not run at larger sizes.
The table shows, per shape and size, the seconds, the time ratio to the previous size (about
2 for linear work when the size doubles, 4 for quadratic), the peak RSS, and the RSS above a
tiny article's per input byte. ``--src`` runs another checkout's ``src`` (e.g. the code
before a change) with this virtual environment, and ``--claims`` names the registry (the
repository's by default). Sizes are in MB of 10**6 bytes; articles are capped at 32 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 31)
MB = 1_000_000


@dataclass(frozen=True)
class Shape:
    name: str
    suffix: str
    make: Callable[[int], str]
    """The article's text, about ``size`` bytes long."""
    command: str = "scan"


def repeat(unit: str, prefix: str = "", suffix: str = "") -> Callable[[int], str]:
    def make(size: int) -> str:
        count = max(1, (size - len(prefix) - len(suffix)) // len(unit.encode()))
        return prefix + unit * count + suffix

    return make


def numbered(template: str, prefix: str = "") -> Callable[[int], str]:
    """``template`` with ``{n}`` counting up, repeated to the size."""

    def make(size: int) -> str:
        parts, total, number = [prefix], len(prefix), 0
        while total < size:
            part = template.format(n=number)
            parts.append(part)
            total += len(part)
            number += 1
        return "".join(parts)

    return make


def halves(opening: str, closing: str) -> Callable[[int], str]:
    """As many ``opening`` as ``closing`` (``<pre>`` nested, then closed)."""

    def make(size: int) -> str:
        count = max(1, size // (len(opening) + len(closing)))
        return opening * count + closing * count

    return make


def front_matter(size: int) -> str:
    lines = repeat("key: a value that goes on for a while\n")(size - 40)
    return f"---\n{lines}---\n\nTears flush toxins.\n"


PROSE = "Tears are salty and crying is common, as any parent knows well enough. "
SHAPES = [
    # Markdown
    Shape("md-prose", ".md", repeat(PROSE + "\n\n")),
    Shape("md-brackets", ".md", repeat("[")),
    Shape("md-stars", ".md", repeat("a*")),
    Shape("md-bracket-words", ".md", repeat("[x] ")),
    Shape("md-links", ".md", numbered("[x](https://doi.org/10.1000/{n}) ")),
    Shape("md-one-line", ".md", repeat("Tears are salty. ")),
    Shape("md-one-sentence", ".md", repeat("tears and ")),
    Shape("md-paragraphs", ".md", repeat("a\n\n")),
    Shape("md-quotes", ".md", repeat(">", suffix=" Tears flush toxins.\n")),
    Shape("md-lists", ".md", repeat("- ", suffix="Tears flush toxins.\n")),
    Shape("md-footnotes", ".md", numbered("Tears[^{n}].\n\n[^{n}]: PMID: {n}.\n\n")),
    Shape("md-citation-keys", ".md", repeat("Tears [@pmid:31282699] flow. ")),
    Shape("md-html-block", ".md", repeat("<a", prefix="<div\n")),
    Shape("md-front-matter", ".md", front_matter),
    Shape("md-non-ascii", ".md", repeat("Les larmes émues. ")),
    Shape("md-html-comments", ".md", repeat("<!x>\n\n")),
    Shape("md-ignore-alone", ".md", repeat("<!-- claimkit-ignore -->\n\n"), "lint"),
    Shape("md-ignore", ".md", repeat("<!-- claimkit-ignore -->\nTears flush toxins.\n\n"), "lint"),
    Shape(
        "md-disable-enable",
        ".md",
        halves("<!-- claimkit-disable CK1 -->\n", "<!-- claimkit-enable CK2 -->\n"),
        "lint",
    ),
    # HTML
    Shape("html-prose", ".html", repeat(f"<p>{PROSE}</p>\n")),
    Shape("html-start-tag", ".html", repeat("<a")),
    Shape("html-end-tag", ".html", repeat("</")),
    Shape("html-bang", ".html", repeat("<!")),
    Shape("html-comment", ".html", repeat("<!--")),
    Shape("html-pi", ".html", repeat("<?")),
    Shape("html-open-quote", ".html", repeat('<a b=">"')),
    Shape("html-words", ".html", repeat("<b c ")),
    Shape("html-bogus-comment", ".html", repeat("<!x>")),
    Shape("html-nested", ".html", repeat("<div>")),
    Shape("html-pre", ".html", halves("<pre>", "</pre>")),
    Shape("html-pre-unmatched", ".html", halves("<pre>", "</code>")),
    Shape("html-entities", ".html", repeat("&amp;")),
    # Plain text
    Shape("txt-prose", ".txt", repeat(PROSE + "\n\n")),
    Shape("txt-one-line", ".txt", repeat("Tears are salty. ")),
    Shape("txt-one-sentence", ".txt", repeat("tears and ")),
    Shape("txt-false-splits", ".txt", repeat("tears. ")),
    Shape("txt-stops-no-space", ".txt", repeat('!"')),
    Shape("txt-brackets-stops", ".txt", repeat("B! (a) ")),
    Shape("txt-lines", ".txt", repeat("Tears\n")),
    Shape("txt-paragraphs", ".txt", repeat("a\n\n")),
    Shape("txt-dois", ".txt", numbered("doi:10.1000/{n} ")),
]


def run(
    command: list[str], env: dict[str, str], timeout: float, memory: int, succeeded: set[int]
) -> tuple[float, int, str | None]:
    """Wall seconds, peak RSS in bytes, and why the run did not finish, if it did not: the
    timeout, or a failure (the address space limit, which keeps the machine out of danger,
    makes a run that needs more fail)."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=limit_memory,
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    failure = None
    if seconds >= timeout:
        failure = "timeout"
    elif process.returncode not in succeeded:
        failure = "failed"
    return seconds, usage.ru_maxrss * 1024, failure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", nargs="?", default="/tmp/claimkit-pathological", type=Path)
    parser.add_argument("--shapes", help="comma-separated shape names (default: all)")
    parser.add_argument("--sizes", help="comma-separated sizes in MB")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument(
        "--memory", type=float, default=12.0, help="address space limit per run, in GB"
    )
    parser.add_argument("--src", type=Path, help="the src directory of the code to measure")
    parser.add_argument(
        "--claims", type=Path, default=REPOSITORY / "claims", help="the claim registry"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--list", action="store_true", help="list the shapes and exit")
    options = parser.parse_args()
    if options.list:
        for shape in SHAPES:
            print(f"{shape.name:<20} {shape.suffix:<6} {shape.make(60)[:60]!r}")
        return
    wanted = options.shapes.split(",") if options.shapes else [s.name for s in SHAPES]
    unknown = set(wanted) - {s.name for s in SHAPES}
    if unknown:
        parser.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    sizes = [float(s) for s in options.sizes.split(",")] if options.sizes else DEFAULT_SIZES
    work: Path = options.work
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CLAIMKIT_CACHE_DIR=str(work / "cache"))
    if options.src:
        env["PYTHONPATH"] = str(options.src.resolve())
    claims = str(options.claims.resolve())

    def command(shape: Shape, file: Path) -> list[str]:
        extra = ["--fail-on", "never"] if shape.command == "lint" else []
        base = [sys.executable, "-m", "claimkit", shape.command, str(file), "--claims", claims]
        return [*base, "-j", "1", *extra]

    tiny = work / "tiny.md"
    tiny.write_text("Tears flush toxins.\n")
    memory = int(options.memory * 1e9)
    scanned = {0}
    run(command(SHAPES[0], tiny), env, options.timeout, memory, scanned)  # fills the cache
    _, base_rss, _ = run(command(SHAPES[0], tiny), env, options.timeout, memory, scanned)
    print(f"baseline: a tiny article peaks at {base_rss / MB:.0f} MB RSS")
    header = f"{'shape':<20} {'MB':>7} {'seconds':>9} {'x prev':>7} {'peak MB':>8} {'B/byte':>7}"
    print(header)
    results = []
    for shape in (s for s in SHAPES if s.name in wanted):
        previous: float | None = None
        for size in sizes:
            text = shape.make(int(size * MB)).encode()
            file = work / f"{shape.name}-{size:g}{shape.suffix}"
            file.write_bytes(text)
            succeeded = {0, 1} if shape.command == "lint" else {0}  # lint: 1 for findings
            seconds, rss, failure = run(
                command(shape, file), env, options.timeout, memory, succeeded
            )
            file.unlink()
            per_byte = max(rss - base_rss, 0) / len(text)
            ratio = f"{seconds / previous:7.2f}" if previous and not failure else " " * 7
            shown = {
                None: f"{seconds:.2f}",
                "timeout": f">{options.timeout:.0f}",
                "failed": "failed",
            }[failure]
            print(
                f"{shape.name:<20} {len(text) / MB:7.3f} {shown:>9} {ratio} "
                f"{rss / MB:8.0f} {per_byte:7.1f}",
                flush=True,
            )
            results.append(
                {
                    "shape": shape.name,
                    "bytes": len(text),
                    "seconds": None if failure else seconds,
                    "peak_rss": rss,
                    "failure": failure,
                }
            )
            if failure:
                break
            previous = seconds
    if options.json:
        options.json.write_text(json.dumps({"base_rss": base_rss, "runs": results}, indent=1))


if __name__ == "__main__":
    main()
