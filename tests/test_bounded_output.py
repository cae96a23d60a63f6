"""Every output format costs the same per finding whatever the length of its line or
paragraph: excerpts and fingerprints read a bounded window of the text."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcheck import baseline, fingerprint, reporters
from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.reporters import FileResult, Run, text, write_report
from transcheck.reporters.builtin import transcheck_output_formats

LINE = "A word , and another . " * 20_000  # 460,000 characters on one line


def _result() -> FileResult:
    doc = Document(LINE + "\n", "long.txt")
    diagnostics = [
        Diagnostic.located(doc, m.start(), m.start() + 1, code="TC111", name="space-before",
                           severity=Severity.WARNING, category="Fluency/Punctuation",
                           message="Space before punctuation", fix="")
        for m in re.finditer(r" [,.]", LINE)
    ][::500]
    return FileResult("long.txt", doc, diagnostics)


def _spy(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Record the length of the text each call of `module.name` is given."""
    sizes: list[int] = []
    original: Callable[[str], str] = getattr(module, name)

    def recording(value: str) -> str:
        sizes.append(len(value))
        return original(value)

    monkeypatch.setattr(module, name, recording)
    return sizes


@pytest.mark.parametrize("output_format", ["text", "junit"])
def test_an_excerpt_reads_a_window_of_a_long_line(
        monkeypatch: pytest.MonkeyPatch, output_format: str) -> None:
    sizes = _spy(monkeypatch, text, "printable")
    out = io.StringIO()
    write_report(transcheck_output_formats()[output_format], Run([], "test"), [_result()], out)
    assert len(sizes) >= 40 and max(sizes) < 500
    assert max(map(len, out.getvalue().splitlines())) < 500


@pytest.mark.parametrize("output_format", ["sarif", "gitlab", "baseline"])
def test_a_fingerprint_reads_a_window_of_a_long_paragraph(
        monkeypatch: pytest.MonkeyPatch, output_format: str) -> None:
    sizes = _spy(monkeypatch, fingerprint, "_normalise")
    result = _result()
    if output_format == "baseline":
        rows = baseline.entries([result], Path.cwd())
        assert sum(row["count"] for row in rows) == len(result.diagnostics)
    else:
        write_report(transcheck_output_formats()[output_format], Run([], "test"), [result],
                     io.StringIO())
    assert len(sizes) >= 40 and max(sizes) < 500


def test_a_long_span_is_shown_cut() -> None:
    doc = Document("x" * 5000 + "\n", "long.txt")
    d = Diagnostic.located(doc, 10, 4990, code="TC1", name="n", severity=Severity.INFO,
                           category="c", message="m")
    _, excerpt, carets = text.format_diagnostics("long.txt", doc, [d])[0].splitlines()
    assert len(excerpt) < 600 and carets.count("^") == 400


def _whole(text_: str, low: int, start: int, end: int, high: int) -> tuple[str, str]:
    """The neighbourhoods as they were computed before: the whole paragraph normalised."""
    def normal(s: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s))

    return normal(text_[low:start])[-24:], normal(text_[end:high])[:24]


@given(st.text(alphabet=st.sampled_from("ab \n\t\u00e9\u3000"), max_size=2000),
       st.integers(0, 2000), st.integers(0, 50))
def test_windowed_neighbourhoods_are_the_whole_paragraphs(
        sample: str, at: int, length: int) -> None:
    """Fingerprints of existing baselines stay valid (only a letter composed with an accent
    across the window's edge could tell the two apart)."""
    start = min(at, len(sample))
    end = min(start + length, len(sample))
    assert (fingerprint._before(sample, 0, start), fingerprint._after(sample, end, len(sample))
            ) == _whole(sample, 0, start, end, len(sample))


@given(st.text(alphabet=st.sampled_from("ab \t\r\n\x07\x1b\u00e9\u3000\u202e"), max_size=300),
       st.lists(st.tuples(st.integers(0, 300), st.integers(0, 80),
                          st.sampled_from([None, "", "x", "\x1b"])), max_size=8),
       st.integers(0, 20))
def test_a_line_read_whole_shows_what_its_windows_show(
        sample: str, spans: list[tuple[int, int, str | None]], window: int) -> None:
    """The text format reads a short line once for all its findings; a long one in the
    window each finding shows. Both show the same (tabs, controls, a span across lines)."""
    doc = Document(sample or "a", "x.txt")
    diagnostics = sorted((
        Diagnostic.located(doc, min(at, len(doc.text)), min(at + length, len(doc.text)),
                           code="TC1", name="n", severity=Severity.INFO, category="c",
                           message="m\x1b", fix=fix)
        for at, length, fix in spans), key=lambda d: (d.line, d.column))
    whole = text.format_diagnostics("x.txt", doc, diagnostics)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "_CONTEXT", window)
        windowed = text.format_diagnostics("x.txt", doc, diagnostics)
        patch.setattr(text, "_WHOLE", -1)
        assert text.format_diagnostics("x.txt", doc, diagnostics) == windowed
    assert whole == [text.format_diagnostics("x.txt", doc, [d])[0] for d in diagnostics]


class _Writes(io.StringIO):
    """Standard output that counts the writes it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, s: str) -> int:
        self.sizes.append(len(s))
        return super().write(s)


def test_the_text_report_of_many_findings_is_written_a_batch_at_a_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The report of a file's findings is written `BATCH` findings at a time, never held
    whole: the same text as all at once, in a few writes."""
    monkeypatch.setattr(reporters, "BATCH", 7)
    result = _result()
    out = _Writes()
    reporter = text.TextReporter(Run([], "test"), out)
    reporter.file(result)
    expected = "".join(text.format_diagnostics("long.txt", result.document, result.diagnostics))
    assert out.getvalue() == expected
    assert len(out.sizes) == -(-len(result.diagnostics) // 7)


@pytest.mark.parametrize(("output_format", "most"), [
    ("json", 2), ("sarif", 2), ("gitlab", 2), ("github", 1), ("html", 20)])
def test_a_report_of_many_findings_takes_a_few_writes(output_format: str, most: int) -> None:
    """With PYTHONUNBUFFERED set, each write is a system call: a report of many findings
    is a few writes, not one per finding or per piece of JSON."""
    result = _result()
    out = _Writes()
    write_report(transcheck_output_formats()[output_format], Run([], "test"), [result], out)
    assert len(result.diagnostics) > 50
    assert len(out.sizes) <= most


def test_json_lines_are_written_a_batch_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reporters, "BATCH", 7)
    result = _result()
    out = _Writes()
    write_report(transcheck_output_formats()["jsonl"], Run([], "test"), [result], out)
    assert len(out.getvalue().splitlines()) == len(result.diagnostics)
    assert len(out.sizes) == -(-len(result.diagnostics) // 7)
