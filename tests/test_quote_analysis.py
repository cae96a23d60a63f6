"""The quote analysis reads only the paragraphs that hold a quote mark: it finds what
reading every paragraph finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.builtin.quote_analysis import QuoteAnalysis, _read, analyse
from transcheck.document import Document

PARTS = st.sampled_from(["The", "mayor", "said", "it", "“", "”", '"', "‘", "’", "„", "«", "»",
                         "’s", "5", ".", ",", "(", ")", "—", "x"])
GAPS = st.sampled_from([" ", "", "\n", "\n\n", "\n \n"])
TEXTS = st.lists(st.tuples(PARTS, GAPS), max_size=40).map(
    lambda parts: "".join(p + g for p, g in parts))


def _every_paragraph(doc: Document) -> QuoteAnalysis:
    result = QuoteAnalysis()
    for index, paragraph in enumerate(doc.paragraphs):
        result.straight_balanced.add(paragraph.start)
        _read(doc.paragraphs, index, result)
    result.unclosed_open.sort(key=lambda m: m.offset)
    return result


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_reading_paragraphs_with_marks_only_finds_the_same(text: str) -> None:
    doc = Document(text)
    assert analyse(doc) == _every_paragraph(doc)
