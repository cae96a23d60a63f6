"""`--format html` in a real browser (Debian's Chromium, driven by Playwright, offline):
highlights on the right characters, details, filters, keys, and no way out for a hostile file."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, launch
from transcheck import __version__
from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.factory import make_engine
from transcheck.reporters import FileResult, Run, write_report
from transcheck.reporters.html import HtmlReporter

sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article-mt.txt"
# Markup, script and event handlers in the checked text, which must all stay text.
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="de" target-language="en" datatype="plaintext" original="notice.txt">
    <body>
      <trans-unit id="opening">
        <source>Die Bibliothek öffnet morgen um neun Uhr.</source>
        <target>The library opens tomorrow at nine o'clock .</target>
      </trans-unit>
      <trans-unit id="fee">
        <source>Die Gebühr steigt ab Juli um 5 %.</source>
        <target>From July the fee rises by 5 %.</target>
      </trans-unit>
      <trans-unit id="hours">
        <source>Geöffnet von 9 bis 17 Uhr.</source>
        <target>Open from 9 to 18 o'clock.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
HOSTILE = (
    "Hello <script>window.pwned = 1</script> world , said the the editor.\n\n"
    "</textarea><img src=x onerror=\"window.pwned = 2\"> and \"quoted\" "
    "onmouseover=\"window.pwned=3\" x=\" text .\n\n"
    "<svg onload=\"window.pwned=4\"></svg> ]]> <!-- --> <iframe src=\"http://127.0.0.1:9/\">"
    "</iframe> <link rel=stylesheet href=\"http://127.0.0.1:9/x.css\"> „ok“ done.\n"
)
# Each mark's findings, and the text each finding's marks cover, in page order.
MARKED = """() => {
  const covered = {};
  for (const mark of document.querySelectorAll("mark.hl")) {
    for (const id of mark.dataset.f.split(" ")) {
      covered[id] = (covered[id] || "") + mark.textContent;
    }
  }
  return Array.from(document.querySelectorAll("li.finding"), (li) => covered[li.dataset.f] ?? null);
}"""
VISIBLE = """() => Array.from(document.querySelectorAll("li.finding"))
  .filter((li) => !li.hidden).map((li) => li.querySelector(".code").textContent)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class Opened:
    """A report open in a page that may not reach anything: every request it makes is
    recorded, and all but the report's own file are refused."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def left_the_page(self) -> list[str]:
        return [url for url in self.requests if url != self.url]


@pytest.fixture
def open_report(browser: Any) -> Iterator[Callable[[Path], Opened]]:
    opened: list[Opened] = []

    def open_(path: Path) -> Opened:
        opened.append(Opened(browser, path))
        return opened[-1]

    yield open_
    for report in opened:
        report.context.close()


def _cli(*args: str) -> Any:
    """`transcheck ARGS` run in this process, which must exit 1 (findings)."""
    from click.testing import CliRunner

    from transcheck.cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 1, result.output
    return result


def _report(tmp_path: Path, files: list[FileResult]) -> Path:
    out = io.StringIO()
    write_report(HtmlReporter, Run(make_engine(find=False).rules, __version__), files, out)
    path = tmp_path / "report.html"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _diagnostic(doc: Document, start: int, end: int, code: str = "TC111",
                severity: Severity = Severity.WARNING, message: str = "A finding",
                fix: str | None = None, category: str = "Fluency/Punctuation") -> Diagnostic:
    return Diagnostic.located(doc, start, end, code=code, name="some-rule", severity=severity,
                              category=category, message=message, fix=fix)


@pytest.fixture(scope="module")
def article_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The example article's report, written by the command, and its findings as JSON."""
    out = tmp_path_factory.mktemp("article") / "report.html"
    assert _cli("--format", "html", "--output", str(out), str(ARTICLE)).stdout == ""
    return out, json.loads(_cli("--format", "json", str(ARTICLE)).stdout)


