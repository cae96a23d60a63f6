from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import document
from transcheck.builtin.charset import characters
from transcheck.document import Document, distinct_blocks


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_for_every_line_ending(newline: str) -> None:
    text = newline.join(["first line", "", "third “line”", "fourth"])
    doc = Document(text)
    offset = text.index("line”")
    assert doc.position(offset) == (3, 8)
    assert doc.offset(3, 8) == offset
    assert doc.line_text(3) == "third “line”"
    assert [p.text for p in doc.paragraphs] == ["first line", f"third “line”{newline}fourth"]


def test_a_long_document_is_read_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its blocks are not copied: its analyses are never held whole."""
    monkeypatch.setattr(document, "PIECE_CHARS", 10)
    text = "The same words.\n\n" * 10
    assert distinct_blocks(Document(text)) is text
    assert distinct_blocks(Document("The same words.\n\nThe same words.")) == "The same words."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\r", max_size=30))
def test_lines_start_after_every_line_break(text: str) -> None:
    breaks = [i + 1 for i, char in enumerate(text)
              if char == "\n" or (char == "\r" and text[i + 1:i + 2] != "\n")]
    assert list(Document(text).line_starts) == [0, *breaks]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "", "\n", "b\tc", "é"]), max_size=8))
def test_characters_are_those_of_the_text(blocks: list[str]) -> None:
    text = "\n\n".join(blocks)
    assert Document(text).memo(characters) == frozenset(text)


def test_columns_count_code_points() -> None:
    doc = Document("😀é x")
    assert doc.position(3) == (1, 4)


def test_paragraph_offsets_point_into_text() -> None:
    text = "  Title\n\n\n  Body one.\nBody two.  \n \n\nEnd."
    doc = Document(text)
    for paragraph in doc.paragraphs:
        assert text[paragraph.start:paragraph.end] == paragraph.text
    assert [p.text for p in doc.paragraphs] == ["Title", "Body one.\nBody two.", "End."]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab \t\n\r\x0c\u2029", max_size=40))
def test_paragraphs_are_cut_at_every_paragraph_break(text: str) -> None:
    """Whether a text is cut by `str.split` or by the pattern, its paragraphs are the
    runs between the pattern's breaks, trimmed."""
    expected, start = [], 0
    for brk in [*document._PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        chunk = text[start:end]
        if chunk.strip():
            first = start + len(chunk) - len(chunk.lstrip())
            expected.append((first, first + len(chunk.strip()), chunk.strip()))
        start = brk.end() if brk else end
    assert [(p.start, p.end, p.text) for p in Document(text).paragraphs] == expected


def test_sentences_have_document_offsets() -> None:
    text = "Intro.\n\nDr. Lee arrived at 5 p.m. on Monday. She left. “Wait. Stop.” he said."
    doc = Document(text)
    for sentence in doc.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    assert doc.sentences[1].text == "Dr. Lee arrived at 5 p.m. on Monday."


def test_memo_computes_once() -> None:
    calls = []

    def analysis(doc: Document) -> int:
        calls.append(1)
        return len(doc.text)

    doc = Document("abc")
    assert doc.memo(analysis) == doc.memo(analysis) == 3
    assert len(calls) == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "the the", "a\nb", "", " ", "\n", "b."]), max_size=12))
def test_distinct_blocks_hold_every_word_and_pair_of_words(blocks: list[str]) -> None:
    """Each distinct block once, in order: the same words, and the same words in a row
    within a block, as the whole text."""
    text = "\n\n".join(blocks)
    kept = distinct_blocks(Document(text))
    assert kept == "\n\n".join(dict.fromkeys(text.split("\n\n")))
    assert set(kept.split()) == set(text.split())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b c", " ", "\t", "\n", "\n\n", "\n \n", "\x0c", "\u2028",
                                 "\u3000", "a\n\nb"]), max_size=12))
def test_block_paragraphs_at_their_copies_are_the_paragraphs(parts: list[str]) -> None:
    """Each distinct block's paragraphs, placed at every copy of the block: the document's
    paragraphs, whatever blank lines, spaces and other white space stand around them."""
    from transcheck.blocks import block_paragraphs

    doc = Document("".join(parts))
    distinct = block_paragraphs(doc)
    assert distinct is not None
    blocks, paragraphs = distinct
    assert blocks.at_copies(paragraphs) == [(p.start, p.text) for p in doc.paragraphs]


@pytest.mark.parametrize("doc", [
    Document("a\r\n\r\nb\n\nb"),
    Document("a\n\nb", units=(document.Unit(0, 1), document.Unit(3, 4))),
])
def test_no_block_paragraphs_where_paragraphs_are_not_cut_at_blank_lines_alone(
        doc: Document) -> None:
    from transcheck.blocks import block_paragraphs

    assert block_paragraphs(doc) is None


def test_text_and_source_must_align() -> None:
    with pytest.raises(ValueError):
        Document("abc", raw="abcd")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab .\n\r\t \u00a0\x0b", max_size=30))
def test_ends_paragraph_agrees_with_paragraphs(text: str) -> None:
    doc = Document(text)
    ends = {p.end for p in doc.paragraphs}
    assert [o for o in range(len(text) + 1) if doc.ends_paragraph(o)] == sorted(ends)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \r\n", max_size=40), st.lists(st.integers(0, 45), max_size=12))
def test_positions_in_order_are_the_positions_of_each_span(text: str, ends: list[int]) -> None:
    doc = Document(text)
    spans = sorted((min(a, b), max(a, b)) for a, b in zip(ends, ends[1:]))
    assert list(doc.positions_in_order(spans)) == [doc.positions(a, b) for a, b in spans]
