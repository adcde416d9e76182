"""Print an article's sentences as a label file to fill in, one entry per sentence.

    python tests/realcopy/sentences.py tests/realcopy/articles/crying/some-article.md

Each entry has the line and text of one sentence as claimkit reads it (headings and list
items included, marked), and empty labels for the labeller: which registered claims the
sentence makes and how (`claims`), and whether it makes a health claim at all
(`health_claim`: registered, unregistered or none). See tests/realcopy/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from claimkit.reading import read_document


def skeleton(path: Path) -> list[dict[str, object]]:
    document = read_document(path)
    if not hasattr(document, "sentences"):
        raise SystemExit(f"{path}: {document}")
    return [
        {
            "line": sentence.span.line,
            **({"heading": True} if sentence.is_heading else {}),
            "text": sentence.text,
            "claims": [],
            "health_claim": "none",
        }
        for sentence in document.sentences
    ]


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(
            yaml.safe_dump(
                {"sentences": skeleton(Path(name))}, allow_unicode=True, width=100, sort_keys=False
            )
        )
