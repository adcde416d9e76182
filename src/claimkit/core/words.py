"""What a term's words meet in a sentence: their inflections, and their curated relatives.

A claim file's term "lower" must find "lowers", "lowered" and "lowering"; "toxins" must find
"toxin"; "lose" must find "lost". So each word of a term **meets its inflections**: the forms
of the noun or verb it is (``data/inflections.txt`` and the regular spelling rules below).
It meets a word of **another part of speech only through a curated relative**
(``data/relatives.tsv``, reviewed by hand): "reduce" meets "reduction", "relieve" meets
"relief", "diabetes" meets "diabetic". It meets nothing else — not "remote" (for "remove"),
"death" (for "die"), "clearly" (for "clear"), "torn" (for "tears") or "organic" (for
"organ"), which a stemmer would conflate.

How a term word is read:

- a noun or verb lemma is read as itself: its paradigm ("tear": "tears");
- an inflected form is read as the lemma it inflects ("cried": "cry", "tears": "tear"), and
  a plural as the noun it is, not as a verb ("tears" does not meet "tearing");
- a word that is a lemma of its own is not also read as an irregular form of another one:
  "felt" is the fabric and "wound" the injury, not "feel" and "wind" — write "feel" for the
  verb; regular forms still are ("feeling" is also "feel");
- adjectives, adverbs and function words are read as they are written: a comparative is a
  claim of its own ("faster", "healthier" never meet "fast", "healthy"), "for" has no plural;
- a word claimkit does not know ("chemosignal", "DOMS") meets its regular noun and verb
  forms;
- a term in capitals (an abbreviation: "IF", "BP") meets only itself.

Sentences are never lemmatised: what a term reaches is worked out once, when the registry
is compiled, as the set of written forms it meets; a sentence's words are looked up as they
are written. ``reach`` says, for ``claims show`` and ``claims check --terms``, which
relation each form comes from.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from claimkit.core.text import words_of

__all__ = [
    "Reach",
    "computed_forms",
    "forms_of",
    "reach",
    "reach_in_words",
    "regular_forms",
    "term_meets",
    "verb_forms",
    "words_digest",
]

_DATA = resources.files("claimkit.data")
_LEMMAS = _DATA.joinpath("lemmas.txt")
_INFLECTIONS = _DATA.joinpath("inflections.tsv")
_RELATIVES = _DATA.joinpath("relatives.tsv")
_BUNDLED_FORMS = _DATA.joinpath("bundled_forms.tsv")
_PARTS = ("noun", "verb")
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")
_SILENT_E = re.compile(r"[^aeioy]e$")


def regular_forms(lemma: str, part: str) -> tuple[str, ...]:
    """The forms the spelling rules give a noun (its plural) or a verb (its "-s", "-ed" and
    "-ing" forms), the lemma left out."""
    if _SIBILANT.search(lemma):
        plural = lemma + "es"
    elif _CONSONANT_Y.search(lemma):
        plural = lemma[:-1] + "ies"
    else:
        plural = lemma + "s"
    if part == "noun":
        return (plural,)
    if lemma.endswith("e"):
        past = lemma + "d"
    elif _CONSONANT_Y.search(lemma):
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    if lemma.endswith("ie"):
        gerund = lemma[:-2] + "ying"
    elif _SILENT_E.search(lemma) and len(lemma) > 2:
        gerund = lemma[:-1] + "ing"
    else:
        gerund = lemma + "ing"
    return plural, past, gerund


def _lemmas_of_regular(word: str) -> Iterable[tuple[str, str]]:
    """The (lemma, part of speech) whose regular forms ``word`` may be, by undoing the rules:
    candidates only, checked against the lemmas."""
    for ending, replacement, parts in (
        ("ies", "y", _PARTS),
        ("es", "", _PARTS),
        ("s", "", _PARTS),
        ("ied", "y", ("verb",)),
        ("ed", "", ("verb",)),
        ("d", "", ("verb",)),
        ("ying", "ie", ("verb",)),
        ("ing", "", ("verb",)),
        ("ing", "e", ("verb",)),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            lemma = word[: -len(ending)] + replacement
            for part in parts:
                if word in regular_forms(lemma, part):
                    yield lemma, part


@cache
def _irregular() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, list[tuple[str, str]]]]:
    """(lemma, part of speech) -> its forms, where the rules do not give them; and each such
    form -> the (lemma, part of speech) it is a form of."""
    paradigms: dict[tuple[str, str], tuple[str, ...]] = {}
    lemmas_of: dict[str, list[tuple[str, str]]] = {}
    for line in _INFLECTIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, part, forms = line.split("\t")
            paradigms[lemma, part] = tuple(forms.split())
            for form in paradigms[lemma, part]:
                lemmas_of.setdefault(form, []).append((lemma, part))
    return paradigms, lemmas_of


@cache
def _lemmas() -> dict[str, frozenset[str]]:
    """The noun and verb lemmas, by part of speech, the nouns with no plural ("uncountable"),
    the adjectives and adverbs ("other") and the function words ("function"): only reading a
    term word needs them."""
    lemmas: dict[str, set[str]] = {
        part: set() for part in (*_PARTS, "uncountable", "other", "function")
    }
    for line in _LEMMAS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            part, words = line.split("\t")
            lemmas[part].update(words.split())
    return {part: frozenset(words) for part, words in lemmas.items()}


def _paradigm(lemma: str, part: str) -> tuple[str, ...]:
    """The forms of a noun or verb, itself included; an adjective's is itself alone."""
    if part not in _PARTS:
        return (lemma,)
    forms = _irregular()[0].get((lemma, part))
    if forms is None:
        if part == "noun" and lemma in _lemmas()["uncountable"]:
            return (lemma,)
        forms = regular_forms(lemma, part)
    return (lemma, *forms)


