"""Articles become sentences with exact source positions, through markup and encodings."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.reading.document import Document
from claimkit.reading.parsing import parse_document


def located(document: Document) -> list[tuple[str, int, int, int, int]]:
    return [
        (s.text, s.span.line, s.span.column, s.span.end_line, s.span.end_column)
        for s in document.sentences
    ]


def source_of(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The source text a span covers (columns count characters; CR is not a column)."""
    lines = source.replace("\r\n", "\n").split("\n")
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    parts = [
        lines[line - 1][column - 1 :],
        *lines[line : end_line - 1],
        lines[end_line - 1][: end_column - 1],
    ]
    return "\n".join(parts)


MARKDOWN = textwrap.dedent(
    """\
    ---
    title: Crying and your health
    tags: [tears]
    ---

    # Why we *cry*

    Crying lowers [blood pressure](https://doi.org/10.1037/emo0000633), some say. Dr. Frey
    disagrees, e.g. in 1985.[^frey] Tears `NaCl` are salty.

    - Tears flush toxins
    - Crying boosts immunity

    | Claim | Verdict |
    |---|---|
    | Tears remove toxins | unsupported |

    ```
    crying lowers blood pressure
    ```

    <div class="note">Crying &amp; stress relief.<script>crying()</script></div>

    > Quoted: crying helps [@pmid:31282699].

    [^frey]: Frey WH. PMID: 7294117.
    """
)


def test_markdown_sentences_keep_exact_positions_through_markup() -> None:
    document = parse_document(MARKDOWN, "markdown")
    assert located(document) == [
        ("Why we cry", 6, 3, 6, 14),
        ("Crying lowers blood pressure, some say.", 8, 1, 8, 78),
        ("Dr. Frey disagrees, e.g. in 1985.", 8, 79, 9, 25),
        ("Tears are salty.", 9, 33, 9, 56),
        ("Tears flush toxins", 11, 3, 11, 21),
        ("Crying boosts immunity", 12, 3, 12, 25),
        ("Claim", 14, 3, 14, 8),
        ("Verdict", 14, 11, 14, 18),
        ("Tears remove toxins", 16, 3, 16, 22),
        ("unsupported", 16, 25, 16, 36),
        ("Crying & stress relief.", 22, 19, 22, 46),
        ("Quoted: crying helps.", 24, 3, 24, 41),
    ]


def test_markdown_spans_cover_the_sentence_in_the_source() -> None:
    document = parse_document(MARKDOWN, "markdown")
    assert [source_of(MARKDOWN, *rest) for _, *rest in located(document)] == [
        "Why we *cry",
        "Crying lowers [blood pressure](https://doi.org/10.1037/emo0000633), some say.",
        "Dr. Frey\ndisagrees, e.g. in 1985.",
        "Tears `NaCl` are salty.",
        "Tears flush toxins",
        "Crying boosts immunity",
        "Claim",
        "Verdict",
        "Tears remove toxins",
        "unsupported",
        "Crying &amp; stress relief.",
        "Quoted: crying helps [@pmid:31282699].",
    ]


def test_markdown_title_comes_from_front_matter_then_first_h1() -> None:
    assert parse_document(MARKDOWN, "markdown").title == "Crying and your health"
    assert (
        parse_document("Intro.\n\n# The *real* title\n\n# Second\n", "markdown").title
        == "The real title"
    )
    assert parse_document("No heading here.\n", "markdown").title is None


def test_markdown_front_matter_is_data_not_prose() -> None:
    document = parse_document(MARKDOWN, "markdown")
    assert document.front_matter == {"title": "Crying and your health", "tags": ["tears"]}
    assert not any("title:" in sentence.text for sentence in document.sentences)


def test_markdown_citations_from_links_keys_and_footnotes() -> None:
    document = parse_document(MARKDOWN, "markdown")
    cited = {s.text: [str(c) for c in s.citations] for s in document.sentences if s.citations}
    assert cited == {
        "Crying lowers blood pressure, some say.": ["doi:10.1037/emo0000633"],
        "Dr. Frey disagrees, e.g. in 1985.": ["pmid:7294117"],
        "Quoted: crying helps.": ["pmid:31282699"],
    }


