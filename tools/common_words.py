"""Build ``src/claimkit/data/common_words.tsv`` from WordNet 3.0: the words ``claims check``
compares match terms against, each with its WordNet family.

    python tools/common_words.py [/usr/share/wordnet] > src/claimkit/data/common_words.tsv

(Debian: ``apt-get install wordnet-base``.) A common word here is a single-word lemma that
WordNet's sense-tagged corpus (SemCor, ``cntlist.rev``) counts at least twice, in any sense:
about 11,000 words. Its family is what WordNet relates it to, through derivation ("help",
"helpful"), adjectives' adverbs ("helpful", "helpfully") and irregular forms ("lose", "lost"),
named by the family's alphabetically first word. A match term that meets a common word of
another family ("severe" and "several" share the stem "sever") reaches further than its
author meant, and ``claims check`` says so.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

LEAST_COUNT = 2
_WORD = re.compile(r"^[a-z]+$")
_RELATIONS = {"+", "\\"}  # derivationally related form; pertainym (adverb -> adjective)
_PARTS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def _common(wordnet: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in (wordnet / "cntlist.rev").read_text(encoding="utf-8").splitlines():
        key, _sense, count = line.split()
        lemma = key.split("%")[0]
        if _WORD.match(lemma):
            counts[lemma] += int(count)
    return counts


def _families(wordnet: Path) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(word: str) -> str:
        while parent.setdefault(word, word) != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    def union(one: str, other: str) -> None:
        first, second = sorted((find(one), find(other)))
        if first != second:
            parent[second] = first

    synsets: dict[tuple[str, str], list[str]] = {}
    pointers: list[tuple[str, str, str, str, str]] = []
    for part in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"data.{part}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ")[0].split()
            offset, count = fields[0], int(fields[3], 16)
            words = [fields[4 + 2 * n].lower().split("(")[0] for n in range(count)]
            synsets[(part, offset)] = words
            position = 4 + 2 * count
            for n in range(int(fields[position])):
                symbol, target, pos, where = fields[position + 1 + 4 * n : position + 5 + 4 * n]
                if symbol in _RELATIONS:
                    pointers.append((part, offset, _PARTS[pos], target, where))
    for part, offset, target_part, target, where in pointers:
        source, goal = int(where[:2], 16), int(where[2:], 16)
        if source and goal and (target_part, target) in synsets:
            one = synsets[(part, offset)][source - 1]
            other = synsets[(target_part, target)][goal - 1]
            if _WORD.match(one) and _WORD.match(other):
                union(one, other)
    for part in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"{part}.exc").read_text(encoding="utf-8").splitlines():
            form, *lemmas = line.split()
            for lemma in lemmas:
                if _WORD.match(form) and _WORD.match(lemma):
                    union(lemma, form)  # lost -> lose, better -> good
    return {word: find(word) for word in parent}


def main() -> None:
    wordnet = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    counts, family = _common(wordnet), _families(wordnet)
    print("# Common English words and their families: WordNet 3.0 lemmas counted at least")
    print("# twice in SemCor, most common first (tools/common_words.py).")
    print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
    print("# Used under the WordNet 3.0 licence: use, copy, modify and distribute for any")
    print('# purpose, with this notice. THE DATABASE IS PROVIDED "AS IS" AND PRINCETON')
    print("# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.")
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= LEAST_COUNT:
            print(f"{word}\t{family.get(word, word)}")


if __name__ == "__main__":
    main()