@cache
def _relatives() -> dict[str, tuple[tuple[str, str], ...]]:
    """A word -> its curated relatives, with their parts of speech: the other words of every
    line of ``data/relatives.tsv`` it is on."""
    families: dict[str, dict[tuple[str, str], None]] = {}
    for line in _RELATIVES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            family = [_word_and_part(entry) for entry in line.split()]
            for word, _ in family:
                related = families.setdefault(word, {})
                related.update((member, None) for member in family if member[0] != word)
    return {word: tuple(related) for word, related in families.items()}


def _word_and_part(entry: str) -> tuple[str, str]:
    word, _, part = entry.partition("/")
    return word, part


def _readings(word: str) -> list[tuple[str, str]]:
    """The (lemma, part of speech) a term word is read as; see the module's docstring."""
    lemmas = _lemmas()
    if word in lemmas["function"]:
        return [(word, "function")]  # "for" has no plural, "does" is not the plural of "doe"
    own = [(word, part) for part in _PARTS if word in lemmas[part]]
    candidates = list(_lemmas_of_regular(word))
    regular = [
        (lemma, part)
        for lemma, part in candidates
        if lemma in lemmas[part] and word in _paradigm(lemma, part)
    ]
    irregular = [] if own else _irregular()[1].get(word, [])
    if not own and not regular and not irregular and word in lemmas["other"]:
        return [(word, "adj")]  # an adjective, an adverb or a function word: as written
    inflected = [reading for reading in (*regular, *irregular) if reading[0] != word]
    if any(part == "noun" for _, part in inflected):
        # A plural is the noun it is: "tears" does not also read as the verb "tear".
        inflected = [reading for reading in inflected if reading[1] == "noun"]
    readings = list(dict.fromkeys((*own, *inflected)))
    if readings:
        return readings
    # A word claimkit does not know ("chemosignals", "autophagy", "DOMS"): a noun, or the
    # plural of one, or the form of a verb it may be.
    if word.endswith(("ss", "us", "is")):
        candidates = []
    plurals = [(lemma, part) for lemma, part in candidates if part == "noun"]
    return plurals or [(word, "noun"), *candidates]


@dataclass(frozen=True)
class Reach:
    """One form a term word meets, and why."""

    form: str
    relation: str
    """``"itself"``, ``"inflection"`` (of the same noun or verb) or ``"relative"``."""
    lemma: str
    """The word the form is a form of: the term word's own lemma, or its relative."""
    part: str = ""
    """The lemma's part of speech: noun, verb, adj."""