def test_every_finding_is_highlighted_on_its_own_characters(article_report, open_report):
    path, findings = article_report
    report = open_report(path)
    text = ARTICLE.read_text(encoding="utf-8")
    doc = Document(text)
    expected = [text[doc.offset(f["line"], f["column"]):doc.offset(f["end_line"], f["end_column"])]
                for f in findings]
    assert len(findings) > 20
    assert report.page.evaluate(MARKED) == expected
    # The page shows the whole file, as written.
    assert report.page.locator("section.file .text").text_content() == text
    listed = report.page.locator("li.finding .message").all_text_contents()
    assert listed == [f["message"] for f in findings]
    # The recorder sees the page's own request; nothing else was asked for.
    assert report.requests == [report.url] and report.errors == []


def test_summary_counts_findings_by_category_in_an_inline_chart(article_report, open_report):
    path, findings = article_report
    page = open_report(path).page
    assert page.locator("h1").text_content() == "transcheck report"
    assert f"{len(findings)} findings in 1 file" in page.locator("#side header").text_content()
    chart = page.locator("#chart svg")
    assert chart.is_visible()
    categories = {f["category"] for f in findings}
    labels = chart.locator("g > text:first-child").all_text_contents()
    assert sorted(labels) == sorted(categories)
    totals = [int(t) for t in chart.locator("g > text:last-child").all_text_contents()]
    assert totals == [sum(f["category"] == c for f in findings) for c in labels]


def test_filters_hide_findings_and_their_highlights(article_report, open_report):
    path, findings = article_report
    page = open_report(path).page
    codes = [f["code"] for f in findings]
    assert page.evaluate(VISIBLE) == codes
    page.locator("input[data-filter=severity][value=warning]").uncheck()
    assert page.evaluate(VISIBLE) == [f["code"] for f in findings if f["severity"] != "warning"]
    lit = page.locator("mark.hl:not(.off)")
    assert lit.count() > 0 and all("error" in c for c in
                                   lit.evaluate_all("ms => ms.map(m => m.className)"))
    page.locator("input[data-filter=severity][value=warning]").check()
    page.locator("input[data-filter=rule][value=TC104]").uncheck()
    assert page.evaluate(VISIBLE) == [c for c in codes if c != "TC104"]
    first = next(f for f in findings if f["category"] == "Locale convention/Other")
    page.locator(f"input[data-filter=category][value='{first['category']}']").uncheck()
    assert page.evaluate(VISIBLE) == [
        f["code"] for f in findings if f["code"] != "TC104" and f["category"] != first["category"]]


def test_keys_move_from_finding_to_finding_and_show_each_in_detail(article_report, open_report):
    path, findings = article_report
    page = open_report(path).page
    detail = page.locator("#detail")
    assert detail.is_hidden()
    page.keyboard.press("j")
    assert detail.is_visible()
    assert f"Finding 1 of {len(findings)}" in detail.text_content()
    assert findings[0]["message"] in detail.text_content()
    page.keyboard.press("j")
    assert findings[1]["message"] in detail.locator(".message").text_content()
    # The finding's first highlight has the focus (and so is scrolled to).
    assert page.evaluate("() => document.activeElement.dataset.f.split(' ').includes('1')")
    page.keyboard.press("k")
    assert findings[0]["message"] in detail.locator(".message").text_content()
    page.keyboard.press("k")  # from the first back round to the last
    assert findings[-1]["message"] in detail.locator(".message").text_content()
    page.keyboard.press("Escape")
    assert detail.is_hidden()
    # Filtered out findings are skipped.
    page.locator("input[data-filter=severity][value=warning]").uncheck()
    page.keyboard.press("j")
    first_error = next(f for f in findings if f["severity"] == "error")
    assert first_error["message"] in detail.locator(".message").text_content()


def test_a_click_shows_message_rule_explanation_and_fix(article_report, open_report):
    path, findings = article_report
    page = open_report(path).page
    index, fixable = next((i, f) for i, f in enumerate(findings) if f["fix"] is not None)
    page.locator(f"mark.hl[data-f~='{index}']").first.click()
    detail = page.locator("#detail")
    assert fixable["message"] in detail.locator(".message").text_content()
    assert fixable["name"] in detail.text_content()
    assert "What it does" in detail.locator(".explain").text_content()
    assert detail.locator(".fix").text_content().startswith("Fix: ")
    # Hovering shows the message too.
    title = page.locator(f"mark.hl[data-f~='{index}']").first.get_attribute("title")
    assert fixable["message"] in title


