"""Build ``src/claimkit/data/health_terms.txt`` from WordNet 3.0: the words for what a health
claim is about — diseases, symptoms, injuries, conditions of the body, bodily processes.

    python tools/health_terms.py [/usr/share/wordnet] > src/claimkit/data/health_terms.txt

(Debian: ``apt-get install wordnet-base``.) CK301 unregistered-claim flags a sentence in which
something has an effect on a health outcome; this list is what "a health outcome" means, beside
the hand-curated outcomes of ``data/lexicons.yaml`` and the concept lexicons. It takes every
lemma under a few WordNet noun synsets (ill health, symptom, bodily process, physical condition)
and leaves out, by hand, the lemmas that everyday copy mostly uses in another sense
(``_COMMON_KEPT`` below: "cold" stays, because health copy means the illness; "drive",
"flush" and "period" go).

The output is generated, then kept in the repository; regenerate it when this script changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimkit.core.text import words_of
from claimkit.core.words import reach

# Synsets whose hyponyms (all the way down) name health outcomes, by offset in data.noun.
_ROOTS = {
    "14052046": "ill health, health problem (illness, disease, infection, injury, pathology)",
    "14299637": "symptom",
    "14052403": "disorder, upset",
    "13440063": "bodily process, bodily function",
    "14034177": "physical condition, physiological state",
}
# A lemma that is also a common English word (``common_words``) is kept only when
# health copy uses it in its health sense: "ache" and "cold" are kept, "drive", "flush",
# "period" and "reaction" are not. Rare words ("acromegaly") and phrases are kept as they are.
_COMMON_KEPT = frozenset(
    [
        "abscess",
        "ache",
        "ailment",
        "anemia",
        "arthritis",
        "atrophy",
        "blindness",
        "bloat",
        "bruise",
        "cancer",
        "cold",
        "complication",
        "congestion",
        "cough",
        "cyst",
        "debility",
        "delirium",
        "depression",
        "diarrhea",
        "diarrhoea",
        "disability",
        "disease",
        "disorder",
        "dislocation",
        "edema",
        "emphysema",
        "fever",
        "fibrosis",
        "flu",
        "goitre",
        "headache",
        "hemorrhage",
        "hypertrophy",
        "illness",
        "infection",
        "injury",
        "irritation",
        "itch",
        "ketosis",
        "lesion",
        "lethargy",
        "malady",
        "malaria",
        "nausea",
        "neurosis",
        "obstruction",
        "pain",
        "pathology",
        "rheumatism",
        "sciatica",
        "sickness",
        "sore",
        "starvation",
        "swelling",
        "symptom",
        "tuberculosis",
        "tumor",
        "typhus",
        "ulcer",
        "wheeze",
        "wound",
    ]
)


def _words(text: str) -> frozenset[str]:
    """The words of a list written as text."""
    return frozenset(text.split())


# Rare lemmas under the roots that copy uses in another sense than a health outcome, or that
# name no outcome a claim is about ("conjugation", "gameness", "homosexuality"): left out by
# hand.
_NOT_OUTCOMES = _words(
    """
    adhesion angriness arousal automatism bloodiness conjugation dependance disablement
    emptiness eruption erotism excitation exhalation gameness gayness gravidation
    habituation healthiness hibernation homosexualism homosexuality hotness incompatibility
    incompetence infantilism ingestion inversion looseness multiplication obliquity
    perversion potence queerness rawness rosiness singe smartness straightness sturdiness
    vigil vitalization wholeness
    """
)


def common_words(wordnet: Path) -> set[str]:
    """Single-word lemmas that WordNet's sense-tagged corpus (SemCor, ``cntlist.rev``) counts at
    least twice, in any sense."""
    counts: dict[str, int] = {}
    for line in (wordnet / "cntlist.rev").read_text(encoding="utf-8").splitlines():
        key, _sense, count = line.split()
        lemma = key.split("%")[0]
        if lemma.isalpha():
            counts[lemma] = counts.get(lemma, 0) + int(count)
    return {lemma for lemma, count in counts.items() if count >= 2}


def lemmas_under(wordnet: Path, common: set[str]) -> set[str]:
    """Every lemma of the roots' hyponym closure, lowercased, spaces for underscores; not
    acronyms ("ADD"), and not common words (nor inflections of one) but those health copy
    means."""
    hyponyms: dict[str, list[str]] = {}
    lemmas: dict[str, list[str]] = {}
    with (wordnet / "data.noun").open(encoding="latin-1") as nouns:
        for line in nouns:
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ")[0].split()
            offset, count = fields[0], int(fields[3], 16)
            words = [fields[4 + 2 * n] for n in range(count)]
            lemmas[offset] = [w.split("(")[0] for w in words]
            rest = fields[4 + 2 * count :]
            pointers = int(rest[0])
            for n in range(pointers):
                symbol, target = rest[1 + 4 * n], rest[2 + 4 * n]
                if symbol in ("~", "~i"):
                    hyponyms.setdefault(offset, []).append(target)
    found: set[str] = set()
    stack = list(_ROOTS)
    seen: set[str] = set()
    while stack:
        offset = stack.pop()
        if offset in seen:
            continue
        seen.add(offset)
        found.update(lemmas.get(offset, ()))
        stack.extend(hyponyms.get(offset, ()))
    # A word is matched with its inflections, so one whose forms include a common word would
    # match it: "crying" would find "cry".
    kept = set()
    for lemma in found:
        if lemma.isupper() or len(lemma) <= 2 or any(c.isdigit() for c in lemma):
            continue
        word = lemma.lower().replace("_", " ")
        inflections = {entry.form for entry in reach(word) if entry.relation != "relative"}
        if word in _NOT_OUTCOMES or (
            word not in _COMMON_KEPT and (word in common or not inflections.isdisjoint(common))
        ):
            continue
        kept.add(word)
    return kept


def main() -> None:
    wordnet = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    print("# Health outcomes from WordNet 3.0 (tools/health_terms.py): diseases, symptoms,")
    print("# injuries, conditions of the body and bodily processes, one per line, each with what")
    print("# its words meet (claimkit.core.words.forms_of, ' | ' between words) after a tab, so")
    print("# that claimkit does not work it out for 3,600 rare words at every start; a test")
    print("# checks they are current.")
    print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
    print("# Used under the WordNet 3.0 licence: use, copy, modify and distribute for any")
    print('# purpose, with this notice. THE DATABASE IS PROVIDED "AS IS" AND PRINCETON')
    print("# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.")
    for lemma in sorted(lemmas_under(wordnet, common_words(wordnet))):
        forms = " | ".join(
            " ".join(sorted(entry.form for entry in reach(word))) for word in words_of(lemma)
        )
        print(f"{lemma}\t{forms}")


if __name__ == "__main__":
    main()
