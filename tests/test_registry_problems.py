"""Every problem a claim file can have is reported with its exact path:line:column."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from claimkit import InvalidRegistryError, RegistryNotFoundError, Severity, load_claims
from tests.conftest import VALID_CLAIM

WriteClaim = Callable[..., Path]


def problems(root: Path | str = "claims") -> list[str]:
    """The registry's problems as the CLI prints them, paths relative to the test directory."""
    with pytest.raises(InvalidRegistryError) as caught:
        load_claims(root)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_valid_claim_file_loads(claim_file: WriteClaim) -> None:
    claim_file()
    registry = load_claims("claims")
    assert registry.ids == ("crying.lowers-blood-pressure",)
    assert registry.warnings == ()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "certainty: very-low",
            "certainty: strong",
            "claims/claim.yaml:6:16: evidence.certainty: 'strong' is not one of: "
            "high, moderate, low, very-low, none",
            id="enum-value",
        ),
        pytest.param(
            "certainty: very-low",
            "certainty: very low",
            "claims/claim.yaml:6:16: evidence.certainty: 'very low' is not one of: "
            "high, moderate, low, very-low, none; did you mean 'very-low'?",
            id="enum-value-close-to-a-choice",
        ),
        pytest.param(
            "    verdict: unsupported",
            "    verdict: unsupported\n    certanity: low",
            "claims/claim.yaml:8:5: evidence.certanity: unknown key; did you mean 'certainty'?",
            id="unknown-key-with-suggestion",
        ),
        pytest.param(
            "topic: crying",
            "topic: crying\ncolour: blue",
            "claims/claim.yaml:4:1: colour: unknown key; expected one of: id, statement, topic, "
            "tags, notes, evidence, match, examples, wording, review",
            id="unknown-key-without-close-match",
        ),
        pytest.param(
            "    verdict: unsupported\n",
            "",
            "claims/claim.yaml:5:1: evidence: missing required key 'verdict'",
            id="missing-nested-key",
        ),
        pytest.param(
            "statement: Crying lowers blood pressure.\n",
            "",
            "claims/claim.yaml:1:1: missing required key 'statement'",
            id="missing-top-level-key",
        ),
        pytest.param(
            "        stance: contradicts\n",
            "",
            "claims/claim.yaml:10:9: evidence.citations[0]: missing required key 'stance'",
            id="missing-key-in-list-item",
        ),
        pytest.param(
            "title: The psychophysiology of crying",
            "title: 1994",
            "claims/claim.yaml:11:16: evidence.citations[0].title: expected text, got 1994; "
            "quote it to keep it as text",
            id="number-where-text-belongs",
        ),
        pytest.param(
            "topic: crying",
            "topic: no",
            "claims/claim.yaml:3:8: topic: expected text, got 'no', which YAML reads as false; "
            "quote it to keep it as text",
            id="yaml-boolean-where-text-belongs",
        ),
        pytest.param(
            "year: 1994",
            "year: nineteen",
            "claims/claim.yaml:12:15: evidence.citations[0].year: expected a whole number, "
            "got 'nineteen'",
            id="text-where-number-belongs",
        ),
        pytest.param(
            "year: 1994",
            "year: 19940",
            "claims/claim.yaml:12:15: evidence.citations[0].year: 19940 is out of range "
            "(must be at most 2100)",
            id="implausible-year",
        ),
        pytest.param(
            "tags: [cardiovascular]",
            "tags: cardiovascular",
            "claims/claim.yaml:4:7: tags: expected a list, got 'cardiovascular'",
            id="text-where-list-belongs",
        ),
        pytest.param(
            "next_review: 2999-01-01",
            "next_review: 01/01/2999",
            "claims/claim.yaml:24:18: review.next_review: expected a date (YYYY-MM-DD), "
            "got '01/01/2999'",
            id="malformed-date",
        ),
        pytest.param(
            "id: crying.lowers-blood-pressure",
            "id: Crying.Lowers_BP",
            "claims/claim.yaml:1:5: id: 'Crying.Lowers_BP' is not a claim id: write "
            "topic.short-name in lower-case letters, digits and hyphens, "
            "e.g. crying.lowers-blood-pressure",
            id="malformed-claim-id",
        ),
        pytest.param(
            "id: crying.lowers-blood-pressure",
            "id: lowers-blood-pressure",
            "claims/claim.yaml:1:5: id: 'lowers-blood-pressure' is not a claim id: write "
            "topic.short-name in lower-case letters, digits and hyphens, "
            "e.g. crying.lowers-blood-pressure",
            id="claim-id-without-topic",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: doi:11.1111/abc",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: 'doi:11.1111/abc' is not a DOI: "
            "a DOI is '10.', 4 to 9 digits, '/' and a suffix, e.g. doi:10.1037/emo0000633",
            id="malformed-doi",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: 10.1111/j.1469-8986.1994.tb01049.x",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: "
            "'10.1111/j.1469-8986.1994.tb01049.x' has no identifier scheme: write it as "
            "scheme:value with one of doi, pmid, pmcid, isbn, url; "
            "did you mean 'doi:10.1111/j.1469-8986.1994.tb01049.x'?",
            id="identifier-without-scheme",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: https://doi.org/10.1111/j.1469-8986.1994.tb01049.x",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: unknown identifier scheme "
            "'https' in 'https://doi.org/10.1111/j.1469-8986.1994.tb01049.x': use one of doi, "
            "pmid, pmcid, isbn, url; did you mean 'doi:10.1111/j.1469-8986.1994.tb01049.x'?",
            id="doi-link-without-scheme",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: pmid:123456789",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: 'pmid:123456789' is not a PMID: "
            "a PMID is 1 to 8 digits",
            id="malformed-pmid",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: pmcid:4608976",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: 'pmcid:4608976' is not a PMCID: "
            "a PMCID is 'PMC' and digits; did you mean 'pmcid:PMC4608976'?",
            id="malformed-pmcid",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: isbn:978-0-19-852663-7",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: 'isbn:978-0-19-852663-7' is not "
            "an ISBN: expected 10 or 13 digits with a valid check digit",
            id="isbn-with-wrong-check-digit",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: arxiv:2101.00001",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: unknown identifier scheme "
            "'arxiv' in 'arxiv:2101.00001': use one of doi, pmid, pmcid, isbn, url",
            id="unknown-scheme",
        ),
        pytest.param(
            "ref: doi:10.1111/j.1469-8986.1994.tb01049.x",
            "ref: url:www.example.org",
            "claims/claim.yaml:10:14: evidence.citations[0].ref: 'url:www.example.org' is not a "
            "URL: write url:https://host/path",
            id="url-without-scheme",
        ),
        pytest.param(
            "      - [lower, reduce]",
            "      - []",
            "claims/claim.yaml:19:9: match.required[1]: must not be empty",
            id="empty-term-group",
        ),
        pytest.param(
            "      - [lower, reduce]",
            "      - [lower, '...']",
            "claims/claim.yaml:19:17: match.required[1][1]: '...' is not a term: a term is a "
            "word or phrase on one line",
            id="term-without-letters",
        ),
    ],
)
def test_invalid_value_is_reported_at_its_position(
    claim_file: WriteClaim, old: str, new: str, expected: str
) -> None:
    assert old in VALID_CLAIM
    claim_file(VALID_CLAIM.replace(old, new, 1))
    assert problems() == [expected]


