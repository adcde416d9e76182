"""The review page in a real browser: headless Chromium (Debian's), driven by Playwright.

The page is opened from disk, as an editor opens a mail attachment. Every test records the
console and every request, and fails on a console error or on any request that is not for
the page itself. Skipped when Chromium or Playwright is missing, unless CLAIMKIT_REQUIRE_BROWSER
is set (CI sets it, so that there the browser tests cannot silently not run). A screenshot of
the example article's report goes to $CLAIMKIT_TEST_ARTIFACTS (default: the test's temporary
directory).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from claimkit import load_claims
from claimkit.linting import Linter
from claimkit.registry import ClaimSet, bundled_claims_path
from claimkit.report import render_report, review_text

EXAMPLES = Path(__file__).parents[2] / "examples"
CHROMIUM = next(
    (path for path in (os.environ.get("CLAIMKIT_CHROMIUM"), shutil.which("chromium")) if path),
    None,
)


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    return sync_playwright


if CHROMIUM is None or _playwright() is None:
    reason = "headless Chromium (Debian package chromium) and Playwright are needed"
    if os.environ.get("CLAIMKIT_REQUIRE_BROWSER"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


@dataclass
class Visit:
    page: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror")]

    @property
    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file://")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with _playwright()() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def claims() -> ClaimSet:
    return load_claims(bundled_claims_path())


@pytest.fixture
def open_report(browser: Any, claims: ClaimSet, tmp_path: Path) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_(
        text: str,
        input_format: str = "markdown",
        viewport: tuple[int, int] = (1400, 1000),
        javascript: bool = True,
    ) -> Visit:
        path = tmp_path / "report.html"
        reviewed = review_text(text, Linter(claims), input_format=input_format, path="post.md")
        path.write_text(render_report([reviewed], claims), encoding="utf-8")
        width, height = viewport
        context = browser.new_context(
            viewport={"width": width, "height": height},
            has_touch=width < 600,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        page.on("console", lambda message: visit.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: visit.console.append(("pageerror", str(error))))
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return visit

    yield open_
    for context in contexts:
        context.close()


def mark_for(page: Any, words: str) -> Any:
    return page.locator("mark.ck-mark[id]", has_text=words).first


def test_clicking_a_highlight_shows_the_claim_verdict_and_approved_wording(
    open_report: Any, claims: ClaimSet
) -> None:
    claim = claims["crying.lowers-blood-pressure"]
    visit = open_report((EXAMPLES / "crying-benefits.md").read_text())
    page = visit.page
    mark_for(page, "Crying reduces blood pressure").click()
    panel = page.locator(".ck-panel-body")
    assert claim.statement in panel.inner_text()
    assert page.locator(".ck-panel-body .ck-verdict").first.inner_text() == str(
        claim.evidence.verdict
    )
    assert (
        panel.locator("button.ck-copy").first.get_attribute("data-copy")
        == claim.wording.approved[0]
    )
    assert page.locator("mark.ck-active").count() >= 1
    # the panel is made of copies of what the page holds once, and copies no id
    assert "CK101" in panel.inner_text()
    assert "Crying reduces blood pressure" in page.locator(".ck-panel-body h3").inner_text()
    ids = page.evaluate("Array.from(document.querySelectorAll('[id]'), (e) => e.id)")
    assert len(ids) == len(set(ids))
    artifacts = Path(os.environ.get("CLAIMKIT_TEST_ARTIFACTS") or visit_directory(page))
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "report-crying-benefits.png"))
    assert visit.errors == []
    assert visit.outside_requests == []


def visit_directory(page: Any) -> str:
    return str(Path(page.url.removeprefix("file://")).parent)


def test_the_keyboard_reaches_every_highlight_and_the_panel_follows(open_report: Any) -> None:
    visit = open_report("Crying lowers blood pressure.\n\nTears flush toxins out of the body.\n")
    page = visit.page
    # The claims table's links come first, then the highlights in the article's order.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused == "a1-u1"
    assert "Crying lowers blood pressure" in page.locator(".ck-panel-body h3").inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "a1-u2"
    assert "Tears flush toxins" in page.locator(".ck-panel-body h3").inner_text()
    page.locator("body").press("k")
    assert page.evaluate("document.activeElement.id") == "a1-u1"
    page.keyboard.press("Escape")
    assert page.locator("mark.ck-active").count() == 0
    assert visit.errors == []


def test_the_findings_list_jumps_to_the_sentence(open_report: Any) -> None:
    visit = open_report("Intro.\n\nCrying lowers blood pressure.\n")
    page = visit.page
    page.locator(".ck-findings a.ck-goto").first.click()
    assert page.evaluate("document.activeElement.id") == "a1-u1"
    assert "Crying lowers blood pressure" in page.locator(".ck-panel-body").inner_text()
    assert visit.errors == []


def test_without_the_script_each_rule_in_the_findings_list_leads_to_what_it_says(
    open_report: Any,
) -> None:
    visit = open_report("Crying lowers blood pressure.\n", javascript=False)
    page = visit.page
    rule = page.locator(".ck-finding-rules a").first
    assert rule.inner_text() == "CK101"
    rule.click()
    said = page.locator(page.url[page.url.index("#") :])
    assert said.is_visible()
    assert "CK101 unsupported-claim: asserts crying.lowers-blood-pressure" in said.inner_text()
    assert page.locator(".ck-claim-details").is_visible()


def test_the_copy_button_copies_the_approved_wording(open_report: Any, claims: ClaimSet) -> None:
    visit = open_report("Crying lowers blood pressure.\n")
    page = visit.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    mark_for(page, "Crying lowers").click()
    page.locator(".ck-panel-body button.ck-copy").first.click()
    page.wait_for_function(
        "document.querySelector('.ck-panel-body button.ck-copy').textContent === 'Copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == claims["crying.lowers-blood-pressure"].wording.approved[0]
    assert visit.errors == []


def test_the_print_view_is_the_article_with_numbered_marks_and_its_findings(
    open_report: Any,
) -> None:
    visit = open_report((EXAMPLES / "crying-benefits.md").read_text(encoding="utf-8"))
    page = visit.page
    page.emulate_media(media="print")
    assert not page.locator(".ck-panel").is_visible()
    assert not page.locator(".ck-said").is_visible()
    assert page.locator(".ck-findings-list").is_visible()
    first = page.locator("mark.ck-mark[id]").first
    number = first.get_attribute("data-n")
    after = first.evaluate("mark => getComputedStyle(mark, '::after').content")
    assert after == f'"[{number}]"'
    assert page.locator(f".ck-findings .ck-n:text-is('[{number}]')").is_visible()
    # a few pages to hand on, not the 17 the first version printed
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) <= 5
    assert visit.errors == []


def test_the_findings_list_filters_by_severity_rule_and_claim(open_report: Any) -> None:
    visit = open_report((EXAMPLES / "crying-benefits.md").read_text(encoding="utf-8"))
    page = visit.page
    items = page.locator(".ck-findings-list > li")
    total = items.count()

    def shown() -> int:
        return items.count() - page.locator(".ck-findings-list > li[hidden]").count()

    page.locator("form.ck-filters input[value=warning]").uncheck()
    assert 0 < shown() < total
    assert page.locator(".ck-findings-list > li:not([hidden]).ck-warning").count() == 0
    page.locator("form.ck-filters input[value=warning]").check()
    page.locator("form.ck-filters select[name=rule]").select_option("CK201")
    citing = page.locator(".ck-findings-list > li").filter(
        has=page.locator(".ck-finding-rules a", has_text="CK201")
    )
    assert 0 < shown() == citing.count()
    page.locator("form.ck-filters select[name=rule]").select_option("")
    page.locator("form.ck-filters select[name=claim]").select_option("crying.removes-toxins")
    assert 0 < shown() < total
    assert "Showing" in page.locator(".ck-filter-count").inner_text()
    assert visit.errors == []


HOSTILE = """\
# Tears <script>window.pwned = 1; alert("script")</script>

