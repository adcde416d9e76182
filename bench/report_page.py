"""The review page of a long article: its size, and how long Chromium takes to open it.

    python bench/report_page.py [--copies 120] [--runs 3] [--keep DIR]

The long article is the bundled example repeated (120 copies: 5,279 lines, about 2,000 marked
sentences). The page is written by ``claimkit report`` as a user runs it, then opened from
disk in headless Chromium (Debian's ``chromium``, driven by Playwright) at 1400 and 390 pixels
wide; the time is from navigation to the load event, the median of ``--runs`` fresh pages.
It also times the first tap on a sentence near the end until its panel is filled. Figures go
to stdout as a Markdown table, for docs/report.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLE = REPOSITORY / "examples" / "crying-benefits.md"
VIEWPORTS = {"desktop": (1400, 1000), "phone": (390, 844)}


def write_report(directory: Path, copies: int) -> Path:
    article = directory / "long.md"
    article.write_text("\n".join([EXAMPLE.read_text(encoding="utf-8")] * copies), "utf-8")
    page = directory / "long.html"
    subprocess.run(
        [sys.executable, "-m", "claimkit", "report", str(article), "-o", str(page)],
        check=True,
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return page


def open_times(page: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Per viewport: the median seconds to the load event, and to a filled panel after a tap
    on the last marked sentence."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("bench/report_page.py: needs Debian's chromium")
    figures: dict[str, tuple[float, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, (width, height) in VIEWPORTS.items():
            loads, taps = [], []
            for _ in range(runs):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, has_touch=width < 600
                )
                tab = context.new_page()
                started = time.perf_counter()
                tab.goto(page.as_uri(), wait_until="load", timeout=120_000)
                loads.append(time.perf_counter() - started)
                last = tab.locator("mark.ck-mark[id]").last
                last.scroll_into_view_if_needed()
                started = time.perf_counter()
                last.click()
                tab.wait_for_function(
                    "document.querySelector('.ck-panel-body h3') !== null", timeout=60_000
                )
                taps.append(time.perf_counter() - started)
                context.close()
            figures[name] = (statistics.median(loads), statistics.median(taps))
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the article and page here")
    options = parser.parse_args()
    directory = options.keep or Path(tempfile.mkdtemp(prefix="claimkit-report-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    page = write_report(directory, options.copies)
    lines = sum(1 for _ in (directory / "long.md").open(encoding="utf-8"))
    size = page.stat().st_size
    figures = open_times(page, options.runs)
    print(f"article: {lines:,} lines; page: {size / 1e6:.2f} MB ({size:,} bytes)")
    print("| screen | load event (median) | tap on the last sentence to its panel (median) |")
    print("|---|---|---|")
    for name, (load, tap) in figures.items():
        print(f"| {name} {VIEWPORTS[name][0]} px | {load:.2f} s | {tap * 1000:.0f} ms |")
    if options.keep is None:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
