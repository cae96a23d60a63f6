"""The quote analysis reads only the paragraphs that hold a quote mark: it finds what
reading every paragraph finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.builtin.quote_analysis import (
    QuoteAnalysis,
    _find_stranded,
    _paragraph,
    analyse,
)
from transcheck.document import Document

PARTS = st.sampled_from(["The", "mayor", "said", "it", "“", "”", '"', "‘", "’", "„", "«", "»",
                         "’s", "5", ".", ",", "(", ")", "—", "x"])
GAPS = st.sampled_from([" ", "", "\n", "\n\n", "\n \n"])
TEXTS = st.lists(st.tuples(PARTS, GAPS), max_size=40).map(
    lambda parts: "".join(p + g for p, g in parts))


def _every_paragraph(doc: Document) -> QuoteAnalysis:
    result = QuoteAnalysis()
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        result.straight_balanced.add(paragraph.start)
        first_mark = len(result.marks)
        open_double, open_single = _paragraph(paragraph.text, paragraph.start, result)
        _find_stranded(paragraph.text, paragraph.start, result, result.marks[first_mark:])
        if open_single is not None:
            result.unclosed_open.append(open_single)
        if open_double is not None:
            following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
            if not (following[:1] in ('"', "“") and open_double.char in ('"', "“")):
                result.unclosed_open.append(open_double)
    result.unclosed_open.sort(key=lambda m: m.offset)
    return result


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_reading_paragraphs_with_marks_only_finds_the_same(text: str) -> None:
    doc = Document(text)
    assert analyse(doc) == _every_paragraph(doc)
