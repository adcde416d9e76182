"""Finding registered claims in articles: the API and `claimkit scan` as users meet them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit import ClaimSet, Stance, load_claims, scan_paths, scan_text
from claimkit.cli import cli
from claimkit.core.text import tokenize
from claimkit.matching import CueLexicon, StanceReading, classify_stance
from tests.conftest import EXAMPLE_REGISTRY

REPOSITORY = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def registry() -> ClaimSet:
    return load_claims(EXAMPLE_REGISTRY)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


# -- the API -----------------------------------------------------------------------------------


def test_scan_text_returns_typed_occurrences(registry: ClaimSet) -> None:
    (occurrence,) = scan_text("# Tears\n\nCrying lowers blood pressure.\n", registry)
    assert occurrence.claim == "crying.lowers-blood-pressure"
    assert occurrence.stance is Stance.ASSERTED
    assert (occurrence.line, occurrence.column, occurrence.end_line, occurrence.end_column) == (
        3,
        1,
        3,
        30,
    )
    assert occurrence.text == "Crying lowers blood pressure."
    assert occurrence.sentence.heading == "Tears"
    assert occurrence.terms == ("lowers", "blood pressure")


@pytest.mark.parametrize(
    ("sentence", "stance", "cue"),
    [
        ("Crying lowers blood pressure.", Stance.ASSERTED, None),
        ("Crying can help reduce blood pressure.", Stance.ASSERTED, None),
        ("Research shows that crying lowers blood pressure.", Stance.ASSERTED, None),
        ("A good cry may help reduce blood pressure.", Stance.HEDGED, "may"),
        ("There is no evidence that crying lowers blood pressure.", Stance.NEGATED, "There is no"),
        ("Crying relieves stress, but it does not lower blood pressure.", Stance.NEGATED, "not"),
        ("According to Frey, crying lowers blood pressure.", Stance.ATTRIBUTED, "According to"),
        ("Does crying lower blood pressure?", Stance.QUESTIONED, "?"),
        ("Some people say crying may lower blood pressure.", Stance.HEDGED, "may"),
        (
            "Studies have found that crying does nothing to lower blood pressure.",
            Stance.NEGATED,
            "does nothing to",
        ),
        (
            "Researchers asked whether crying lowers blood pressure.",
            Stance.QUESTIONED,
            "whether",
        ),
        ("Crying's power to lower blood pressure is overrated.", Stance.NEGATED, "overrated"),
        (
            "Another misconception is that crying lowers blood pressure.",
            Stance.NEGATED,
            "misconception is that",
        ),
        ("Crying supposedly lowers blood pressure.", Stance.ATTRIBUTED, "supposedly"),
        (
            "More research is needed to know if crying lowers blood pressure.",
            Stance.HEDGED,
            "More research is needed",
        ),
        ("Whether you are sad or tired, crying lowers blood pressure.", Stance.ASSERTED, None),
        (
            "Though many believe crying lowers blood pressure, no trial shows it.",
            Stance.NEGATED,
            "no trial shows it",
        ),
        (
            "An early theory held that crying lowers blood pressure, but later studies found "
            "no such effect.",
            Stance.NEGATED,
            "later studies found no such effect",
        ),
        (
            "Although many believe crying lowers blood pressure, it does not.",
            Stance.NEGATED,
            "it does not",
        ),
        (
            "Crying is said to lower blood pressure, but science says otherwise.",
            Stance.NEGATED,
            "science says otherwise",
        ),
        # a later clause that says more than a denial does not deny this claim
        (
            "Crying lowers blood pressure, but no study has tested whether it cures colds.",
            Stance.ASSERTED,
            None,
        ),
        # a concessive clause ends at its comma: its negation stays in it
        ("Although crying cannot cure a cold, it lowers blood pressure.", Stance.ASSERTED, None),
        ("Crying can lower blood pressure in some people.", Stance.HEDGED, "in some people"),
        ("Crying lowers blood pressure, but only in rats.", Stance.HEDGED, "only in rats"),
        ("It is no surprise that crying lowers blood pressure.", Stance.ASSERTED, None),
        # a claim stated as the subject takes the stance of the predicate that judges it
        (
            "The popular idea that crying lowers blood pressure is a misconception.",
            Stance.NEGATED,
            "is a misconception",
        ),
        (
            "The theory that crying lowers blood pressure has not held up.",
            Stance.NEGATED,
            "has not held up",
        ),
        (
            "That crying lowers blood pressure is not supported by the evidence.",
            Stance.NEGATED,
            "is not supported by the evidence",
        ),
        (
            "The belief that a good cry lowers blood pressure is wishful thinking.",
            Stance.NEGATED,
            "is wishful thinking",
        ),
        # ... but a predicate of the claim's own sentence does not judge it, nor does one that
        # says something else of the claim than how it stands
        ("Crying lowers blood pressure and is not harmful.", Stance.ASSERTED, None),
        (
            "The claim that crying lowers blood pressure doesn't mean you should cry more.",
            Stance.ATTRIBUTED,
            "The claim that",
        ),
        ("That crying lowers blood pressure does not surprise doctors.", Stance.ASSERTED, None),
        (
            "The idea that crying lowers blood pressure for anyone who is not ill is popular.",
            Stance.ATTRIBUTED,
            "The idea that",
        ),
        (
            "It is a common belief that crying lowers blood pressure.",
            Stance.ATTRIBUTED,
            "belief that",
        ),
        # reported, then found to be nothing
        (
            "A study in the 1990s suggested that crying lowers blood pressure, but later trials "
            "found the effect too small to matter.",
            Stance.NEGATED,
            "later trials found the effect too small to matter",
        ),
        # a concessive that joins a gerund does not end the clause its hedge governs
        ("A good cry may ease tension while lowering blood pressure.", Stance.HEDGED, "may"),
        # reported evidence, before or after what it reports; a reputation
        (
            "Crying lowers blood pressure, according to a 2019 trial.",
            Stance.ATTRIBUTED,
            "according to",
        ),
        ("Crying has been touted as a way to lower blood pressure.", Stance.ATTRIBUTED, "touted"),
    ],
)
def test_stance_follows_the_cue_that_governs_the_claim(
    registry: ClaimSet, sentence: str, stance: Stance, cue: str | None
) -> None:
    (occurrence,) = scan_text(sentence, registry, "text")
    assert (occurrence.stance, occurrence.cue) == (stance, cue)


def test_a_negation_in_another_clause_leaves_a_claim_made_in_its_own_clause_alone() -> None:
    found = scan_text(
        "Crying relieves stress, but it does not lower blood pressure.",
        load_claims(REPOSITORY / "claims"),
        "text",
    )
    assert sorted((o.claim, o.stance, o.terms) for o in found) == [
        ("crying.lowers-blood-pressure", Stance.NEGATED, ("lower", "blood pressure")),
        ("crying.relieves-stress", Stance.ASSERTED, ("relieves", "stress")),
    ]


def test_a_myth_described_under_a_heading_that_denies_it_is_read_as_denied() -> None:
    article = (
        "# Crying myths\n\n"
        "## Myth: crying detoxifies you\n\n"
        "Many people believe that tears flush toxins out of the body. "
        "Bloggers say crying lowers blood pressure.\n\n"
        "## Myth 2 Crying lowers blood pressure\n\n"
        "Crying lowers blood pressure, bloggers say. "
        "However, a good cry does lower blood pressure for a moment.\n"
    )
    found = scan_text(article, load_claims(REPOSITORY / "claims"))
    assert [(o.line, o.claim, o.stance, o.cue) for o in found] == [
        (3, "crying.removes-toxins", Stance.NEGATED, "Myth"),
        (5, "crying.removes-toxins", Stance.NEGATED, "Myth (heading)"),
        # another claim than the heading denies keeps its own stance
        (5, "crying.lowers-blood-pressure", Stance.ATTRIBUTED, "say"),
        (7, "crying.lowers-blood-pressure", Stance.NEGATED, "Myth"),
        (9, "crying.lowers-blood-pressure", Stance.NEGATED, "Myth (heading)"),
        # "However" turns from the myth to the author's own account
        (9, "crying.lowers-blood-pressure", Stance.ASSERTED, None),
    ]


def test_context_terms_may_come_from_the_title_heading_or_paragraph(registry: ClaimSet) -> None:
    article = (
        "# The health benefits of crying\n\n"
        "## Heart health\n\n"
        "It reduces blood pressure.\n\n"
        "Tears matter. They also lower blood pressure.\n"
    )
    found = [(o.line, o.claim) for o in scan_text(article, registry)]
    assert found == [(5, "crying.lowers-blood-pressure"), (7, "crying.lowers-blood-pressure")]


def test_without_context_the_claim_is_not_made(registry: ClaimSet) -> None:
    assert scan_text("# Exercise\n\nWalking lowers blood pressure.\n", registry) == ()


def test_a_heading_that_states_an_effect_makes_the_claim_of_the_title_above(
    registry: ClaimSet,
) -> None:
    article = (
        "# Crying and health\n\n## Physical benefits\n\n## Lower blood pressure\n\n"
        "## Do tears flush toxins?\n\n## Relief\n"
    )
    # "Physical benefits" and "Relief" only name a section; the others state an effect.
    assert [(o.text, o.stance) for o in scan_text(article, registry)] == [
        ("Lower blood pressure", Stance.ASSERTED),
        ("Do tears flush toxins?", Stance.QUESTIONED),
    ]


def test_a_sentence_continues_the_subject_it_points_back_to(registry: ClaimSet) -> None:
    article = (
        "Crying has surprising benefits. It flushes out toxins.\n\n"
        "This release also lowers blood pressure.\n"
    )
    found = [(o.claim, o.subject) for o in scan_text(article, registry)]
    assert found == [
        ("crying.removes-toxins", "previous sentence"),
        ("crying.lowers-blood-pressure", "previous sentence"),
    ]


def test_the_sentence_before_a_list_frames_its_items_colon_or_not() -> None:
    claims = load_claims(REPOSITORY / "claims")
    article = (
        "# Good habits\n\nA good cry has a long list of benefits.\n\n"
        "1. Relieves stress\n2. Lowers blood pressure\n3. Flushes out toxins\n\n"
        "## Walking\n\nDaily walks have benefits too.\n\n- Lowers blood pressure\n"
    )
    found = [(o.line, o.claim) for o in scan_text(article, claims)]
    # The walking list's items have a lead-in of their own, about walking.
    assert found == [
        (5, "crying.relieves-stress"),
        (6, "crying.lowers-blood-pressure"),
        (7, "crying.removes-toxins"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Some say it lowers blood pressure.",
        "People believe it lowers blood pressure.",
        "Doing it regularly lowers blood pressure.",
        "People have been trying it to lower blood pressure.",
        "Studies that investigated its blood pressure effects found little.",
    ],
)
def test_a_frame_a_serving_or_a_possession_continues_the_subject(sentence: str) -> None:
    claims = load_claims(REPOSITORY / "claims")
    found = scan_text(f"Crying is common. {sentence}\n", claims)
    assert [(o.claim, o.subject) for o in found] == [
        ("crying.lowers-blood-pressure", "previous sentence")
    ]


def test_a_reported_subject_of_its_own_still_makes_no_claim() -> None:
    claims = load_claims(REPOSITORY / "claims")
    assert scan_text("Crying is common. Doctors say walking lowers blood pressure.\n", claims) == ()


def test_a_sentence_with_a_subject_of_its_own_makes_no_claim_of_its_paragraph(
    registry: ClaimSet,
) -> None:
    article = (
        "# Why we cry\n\nCrying draws empathy from others. Daily walks lower blood pressure, too.\n"
    )
    assert [o.claim for o in scan_text(article, registry)] == ["crying.elicits-social-support"]


@pytest.mark.parametrize(
    ("input_format", "article"),
    [
        (
            "markdown",
            "# Crying\n\nFans of a good cry say it will:\n\n- Lower your blood pressure.\n"
            "- Flush out toxins.\n\nMyths:\n\n1. It removes toxins.\n\n"
            "A good cry can:\n\n- Lower blood pressure.\n",
        ),
        (
            "html",
            "<h1>Crying</h1><p>Fans of a good cry say it will:</p><ul><li>Lower your blood "
            "pressure.</li><li>Flush out toxins.</li></ul><p>Myths:</p><ol><li>It removes "
            "toxins.</li></ol><p>A good cry can:</p><ul><li>Lower blood pressure.</li></ul>",
        ),
        (
            "text",
            "Crying\n\nFans of a good cry say it will:\n- Lower your blood pressure.\n"
            "- Flush out toxins.\n\nMyths:\n1. It removes toxins.\n\n"
            "A good cry can:\n- Lower blood pressure.\n",
        ),
    ],
)
def test_a_list_item_completes_its_lead_in_and_takes_its_denial_or_attribution(
    input_format: str, article: str
) -> None:
    found = scan_text(article, load_claims(REPOSITORY / "claims"), input_format)
    assert [(o.claim, o.stance, o.cue) for o in found] == [
        ("crying.lowers-blood-pressure", Stance.ATTRIBUTED, "say"),
        ("crying.removes-toxins", Stance.ATTRIBUTED, "say"),
        ("crying.removes-toxins", Stance.NEGATED, "Myths"),
        # A hedge in the lead-in is not lent: each item says how sure it is.
        ("crying.lowers-blood-pressure", Stance.ASSERTED, None),
    ]


@pytest.mark.parametrize(
    ("answer", "stance", "cue"),
    [
        ("That is a myth.", Stance.NEGATED, "a myth"),
        ("Research suggests otherwise.", Stance.NEGATED, "otherwise"),
        ("It does nothing.", Stance.NEGATED, "does nothing"),
        ("Unfortunately, this whole thing is a myth.", Stance.NEGATED, "a myth"),
        ("Not necessarily.", Stance.HEDGED, "Not necessarily"),
        ("Yes, it does.", Stance.ASSERTED, None),
        # a sentence that says nothing but a denial of what came before
        (
            "There is no evidence for this.",
            Stance.NEGATED,
            "There is no evidence for this",
        ),
        ("Studies have not confirmed it.", Stance.NEGATED, "Studies have not confirmed it"),
        ("Science has debunked this idea.", Stance.NEGATED, "Science has debunked this idea"),
    ],
)
def test_a_sentence_that_answers_the_one_before_makes_its_claim_with_its_stance(
    answer: str, stance: Stance, cue: str | None
) -> None:
    found = scan_text(
        f"Crying flushes toxins out of the body. {answer}\n", load_claims(REPOSITORY / "claims")
    )
    assert [(o.claim, o.text, o.stance, o.cue) for o in found][1:] == [
        ("crying.removes-toxins", answer, stance, cue)
    ]
    # A denial reaches back: the claim it answers is not passed on, it is rebutted.
    assert found[0].stance is (Stance.NEGATED if stance is Stance.NEGATED else Stance.ASSERTED)


def test_an_answer_takes_the_latest_claim_of_its_paragraph_but_not_of_the_one_before() -> None:
    claims = load_claims(REPOSITORY / "claims")
    same_paragraph = scan_text(
        "Many believe tears flush toxins out of the body. They cry to feel clean. "
        "Unfortunately, this whole thing is a myth.\n",
        claims,
    )
    assert [(o.text, o.stance, o.cue, o.subject) for o in same_paragraph] == [
        (
            "Many believe tears flush toxins out of the body.",
            Stance.NEGATED,
            "a myth (answered later)",
            "sentence",
        ),
        ("Unfortunately, this whole thing is a myth.", Stance.NEGATED, "a myth", "paragraph"),
    ]
    next_paragraph = scan_text(
        "Many believe tears flush toxins out of the body.\n\nThey cry often. It is a myth.\n",
        claims,
    )
    assert [(o.line, o.stance) for o in next_paragraph] == [(1, Stance.ATTRIBUTED)]


def test_a_sentence_that_points_back_at_claims_makes_them_with_its_own_stance() -> None:
    claims = load_claims(REPOSITORY / "claims")
    found = scan_text(
        "Fans say tears flush toxins out of the body. Little evidence supports these claims.\n\n"
        "Crying relieves stress. Research backs this up.\n",
        claims,
    )
    assert [(o.line, o.claim, o.stance, o.terms, o.refers_to) for o in found] == [
        # The denial reaches back: the claim it answers is rebutted.
        (1, "crying.removes-toxins", Stance.NEGATED, ("flush", "toxins"), None),
        (1, "crying.removes-toxins", Stance.NEGATED, ("these claims",), 1),
        (3, "crying.relieves-stress", Stance.ASSERTED, ("relieves", "stress"), None),
        (3, "crying.relieves-stress", Stance.ASSERTED, ("backs this up",), 3),
    ]
    assert found[1].subject == "claim referred back to"


def test_a_pointer_reaches_back_only_within_its_section_and_a_few_sentences() -> None:
    claims = load_claims(REPOSITORY / "claims")
    other_section = "# Crying\n\nTears flush toxins out.\n\n## Other news\n\nThis idea is new.\n"
    assert [o.line for o in scan_text(other_section, claims)] == [3]
    far = "Tears flush toxins out. One. Two. Three. Four. Five. This idea is new.\n"
    assert [o.text for o in scan_text(far, claims)] == ["Tears flush toxins out."]


def test_explain_says_which_claim_a_sentence_refers_back_to(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text("Crying relieves stress.\n\nThis notion has not held up.\n")
    result = run("explain", str(article), "--claims", "claims", "--line", "3")
    assert "refers back to crying.relieves-stress at line 1" in result.stdout


def test_a_comparison_in_a_study_report_is_not_a_hedge() -> None:
    text = "Criers were statistically less likely to feel stress than others."
    words = tokenize(text)
    stress = words.words.index("stress")
    reading = classify_stance(text, words, [(stress, stress + 1)], CueLexicon.bundled())
    assert reading == StanceReading(Stance.ASSERTED, None)


def test_a_pointer_that_is_the_subject_takes_its_predicate_s_denial() -> None:
    found = scan_text(
        "Fans say crying flushes out toxins. This idea has not held up.\n",
        load_claims(REPOSITORY / "claims"),
        "text",
    )
    assert [(o.text, o.stance) for o in found] == [
        ("Fans say crying flushes out toxins.", Stance.NEGATED),
        ("This idea has not held up.", Stance.NEGATED),
    ]


def test_headings_and_items_under_a_heading_that_names_myths_are_the_myths() -> None:
    article = (
        "# Crying: what is true\n\n"
        "## Myths\n\n"
        "- Crying boosts the immune system.\n"
        "- Tears flush out toxins.\n\n"
        "However, crying may lower blood pressure for a moment.\n\n"
        "## What helps\n\n"
        "Crying may boost your immune system.\n"
    )
    found = scan_text(article, load_claims(REPOSITORY / "claims"))
    assert [(o.line, o.claim, o.stance, o.cue) for o in found] == [
        (5, "crying.boosts-immunity", Stance.NEGATED, "Myths (heading)"),
        (6, "crying.removes-toxins", Stance.NEGATED, "Myths (heading)"),
        # a sentence that turns, and another section, speak in the author's own voice
        (8, "crying.lowers-blood-pressure", Stance.HEDGED, "may"),
        (12, "crying.boosts-immunity", Stance.HEDGED, "may"),
    ]


def test_a_word_of_a_longer_myth_label_labels_nothing_alone() -> None:
    # "old wives' tales" names myths; "Old habits" does not
    found = scan_text(
        "## Old habits\n\n- Tears flush out toxins.\n\n## Old wives' tales\n\n- Tears flush out toxins.\n",
        load_claims(REPOSITORY / "claims"),
    )
    assert [(o.line, o.stance) for o in found] == [(3, Stance.ASSERTED), (7, Stance.NEGATED)]


def test_a_heading_that_ends_on_a_denial_frames_its_section_as_the_denied_view() -> None:
    article = (
        "# Notes\n\n"
        "## Crying doesn't work\n\n"
        "Many say a good cry lifts your mood.\n\n"
        "## Does crying work?\n\n"
        "Many say a good cry lifts your mood.\n"
    )
    found = scan_text(article, load_claims(REPOSITORY / "claims"))
    assert [(o.line, o.claim, o.stance) for o in found] == [
        (5, "crying.improves-mood", Stance.NEGATED),
        # a question heading is no denial
        (9, "crying.improves-mood", Stance.ATTRIBUTED),
    ]


def test_a_title_that_names_myths_makes_the_headings_under_it_the_myths() -> None:
    article = (
        "# 5 myths about crying\n\n"
        "People cry for many reasons. Some say crying boosts the immune system.\n\n"
        "## It flushes out toxins\n\n"
        "Many believe tears carry toxins away.\n\n"
        "## Fact: it can draw support\n\n"
        "Crying can draw support from others.\n"
    )
    found = scan_text(article, load_claims(REPOSITORY / "claims"))
    assert [(o.line, o.claim, o.stance) for o in found] == [
        # the introduction is not a list of myths: what it reports stays reported
        (3, "crying.boosts-immunity", Stance.ATTRIBUTED),
        (5, "crying.removes-toxins", Stance.NEGATED),
        (7, "crying.removes-toxins", Stance.NEGATED),
        (11, "crying.elicits-social-support", Stance.ASSERTED),
    ]


def test_a_question_heading_is_answered_by_a_verdict_later_in_its_section() -> None:
    article = (
        "## Does crying lower blood pressure?\n\n"
        "Researchers have measured heart rate during crying. "
        "There is no evidence that it does.\n\n"
        "## Does crying boost immunity?\n\n"
        "Tears are mostly water.\n\n"
        "## Other questions\n\n"
        "No.\n"
    )
    found = scan_text(article, load_claims(REPOSITORY / "claims"))
    assert [(o.line, o.claim, o.stance, o.subject) for o in found] == [
        (1, "crying.lowers-blood-pressure", Stance.QUESTIONED, "sentence"),
        (3, "crying.lowers-blood-pressure", Stance.NEGATED, "question heading"),
        # unanswered in its section; an answer in another section answers nothing
        (5, "crying.boosts-immunity", Stance.QUESTIONED, "sentence"),
    ]


def test_the_answer_to_a_question_heading_makes_its_claim() -> None:
    found = scan_text(
        "## Does crying flush out toxins?\n\nNo. Tears are mostly water.\n",
        load_claims(REPOSITORY / "claims"),
    )
    assert [(o.line, o.stance, o.cue) for o in found] == [
        (1, Stance.QUESTIONED, "?"),
        (3, Stance.NEGATED, "No"),
    ]


@pytest.mark.parametrize(
    "following",
    [
        "No amount of crying helps.",  # "no" opens the sentence's own subject
        "It does nothing for your knees.",  # the verdict does not end its clause
        "Daily walks are a myth.",  # a subject of its own
        "Is that a myth?",
    ],
)
def test_a_sentence_that_does_not_answer_the_one_before_makes_no_claim_and_changes_nothing(
    following: str,
) -> None:
    found = scan_text(
        f"Crying flushes toxins out of the body. {following}\n",
        load_claims(REPOSITORY / "claims"),
    )
    assert [(o.text, o.stance) for o in found] == [
        ("Crying flushes toxins out of the body.", Stance.ASSERTED)
    ]


def test_a_predicate_without_its_subject_continues_the_title_but_a_noun_is_a_subject() -> None:
    claims = load_claims(REPOSITORY / "claims")
    heading = scan_text(
        "# Five reasons a good cry is good for you\n\n## Lead to the reduction of manganese\n",
        claims,
    )
    assert [(o.claim, o.subject) for o in heading][1:] == [
        ("tears.remove-manganese", "previous sentence")
    ]
    # "Cuts" is a noun here: the sentence has a subject of its own, and it is not crying.
    paragraph = scan_text("Crying is natural. Cuts in salt lower blood pressure.\n", claims)
    assert [o.claim for o in paragraph] == []


def test_a_possessive_of_a_general_noun_points_back_but_another_owner_does_not() -> None:
    claims = load_claims(REPOSITORY / "claims")
    pointing = scan_text("Crying is common. The practice's calming effect lowers stress.\n", claims)
    assert [(o.claim, o.subject) for o in pointing] == [
        ("crying.relieves-stress", "previous sentence")
    ]
    assert scan_text("Crying is common. The doctor's advice lowers stress.\n", claims) == ()


@pytest.mark.parametrize(
    ("second", "claims_made"),
    [
        ("This simple act lowers blood pressure.", ["crying.lowers-blood-pressure"]),
        ("This can lower blood pressure.", ["crying.lowers-blood-pressure"]),
        ("These dangerous salt crystals raise blood pressure.", []),
        ("This drug lowers blood pressure.", []),
    ],
)
def test_a_demonstrative_points_back_unless_it_names_a_subject_of_its_own(
    second: str, claims_made: list[str]
) -> None:
    found = scan_text(f"Crying is common. {second}\n", load_claims(REPOSITORY / "claims"))
    assert [o.claim for o in found] == claims_made


def test_a_numbered_or_labelled_heading_continues_the_title() -> None:
    article = (
        "# Why we cry\n\nIt is common.\n\n## 3. It's a stress reliever\n\n"
        "## Myth 2: Lowers blood pressure\n\nWalking is a stress reliever.\n"
    )
    found = scan_text(article, load_claims(REPOSITORY / "claims"))
    assert [(o.line, o.claim, o.stance) for o in found] == [
        (5, "crying.relieves-stress", Stance.ASSERTED),
        (7, "crying.lowers-blood-pressure", Stance.NEGATED),
    ]


def test_pasted_text_takes_its_topic_from_a_first_line_that_reads_as_a_title() -> None:
    claims = load_claims(REPOSITORY / "claims")
    titled = "Why a good cry is good for you\n\nScientists disagree.\n\nIt flushes out toxins.\n"
    untitled = "Scientists disagree about many things.\n\nIt flushes out toxins.\n"
    assert [(o.line, o.claim) for o in scan_text(titled, claims, "text")][-1] == (
        5,
        "crying.removes-toxins",
    )
    assert scan_text(untitled, claims, "text") == ()


def test_invisible_characters_and_compatibility_forms_do_not_hide_a_claim(
    registry: ClaimSet,
) -> None:
    hidden = "Cry\u200bing low\u00aders blood pres\u2060sure.\n"
    (occurrence,) = scan_text(hidden, registry, "text")
    assert occurrence.claim == "crying.lowers-blood-pressure"
    # positions and terms are those of the text as written
    assert (occurrence.column, occurrence.end_column) == (1, len(hidden))
    assert occurrence.terms == ("low\u00aders", "blood pres\u2060sure")
    (wide,) = scan_text("Ｃrying lowers blood pressure.", registry, "text")
    assert wide.claim == "crying.lowers-blood-pressure"
    (isolated,) = scan_text("Tears flush tox\u2066ins\u2069 out of the body.", registry, "text")
    assert isolated.claim == "crying.removes-toxins"


def test_veto_term_cancels_the_match(registry: ClaimSet) -> None:
    assert scan_text("Crying lowers eye pressure and blood pressure.", registry, "text") == ()


def test_occurrence_lists_citations_of_its_sentence_and_paragraph(registry: ClaimSet) -> None:
    article = "Tears flush toxins [@pmid:7294117]. So it is said (see https://doi.org/10.1037/emo0000633).\n"
    (occurrence,) = scan_text(article, registry)
    assert [str(c) for c in occurrence.citations] == ["pmid:7294117", "doi:10.1037/emo0000633"]


def test_html_and_text_are_scanned_too(registry: ClaimSet) -> None:
    html = "<html><body><h1>Tears</h1><p>Crying <b>lowers</b> blood pressure.</p></body></html>"
    (occurrence,) = scan_text(html, registry, "html")
    assert (occurrence.line, occurrence.column) == (1, 30)


def test_scan_paths_walks_directories_and_skips_hidden_and_ignored(
    registry: ClaimSet, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n")
    for name in [
        "a.md",
        "b.html",
        "c.txt",
        "drafts/d.md",
        ".hidden/e.md",
        "f.tmp.md",
        "g.py",
        "sub/h.md",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Tears flush toxins.\n")
    (tmp_path / "sub" / ".gitignore").write_text("!keep.tmp.md\n")
    (tmp_path / "sub" / "keep.tmp.md").write_text("Tears flush toxins.\n")
    result = scan_paths([tmp_path], registry)
    relative = sorted(Path(o.path).relative_to(tmp_path).as_posix() for o in result.occurrences)
    assert relative == ["a.md", "b.html", "c.txt", "sub/h.md", "sub/keep.tmp.md"]
    assert result.files == 5


def test_a_named_file_is_scanned_even_if_ignored(registry: ClaimSet, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.md\n")
    article = tmp_path / "draft.md"
    article.write_text("Tears flush toxins.\n")
    assert len(scan_paths([article], registry).occurrences) == 1
    assert scan_paths([tmp_path], registry).files == 0


def test_missing_path_raises_file_not_found(registry: ClaimSet, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        scan_paths([tmp_path / "nowhere"], registry)


# -- garbage in: a clear per-file error or a result, never a crash -------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "binary.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary.md:1:1: this is a binary file, not text",
        ),
        (
            "latin1.md",
            "Crying\nis good for café.\n".encode("latin-1"),
            "latin1.md:2:16: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
        ),
        (
            "notes.rst",
            b"Tears flush toxins.\n",
            "notes.rst:1:1: unknown article format '.rst': name its format (markdown, html, text, docx)",
        ),
    ],
)
def test_unreadable_file_gives_one_error_and_the_others_are_scanned(
    registry: ClaimSet, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.md"
    good.write_text("Tears flush toxins.\n")
    result = scan_paths([bad, good], registry)
    assert [str(error).removeprefix(tmp_path.as_posix() + "/") for error in result.errors] == [
        message
    ]
    assert [o.claim for o in result.occurrences] == ["crying.removes-toxins"]


def test_empty_and_whitespace_files_give_no_occurrences(registry: ClaimSet, tmp_path: Path) -> None:
    for name, text in [("empty.md", ""), ("blank.html", "\n\n  \n"), ("bom.txt", "\ufeff")]:
        (tmp_path / name).write_text(text)
    result = scan_paths([tmp_path], registry)
    assert (result.occurrences, result.errors, result.files) == ((), (), 3)


def test_deeply_nested_markup_gives_a_result(registry: ClaimSet) -> None:
    markdown = "> " * 2000 + "Tears flush toxins.\n" + "- " * 2000 + "Tears flush toxins.\n"
    html = "<div>" * 20000 + "<p>Tears flush toxins.</p>" + "</div>" * 20000
    assert len(scan_text(markdown, registry)) == 2
    assert len(scan_text(html, registry, "html")) == 1


@pytest.mark.slow
def test_twenty_megabyte_article_gives_a_result(registry: ClaimSet, tmp_path: Path) -> None:
    paragraph = "Tears are salty and crying is common, as any parent knows well enough.\n\n"
    big = tmp_path / "big.md"
    big.write_text(paragraph * (20_000_000 // len(paragraph)) + "Tears flush toxins.\n")
    result = scan_paths([big], registry)
    assert result.errors == ()
    assert [o.claim for o in result.occurrences] == ["crying.removes-toxins"]


# -- claimkit scan ------------------------------------------------------------------------------


def test_scan_prints_one_line_per_occurrence() -> None:
    result = run("scan", "examples/tears-myths-debunked.md", "--claims", "claims")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "examples/tears-myths-debunked.md:11:4  crying.expels-stress-hormones  negated  "
        '"Myth: tears flush out stress hormones"',
        "examples/tears-myths-debunked.md:13:1  crying.expels-stress-hormones  negated  "
        '"It is a myth that crying rids the body of cortisol."',
    ]


def test_scan_json_has_the_documented_fields() -> None:
    result = run(
        "scan", "examples/tears-myths-debunked.md", "--claims", "claims", "--format", "json"
    )
    payload = json.loads(result.stdout)
    assert set(payload) == {"claimkit", "occurrences", "errors", "summary"}
    assert payload["occurrences"][1] == {
        "path": "examples/tears-myths-debunked.md",
        "line": 13,
        "column": 1,
        "end_line": 13,
        "end_column": 52,
        "claim": "crying.expels-stress-hormones",
        "stance": "negated",
        "cue": "It is a myth that",
        "terms": ["rids", "cortisol"],
        "subject": "sentence",
        "refers_to": None,
        "text": "It is a myth that crying rids the body of cortisol.",
        "heading": "Myth: tears flush out stress hormones",
        "citations": ["doi:10.1037/emo0000633"],
    }
    assert payload["summary"] == {"files": 1, "occurrences": 6, "errors": 0}


def test_scan_exits_2_for_a_missing_path_and_for_unreadable_files(tmp_path: Path) -> None:
    missing = run("scan", str(tmp_path / "nowhere.md"), "--claims", "claims")
    assert missing.exit_code == 2
    assert (
        missing.stderr
        == f"Error: {(tmp_path / 'nowhere.md').as_posix()}: no such file or directory\n"
    )
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe")
    (tmp_path / "good.md").write_text("Tears flush toxins.\n")
    mixed = run("scan", str(tmp_path), "--claims", "claims")
    assert mixed.exit_code == 2
    assert "bad.md:1:1: not valid UTF-8" in mixed.stderr
    assert "crying.removes-toxins" in mixed.stdout


def test_scan_input_format_overrides_the_extension(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<p>Tears flush <b>toxins</b>.</p>\n")
    result = run("scan", str(page), "--claims", "claims", "--input-format", "html")
    assert result.stdout.split("  ")[0].endswith("page.txt:1:4")


def test_scan_outside_a_repository_uses_the_bundled_registry_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "article.md").write_text("Tears flush toxins out of the body.\n")
    process = subprocess.run(
        [sys.executable, "-m", "claimkit", "scan", "article.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY / "src")},
    )
    assert process.returncode == 0
    assert "using the bundled registry" in process.stderr
    assert process.stdout.startswith("article.md:1:1  crying.removes-toxins  asserted")


def test_parallel_scan_gives_the_same_result_as_serial(registry: ClaimSet, tmp_path: Path) -> None:
    for number in range(12):
        text = "# Crying\n\nIt lowers blood pressure.\n" if number % 2 else "Tears flush toxins.\n"
        (tmp_path / f"article-{number:02d}.md").write_text(text)
    (tmp_path / "broken.md").write_bytes(b"\xff")
    serial = scan_paths([tmp_path], registry, jobs=1)
    parallel = scan_paths([tmp_path], registry, jobs=2)
    assert parallel == serial
    assert len(serial.occurrences) == 12