Crying lowers blood pressure <img src=x onerror="window.pwned = 2; alert('onerror')">.

[a link](javascript:window.pwned=3) and <a href="javascript:alert('href')">another</a>.

<svg onload="alert('svg')"><script>alert('svg script')</script></svg>
<iframe src="data:text/html,<script>parent.pwned=4</script>"></iframe>
<img src="https://tracker.example/pixel.gif"><link rel=stylesheet href="https://evil.example/x.css">
<div style="background:url(https://evil.example/bg.png)" onmouseover="alert('hover')">Tears flush toxins.</div>
"""


def test_a_hostile_article_runs_no_script_and_loads_nothing(open_report: Any) -> None:
    visit = open_report(HOSTILE)
    page = visit.page
    for link in page.locator(".ck-article a").all():
        link.click()
    page.locator(".ck-article div").first.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("window.pwned") is None
    assert visit.dialogs == []
    assert visit.outside_requests == []
    assert page.locator("iframe, script:not(body > script)").count() == 0
    assert visit.errors == []


def test_a_hostile_html_article_runs_no_script(open_report: Any) -> None:
    visit = open_report(
        "<html><head><script>alert('head')</script><meta http-equiv=refresh "
        "content='0;url=https://evil.example'></head><body onload=\"alert('body')\">"
        "<p>Crying lowers blood pressure.</p><object data='https://evil.example/x'></object>"
        "</body></html>",
        "html",
    )
    page = visit.page
    page.wait_for_timeout(200)
    assert visit.dialogs == []
    assert visit.outside_requests == []
    assert page.url.startswith("file://")
    assert mark_for(page, "Crying lowers").count() == 1


def test_on_a_phone_tapping_a_sentence_puts_its_evidence_on_screen(open_report: Any) -> None:
    visit = open_report(
        (EXAMPLES / "crying-benefits.md").read_text(encoding="utf-8"), viewport=(390, 844)
    )
    page = visit.page
    # nothing is wider than the screen, the claims table included
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    panel = page.locator(".ck-panel")
    assert not panel.is_visible()
    mark = mark_for(page, "strengthens")
    mark.scroll_into_view_if_needed()
    mark.tap()
    assert panel.is_visible()
    box = panel.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 844
    assert "unsupported-claim" in page.locator(".ck-panel-body").inner_text()
    artifacts = Path(os.environ.get("CLAIMKIT_TEST_ARTIFACTS") or visit_directory(page))
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "report-phone.png"))
    # another sentence: its details start at their top
    page.locator(".ck-panel").evaluate("panel => { panel.scrollTop = 400; }")
    other = mark_for(page, "Tears flush")
    other.scroll_into_view_if_needed()
    other.tap()
    assert page.locator(".ck-panel").evaluate("panel => panel.scrollTop") == 0
    assert "Tears flush" in page.locator(".ck-panel-body h3").inner_text()
    # Esc visibly closes it, and so does Close
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    other.tap()
    page.locator("button.ck-panel-close").tap()
    assert not panel.is_visible()
    assert visit.errors == []


def test_on_a_phone_every_marked_sentence_opens_on_screen_with_its_findings(
    open_report: Any,
) -> None:
    visit = open_report(
        (EXAMPLES / "crying-benefits.md").read_text(encoding="utf-8"), viewport=(390, 844)
    )
    page = visit.page
    panel = page.locator(".ck-panel")
    marks = page.locator("mark.ck-mark[id]")
    assert marks.count() > 15
    for number in range(marks.count()):
        mark = marks.nth(number)
        mark.scroll_into_view_if_needed()
        mark.tap()
        box = panel.bounding_box()
        assert box is not None
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= 844
        heading = page.locator(".ck-panel-body h3").inner_text()
        assert " ".join(mark.inner_text().split())[:30] in " ".join(heading.split())
        if "ck-supported" not in (mark.get_attribute("class") or ""):
            assert page.locator(".ck-panel-body .ck-detail-findings li").count() >= 1
        page.keyboard.press("Escape")
    assert visit.errors == []


def test_a_marked_sentence_is_named_by_its_text_and_described_by_its_legend_entry(
    open_report: Any,
) -> None:
    from playwright.sync_api import expect

    visit = open_report((EXAMPLES / "crying-benefits.md").read_text(encoding="utf-8"))
    page = visit.page
    sentence = "Crying reduces blood pressure, which is good for your heart."
    button = page.get_by_role("button", name=sentence, exact=True)
    assert button.count() == 1
    expect(button).to_have_accessible_description(re.compile(r"^Error: the sentence makes a"))
    # one h1, the article and the panel in landmarks; the panel takes focus back to the sentence
    assert page.locator("h1").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("complementary", name="Evidence for the selected sentence").count() == 1
    button.click()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent") == sentence
    assert visit.errors == []
