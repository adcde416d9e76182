"""What a claim term's words meet: their inflections, their curated relatives, and nothing else.

An editor writes "remove" and must not get "remote"; writes "tears" and must not get "torn".
The false friends below are pairs of words that look alike, or that a stemmer conflates, but
say different things in health copy. No term of any registry this project ships or tests
with may reach both words of a pair.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
import yaml

from claimkit import load_claims, scan_text
from claimkit.core.text import words_of
from claimkit.core.words import computed_forms, forms_of, reach, reach_in_words
from claimkit.registry.vocabulary import bundled_concepts

REPOSITORY = Path(__file__).parents[1]
SHARED_REGISTRIES = REPOSITORY.parent / "shared" / "registries"

FALSE_FRIENDS = [
    # words a stemmer gives one stem
    ("remote", "remove"),
    ("remotely", "remove"),
    ("death", "die"),
    ("deathly", "death"),
    ("clearly", "clear"),
    ("clearance", "clear"),
    ("organic", "organ"),
    ("organism", "organ"),
    ("organisms", "organs"),
    ("organize", "organ"),
    ("several", "severe"),
    ("effective", "effect"),
    ("useful", "use"),
    ("metabolic", "metabolism"),
    ("emotional", "emotion"),
    ("strength", "strengthen"),
    ("promotion", "promote"),
    ("protective", "protect"),
    ("general", "generate"),
    ("generally", "generate"),
    ("university", "universe"),
    ("doctrine", "doctor"),
    ("painless", "pain"),
    ("harmless", "harm"),
    ("helpless", "help"),
    ("careless", "care"),
    ("stressful", "stress"),
    ("restless", "rest"),
    ("mindful", "mind"),
    ("healthcare", "health"),
    ("immunize", "immune"),
    ("digestible", "digest"),
    ("hearty", "heart"),
    ("skinny", "skin"),
    ("bony", "bone"),
    ("brainy", "brain"),
    ("moody", "mood"),
    ("fatty", "fat"),
    ("weighty", "weight"),
    ("lively", "live"),
    ("gutsy", "gut"),
    ("sober", "sob"),
    ("elevator", "elevate"),
    ("curator", "cure"),
    ("killer", "kill"),
    ("boosters", "boost"),
    ("reducer", "reduce"),
    ("lowly", "lower"),
    # a comparative is a claim of its own
    ("faster", "fast"),
    ("fasting", "faster"),
    ("lower", "low"),
    ("higher", "high"),
    # forms of another sense
    ("torn", "tears"),
    ("torn", "tearing"),
    ("tore", "tears"),
    ("dyed", "die"),
    ("dice", "die"),
    ("goods", "good"),
    ("news", "new"),
    ("liver", "lived"),
    ("minded", "mind"),
]


def _registries() -> Iterator[Path]:
    yield REPOSITORY / "claims"
    yield from sorted((REPOSITORY / "tests" / "realcopy" / "registries").iterdir())
    yield from sorted((REPOSITORY / "tests" / "registries" / "frozen").glob("*/*"))
    if SHARED_REGISTRIES.is_dir():
        yield from sorted(SHARED_REGISTRIES.glob("*/*"))


@cache
def _term_words() -> frozenset[str]:
    """Every word of every match term and topic term of the registries, and of the concepts."""
    terms: list[str] = [term for concept in bundled_concepts().values() for term in concept.terms]
    for registry in _registries():
        for path in registry.rglob("*.y*ml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            terms += [str(term) for term in data.get("terms") or ()]
            match = data.get("match") or {}
            for group in (*(match.get("required") or ()), *(match.get("context") or ())):
                terms += [str(term) for term in group if not str(term).startswith("@")]
            terms += [str(term) for term in match.get("veto") or ()]
    return frozenset(word for term in terms for word in words_of(term))


def test_the_false_friends_are_fifty_distinct_pairs() -> None:
    assert len(set(FALSE_FRIENDS)) == len(FALSE_FRIENDS) >= 50


@pytest.mark.parametrize(("one", "other"), FALSE_FRIENDS)
def test_no_registry_term_reaches_both_false_friends(one: str, other: str) -> None:
    reaching = sorted(word for word in _term_words() if {one, other} <= forms_of(word))
    assert reaching == [], f"{reaching} meet both {one!r} and {other!r}"


@pytest.mark.parametrize(("one", "other"), FALSE_FRIENDS)
def test_a_false_friend_never_meets_the_other(one: str, other: str) -> None:
    assert other not in forms_of(one)
    assert one not in forms_of(other)


@pytest.mark.parametrize(
    ("term", "not_met"), [("felt", "feel"), ("wound", "wind"), ("left", "leave"), ("found", "find")]
)
def test_a_word_of_its_own_is_not_read_as_another_words_irregular_form(
    term: str, not_met: str
) -> None:
    # "feel" meets "felt", its past; the term "felt" is the fabric, and meets only "felts".
    assert not_met not in forms_of(term)
    assert term in forms_of(not_met)


def test_the_registries_of_the_test_have_many_term_words() -> None:
    # The check above must look at something: the bundled and test registries' words.
    words = _term_words()
    assert {"tears", "remove", "toxins", "fasting", "vinegar"} <= words
    assert len(words) > 800


@pytest.mark.parametrize(
    ("term", "met"),
    [
        ("lower", {"lowers", "lowered", "lowering"}),
        ("lose", {"lost", "loses", "losing"}),
        ("toxins", {"toxin"}),
        ("cried", {"cry", "cries", "crying"}),
        ("drop", {"dropped", "dropping"}),
        ("wept", {"weep", "weeping"}),
        ("teeth", {"tooth"}),
        ("calories", {"calorie"}),
    ],
)
def test_a_term_meets_its_inflections(term: str, met: set[str]) -> None:
    assert met <= forms_of(term)


@pytest.mark.parametrize(
    ("term", "met"),
    [
        ("reduce", {"reduction", "reductions"}),
        ("relieve", {"relief", "reliever"}),
        ("detoxify", {"detoxification", "detox", "detoxing"}),
        ("diabetes", {"diabetic", "diabetics"}),
        ("lose", {"loss", "losses"}),
        ("inflammation", {"inflammatory", "inflamed"}),
    ],
)
def test_a_term_meets_its_curated_relatives(term: str, met: set[str]) -> None:
    assert met <= forms_of(term)
    relatives = {entry.form for entry in reach(term) if entry.relation == "relative"}
    assert met <= relatives


def test_a_possessive_meets_the_term_without_its_s() -> None:
    registry = load_claims(REPOSITORY / "claims")
    sentence = "Crying's power to lower blood pressure is overrated."
    (occurrence,) = scan_text(sentence, registry, "text")
    assert occurrence.claim == "crying.lowers-blood-pressure"


def test_an_abbreviation_meets_only_itself() -> None:
    assert forms_of("IF") == {"if"}
    assert reach_in_words("BP") == "BP: only itself"


def test_every_relatives_line_names_parts_of_speech() -> None:
    path = REPOSITORY / "src" / "claimkit" / "data" / "relatives.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entries = line.split()
            assert len(entries) >= 2, line
            for entry in entries:
                word, _, part = entry.partition("/")
                assert word.isalpha(), line
                assert word.islower(), line
                assert part in {"noun", "verb", "adj"}, line


def test_what_a_term_meets_is_said_with_the_relation_it_comes_from() -> None:
    assert reach_in_words("reduce") == (
        "reduce: reduces, reduced, reducing (inflections, verb); "
        "reduction, reductions (relative: reduction, noun)"
    )
    assert reach_in_words("tears") == "tears: tear (inflections of tear, noun)"
    assert reach_in_words("severe") == "severe: only itself"


@pytest.mark.parametrize(
    ("sentence", "makes"),
    [
        ("People in remote villages cry when they hear about toxins in the water.", False),
        ("Tears flush toxins out of the body.", True),
        ("Crying leads to the removal of toxins.", True),
        ("A torn muscle can leave toxins in the body.", False),
    ],
)
def test_a_sentence_makes_the_toxins_claim_only_through_the_words_it_means(
    sentence: str, makes: bool
) -> None:
    registry = load_claims(REPOSITORY / "claims")
    claims = {occurrence.claim for occurrence in scan_text(sentence, registry, "text")}
    assert ("crying.removes-toxins" in claims) is makes


def test_the_bundled_table_of_forms_is_current() -> None:
    """data/bundled_forms.tsv (tools/bundled_forms.py) holds what the tables give today."""
    from tools.bundled_forms import table

    current = (resources.files("claimkit.data") / "bundled_forms.tsv").read_text(encoding="utf-8")
    regenerate = "python tools/bundled_forms.py > src/claimkit/data/bundled_forms.tsv"
    assert current == table(), f"out of date: {regenerate}"


def test_the_forms_written_in_health_terms_are_current() -> None:
    """data/health_terms.txt (tools/health_terms.py) gives each term's forms as the tables
    give them today."""
    text = (resources.files("claimkit.data") / "health_terms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        term, _, written = line.partition("\t")
        if line.startswith("#") or not written:
            continue
        forms = [frozenset(word.split()) for word in written.split("|")]
        assert forms == [computed_forms(word) for word in words_of(term)], term