def test_every_problem_in_a_file_is_reported_not_only_the_first(claim_file: WriteClaim) -> None:
    text = (
        VALID_CLAIM.replace("certainty: very-low", "certainty: strong")
        .replace("verdict: unsupported", "verdict: dubious")
        .replace("status: draft", "status: done")
    )
    claim_file(text)
    assert [line.split(": ")[1] for line in problems()] == [
        "evidence.certainty",
        "evidence.verdict",
        "review.status",
    ]


def test_problems_of_several_files_are_sorted_by_file_and_line(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("verdict: unsupported", "verdict: dubious"), "b.yaml")
    claim_file("- just\n- a list\n", "a.yaml")
    claim_file(VALID_CLAIM.replace("crying.lowers", "crying.raises"), "c/ok.yaml")
    assert problems() == [
        "claims/a.yaml:1:1: a claim file must be a mapping of keys to values, not a list",
        "claims/b.yaml:7:14: evidence.verdict: 'dubious' is not one of: supported, mixed, "
        "unsupported, refuted",
    ]


def test_duplicate_id_names_both_files(claim_file: WriteClaim) -> None:
    claim_file(name="first.yaml")
    claim_file(name="topic/second.yml")
    assert problems() == [
        "claims/topic/second.yml:1:5: id: 'crying.lowers-blood-pressure' is already defined in "
        "claims/first.yaml:1:5"
    ]


