"""The review page's structure: marks, details, summary, and what it does with hostile input."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from claimkit import load_claims
from claimkit.linting import Linter
from claimkit.registry import ClaimSet, bundled_claims_path
from claimkit.report import ArticleReview, render_report, review_text

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def claims() -> ClaimSet:
    return load_claims(bundled_claims_path())


def review(text: str, claims: ClaimSet, input_format: str = "markdown") -> ArticleReview:
    return review_text(text, Linter(claims), input_format=input_format, path="post")


def page_of(reviews: list[ArticleReview], claims: ClaimSet) -> BeautifulSoup:
    return BeautifulSoup(render_report(reviews, claims), "html.parser")


def text_of(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def said_of(page: BeautifulSoup, mark: Tag) -> list[Tag]:
    """What the findings about a marked sentence say: the entries its mark refers to, each
    kept once in the page."""
    entries = [page.find(id=f"a1-f{number}") for number in str(mark.get("data-f", "")).split()]
    assert all(isinstance(entry, Tag) for entry in entries)
    return entries  # type: ignore[return-value]


def panel_of(page: BeautifulSoup) -> tuple[str, Tag]:
    """What the panel puts together for the first marked sentence: what its findings say, and
    the evidence of the one claim it makes (kept once per claim in the page)."""
    mark = page.select_one("mark.ck-mark[id]")
    assert mark is not None
    (made,) = str(mark["data-c"]).split("|")
    claim_id = made.split(" ")[0]
    evidence = page.find(id=f"a1-claim-{claim_id.replace('.', '--')}")
    assert isinstance(evidence, Tag)
    return " ".join(text_of(entry) for entry in said_of(page, mark)), evidence


# -- the example article ---------------------------------------------------------------------


def test_every_sentence_that_makes_a_claim_is_highlighted_once(claims: ClaimSet) -> None:
    reviewed = review((EXAMPLES / "crying-benefits.md").read_text(), claims)
    page = page_of([reviewed], claims)
    anchors = [mark["id"] for mark in page.select("mark.ck-mark[id]")]
    marked_sentences = {o.sentence.index for o in reviewed.occurrences}
    assert len(anchors) == len(set(anchors))
    # Each sentence that makes a claim has one highlight whose text is that sentence.
    for occurrence in reviewed.occurrences:
        found = [
            anchor
            for anchor in anchors
            if " ".join(text_of(m) for m in page.find_all("mark", attrs={"data-unit": anchor}))
            == " ".join(occurrence.sentence.text.split())
        ]
        assert len(found) == 1, occurrence.sentence.text
    assert len(anchors) >= len(marked_sentences)


def test_a_highlight_is_coloured_and_labelled_by_its_worst_finding(claims: ClaimSet) -> None:
    page = page_of([review("Crying lowers blood pressure.\n", claims)], claims)
    mark = page.select_one("mark.ck-mark[id]")
    assert mark is not None
    assert "ck-error" in mark["class"]
    # the meaning on hover; a screen reader reads the sentence, then the legend entry
    assert str(mark["title"]).startswith("Error: unsupported-claim")
    assert not mark.has_attr("aria-label")
    legend = page.find(id=str(mark["aria-describedby"]))
    assert isinstance(legend, Tag)
    assert text_of(legend).startswith("✖ Error")
    assert mark["tabindex"] == "0"


def test_a_sentence_with_no_finding_says_its_claims_verdict_not_supported(
    claims: ClaimSet,
) -> None:
    text = "Crying can draw support from others [@doi:10.1016/j.jesp.2021.104137].\n"
    page = page_of([review(text, claims)], claims)
    mark = page.select_one("mark.ck-mark[id]")
    assert mark is not None
    evidence = claims["crying.elicits-social-support"].evidence
    assert f"evidence {evidence.verdict}" in str(mark["title"])
    assert "no finding" in str(mark["title"])


def test_the_page_has_one_h1_and_a_main_landmark(claims: ClaimSet) -> None:
    reviews = [
        review((EXAMPLES / name).read_text(), claims)
        for name in ("crying-benefits.md", "crying-benefits-revised.md")
    ]
    for shown in (reviews[:1], reviews):
        page = page_of(shown, claims)
        assert len(page.find_all("h1")) == 1
        assert page.find("main") is not None


def test_the_panel_details_carry_the_claims_evidence_and_approved_wording(
    claims: ClaimSet,
) -> None:
    claim = claims["crying.lowers-blood-pressure"]
    page = page_of([review("Crying lowers blood pressure.\n", claims)], claims)
    said, evidence = panel_of(page)
    shown = said + " " + text_of(evidence)
    assert claim.statement in shown
    assert f"Verdict {claim.evidence.verdict}" in shown
    assert " ".join(claim.evidence.summary.split()) in shown
    assert "CK101 unsupported-claim" in shown
    copies = [button["data-copy"] for button in evidence.select("button.ck-copy")]
    assert copies == list(claim.wording.approved)
    links = {a["href"] for a in evidence.select(".ck-citations a")}
    dois = {c.ref for c in claim.evidence.citations if c.ref.startswith("doi:")}
    assert {f"https://doi.org/{doi.removeprefix('doi:')}" for doi in dois} <= links
    assert "not verified" in shown  # no lock file given


def test_each_claims_evidence_is_in_the_page_once_however_often_it_is_made(
    claims: ClaimSet,
) -> None:
    text = "Crying lowers blood pressure.\n\n" * 50
    page = page_of([review(text, claims)], claims)
    summary = " ".join(claims["crying.lowers-blood-pressure"].evidence.summary.split())
    marks = page.select("mark.ck-mark[id]")
    assert len(marks) == 50
    assert {str(mark["data-c"]) for mark in marks} == {"crying.lowers-blood-pressure asserted"}
    assert text_of(page.body or page).count(summary) == 1
    # and what its findings say is in the page once, too
    message = text_of(said_of(page, marks[0])[0])
    assert {tuple(str(m["data-f"]).split()) for m in marks} == {
        tuple(str(marks[0]["data-f"]).split())
    }
    assert text_of(page.body or page).count(message) == 1


def test_the_approved_wording_is_shown_once_per_panel_not_in_every_finding(
    claims: ClaimSet,
) -> None:
    claim = claims["crying.lowers-blood-pressure"]
    said, evidence = panel_of(page_of([review("Crying lowers blood pressure.\n", claims)], claims))
    panel = said + " " + text_of(evidence)
    for wording in claim.wording.approved:
        assert panel.count(" ".join(wording.split())) == 1
    # a suggestion that is not the approved wording is kept
    uncited = page_of([review("Tears draw empathy from others.\n", claims)], claims)
    said, _ = panel_of(uncited)
    assert "Cite a source" in said


def test_a_sentence_without_findings_is_marked_as_supported(claims: ClaimSet) -> None:
    text = (
        "Crying in front of others can draw support from them [@doi:10.1016/j.jesp.2021.104137].\n"
    )
    reviewed = review(text, claims)
    assert reviewed.occurrences
    assert not reviewed.findings
    mark = page_of([reviewed], claims).select_one("mark.ck-mark[id]")
    assert mark is not None
    assert "ck-supported" in mark["class"]


def test_a_sentence_across_emphasis_and_lines_is_marked_in_pieces_of_one_unit(
    claims: ClaimSet,
) -> None:
    page = page_of([review("Crying *really* lowers\nblood pressure.\n", claims)], claims)
    pieces = page.find_all("mark", attrs={"data-unit": "a1-u1"})
    assert [text_of(piece) for piece in pieces] == ["Crying", "really", "lowers blood pressure."]
    assert [piece.get("id") for piece in pieces] == ["a1-u1", None, None]
    assert page.select_one("em mark") is pieces[1]


def test_findings_list_links_each_finding_to_its_highlight(claims: ClaimSet) -> None:
    reviewed = review((EXAMPLES / "crying-benefits.md").read_text(), claims)
    page = page_of([reviewed], claims)
    items = page.select(".ck-findings li")
    # one entry per sentence, worst first, with the sentence
    sentences = {(f.line, f.column) for f in reviewed.findings}
    assert len(items) == len(sentences) < len(reviewed.findings)
    order = ["error", "warning", "info"]
    severities = [next(c for c in item["class"] if c[3:] in order)[3:] for item in items]
    assert severities == sorted(severities, key=order.index)
    assert "Crying reduces blood pressure" in text_of(page.select_one(".ck-findings") or page)
    for item in items:
        link = item.select_one("a.ck-goto")
        assert link is not None
        assert page.find(id=str(link["href"]).removeprefix("#")) is not None
        # each rule leads to what its finding says (what the reader without the script sees)
        for rule in item.select(".ck-finding-rules a"):
            said = page.find(id=str(rule["href"]).removeprefix("#"))
            assert isinstance(said, Tag)
            assert text_of(said).split()[1] == text_of(rule)


def test_summary_counts_findings_and_shows_the_evidence_behind_the_claims(
    claims: ClaimSet,
) -> None:
    text = "Crying lowers blood pressure. Tears flush toxins out of the body.\n"
    reviewed = review(text, claims)
    page = page_of([reviewed], claims)
    errors = sum(1 for f in reviewed.findings if f.severity == "error")
    assert f"{errors} errors" in text_of(page.select_one(".ck-summary-counts"))  # type: ignore[arg-type]
    legend = text_of(page.select_one(".ck-legend"))  # type: ignore[arg-type]
    certainties = [claims[o.claim].evidence.certainty for o in reviewed.occurrences]
    for certainty in set(certainties):
        name = "no evidence" if certainty == "none" else certainty.replace("-", " ")
        share = certainties.count(certainty) / len(certainties)
        assert f"{name}: {certainties.count(certainty)} ({share:.0%})" in legend
    rows = page.select(".ck-table tbody tr")
    assert {text_of(row.td).split()[-1] for row in rows} == {o.claim for o in reviewed.occurrences}  # type: ignore[union-attr]


def test_an_article_that_debunks_a_myth_has_no_findings_to_list(claims: ClaimSet) -> None:
    reviewed = review((EXAMPLES / "tears-myths-debunked.md").read_text(), claims)
    page = page_of([reviewed], claims)
    assert reviewed.occurrences
    assert text_of(page.select_one(".ck-findings")) == "Findings No findings."  # type: ignore[arg-type]
    assert not page.select(".ck-article mark.ck-error, .ck-article mark.ck-warning")


def test_several_articles_get_an_index_with_a_row_each(claims: ClaimSet) -> None:
    reviews = [
        review((EXAMPLES / name).read_text(), claims)
        for name in ("crying-benefits.md", "crying-benefits-revised.md")
    ]
    page = page_of(reviews, claims)
    rows = page.select(".ck-index tbody tr")
    assert [row.a["href"] for row in rows] == ["#a1", "#a2"]  # type: ignore[index]
    assert [section["id"] for section in page.select("section.ck-review")] == ["a1", "a2"]
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


# -- other formats ---------------------------------------------------------------------------


def test_an_html_article_is_shown_from_its_body_with_marks(claims: ClaimSet) -> None:
    text = (
        "<!doctype html><html><head><title>Tears</title><style>p{}</style></head>"
        "<body><h1>Tears</h1><p>Crying <b>lowers</b> blood pressure.</p></body></html>"
    )
    page = page_of([review(text, claims, "html")], claims)
    article = page.select_one(".ck-article")
    assert article is not None
    assert [text_of(m) for m in article.find_all("mark")] == ["Crying", "lowers", "blood pressure."]
    assert article.find("title") is None
    assert article.find("style") is None


def test_a_plain_text_article_keeps_its_paragraphs(claims: ClaimSet) -> None:
    text = "Why cry\n\nCrying lowers blood pressure.\nIt is < 5 minutes & free.\n"
    page = page_of([review(text, claims, "text")], claims)
    paragraphs = page.select(".ck-article p")
    assert [text_of(p) for p in paragraphs] == [
        "Why cry",
        "Crying lowers blood pressure. It is < 5 minutes & free.",
    ]
    assert paragraphs[1].find("br") is not None


# -- hostile articles ------------------------------------------------------------------------

HOSTILE = """\
# Tears <script>alert(1)</script>

