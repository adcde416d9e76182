"""Build ``src/claimkit/data/lemmas.txt`` and ``src/claimkit/data/inflections.tsv``: the
English nouns and verbs, and the forms of those whose forms the spelling rules do not give.

    pip download --no-deps -d /tmp/lemminflect lemminflect==0.2.3
    unzip -o /tmp/lemminflect/lemminflect-0.2.3-py3-none-any.whl -d /tmp/lemminflect
    python tools/inflections.py TABLE lemmas [WORDNET] > src/claimkit/data/lemmas.txt
    python tools/inflections.py TABLE inflections > src/claimkit/data/inflections.tsv

(TABLE: /tmp/lemminflect/lemminflect/resources/infl_lu.csv.gz; WORDNET: /usr/share/wordnet,
from Debian's wordnet-base.)

A term's words meet their inflections ("lower": "lowers", "lowered", "lowering"; "lose":
"lost"; "toxin": "toxins"), and nothing else but their curated relatives
(``data/relatives.tsv``). ``claimkit.core.words`` generates the regular forms by rule; these
files give the rest:

- ``lemmas.txt``: the noun and verb lemmas, so that a term word written in an inflected form
  is read as the word it inflects ("tears" is the plural of "tear", "cried" is "cry"); the
  nouns that have no plural ("diabetes", "insomnia"); and the adjectives and adverbs, which
  have no inflections a term meets ("severe" is not a noun whose plural is "severes");
- ``inflections.tsv``: every form of each lemma whose forms the rules miss: irregular ones
  ("lose": "lost"), doubled consonants ("drop": "dropped"), Latin plurals.

Paradigms come from lemminflect's inflection table (MIT licence, built from the SPECIALIST
Lexicon and AGID), which keeps to words in common use: WordNet would turn hundreds of nouns
into rare verbs ("to heart", "to body"), whose "-ed" forms would meet compound adjectives
("kind-hearted"). WordNet 3.0 adds the adjectives and adverbs lemminflect lacks
("cardiovascular"), and a short list here the function words; both are met as written. A word
claimkit knows in none of these gets its regular forms.

``SENSES`` splits a paradigm that two senses share, as curated by hand: the "tear" of the eye
is not the "tear" of "torn". Run ``python -m pytest tests/test_words.py`` after regenerating.
The output is generated, then kept in the repository.
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

from claimkit.core.words import regular_forms

_WORD = re.compile(r"^[a-z]+$")
_PARTS = ("noun", "verb")
_WORDS_AS_WRITTEN = ("adj", "adv")


def _words(text: str) -> frozenset[str]:
    """The words of a list written as text."""
    return frozenset(text.split())


# Words of the closed classes (determiners, pronouns, prepositions, particles, conjunctions),
# which a term means as written: "for" has no plural, "down" is not "downed".
FUNCTION_WORDS = _words(
    """
    a an the this that these those my your his her its our their mine yours ours theirs i
    you he she it we they me him us them who whom whose which what for at by with without
    from of to in on into onto upon over under about against among between through during
    before after above below up down out off away back than as and or but nor so yet if
    whether because since while although though not no all any some each every both either
    neither much many more most less least few fewer be am is are was were been being has
    have had do does did
    """
)

# Forms that belong to another sense of a lemma than the one health copy uses, taken out of
# its paradigm (they stay words of their own): the "tear" of the eye does not tear or get
# torn. Curated by hand from the false friends in tests/test_words.py.
SENSES: dict[tuple[str, str], set[str]] = {
    ("tear", "verb"): {"tore", "torn"},  # the eye's tear is not the rip
    ("die", "noun"): {"dice"},  # the die of a game
    ("good", "noun"): {"goods"},  # merchandise
    ("mind", "verb"): {"minded"},  # "like-minded", "health-minded"
    ("real", "noun"): {"reis", "riales"},  # the currency
}

_LICENCE = """\
# From lemminflect 0.2.3's inflection table (MIT licence, Copyright (C) 2019 Brad Jascob;
# built from the SPECIALIST Lexicon and AGID). Permission is hereby granted, free of charge,
# to any person obtaining a copy of this software and associated documentation files, to
# deal in the Software without restriction, subject to the condition that the copyright
# notice and this permission notice be included in all copies or substantial portions of the
# Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND."""