def test_duplicate_key_in_a_mapping_is_reported(claim_file: WriteClaim) -> None:
    claim_file(
        VALID_CLAIM.replace(
            "    verdict: unsupported", "    verdict: unsupported\n    verdict: mixed"
        )
    )
    assert problems() == [
        "claims/claim.yaml:8:5: evidence.verdict: duplicate key (first at line 7); YAML would "
        "keep only the last value"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "id: crying.x\nstatement: [unclosed\ntopic: crying\n",
            "claims/claim.yaml:3:6: invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
            id="invalid-yaml",
        ),
        pytest.param(
            "id: crying.x\n\tstatement: tab\n",
            "claims/claim.yaml:2:1: invalid YAML: found a tab character that violates "
            "indentation (while scanning a plain scalar)",
            id="tab-indentation",
        ),
        pytest.param(
            "- id: crying.x\n",
            "claims/claim.yaml:1:1: a claim file must be a mapping of keys to values, not a list",
            id="list-not-mapping",
        ),
        pytest.param(
            "just a sentence\n",
            "claims/claim.yaml:1:1: a claim file must be a mapping of keys to values, not the "
            "value 'just a sentence'",
            id="scalar-not-mapping",
        ),
        pytest.param(
            "",
            "claims/claim.yaml:1:1: the file is empty; a claim file needs at least id, statement, "
            "topic, evidence, match and review",
            id="empty-file",
        ),
        pytest.param(
            "# only a comment\n\n",
            "claims/claim.yaml:1:1: the file is empty; a claim file needs at least id, statement, "
            "topic, evidence, match and review",
            id="comments-only",
        ),
        pytest.param(
            VALID_CLAIM + "---\nid: crying.second\n",
            "claims/claim.yaml:25:1: a claim file holds one YAML document; remove the second "
            "'---' section",
            id="two-documents",
        ),
        pytest.param(
            "id: !!python/object/apply:os.system ['echo owned']\n",
            "claims/claim.yaml:1:5: YAML tag !!python/object/apply:os.system is not allowed in "
            "claim files",
            id="python-tag",
        ),
        pytest.param(
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
            "claims/claim.yaml:2:8: YAML aliases (*name) are not allowed in claim files",
            id="alias",
        ),
        pytest.param(
            "id: " + "[" * 40 + "]" * 40 + "\n",
            "claims/claim.yaml:1:37: nesting is deeper than 32 levels",
            id="deep-nesting",
        ),
        pytest.param(
            "id: crying.x\nstatement: nul \x00 byte\n",
            "claims/claim.yaml:2:16: invalid YAML: control characters are not allowed",
            id="control-character",
        ),
        pytest.param(
            VALID_CLAIM + "2019: a year\n",
            "claims/claim.yaml:25:1: keys must be text, not int '2019'",
            id="number-as-key",
        ),
    ],
)
def test_malformed_file_is_reported_at_its_position(
    claim_file: WriteClaim, content: str, expected: str
) -> None:
    claim_file(content)
    assert problems() == [expected]


def test_non_utf8_file_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "latin1.yaml").write_bytes(
        "id: crying.x\nstatement: café\n".encode("latin-1")
    )
    assert problems() == [
        "claims/latin1.yaml:2:15: not valid UTF-8 (byte 0xE9); save the file as UTF-8"
    ]


def test_utf8_byte_order_mark_is_accepted(claim_file: WriteClaim) -> None:
    claim_file("\ufeff" + VALID_CLAIM)
    assert len(load_claims("claims")) == 1


def test_columns_count_characters_not_bytes(claim_file: WriteClaim) -> None:
    # The em dash is three bytes in UTF-8 but one character: the column must say 54, not 56.
    claim_file(VALID_CLAIM + 'examples: {match: ["Crying \u2014 lowers blood pressure", 42]}\n')
    assert problems() == [
        "claims/claim.yaml:25:54: examples.match[1]: expected text, got 42; quote it to keep it "
        "as text"
    ]


def test_alias_bomb_is_refused_quickly_and_in_little_memory(tmp_path: Path) -> None:
    # "Billion laughs": nine levels of nine-fold aliases would expand to 387 million items.
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    tracemalloc.start()
    started = time.process_time()
    found = problems()
    seconds = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert found == ["claims/bomb.yaml:2:10: YAML aliases (*name) are not allowed in claim files"]
    # Generous bounds that an expanding loader would miss by orders of magnitude.
    assert seconds < 5
    assert peak < 50_000_000


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    with (tmp_path / "claims" / "huge.yaml").open("wb") as huge:
        huge.truncate(50_000_000)
    assert problems() == [
        "claims/huge.yaml:1:1: the claim file is 50 MB; a claim file may be at most 1 MB"
    ]


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "dangling.yaml").symlink_to(tmp_path / "moved-away.yaml")
    assert problems() == [
        "claims/dangling.yaml:1:1: cannot read the claim file: No such file or directory"
    ]