def test_markdown_headings_are_their_own_sentences_and_give_context() -> None:
    document = parse_document("# Crying\n\n## Physical benefits\n\nIt helps.\n", "markdown")
    sentence = document.sentences[-1]
    assert sentence.headings == ("Crying", "Physical benefits")
    assert sentence.heading == "Physical benefits"
    assert [s.is_heading for s in document.sentences] == [True, True, False]


def test_crlf_line_endings_give_the_same_lines_and_columns() -> None:
    crlf = MARKDOWN.replace("\n", "\r\n")
    assert located(parse_document(crlf, "markdown")) == located(
        parse_document(MARKDOWN, "markdown")
    )


def test_columns_count_characters_not_bytes() -> None:
    source = "Les larmes “émotionnelles” – selon Frey – éliminent les toxines. Crying helps.\n"
    document = parse_document(source, "markdown")
    assert located(document)[1] == ("Crying helps.", 1, 66, 1, 79)
    assert source_of(source, *located(document)[1][1:]) == "Crying helps."


def test_entities_and_escapes_map_to_their_whole_source() -> None:
    source = "Crying \\*really\\* helps &amp; heals.\n"
    (sentence,) = parse_document(source, "markdown").sentences
    assert sentence.text == "Crying *really* helps & heals."
    assert (sentence.span.column, sentence.span.end_column) == (1, 37)


def test_html_comments_code_and_autolinks_are_not_prose() -> None:
    source = "Crying <!-- not prose --> helps `code()` see <https://example.org/x>.\n"
    (sentence,) = parse_document(source, "markdown").sentences
    assert sentence.text == "Crying helps see."


HTML = textwrap.dedent(
    """\
    <!DOCTYPE html>
    <html><head><title>Tears &amp; health</title>
    <style>p { color: red }</style><script>var crying = 1;</script></head>
    <body>
    <h1>Why we cry</h1>
    <p>Crying <em>lowers</em> blood pressure&nbsp;&mdash; allegedly. <a href="https://pubmed.ncbi.nlm.nih.gov/31282699/">One study</a> disagrees.</p>
    <ul><li>Tears flush toxins</li><li>Crying heals</li></ul>
    <p>A photo: <img src="x.png" alt="A crying child"> shown.</p>
    <pre>crying lowers blood pressure</pre>
    <!-- crying lowers blood pressure -->
    </body></html>
    """
)


def test_html_sentences_keep_exact_positions() -> None:
    document = parse_document(HTML, "html")
    assert document.title == "Tears & health"
    assert located(document) == [
        ("Why we cry", 5, 5, 5, 15),
        ("Crying lowers blood pressure — allegedly.", 6, 4, 6, 65),
        ("One study disagrees.", 6, 118, 6, 142),
        ("Tears flush toxins", 7, 9, 7, 27),
        ("Crying heals", 7, 36, 7, 48),
        ("A photo: A crying child shown.", 8, 4, 8, 58),
    ]
    assert [source_of(HTML, *rest) for _, *rest in located(document)][1:3] == [
        "Crying <em>lowers</em> blood pressure&nbsp;&mdash; allegedly.",
        "One study</a> disagrees.",
    ]
    assert [str(c) for c in document.sentences[2].citations] == ["pmid:31282699"]


def test_html_without_title_uses_first_h1() -> None:
    assert parse_document("<h1>First</h1><p>Text.</p><h1>Second</h1>", "html").title == "First"


def test_html_unclosed_and_nested_markup_is_read_without_error() -> None:
    source = "<div>" * 5000 + "<p>Crying <b>helps <i>a lot." + "</div>" * 10
    (sentence,) = parse_document(source, "html").sentences
    assert sentence.text == "Crying helps a lot."


SEED_LIKE = (
    "Crying is natural. It can help, e.g. after a loss.\n"
    "Physical Health Benefits\n"
    "Lower Blood Pressure: Crying can help reduce blood pressure levels, which is beneficial "
    "for overall cardiovascular health.\n"
    "Detoxification: Tears help eliminate toxins from the body.\n"
    "- a list item without a full stop\n"
    "Comments\n"
)


