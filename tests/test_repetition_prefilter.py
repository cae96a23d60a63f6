"""The repetition-loop rule's cheap prefilter never hides a loop its pattern would find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.builtin.repetition import _LOOP, _may_loop

WORDS = st.sampled_from(["in", "the", "city", "Thank", "you", "a", "-", "’s", "x_y"])
GAPS = st.sampled_from([" ", "  ", "\t", "\u00a0", "\r", "\n", ". ", ", ", "\n\n"])
TEXTS = st.lists(st.tuples(WORDS, GAPS), max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_prefilter_admits_every_loop(text: str) -> None:
    if _LOOP.search(text):
        assert _may_loop(text)


def test_prefilter_rejects_loops_broken_by_punctuation_or_lines() -> None:
    assert not _may_loop("Thank you. Thank you. Thank you.")
    assert not _may_loop("in the city\nin the city\nin the city")
    assert _may_loop("of the region of the region of the region")
