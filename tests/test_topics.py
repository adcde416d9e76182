"""Topic files and concept references in a registry: what they add to matching, and the
one-line errors a bad reference gets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimkit import InvalidRegistryError, load_claims, scan_text
from claimkit.cli import cli
from tests.conftest import VALID_CLAIM

WriteClaim = Callable[..., Path]
TOPIC = "topic: crying\nname: Crying\nterms: [cry, crying, weep, weeping, a good cry]\n"


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def problems() -> list[str]:
    with pytest.raises(InvalidRegistryError) as caught:
        load_claims("claims")
    return [str(problem) for problem in caught.value.problems]


def test_a_topics_terms_supply_the_subject_of_its_claims(claim_file: WriteClaim) -> None:
    claim_file()
    without_topic = scan_text("# Why we weep\n\nIt lowers blood pressure.\n", load_claims("claims"))
    claim_file(TOPIC, name="topic.yaml")
    with_topic = scan_text("# Why we weep\n\nIt lowers blood pressure.\n", load_claims("claims"))
    assert without_topic == ()
    assert [(o.line, o.claim) for o in with_topic] == [(3, "crying.lowers-blood-pressure")]


def test_a_concept_reference_stands_for_its_terms(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("[blood pressure, hypertension]", '["@blood-pressure"]'))
    found = scan_text("Crying lowers BP.", load_claims("claims"))
    assert [o.claim for o in found] == ["crying.lowers-blood-pressure"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Crying helps you drop a dress size.",
        "Crying leads to a reduction in belly fat.",
        "Crying can trim your waistline.",
        "Crying is said to rein in weight gain.",
        "Crying is supposed to neutralise weight gain.",
    ],
)
def test_a_claim_naming_concepts_meets_their_nouns_and_idioms(
    claim_file: WriteClaim, sentence: str
) -> None:
    claim_file(
        VALID_CLAIM.replace("[blood pressure, hypertension]", '["@weight"]').replace(
            "[lower, reduce]", '["@lower"]'
        )
    )
    assert [o.claim for o in scan_text(sentence, load_claims("claims"))] == [
        "crying.lowers-blood-pressure"
    ]


def test_an_effect_concept_keeps_its_direction(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("[lower, reduce]", '["@lower"]'))
    registry = load_claims("claims")
    assert scan_text("Crying brings about a drop in blood pressure.", registry) != ()
    assert scan_text("Crying brings about a rise in blood pressure.", registry) == ()


CONTRARY = (
    "    context:",
    "    contrary:\n      - [blood pressure, hypertension]\n      - [raise, push up]\n    context:",
)


@pytest.mark.parametrize(
    ("sentence", "stance", "cue"),
    [
        ("Crying raises blood pressure.", "negated", "raises blood pressure (the opposite)"),
        ("Crying may push up blood pressure.", "negated", "push up blood pressure (the opposite)"),
        ("Crying lowers blood pressure.", "asserted", None),
        # Both ways in one sentence: the words that sit together say it.
        (
            "Crying may push up blood pressure, though it can lower stress.",
            "negated",
            "push up blood pressure (the opposite)",
        ),
    ],
)
def test_a_sentence_that_says_the_opposite_denies_the_claim(
    claim_file: WriteClaim, sentence: str, stance: str, cue: str | None
) -> None:
    claim_file(VALID_CLAIM.replace(*CONTRARY))
    (occurrence,) = scan_text(sentence, load_claims("claims"))
    assert (occurrence.claim, str(occurrence.stance), occurrence.cue) == (
        "crying.lowers-blood-pressure",
        stance,
        cue,
    )


def test_a_denied_or_asked_opposite_makes_no_claim(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace(*CONTRARY))
    registry = load_claims("claims")
    assert scan_text("Crying does not raise blood pressure.", registry) == ()
    assert scan_text("Does crying raise blood pressure?", registry) == ()


def test_an_example_that_says_the_opposite_passes_the_check(claim_file: WriteClaim) -> None:
    claim_file(
        VALID_CLAIM.replace(*CONTRARY) + "examples:\n    match: [Crying raises blood pressure.]\n"
    )
    assert load_claims("claims").failing_examples == ()


def test_a_bad_contrary_group_is_an_error_at_its_position(claim_file: WriteClaim) -> None:
    claim_file(
        VALID_CLAIM.replace(
            "    context:",
            '    contrary:\n      - ["@blood-presure"]\n      - [raise, raise]\n    context:',
        )
    )
    assert problems() == [
        "claims/claim.yaml:21:10: match.contrary[0][0]: '@blood-presure' names no concept or "
        "topic; did you mean '@blood-pressure'?",
        "claims/claim.yaml:22:17: match.contrary[1][1]: 'raise' is listed twice",
    ]


def test_an_unknown_concept_is_an_error_at_its_position_with_the_closest_name(
    claim_file: WriteClaim,
) -> None:
    claim_file(VALID_CLAIM.replace("[blood pressure, hypertension]", '["@blood-presure"]'))
    assert problems() == [
        "claims/claim.yaml:18:10: match.required[0][0]: '@blood-presure' names no concept or "
        "topic; did you mean '@blood-pressure'?"
    ]


def test_a_claim_of_an_undeclared_topic_is_an_error_when_topics_are_declared(
    claim_file: WriteClaim,
) -> None:
    claim_file(VALID_CLAIM.replace("topic: crying", "topic: cryng"))
    claim_file(TOPIC, name="topic.yaml")
    assert problems() == [
        "claims/claim.yaml:3:8: topic: 'cryng' is not a declared topic; did you mean 'crying'?"
    ]


def test_a_broken_topic_file_is_one_error_not_one_per_claim(claim_file: WriteClaim) -> None:
    claim_file()
    claim_file(VALID_CLAIM.replace("crying.lowers", "crying.also-lowers"), name="other.yaml")
    claim_file("topic: crying\nterms: [cry\n", name="topic.yaml")
    assert problems() == [
        "claims/topic.yaml:3:1: invalid YAML: did not find expected ',' or ']' (while parsing "
        "a flow sequence)"
    ]


def test_lint_with_a_bad_reference_cannot_run_and_says_where(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("[lower, reduce]", '["@lowr"]'))
    Path("post.md").write_text("Crying lowers blood pressure.\n")
    result = CliRunner().invoke(cli, ["lint", "post.md", "--claims", "claims"])
    assert result.exit_code == 2
    assert "claims/claim.yaml:19:10: match.required[1][0]: '@lowr' names no concept" in (
        result.stderr
    )
    assert "Traceback" not in result.output