def test_missing_registry_raises_not_found(tmp_path: Path) -> None:
    with pytest.raises(RegistryNotFoundError, match="no-such-dir: no such claims directory"):
        load_claims(tmp_path / "no-such-dir")


def test_hidden_files_and_other_extensions_are_not_claim_files(claim_file: WriteClaim) -> None:
    claim_file()
    claim_file("not: [valid", ".hidden.yaml")
    claim_file("not: [valid", ".git/config.yaml")
    claim_file("not: [valid", "README.md")
    assert load_claims("claims").ids == ("crying.lowers-blood-pressure",)


def test_a_single_claim_file_can_be_loaded(claim_file: WriteClaim) -> None:
    path = claim_file()
    assert load_claims(path).ids == ("crying.lowers-blood-pressure",)


# -- consistency checks: combinations the schema alone allows ---------------------------------


def test_supported_verdict_with_no_evidence_is_an_error(claim_file: WriteClaim) -> None:
    claim_file(
        VALID_CLAIM.replace("certainty: very-low", "certainty: none").replace(
            "verdict: unsupported", "verdict: supported"
        )
    )
    assert problems() == [
        "claims/claim.yaml:7:14: evidence.verdict: a 'supported' verdict needs evidence, but "
        "evidence.certainty is 'none'",
        "claims/claim.yaml:7:14: warning: evidence.verdict: 'supported' but no citation has "
        "stance 'supports' or 'mixed'",
    ]


def test_moderate_certainty_without_citations_is_an_error(claim_file: WriteClaim) -> None:
    text = VALID_CLAIM.replace("certainty: very-low", "certainty: moderate")
    start = text.index("    citations:")
    end = text.index("match:")
    claim_file(text[:start] + text[end:])
    assert problems() == [
        "claims/claim.yaml:6:16: evidence.certainty: 'moderate' certainty needs at least one "
        "citation"
    ]


def test_same_work_cited_twice_is_an_error(claim_file: WriteClaim) -> None:
    citation = VALID_CLAIM[VALID_CLAIM.index("      - ref:") : VALID_CLAIM.index("match:")]
    # The second spelling differs in case only: DOIs are case-insensitive.
    second = citation.replace("doi:10.1111/j.1469", "DOI:10.1111/J.1469")
    claim_file(VALID_CLAIM.replace(citation, citation + second))
    assert problems() == [
        "claims/claim.yaml:16:14: evidence.citations[1].ref: "
        "doi:10.1111/j.1469-8986.1994.tb01049.x is already cited at line 10"
    ]


def test_reviewed_claim_must_name_reviewer_and_date(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("status: draft", "status: reviewed"))
    assert problems() == [
        "claims/claim.yaml:23:13: review.status: a reviewed claim needs review.reviewed_on",
        "claims/claim.yaml:23:13: review.status: a reviewed claim needs review.reviewer",
    ]


def test_review_dates_must_be_in_order(claim_file: WriteClaim) -> None:
    claim_file(
        VALID_CLAIM.replace(
            "next_review: 2999-01-01", "reviewed_on: 2026-01-01\n    next_review: 2025-06-01"
        )
    )
    with pytest.raises(InvalidRegistryError) as caught:
        load_claims("claims", today=dt.date(2026, 11, 26))
    assert [str(problem) for problem in caught.value.problems] == [
        "claims/claim.yaml:25:18: review.next_review: 2025-06-01 is not after "
        "review.reviewed_on (2026-01-01)",
        "claims/claim.yaml:25:18: warning: review.next_review: review is overdue since "
        "2025-06-01; re-check the evidence and set a new date",
    ]


def test_review_dated_in_the_future_is_an_error(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("next_review: 2999-01-01", "reviewed_on: 2030-01-01"))
    with pytest.raises(InvalidRegistryError) as caught:
        load_claims("claims", today=dt.date(2026, 11, 26))
    assert [str(problem) for problem in caught.value.problems] == [
        "claims/claim.yaml:24:18: review.reviewed_on: 2030-01-01 is in the future"
    ]


def test_veto_term_that_is_also_required_is_an_error(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("    context:", "    veto: [Hypertension]\n    context:"))
    assert problems() == [
        "claims/claim.yaml:20:12: match.veto[0]: 'Hypertension' is also a required term, so the "
        "claim could never match"
    ]


