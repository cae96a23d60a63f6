"""Sentence segmentation: the shortcut for one-sentence paragraphs never changes Punkt's answer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.document import Document, Span
from transcheck.segment import _tokenizer, possible_sentences, sentences_of, split_sentences

PARTS = st.sampled_from(["The", "ferry", "left", "U.S.", "3.5", "Dr.", "e.g.", "example.com",
                         ".", "!", "?", "?!", "...", "”", "“", '"', "'", ")", "(", "«", "»",
                         ":", ";", "*", "@", "{", "}", "[", "]", "‘", "’", "x", "--", "Mr.",
                         "noon."])
GAPS = st.sampled_from(["", " ", "  ", "\n", "\t", "\u00a0"])
PARAGRAPHS = st.lists(st.tuples(PARTS, GAPS), min_size=1, max_size=25).map(
    lambda parts: "".join(p + g for p, g in parts).strip()).filter(bool)


@settings(max_examples=500, deadline=None)
@given(PARAGRAPHS)
def test_sentences_are_punkts(text: str) -> None:
    expected = [(10 + start, 10 + end) for start, end in _tokenizer().span_tokenize(text)]
    found = split_sentences(Span(10, 10 + len(text), text))
    assert [(s.start, s.end) for s in found] == expected
    assert all(s.text == text[s.start - 10:s.end - 10] for s in found)


def test_a_paragraph_of_two_sentences_is_split() -> None:
    text = "The ferry left at noon. It came back at six."
    assert [s.text for s in split_sentences(Span(0, len(text), text))] == [
        "The ferry left at noon.", "It came back at six."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=8),
       st.lists(PARAGRAPHS, min_size=3, max_size=3))
def test_repeated_paragraphs_are_cut_as_the_first_time(order: list[int], texts: list[str]
                                                       ) -> None:
    """Punkt reads a repeated paragraph text once: every paragraph is still cut as
    Punkt would cut it alone."""
    doc = Document("\n\n".join(texts[i] for i in order))
    expected = [(sentence.start, sentence.end)
                for paragraph in doc.paragraphs for sentence in split_sentences(paragraph)]
    found = sentences_of(doc.paragraphs)
    assert [(s.start, s.end) for s in found] == expected
    assert all(s.text == doc.text[s.start:s.end] for s in found)


@settings(max_examples=3000, deadline=None)
@given(PARAGRAPHS, st.integers(1, 7))
def test_possible_sentences_hold_punkts(text: str, min_words: int) -> None:
    """Each sentence of `min_words` words or more that Punkt cuts is one of the stretches
    `possible_sentences` gives: quotes and brackets round end marks included."""
    stretches = possible_sentences(text, min_words, most=10**6)
    assert stretches is not None
    for start, end in _tokenizer().span_tokenize(text):
        words = text[start:end].split()
        if len(words) >= min_words:
            assert " ".join(words) in stretches


@pytest.mark.parametrize(("text", "sentence"), [
    ("He said “Stop the ferry.” Then he left.", "He said “Stop the ferry.”"),
    ("It ended in the hall.(See below.) We left.", "It ended in the hall."),
    ("It ended. ”Then we left the hall.", "”Then we left the hall."),
    ("(The ferry left at noon.) Then rain came.", "(The ferry left at noon.)"),
])
def test_quotes_and_brackets_round_end_marks(text: str, sentence: str) -> None:
    assert sentence in [text[start:end] for start, end in _tokenizer().span_tokenize(text)]
    assert sentence in possible_sentences(text, 1)  # type: ignore[operator]


def test_possible_sentences_run_between_end_marks() -> None:
    assert possible_sentences("Dr. Lee came. We left at noon.", 2) == [
        "Dr. Lee came.", "Dr. Lee came. We left at noon.", "Lee came.",
        "Lee came. We left at noon.", "We left at noon."]


def test_too_many_stretches_are_left_to_punkt() -> None:
    assert possible_sentences("Go. " * 60, 1) is None
