"""Build ``src/claimkit/data/word_families.tsv`` from WordNet 3.0: which words a term meets.

    python tools/word_families.py [/usr/share/wordnet] > src/claimkit/data/word_families.tsv

(Debian: ``apt-get install wordnet-base``.) claimkit matches a term's words by their Porter2
stems, which both over-reach and under-reach on real copy: "effective" and "side effects"
share the stem "effect", "useful" meets "use", "metabolism" meets "metabolic"; while
"reduce"/"reduction", "relieve"/"relief", "detoxify"/"detoxification" and "lose"/"lost"/"loss"
never meet. WordNet knows better: a *word family* here is a verb with the nouns WordNet
derives from it that name its act, event, process, state or feeling ("reduction", "relief",
"loss" — not "reducer" or "sleeper", which name a thing or a person), and its irregular forms
("lost", "felt"). Words that share a stem but belong to no common family ("effect" and
"effective") are told apart.

The output is a table of corrections to the stems, two kinds of rows:

    stem    STEM    KEY      the stem STEM is the family KEY (reduct -> reduc)
    word    WORD    KEY      the word WORD is KEY, whatever its stem (effective, lost)

Only rows that change something are written. The table is generated, then kept in the
repository; regenerate it when this script changes.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import snowballstemmer

STEM = snowballstemmer.stemmer("english").stemWord

# WordNet lexicographer files of nouns that name what a verb does or brings about.
_EVENT_NOUNS = {
    "04",  # noun.act
    "07",  # noun.attribute: excluded below for most; kept out
    "11",  # noun.event
    "12",  # noun.feeling
    "19",  # noun.phenomenon
    "22",  # noun.process
    "26",  # noun.state
}
_EVENT_NOUNS.discard("07")
_WORD = re.compile(r"^[a-z]+$")

# Families WordNet does not link, that health copy needs (verb, word of the family), curated
# by hand from the under-reaches seen in real articles.
CURATED = [
    ("relieve", "relief"),
    ("relieve", "reliefs"),
    ("lose", "loss"),
    ("lose", "losses"),
    ("detoxify", "detox"),
    ("detoxify", "detoxing"),
    ("detoxify", "detoxed"),
    ("detoxify", "detoxes"),
    ("cleanse", "cleansing"),
    ("flush", "flushing"),
    ("heal", "healing"),
    ("gain", "gains"),
    ("strengthen", "strength"),
    ("weaken", "weakness"),
    ("soothe", "soothing"),
    ("release", "releases"),
]


def _synsets(path: Path) -> dict[str, tuple[str, list[str], list[tuple[str, str, str, str]]]]:
    """offset -> (lexicographer file, words, pointers (symbol, offset, pos, source/target))."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        offset, lexfile = fields[0], fields[1]
        count = int(fields[3], 16)
        words = [fields[4 + 2 * n].lower() for n in range(count)]
        position = 4 + 2 * count
        pointers = []
        for n in range(int(fields[position])):
            symbol, target, pos, where = fields[position + 1 + 4 * n : position + 5 + 4 * n]
            pointers.append((symbol, target, pos, where))
        found[offset] = (lexfile, words, pointers)
    return found


def _pair(source_words: list[str], target_words: list[str], where: str) -> tuple[str, str]:
    source, target = int(where[:2], 16), int(where[2:], 16)
    return (
        source_words[source - 1] if source else "",
        target_words[target - 1] if target else "",
    )


def families(wordnet: Path) -> dict[str, str]:
    """Word -> its family's key (the verb's stem), for the words WordNet relates."""
    verbs = _synsets(wordnet / "data.verb")
    nouns = _synsets(wordnet / "data.noun")
    parent: dict[str, str] = {}

    def find(word: str) -> str:
        while parent.setdefault(word, word) != word:
            word = parent[word]
        return word

    def union(verb: str, other: str) -> None:
        root_verb, root_other = find(verb), find(other)
        if root_verb != root_other:
            parent[root_other] = root_verb

    # Derivation pointers are written on both sides, not always alike: read both.
    pairs: set[tuple[str, str]] = set()
    for _, words, pointers in verbs.values():
        for symbol, target, pos, where in pointers:
            if symbol == "+" and pos == "n" and target in nouns:
                lexfile, noun_words, _ = nouns[target]
                if lexfile in _EVENT_NOUNS:
                    pairs.add(_pair(words, noun_words, where))
    for lexfile, words, pointers in nouns.values():
        if lexfile not in _EVENT_NOUNS:
            continue
        for symbol, target, pos, where in pointers:
            if symbol == "+" and pos == "v" and target in verbs:
                noun, verb = _pair(words, verbs[target][1], where)
                pairs.add((verb, noun))
    for verb, noun in pairs:
        if verb and noun and _WORD.match(verb) and _WORD.match(noun):
            union(verb, noun)
    for verb, word in CURATED:
        union(verb, word)
    for line in (wordnet / "verb.exc").read_text(encoding="utf-8").splitlines():
        form, *lemmas = line.split()
        if _WORD.match(form) and lemmas and _WORD.match(lemmas[0]):
            union(lemmas[0], form)  # lost -> lose, felt -> feel
    return {word: STEM(find(word)) for word in parent}


def corrections(wordnet: Path) -> list[tuple[str, str, str]]:
    family = families(wordnet)
    lemmas = set()
    for name in ("index.noun", "index.verb", "index.adj", "index.adv"):
        for line in (wordnet / name).read_text(encoding="utf-8").splitlines():
            if not line.startswith(" ") and _WORD.match(line.split()[0]):
                lemmas.add(line.split()[0])
    # Words that share a stem: the family of the shortest plain word (no suffix that changes
    # the meaning) keeps the stem; a word of another family, or with such a suffix, gets a
    # row of its own.
    by_stem: dict[str, list[str]] = defaultdict(list)
    for word in lemmas | set(family):
        by_stem[STEM(word)].append(word)
    rows: set[tuple[str, str, str]] = set()
    for stem, words in sorted(by_stem.items()):
        plain = sorted(
            (w for w in words if not _distinct(w)), key=lambda w: (w not in family, len(w), w)
        )
        owner = family.get(plain[0], stem) if plain else stem
        if owner != stem:
            rows.add(("stem", stem, owner))
        for word in words:
            key = family.get(word) or (word if _distinct(word) else owner)
            if key != owner:
                rows.add(("word", word, key))
    return sorted(rows)


def _distinct(word: str) -> bool:
    """Whether ``word`` is built with a suffix that changes the meaning — an adjective, an
    abstract noun (effective, useful, metabolic, organic, stressful, painless) — so that it
    is its own word, not one the stem of a shorter word should find."""
    return bool(re.search(r"(ive|ful|ic|ical|ous|less|ity|ness|ism|ist|able|ible)$", word))


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    print("# Corrections to Porter2 stems, from WordNet 3.0 (tools/word_families.py).")
    print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
    print("# Used under the WordNet 3.0 licence: use, copy, modify and distribute for any")
    print('# purpose, with this notice. THE DATABASE IS PROVIDED "AS IS" AND PRINCETON')
    print("# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.")
    for kind, word, key in corrections(source):
        print(f"{kind}\t{word}\t{key}")
