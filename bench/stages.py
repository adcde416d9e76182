"""Time each stage of scanning on the benchmark corpus, in one process.

    python bench/stages.py CORPUS_DIR REGISTRY_DIR

Reports MB/s for reading Markdown into sentences (pyromark + sentence splitting + positions)
and for matching and stance, and, when markdown-it-py is installed, for markdown-it-py's
parse alone, the alternative parser considered.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from claimkit import load_claims, scan_document
from claimkit.reading import parse_document, split_sentences


def timed(label: str, megabytes: float, work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"{label:<48} {seconds:6.2f} s  {megabytes / seconds:6.1f} MB/s")
    return seconds


def main() -> None:
    corpus, registry_path = Path(sys.argv[1]), Path(sys.argv[2])
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.md"))]
    megabytes = sum(len(text.encode()) for text in texts) / 1e6
    registry = load_claims(registry_path)
    print(f"{len(texts)} articles, {megabytes:.1f} MB, registry of {len(registry)} claims")
    documents = []
    timed(
        "read Markdown into sentences (all of parsing)",
        megabytes,
        lambda: documents.extend(parse_document(text, "markdown") for text in texts),
    )
    prose = [" ".join(s.text for s in d.sentences) for d in documents]
    timed(
        "  of which: sentence splitting alone (sentencex)",
        megabytes,
        lambda: [split_sentences(text) for text in prose],
    )
    timed(
        "match claims and judge stance",
        megabytes,
        lambda: [scan_document(document, registry) for document in documents],
    )
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        print("markdown-it-py not installed: its parse time is not measured")
    else:
        parser = MarkdownIt("commonmark").enable("table")
        timed(
            "markdown-it-py parse alone, for comparison",
            megabytes,
            lambda: [parser.parse(text) for text in texts],
        )


if __name__ == "__main__":
    main()