def test_plain_text_lines_headings_and_lists() -> None:
    document = parse_document(SEED_LIKE, "text")
    assert [(s.text, s.span.line, s.span.column, s.is_heading) for s in document.sentences] == [
        ("Crying is natural.", 1, 1, False),
        ("It can help, e.g. after a loss.", 1, 20, False),
        ("Physical Health Benefits", 2, 1, True),
        (
            "Lower Blood Pressure: Crying can help reduce blood pressure levels, which is "
            "beneficial for overall cardiovascular health.",
            3,
            1,
            False,
        ),
        ("Detoxification: Tears help eliminate toxins from the body.", 4, 1, False),
        ("a list item without a full stop", 5, 3, False),
        ("Comments", 6, 1, False),
    ]
    assert document.sentences[3].headings == ("Physical Health Benefits",)


def test_plain_text_hard_wrapped_paragraph_is_one_paragraph() -> None:
    source = "Crying lowers blood\npressure, some say. Others\ndisagree.\n\nNext paragraph here.\n"
    document = parse_document(source, "text")
    assert located(document) == [
        ("Crying lowers blood pressure, some say.", 1, 1, 2, 20),
        ("Others disagree.", 2, 21, 3, 10),
        ("Next paragraph here.", 5, 1, 5, 21),
    ]
    assert [s.paragraph for s in document.sentences] == [0, 0, 1]


def test_plain_text_identifiers_are_citations() -> None:
    (sentence,) = parse_document("Crying helps (doi:10.1037/emo0000633).\n", "text").sentences
    assert [str(c) for c in sentence.citations] == ["doi:10.1037/emo0000633"]


@pytest.mark.parametrize("input_format", ["markdown", "html", "text"])
@pytest.mark.parametrize("source", ["", "\n\n", "   ", "\ufeff", "<", "---\n---\n", "*", "|"])
def test_empty_or_trivial_input_gives_an_empty_document(source: str, input_format: str) -> None:
    document = parse_document(source, input_format)
    assert all(sentence.text for sentence in document.sentences)


# Words and markup that articles mix; any arrangement must keep every span pointing at its
# sentence's own words.
FRAGMENTS = [
    "Crying",
    "lowers",
    "blood",
    "pressure.",
    "Tears",
    "help?",
    "naïve",
    "“quoted”",
    "e.g.",
    "*emphasis*",
    "**strong**",
    "[link](https://example.org)",
    "`code`",
    "<b>bold</b>",
    "&amp;",
    "Dr.",
    "\n",
    "\r\n",
    "\n\n",
    "\n- ",
    "\n# ",
    "\n> ",
    "1.5",
    "—",
    "[^1]",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40),
    st.sampled_from(["markdown", "html", "text"]),
)
def test_every_span_starts_and_ends_on_its_sentence_words(
    fragments: list[str], input_format: str
) -> None:
    source = " ".join(fragments)
    document = parse_document(source, input_format)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for sentence in document.sentences:
        span = sentence.span
        assert (span.line, span.column) <= (span.end_line, span.end_column)
        first_char = lines[span.line - 1][span.column - 1]
        last_char = lines[span.end_line - 1][span.end_column - 2]
        assert not first_char.isspace()
        assert not last_char.isspace()
        first_word = sentence.text.split()[0]
        if first_word[0].isalnum():
            assert lines[span.line - 1][span.column - 1 :].startswith(first_word[0])


def test_a_long_article_gives_back_every_sentence_in_order_with_its_line() -> None:
    """More sentences than one block of the sentence store holds (4,096), so that they are
    read back across its long strings."""
    paragraphs = [
        f"Paragraph {n} says something long enough to be kept. It adds a second one too."
        for n in range(5_000)
    ]
    document = parse_document("\n\n".join(paragraphs), "markdown")
    expected = [sentence for paragraph in paragraphs for sentence in paragraph.split(". ")]
    expected = [text if text.endswith(".") else f"{text}." for text in expected]
    assert [s.text for s in document.sentences] == expected
    assert [s.span.line for s in document.sentences[-2:]] == [9_999, 9_999]
    assert [s.index for s in document.sentences] == list(range(len(expected)))
