"""The repetition rules' cheap prefilters never hide what their patterns would find."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck.builtin import repetition
from transcheck.blocks import lower_blocks
from transcheck.builtin.repetition import _DOUBLED, _LOOP, _MARK, Words, _doubled
from transcheck.document import Document

WORDS = st.sampled_from(["in", "the", "The", "city", "Thank", "you", "a", "-", "’s", "x_y",
                         "İ", "Ω", "ω", "ΟΔΟΣ", "theme"])
GAPS = st.sampled_from([" ", "  ", "\t", "\u00a0", "\r", "\n", ". ", ", ", "\n\n", " \n "])
TEXTS = st.lists(st.tuples(WORDS, GAPS), max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs))


def _may_loop(text: str) -> bool:
    return Words(Document(text)).may_loop()


@pytest.fixture(params=["own", "shared", "forgotten"],
                ids=["own-codes", "shared-codes", "forgotten-codes"])
def codes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Codes of a fresh run. With few codes, words share them (as beyond a million
    distinct words); with "forgotten", every text is coded afresh (as past `_MOST_RUNS`)."""
    monkeypatch.setattr(repetition, "_CODES_OF_RUN", repetition._Codes())
    if request.param == "shared":
        monkeypatch.setattr(repetition, "_CODES", 3)
    if request.param == "forgotten":
        monkeypatch.setattr(repetition, "_MOST_RUNS", 0)


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_prefilter_admits_every_loop(codes: None, text: str) -> None:
    if _LOOP.search(text):
        assert _may_loop(text)


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_doubled_words_are_those_of_the_pattern(codes: None, text: str) -> None:
    expected = [m.span() for m in _DOUBLED.finditer(text)]
    words = Words(Document(text))
    for blocks in (None, lower_blocks(Document(text))):  # the whole text, or block by block
        doubled = _doubled(text, words.doubles(), text.lower(), blocks)
        assert [m.span() for m in doubled] == expected


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.one_of(WORDS, st.sampled_from(["(the", "the,", "\x01", "\x00"])),
                          GAPS), max_size=40).map(lambda pairs: "".join(w + g for w, g in pairs)))
def test_words_are_coded_as_when_the_whole_text_is_cut(codes: None, text: str) -> None:
    """Cutting and lowering each distinct run between spaces once per run of the program
    gives a code for each word of the text lowered and cut whole: marks and line breaks
    as themselves, a word always as the same code, in this text and the next, and
    distinct words as distinct codes while there are codes enough."""
    words = _MARK.sub(" \0 ", text.lower()).replace("\n", " \1 ").split()
    runs = repetition._runs(text)
    coded = repetition._CODES_OF_RUN.coded(runs, set(runs))
    again = repetition._CODES_OF_RUN.coded(runs + runs, set(runs))
    assert len(coded) == len(words)
    assert again.startswith(coded)
    code_of: dict[str, str] = {}
    for word, code in zip(words, coded, strict=True):
        assert code_of.setdefault(word, code) == code
        assert (code in "\0\1" or word in "\0\1") == (code == word)
    if len(repetition._CODES_OF_RUN.codes) - 2 <= repetition._CODES:  # the words so far
        assert len(set(code_of.values())) == len(code_of)


def test_prefilter_rejects_loops_broken_by_punctuation_or_lines() -> None:
    assert not _may_loop("Thank you. Thank you. Thank you.")
    assert not _may_loop("in the city\nin the city\nin the city")
    assert _may_loop("of the region of the region of the region")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the the", "The the", "the\nthe", "in in in", "x", "the",
                                 "", "\n", "the the.", "city\n  city"]), max_size=8))
def test_doubled_words_read_block_by_block_are_those_of_the_pattern(blocks: list[str]) -> None:
    """Each word looked for once per distinct block and tried at every copy."""
    text = "\n\n".join(blocks)
    words = Words(Document(text))
    doubled = _doubled(text, words.doubles(), text.lower(), lower_blocks(Document(text)))
    assert [m.span() for m in doubled] == [m.span() for m in _DOUBLED.finditer(text)]
