"""Citation identifiers: syntax checks and normalisation, so one work has one spelling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimkit.core.identifiers import IdentifierError, Scheme, parse_identifier


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
