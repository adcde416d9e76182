"""Citation identifiers: syntax checks and normalisation, so one work has one spelling."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimkit.core.identifiers import (
    MAX_DOI_LENGTH,
    MAX_URL_LENGTH,
    IdentifierError,
    Scheme,
    find_identifiers,
    parse_identifier,
)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("doi:10.1037/emo0000633", "doi:10.1037/emo0000633"),
        ("DOI:10.1111/J.1469-8986.1994.TB01049.X", "doi:10.1111/j.1469-8986.1994.tb01049.x"),
        ("doi:https://doi.org/10.1037/EMO0000633", "doi:10.1037/emo0000633"),
        ("doi: http://dx.doi.org/10.1037/emo0000633 ", "doi:10.1037/emo0000633"),
        ("doi:10.1016/0002-9394(81)90651-6", "doi:10.1016/0002-9394(81)90651-6"),
        ("pmid:26500382", "pmid:26500382"),
        ("pmcid:pmc4608976", "pmcid:PMC4608976"),
        ("isbn:0-19-852663-6", "isbn:9780198526636"),
        ("isbn:978-0-19-852663-6", "isbn:9780198526636"),
        ("isbn:080442957X", "isbn:9780804429573"),
        ("url:https://example.org/a?b=c", "url:https://example.org/a?b=c"),
    ],
)
def test_identifier_is_normalised(written: str, normalised: str) -> None:
    assert str(parse_identifier(written)) == normalised


@pytest.mark.parametrize(
    ("ref", "url"),
    [
        ("doi:10.1037/emo0000633", "https://doi.org/10.1037/emo0000633"),
        # URL syntax in a DOI is percent-encoded, and a dot segment would be dropped by URL
        # parsers (leading to another DOI) unless its slashes are encoded too.
        ("doi:10.1234/q?x=1#f%20+y", "https://doi.org/10.1234/q%3Fx%3D1%23f%2520%2By"),
        ("doi:10.1234/a/../b", "https://doi.org/10.1234%2Fa%2F..%2Fb"),
        ("doi:10.1234/./b", "https://doi.org/10.1234%2F.%2Fb"),
        ("pmid:26500382", "https://pubmed.ncbi.nlm.nih.gov/26500382/"),
        ("pmcid:PMC4608976", "https://pmc.ncbi.nlm.nih.gov/articles/PMC4608976/"),
        ("url:https://example.org/page", "https://example.org/page"),
        ("isbn:9780198526636", None),
    ],
)
def test_identifier_links_to_where_a_reader_looks_it_up(ref: str, url: str | None) -> None:
    assert parse_identifier(ref).url == url


@pytest.mark.parametrize(
    "text",
    [
        "doi:",
        "doi:10.12/x",
        "doi:10.1037/",
        "doi:10.1037/a b",
        "pmid:0123",
        "pmid:12a",
        "pmcid:PMC",
        "isbn:123",
        "isbn:0198526637",
        "url:ftp://example.org",
        "url:https://",
        "url:http://[::1/",
        "pmcid:PMC1234567890",
        "",
        ":",
        "pmid",
    ],
)
def test_malformed_identifier_is_refused(text: str) -> None:
    with pytest.raises(IdentifierError):
        parse_identifier(text)


@given(st.text())
def test_any_text_either_parses_or_raises_identifier_error(text: str) -> None:
    try:
        identifier = parse_identifier(text)
    except IdentifierError:
        return
    assert isinstance(identifier.scheme, Scheme)


dois = st.builds(
    lambda prefix, suffix: f"10.{prefix}/{suffix}",
    st.integers(min_value=1000, max_value=999_999_999),
    st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=30),
)


@given(dois)
def test_doi_normalisation_is_idempotent_and_case_blind(doi: str) -> None:
    once = parse_identifier(f"doi:{doi}")
    assert parse_identifier(str(once)) == once
    assert parse_identifier(f"DOI:{doi.upper()}") == once
    assert parse_identifier(f"doi:https://doi.org/{doi}") == once


@pytest.mark.parametrize(
    "text",
    [
        "doi:10.1234/" + "a" * (MAX_DOI_LENGTH - 7),
        "doi:https://doi.org/10.1234/" + "a" * 70_000,
        "url:https://example.org/" + "a" * (MAX_URL_LENGTH - 19),
        "pmid:" + "1" * 70_000,
    ],
    ids=["doi-one-too-long", "doi-70000", "url-one-too-long", "pmid-70000"],
)
def test_an_over_long_identifier_is_refused_with_a_short_message(text: str) -> None:
    with pytest.raises(IdentifierError, match="characters long") as refused:
        parse_identifier(text)
    assert len(str(refused.value)) < 200


@pytest.mark.parametrize(
    "text",
    [
        "doi:10.1234/" + "a" * (MAX_DOI_LENGTH - 8),
        "url:https://example.org/" + "a" * (MAX_URL_LENGTH - 20),
        "pmcid:PMC123456789",
    ],
    ids=["doi", "url", "pmcid"],
)
def test_an_identifier_as_long_as_the_limit_is_accepted(text: str) -> None:
    assert str(parse_identifier(text)) == text


def test_found_identifiers_skip_an_over_long_doi_and_keep_the_others() -> None:
    text = f"As shown (doi:10.1234/{'a' * 70_000}), and doi:10.1037/emo0000633, PMID: 31282699."
    found = [str(identifier) for identifier, _, _ in find_identifiers(text)]
    assert found == ["doi:10.1037/emo0000633", "pmid:31282699"]


def test_a_long_run_of_punctuation_after_a_doi_is_trimmed_in_linear_time() -> None:
    # Trimming one character at a time and counting parentheses again each time took seconds.
    text = "See doi:10.1037/emo0000633" + ")" * 100_000
    started = time.perf_counter()
    [(identifier, _, end)] = find_identifiers(text)
    assert time.perf_counter() - started < 1.0
    assert (str(identifier), end) == ("doi:10.1037/emo0000633", len("See doi:10.1037/emo0000633"))


@pytest.mark.parametrize(
    "text", ["doi:10.1234/a\x1b]0;title\x07", "doi:10.1234/ab\u202ecd", "pmid:12\u200b3"]
)
def test_an_identifier_holding_a_control_character_is_refused(text: str) -> None:
    # Terminal escapes or hidden letters smuggled into a citation never reach an output.
    with pytest.raises(IdentifierError, match="holds the control character"):
        parse_identifier(text)