@lru_cache(maxsize=20_000)
def reach(word: str) -> tuple[Reach, ...]:
    """Every form a term word meets, in a stable order: itself, its inflections, then the
    forms of its curated relatives."""
    if _is_abbreviation(word):
        return (Reach(word.lower(), "itself", word.lower()),)
    word = word.lower()
    found: dict[str, Reach] = {word: Reach(word, "itself", word)}
    readings = _readings(word)
    for lemma, part in readings:
        for form in _paradigm(lemma, part):
            found.setdefault(form, Reach(form, "inflection", lemma, part))
    families = _relatives()
    for lemma, _ in readings:
        for relative, part in families.get(lemma, ()):
            if relative == lemma:
                continue
            for form in _paradigm(relative, part):
                found.setdefault(form, Reach(form, "relative", relative, part))
    return tuple(found.values())


def reach_in_words(word: str) -> str:
    """What a term word meets, for people: "reduce: reduces, reduced, reducing (inflections);
    reduction, reductions (relative: reduction, noun)"."""
    word_read = word if _is_abbreviation(word) else word.lower()
    groups: dict[tuple[str, str], list[Reach]] = {}
    for entry in reach(word):
        if entry.relation != "itself":
            groups.setdefault((entry.relation, entry.lemma), []).append(entry)
    if not groups:
        return f"{word_read}: only itself"
    parts = []
    for (relation, lemma), entries in groups.items():
        forms = ", ".join(dict.fromkeys(entry.form for entry in entries))
        kinds = " and ".join(dict.fromkeys(entry.part for entry in entries))
        if relation == "relative":
            parts.append(f"{forms} (relative: {lemma}, {kinds})")
        elif lemma == word_read:
            parts.append(f"{forms} (inflections, {kinds})")
        else:
            parts.append(f"{forms} (inflections of {lemma}, {kinds})")
    return f"{word_read}: {'; '.join(parts)}"


@lru_cache(maxsize=100_000)
def forms_of(word: str) -> frozenset[str]:
    """The written forms (lower case) that a term word meets. (A sentence's words are read
    without a possessive "'s": ``claimkit.core.text``.)"""
    return _bundled_forms().get(word) or computed_forms(word)


def computed_forms(word: str) -> frozenset[str]:
    """``forms_of`` worked out from the tables, not read from ``data/bundled_forms.tsv``."""
    return frozenset(entry.form for entry in reach(word))


@cache
def _bundled_forms() -> dict[str, frozenset[str]]:
    """The forms of the words of claimkit's own word lists, worked out when the table was
    made (``tools/bundled_forms.py``): reading them costs a millisecond, working them out
    needs the inflection tables."""
    table: dict[str, frozenset[str]] = {}
    for line in _BUNDLED_FORMS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, forms = line.split("\t")
            table[word] = frozenset(forms.split())
    return table


@lru_cache(maxsize=100_000)
def term_meets(term: str, phrase: str) -> bool:
    """Whether a term meets the words of a phrase, word for word: the concept's "lower" meets
    "lowers", a topic's "tear" meets "tears"."""
    own, other = words_of(term), words_of(phrase)
    return len(own) == len(other) and all(
        word in forms_of(mine) for mine, word in zip(own, other, strict=True)
    )


def verb_forms(*verbs: str) -> frozenset[str]:
    """Every form of the given verbs (lemmas): for claimkit's own word lists."""
    return frozenset(form for verb in verbs for form in _paradigm(verb, "verb"))


_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def _is_abbreviation(word: str) -> bool:
    return bool(_ABBREVIATION.fullmatch(word))


def words_digest() -> str:
    """A hash of the word lists and of the rules that read them (this module), for caches of
    anything built with them."""
    files = (_LEMMAS, _INFLECTIONS, _RELATIVES, _BUNDLED_FORMS)
    data = b"".join(file.read_bytes() for file in files)
    data += Path(__file__).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]
