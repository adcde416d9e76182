"""Word documents: what lint, scan, trace and report read from a .docx, and where they say it is.

The documents are written here as the XML Word saves (a zip of parts), so that each test says
exactly what the file holds: styles, numbering, tracked changes, hyperlinks, footnotes.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimkit import Stance, load_claims, scan_paths
from claimkit.cli import cli

REPOSITORY = Path(__file__).parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
_PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rStyles" Type="{R}/styles" Target="styles.xml"/>
<Relationship Id="rNotes" Type="{R}/footnotes" Target="footnotes.xml"/>
<Relationship Id="rDoi" Type="{R}/hyperlink" TargetMode="External"
 Target="https://doi.org/10.1016/j.jesp.2021.104137"/>
</Relationships>"""
# Each part has its own relationships: a link in a footnote is the footnotes part's.
_FOOTNOTE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rPubmed" Type="{R}/hyperlink" TargetMode="External"
 Target="https://pubmed.ncbi.nlm.nih.gov/26500382/"/>
</Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>
</w:styles>"""


def _p(text: str, style: str | None = None) -> str:
    styled = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{styled}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def write_docx(path: Path, body: str, footnotes: str = "") -> Path:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    )
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}" '
        f'xmlns:r="{R}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        f"</w:r></w:p></w:footnote>{footnotes}</w:footnotes>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _PACKAGE_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        package.writestr("word/styles.xml", _STYLES)
        package.writestr("word/footnotes.xml", notes)
        package.writestr("word/_rels/footnotes.xml.rels", _FOOTNOTE_RELS)
    return path


ARTICLE = (
    _p("Why a good cry is good for you", "Title")
    + _p("Crying is common.")
    # 3: a tracked insertion is read, a tracked deletion is not
    + '<w:p><w:r><w:t xml:space="preserve">Crying </w:t></w:r><w:del w:id="1" w:author="Ed">'
    '<w:r><w:delText>never </w:delText></w:r></w:del><w:ins w:id="2" w:author="Ed"><w:r>'
    '<w:t xml:space="preserve">really </w:t></w:r></w:ins><w:r>'
    "<w:t>lowers blood pressure.</w:t></w:r></w:p>"
    + _p("Benefits", "Heading2")
    # 5, 6: a bulleted list under a heading
    + _p("Tears flush toxins out of the body.", "ListBullet")
    + _p("Tears draw empathy from others.", "ListBullet")
    # 7: a link to a DOI cites it
    + '<w:p><w:r><w:t xml:space="preserve">Crying elicits support from others </w:t></w:r>'
    '<w:hyperlink r:id="rDoi"><w:r><w:t>(Zickfeld 2021)</w:t></w:r></w:hyperlink>'
    "<w:r><w:t>.</w:t></w:r></w:p>"
    # 8, 9: a table's cells are paragraphs of their own
    + "<w:tbl><w:tr><w:tc>"
    + _p("Claim")
    + "</w:tc><w:tc>"
    + _p("Crying boosts your immune system.")
    + "</w:tc></w:tr></w:tbl>"
    # 10: a footnote reference; the footnote (11) links to PubMed
    + '<w:p><w:r><w:t xml:space="preserve">Crying improves your mood.</w:t></w:r><w:r>'
    '<w:footnoteReference w:id="1"/></w:r></w:p>'
)
FOOTNOTES = (
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
    '<w:hyperlink r:id="rPubmed"><w:r><w:t>Gračanin 2015</w:t></w:r></w:hyperlink>'
    "<w:r><w:t>.</w:t></w:r></w:p></w:footnote>"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="claimkit")


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_docx(tmp_path / "post.docx", ARTICLE, FOOTNOTES)


def test_a_word_document_is_read_paragraph_by_paragraph(article: Path) -> None:
    found = scan_paths([article], load_claims(REPOSITORY / "claims"))
    assert found.errors == ()
    where = {(o.claim, o.line, o.column, o.text) for o in found.occurrences}
    # the tracked insertion is read and the deletion is not: asserted, not negated
    assert (
        "crying.lowers-blood-pressure",
        3,
        1,
        "Crying really lowers blood pressure.",
    ) in where
    assert ("crying.removes-toxins", 5, 1, "Tears flush toxins out of the body.") in where
    assert ("crying.boosts-immunity", 9, 1, "Crying boosts your immune system.") in where
    stances = {o.claim: o.stance for o in found.occurrences}
    assert stances["crying.lowers-blood-pressure"] is Stance.ASSERTED


def test_links_and_footnotes_in_a_word_document_are_citations(article: Path) -> None:
    found = scan_paths([article], load_claims(REPOSITORY / "claims")).occurrences
    cited = {o.claim: {str(c) for c in o.citations} for o in found}
    assert "doi:10.1016/j.jesp.2021.104137" in cited["crying.elicits-social-support"]
    assert "pmid:26500382" in cited["crying.improves-mood"]


def test_lint_reports_paragraph_and_column_and_the_title_supplies_the_subject(
    article: Path,
) -> None:
    result = run("lint", "post.docx", "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert {"path": "post.docx", "line": 5, "column": 1, "code": "CK101"} in [
        {key: f[key] for key in ("path", "line", "column", "code")} for f in findings
    ]
    text = run("lint", "post.docx").stdout
    assert "post.docx:3:1: error CK101" in text


def test_report_renders_a_word_document(article: Path) -> None:
    result = run("report", "post.docx", "-o", "review.html")
    assert result.exit_code in (0, 1), result.output
    page = (article.parent / "review.html").read_text(encoding="utf-8")
    assert "Crying really lowers blood pressure." in page
    assert "Crying never" not in page  # the tracked deletion
    # positions are paragraphs, in the findings list and in what the panel shows
    assert '<a class="ck-goto" href="#a1-u' in page
    assert ">paragraph 3</a>: <q>Crying really lowers blood pressure.</q>" in page
    assert 'data-where="Paragraph 3"' in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "password-protected"),  # an encrypted (OLE) file
        (b"PK\x03\x04 not really a zip", "password-protected"),
    ],
)
def test_a_damaged_or_protected_document_is_one_line_and_the_others_are_checked(
    article: Path, content: bytes, message: str
) -> None:
    (article.parent / "locked.docx").write_bytes(content)
    result = run("lint", "post.docx", "locked.docx")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("locked.docx")]
    assert len(errors) == 1
    assert message in errors[0]
    assert "post.docx:3:1: error CK101" in result.output


def test_sarif_says_that_a_line_of_a_word_document_is_a_paragraph(article: Path) -> None:
    sarif = json.loads(run("lint", "post.docx", "--format", "sarif").stdout)
    regions = [
        result["locations"][0]["physicalLocation"]["region"]
        for result in sarif["runs"][0]["results"]
    ]
    assert regions
    assert all(r["properties"] == {"claimkit/lineIs": "paragraph"} for r in regions)


def test_trace_follows_the_claims_of_a_word_document(article: Path) -> None:
    result = run("trace", "post.docx", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "crying.lowers-blood-pressure" in result.stdout
    assert "post.docx" in result.stdout


def example_as_word(markdown: str, path: Path) -> Path:
    """The Markdown example as an editor would have it in Word: the title and the section
    headings in heading styles, one Word paragraph per Markdown paragraph, the bold lead-ins
    bold."""
    import docx

    document = docx.Document()
    body = markdown.split("---\n", 2)[2]  # the front matter is Markdown's, not Word's
    for block in body.strip().split("\n\n"):
        text = " ".join(block.split())
        if text.startswith("#"):
            level = len(text) - len(text.lstrip("#"))
            document.add_heading(text.lstrip("# "), level=level - 1)
            continue
        paragraph = document.add_paragraph()
        for number, piece in enumerate(text.split("**")):
            if piece:
                paragraph.add_run(piece).bold = number % 2 == 1
    document.save(str(path))
    return path


def test_the_example_as_a_word_document_gets_the_same_findings_as_in_markdown(
    tmp_path: Path,
) -> None:
    from claimkit import lint_paths

    markdown = REPOSITORY / "examples" / "crying-benefits.md"
    word = example_as_word(markdown.read_text(encoding="utf-8"), tmp_path / "example.docx")
    claims = load_claims(REPOSITORY / "claims")

    def judged(path: Path) -> list[tuple[str, str | None, str | None]]:
        report = lint_paths([path], claims)
        assert report.errors == ()
        return sorted(
            (f.code, f.claim, str(f.stance) if f.stance else None) for f in report.findings
        )

    in_markdown = judged(markdown)
    assert len(in_markdown) > 10
    assert judged(word) == in_markdown
    # positions are paragraphs: the blood-pressure sentence is in the 11th, after its run-in
    # heading
    report = lint_paths([word], claims)
    (where,) = {
        (f.line, f.column)
        for f in report.findings
        if f.claim == "crying.lowers-blood-pressure"
        and f.code == "CK101"
        and f.text.startswith("Crying reduces")
    }
    assert where == (11, 23)


def test_a_word_document_with_another_extension_is_read_when_its_format_is_named(
    article: Path,
) -> None:
    renamed = article.rename(article.with_name("post.from-the-cms"))
    unnamed = run("lint", str(renamed.name))
    assert unnamed.exit_code == 2
    assert "unknown article format '.from-the-cms'" in unnamed.stderr
    assert "docx" in unnamed.stderr
    named = run("lint", str(renamed.name), "--input-format", "docx")
    assert named.exit_code == 1
    assert "post.from-the-cms:3:1: error CK101" in named.stdout
    (renamed.parent / "post.md").write_text("Crying lowers blood pressure.\n", encoding="utf-8")
    not_word = run("lint", "post.md", "--input-format", "docx")
    assert not_word.exit_code == 2
    assert "post.md:1:1: not a Word document (.docx)" in not_word.stderr
    sentence = run("explain", "--text", "Crying lowers blood pressure.", "--input-format", "docx")
    assert sentence.exit_code == 2
    assert "--input-format docx is for a Word file" in sentence.stderr