def test_a_hostile_file_runs_no_script_and_reaches_nothing(tmp_path, open_report):
    checked = tmp_path / "a<img src=x onerror=window.pwned=5>.txt"
    checked.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    _cli("--format", "html", "-o", str(out), str(checked))
    report = open_report(out)
    page = report.page
    for mark in page.locator("mark.hl").all():
        mark.hover()
        mark.click()
    page.keyboard.press("j")
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("script").count() == 1  # the report's own
    assert page.locator("img, svg[onload], iframe, link, textarea").count() == 0
    assert page.evaluate("""() => Array.from(document.querySelectorAll('*')).some(
        (e) => Array.from(e.attributes).some((a) => a.name.startsWith('on')))""") is False
    assert page.locator(".text").text_content() == HOSTILE
    assert page.locator("section.file .path").text_content() == str(checked)
    assert "Markup tag" in page.locator("li.finding").all_text_contents()[2]
    assert report.left_the_page() == [] and report.dialogs == [] and report.errors == []


def test_the_policy_refuses_scripts_and_requests_not_its_own(tmp_path, open_report):
    report = open_report(_report(tmp_path, [FileResult("a.txt", Document("Fine text.\n"))]))
    page = report.page
    ran = page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = 1';
        document.body.append(script);
        return window.injected; }""")
    assert ran is None
    refused = page.evaluate("""() => fetch('http://127.0.0.1:9/').then(() => 'fetched',
        (error) => 'refused')""")
    assert refused == "refused"
    assert report.left_the_page() == []


def test_overlapping_empty_and_control_character_spans(tmp_path, open_report):
    raw = "One\r\ntwo\x07 three\x00 four, five.\r\nSix."
    doc = Document(raw)
    found = sorted([
        _diagnostic(doc, 0, 13, severity=Severity.INFO),
        _diagnostic(doc, 5, 9, severity=Severity.ERROR, message="<b>bold</b> & \"quotes\"",
                    fix="<i>", category="Cat <x>"),
        _diagnostic(doc, 9, 9, code="TC113", fix=" "),   # an insertion point
        _diagnostic(doc, len(raw), len(raw), code="TC102"),  # at the very end
        _diagnostic(doc, 15, 30, severity=Severity.ERROR),
    ])
    report = open_report(_report(tmp_path, [FileResult("c.txt", doc, found)]))
    page = report.page
    shown = raw.replace("\x07", "␇").replace("\x00", "␀")
    assert page.locator(".text").text_content() == shown
    assert page.evaluate(MARKED) == [shown[d.start:d.end] for d in found]
    assert page.locator("mark.point").count() == 2
    assert page.locator("li.finding .category").all_text_contents()[1] == "Cat <x>"
    assert report.errors == []


def test_bilingual_files_show_the_source_beside_the_target(tmp_path, open_report):
    checked = tmp_path / "notice.xlf"
    checked.write_text(XLIFF, encoding="utf-8")
    findings = json.loads(_cli("--format", "json", str(checked)).stdout)
    assert [f["unit"] for f in findings] == ["opening", "fee", "hours"]
    out = tmp_path / "report.html"
    _cli("--format", "html", "-o", str(out), str(checked))
    report = open_report(out)
    page = report.page
    rows = page.locator("table.units tbody tr")
    assert rows.locator("th").all_text_contents() == ["opening", "fee", "hours"]
    assert rows.nth(1).locator("td.source").text_content() == "Die Gebühr steigt ab Juli um 5 %."
    assert rows.nth(1).locator("td.target").text_content() == "From July the fee rises by 5 %."
    doc = Document(XLIFF)
    assert page.evaluate(MARKED) == [
        XLIFF[doc.offset(f["line"], f["column"]):doc.offset(f["end_line"], f["end_column"])]
        for f in findings]
    assert report.left_the_page() == [] and report.errors == []
