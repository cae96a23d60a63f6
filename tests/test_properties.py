"""Property tests: arbitrary Unicode never raises, and every span lies inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import check_text
from transcheck.document import Document

QUOTEY = st.sampled_from(list("\"'“”‘’„«»‚‹› .,;:!?()[]\n\r\t") + ["\r\n", "\n\n", "..."])
TEXTS = st.lists(st.one_of(st.text(max_size=8), QUOTEY), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_checks_without_error_and_spans_fit(text: str) -> None:
    doc = Document(text)
    lines = len(doc.line_starts)
    for d in check_text(text):
        assert 1 <= d.line <= d.end_line <= lines
        start, end = d.start, d.end
        assert 0 <= start <= end <= len(text)
        if d.line == d.end_line:
            assert d.column <= d.end_column


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_positions_round_trip(text: str) -> None:
    doc = Document(text)
    for offset in range(0, len(text) + 1, max(1, len(text) // 7)):
        assert doc.offset(*doc.position(offset)) == offset