_WORDNET_LICENCE = """\
# Adjectives and adverbs from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton
# University. All rights reserved. Used under the WordNet 3.0 licence: use, copy, modify and
# distribute for any purpose, with this notice. THE DATABASE IS PROVIDED "AS IS" AND
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED."""


def paradigms(table: Path) -> dict[tuple[str, str], set[str]]:
    """(lemma, part of speech) -> its forms, the lemma included, from lemminflect's table."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    with gzip.open(table, "rt", encoding="utf-8") as rows:
        for lemma, part, *forms in csv.reader(rows):
            lemma = lemma.lower()
            if part not in (*_PARTS, *_WORDS_AS_WRITTEN) or not _WORD.match(lemma):
                continue
            words = {lemma} | {
                word.lower() for cell in forms for word in cell.split("/") if word.strip()
            }
            found[lemma, part] |= {word for word in words if _WORD.match(word)}
    for key, split in SENSES.items():
        found[key] -= split
    return found


def wordnet_modifiers(wordnet: Path) -> set[str]:
    """WordNet's single-word adjectives and adverbs: lemminflect lacks many ("cardiovascular")."""
    found = set()
    for name in ("index.adj", "index.adv"):
        for line in (wordnet / name).read_text(encoding="utf-8").splitlines():
            lemma = line.split(" ", 1)[0]
            if not line.startswith(" ") and _WORD.match(lemma):
                found.add(lemma)
    return found


def main() -> None:
    table, which = Path(sys.argv[1]), sys.argv[2]
    wordnet = Path(sys.argv[3] if len(sys.argv) > 3 else "/usr/share/wordnet")
    found = paradigms(table)
    lemmas: dict[str, list[str]] = {
        part: [] for part in (*_PARTS, "uncountable", "other", "function")
    }
    exceptions = []
    for (lemma, part), forms in sorted(found.items()):
        if part in _WORDS_AS_WRITTEN:
            lemmas["other"] += forms  # "healthy", "healthier", "healthiest"
            continue
        if lemma in FUNCTION_WORDS:
            continue
        lemmas[part].append(lemma)
        if part == "noun" and forms == {lemma}:
            lemmas["uncountable"].append(lemma)
        # Only forms the rules miss matter (a noun with no plural loses nothing by being given
        # one that no article writes), and those a sense takes away.
        if (lemma, part) in SENSES or not forms <= {lemma, *regular_forms(lemma, part)}:
            exceptions.append(f"{lemma}\t{part}\t{' '.join(sorted(forms - {lemma}))}")
    nouns_and_verbs = {*lemmas["noun"], *lemmas["verb"]}
    lemmas["other"] += sorted(wordnet_modifiers(wordnet) - nouns_and_verbs)
    lemmas["function"] += sorted(FUNCTION_WORDS)
    print("# Generated by tools/inflections.py; read by claimkit.core.words.")
    print(_LICENCE)
    print(_WORDNET_LICENCE)
    if which == "lemmas":
        print("# One line per part of speech and first letter: PART<TAB>LEMMA LEMMA ...;")
        print("# 'uncountable' lists the nouns that have no plural; 'other' the adjectives and")
        print("# adverbs, 'function' the function words, which a term meets only as written.")
        for part in lemmas:
            by_letter: dict[str, list[str]] = defaultdict(list)
            for lemma in sorted(set(lemmas[part])):
                by_letter[lemma[0]].append(lemma)
            for _, words in sorted(by_letter.items()):
                print(f"{part}\t{' '.join(words)}")
    else:
        print("# LEMMA<TAB>PART<TAB>its forms, where the spelling rules do not give them")
        print("\n".join(exceptions))


if __name__ == "__main__":
    main()