def failing_examples(root: Path | str = "claims") -> list[str]:
    """The examples the registry's claims fail, as the CLI prints them."""
    return [str(example.problem) for example in load_claims(root).failing_examples]


def test_match_example_that_the_rules_miss_is_a_failing_example(claim_file: WriteClaim) -> None:
    examples = "examples:\n    match: [Crying brings down blood pressure.]\n"
    claim_file(VALID_CLAIM + examples)
    assert failing_examples() == [
        "claims/claim.yaml:26:13: examples.match[0]: 'Crying brings down blood pressure.' is "
        "not recognised as this claim: no term of match.required[1] (lower, reduce)"
    ]


def test_no_match_example_that_the_rules_catch_is_a_failing_example(
    claim_file: WriteClaim,
) -> None:
    examples = "examples:\n    no_match: ['Tears lower blood pressure in the eye.']\n"
    claim_file(VALID_CLAIM + examples)
    assert failing_examples() == [
        "claims/claim.yaml:26:16: examples.no_match[0]: 'Tears lower blood pressure in the eye.' "
        "is recognised as this claim; narrow match.required or add a match.veto term"
    ]


def test_a_failing_example_beside_an_invalid_file_is_listed_with_its_problems(
    claim_file: WriteClaim,
) -> None:
    claim_file(VALID_CLAIM + "examples:\n    match: [Crying brings down blood pressure.]\n")
    claim_file(VALID_CLAIM.replace("verdict: unsupported", "verdict: false"), name="bad.yaml")
    listed = problems()
    assert any("examples.match[0]" in problem for problem in listed)
    assert any("evidence.verdict" in problem for problem in listed)


def test_veto_term_cancels_a_match_in_examples(claim_file: WriteClaim) -> None:
    examples = "examples:\n    no_match: ['Tears lower blood pressure in the eye.']\n"
    claim_file(VALID_CLAIM.replace("    context:", "    veto: [eye]\n    context:") + examples)
    assert load_claims("claims").ids == ("crying.lowers-blood-pressure",)


def test_examples_are_matched_tolerant_of_inflection_and_case(claim_file: WriteClaim) -> None:
    examples = (
        "examples:\n    match:\n      - CRYING LOWERED HER BLOOD PRESSURE.\n"
        "      - Tears are reducing blood-pressure.\n"
    )
    claim_file(VALID_CLAIM + examples)
    assert load_claims("claims").ids == ("crying.lowers-blood-pressure",)


# -- warnings: the registry loads, the editor is told ------------------------------------------


def test_overdue_review_is_a_warning_not_an_error(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("next_review: 2999-01-01", "next_review: 2026-11-25"))
    registry = load_claims("claims", today=dt.date(2026, 11, 26))
    assert [str(warning) for warning in registry.warnings] == [
        "claims/claim.yaml:24:18: warning: review.next_review: review is overdue since "
        "2026-11-25; re-check the evidence and set a new date"
    ]
    assert registry.warnings[0].severity is Severity.WARNING


def test_review_due_today_is_not_overdue(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("next_review: 2999-01-01", "next_review: 2026-11-26"))
    assert load_claims("claims", today=dt.date(2026, 11, 26)).warnings == ()


def test_unverified_citation_without_note_is_a_warning(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("verified: true", "verified: false"))
    assert [str(warning) for warning in load_claims("claims").warnings] == [
        "claims/claim.yaml:10:9: warning: evidence.citations[0]: unverified citation without a "
        "note; say why it is unverified in note:, or check it and set verified: true"
    ]


def test_supported_verdict_without_supporting_citation_is_a_warning(claim_file: WriteClaim) -> None:
    claim_file(VALID_CLAIM.replace("verdict: unsupported", "verdict: supported"))
    assert [str(warning) for warning in load_claims("claims").warnings] == [
        "claims/claim.yaml:7:14: warning: evidence.verdict: 'supported' but no citation has "
        "stance 'supports' or 'mixed'"
    ]


def test_refuted_verdict_with_no_evidence_is_a_warning(claim_file: WriteClaim) -> None:
    claim_file(
        VALID_CLAIM.replace("certainty: very-low", "certainty: none").replace(
            "verdict: unsupported", "verdict: refuted"
        )
    )
    assert [str(warning) for warning in load_claims("claims").warnings] == [
        "claims/claim.yaml:7:14: warning: evidence.verdict: a 'refuted' verdict rests on "
        "evidence against the claim, but evidence.certainty is 'none'; with no evidence either "
        "way the verdict is 'unsupported'"
    ]
