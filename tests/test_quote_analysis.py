"""The quote analysis reads only the paragraphs that hold a quote mark, and of a text
that repeats blocks each distinct block once: it finds what reading every paragraph finds."""

from __future__ import annotations

from operator import itemgetter
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.builtin import punctuation, quote_analysis, quotes
from transcheck.builtin.quote_analysis import (
    QuoteAnalysis,
    Quotes,
    _read,
    _runs_on,
    analyse,
)
from transcheck.builtin.quote_analysis import quotes as read_quotes
from transcheck.document import Document

PARTS = st.sampled_from(["The", "mayor", "said", "it", "“", "”", '"', "‘", "’", "„", "«", "»",
                         "’s", "'s", "5", ".", ",", "(", ")", "—", "x"])
GAPS = st.sampled_from([" ", "", "\n", "\n\n", "\n \n"])
TEXTS = st.lists(st.tuples(PARTS, GAPS), max_size=40).map(
    lambda parts: "".join(p + g for p, g in parts))


def _every_paragraph(doc: Document) -> QuoteAnalysis:
    result = QuoteAnalysis()
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        open_double = _read(paragraph, result)
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        if open_double is not None and not _runs_on(open_double, following):
            result.unclosed_open.append(open_double)
    result.unclosed_open.sort(key=lambda m: m.offset)
    return result


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_reading_paragraphs_with_marks_only_finds_the_same(text: str) -> None:
    doc = Document(text)
    assert analyse(doc) == _every_paragraph(doc)


def _placed(found: Quotes, doc: Document) -> list[Any]:
    """What `found` holds, at offsets in `doc`, in order."""
    analysis = found.analysis
    return [sorted(placed, key=itemgetter(0)) for placed in (
        found.at_copies((m.offset, (m.char, m.kind, m.role)) for m in analysis.marks),
        found.at_copies((a.offset, b.offset - a.offset) for a, b in analysis.pairs),
        found.at_copies((m.offset, m.char) for m in analysis.unmatched_close),
        [(at, mark.char) for at, mark in found.unclosed_open(doc)],
        found.at_copies((s[0], (s[1] - s[0], s[2])) for s in analysis.stranded),
        found.at_copies((offset, None) for offset in analysis.explained),
        found.at_copies((offset, None) for offset in analysis.unbalanced))]


RULES = [quotes.UnmatchedClosingQuote(), quotes.UnclosedQuote(), quotes.StrandedFragment(),
         quotes.ForeignQuoteMarks(), quotes.MixedQuoteStyles(), punctuation.SpaceInsideQuotes()]


def _findings(doc: Document) -> list[Any]:
    return sorted((f.start, f.end, f.message, f.fix or "") for rule in RULES
                  for f in rule.check(doc))


# Besides, what the rules that read the analysis look for: spaces inside quotes, mixed
# styles of quotes and apostrophes, stranded fragments.
QUOTED = st.sampled_from(["“ a ”", '" a "', "“a”", '"a"', "it's", "it’s", ".” word”", ".” word"])
QUOTING_TEXTS = st.lists(st.tuples(st.one_of(PARTS, QUOTED), GAPS), max_size=30).map(
    lambda parts: "".join(p + g for p, g in parts))
PARAGRAPHS = st.lists(QUOTING_TEXTS, min_size=1, max_size=4)
EDGES = st.sampled_from(["", " ", "\n", "\n \n", "\r\n", "\t\n", "\n\t"])


@settings(max_examples=500, deadline=None)
@given(PARAGRAPHS, st.lists(st.tuples(st.integers(0, 3), EDGES), max_size=12))
def test_reading_each_distinct_block_once_finds_the_same(
        blocks: list[str], order: list[tuple[int, str]]) -> None:
    # Blocks repeated in any order, with white space at their edges: a quotation left open
    # at a block's end runs on into whatever block follows that copy.
    text = "\n\n".join(edge + blocks[i % len(blocks)] + edge for i, edge in order)
    by_blocks, whole = Document(text), Document(text)
    whole._memo[read_quotes] = Quotes(text, analyse(whole))  # the path of a text read whole
    assert _placed(by_blocks.memo(read_quotes), by_blocks) == _placed(
        whole.memo(read_quotes), whole)
    assert _findings(by_blocks) == _findings(whole)


def test_a_quotation_left_open_is_decided_at_each_copy() -> None:
    text = "“We will win.\n\n“Soon.”\n\n“We will win.\n\nThe end.\n\n“We will win."
    doc = Document(text)
    assert doc.memo(read_quotes).blocks is not None
    assert [at for at, _ in doc.memo(read_quotes).unclosed_open(doc)] == [
        text.index("“We", 1), text.rindex("“")]


def test_a_text_that_repeats_no_block_is_read_whole() -> None:
    assert read_quotes(Document("“One.”\n\n“Two.”")).blocks is None
    assert read_quotes(Document("“One.”\n\n“One.”")).blocks is not None


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


@settings(max_examples=500, deadline=None)
@given(QUOTING_TEXTS)
def test_stranded_fragments_are_looked_for_after_a_sentence_closes_only(text: str) -> None:
    # As if every closing mark followed the end of a sentence.
    with mock.patch.object(quote_analysis, "_ENDS", _Everything()):
        everywhere = analyse(Document(text))
    assert analyse(Document(text)) == everywhere
