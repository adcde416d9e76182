"""Measure claim matching and stance against a hand-labelled corpus.

Each labelled sentence is scanned on its own, as plain text, against a registry:
- recall: the labelled claim is found;
- rejection: a sentence labelled as making no registered claim is matched to none;
- stance accuracy: of the labelled claims found, the stance is the labelled one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimkit import ClaimSet, scan_text


@dataclass
class Figures:
    labelled: int = 0
    found: int = 0
    distractors: int = 0
    rejected: int = 0
    stance_correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled

    @property
    def rejection(self) -> float:
        return self.rejected / self.distractors

    @property
    def stance_accuracy(self) -> float:
        return self.stance_correct / self.found


def measure(corpus: Path, registry: ClaimSet) -> Figures:
    figures = Figures()
    for item in yaml.safe_load(corpus.read_text(encoding="utf-8")):
        found = {o.claim: o for o in scan_text(item["text"], registry, "text")}
        if item["claim"] is None:
            figures.distractors += 1
            figures.rejected += not found
            continue
        figures.labelled += 1
        occurrence = found.get(item["claim"])
        if occurrence is None:
            figures.misses.append(item["text"])
            continue
        figures.found += 1
        figures.stance_correct += str(occurrence.stance) == item["stance"]
        figures.confusion[(item["stance"], str(occurrence.stance))] += 1
    return figures