Crying lowers blood pressure <img src=x onerror="alert(2)">.
[click](javascript:alert(3)) <a href="javascript:alert(4)">me</a>
<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=q></form>

<div onclick="alert(5)" style="position:fixed">Tears flush toxins.</div>
<mark id="a1-u9" class="ck-mark ck-supported">Not a real highlight</mark>
<style>body{display:none}</style><link rel=stylesheet href="https://evil.example/x.css">

![tears](https://tracker.example/pixel.png)
\ue000999\ue001 markers typed into the article \ue002
"""


@pytest.fixture(scope="module")
def hostile(claims: ClaimSet) -> BeautifulSoup:
    return page_of([review(HOSTILE, claims)], claims)


def test_a_hostile_article_keeps_no_script_or_handler(hostile: BeautifulSoup) -> None:
    article = hostile.select_one(".ck-article")
    assert article is not None
    assert article.find_all(["script", "style", "iframe", "form", "link", "object"]) == []
    assert [(i["type"], i.get("disabled")) for i in article.find_all("input")] == [("checkbox", "")]
    for element in article.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on") or name == "style"]
    assert "alert(1)" not in article.get_text()


def test_a_hostile_article_keeps_no_javascript_url_and_loads_no_image(
    hostile: BeautifulSoup,
) -> None:
    article = hostile.select_one(".ck-article")
    assert article is not None
    assert [a.get("href") for a in article.find_all("a")] == [None, None]
    assert [img.get("src") for img in article.find_all("img")] == [None, None]
    assert [img.get("alt") for img in article.find_all("img") if img.get("alt")] == ["tears"]


def test_a_hostile_article_cannot_forge_a_highlight(hostile: BeautifulSoup) -> None:
    forged = [m for m in hostile.find_all("mark") if "Not a real highlight" in m.get_text()]
    assert forged == []
    assert "\ue000" not in str(hostile)
    assert "\ue002" not in str(hostile)
    anchors = [m["id"] for m in hostile.select("mark[id]")]
    assert anchors == [f"a1-u{n}" for n in range(1, len(anchors) + 1)]
    assert all(str(m["data-where"]).startswith("Line ") for m in hostile.select("mark[id]"))


def test_only_the_pages_own_script_may_run_and_nothing_may_load(hostile: BeautifulSoup) -> None:
    policy = hostile.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in str(policy["content"]).split(";"))
    scripts = hostile.find_all("script")
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].string.encode()).digest()).decode()  # type: ignore[union-attr]
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"


def test_hidden_characters_are_written_out_in_the_article(claims: ClaimSet) -> None:
    reviewed = review(
        "Tears are \u202esnixot\u202c free. Cry\u200bing low\u200bers stress.\n", claims
    )
    element = page_of([reviewed], claims).select_one("article")
    assert isinstance(element, Tag)
    article = text_of(element)
    assert "\u202e" not in article
    assert "\u200b" not in article
    assert "Tears are ⟨U+202E⟩snixot⟨U+202C⟩ free." in article
    assert "Cry⟨U+200B⟩ing low⟨U+200B⟩ers stress." in article
