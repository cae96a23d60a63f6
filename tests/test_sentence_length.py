"""Run-on sentences (TC209): true positives, near misses, and the two limits as options."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.builtin.sentence_length import _words

from .helpers import assert_blocks_read_as_whole, found_messages

# 60 words, five commas: one chain of clauses as MT leaves it.
RUN_ON = (
    "The agency said the new line, which links the airport with the old town, will open "
    "in March, trains will run every ten minutes at first, the fare will be the same as "
    "on the buses, and a second line to the university is planned once the city has "
    "found the money to pay for the tunnel under the river."
)


def found(text: str, **options: Any) -> list[tuple[str, str]]:
    return found_messages(text, "TC209", {"rules": {"TC209": options}} if options else None)


def test_a_long_chain_of_comma_joined_clauses_is_reported() -> None:
    [(span, message)] = found(f"Work starts in May. {RUN_ON} Residents welcomed the news.")
    assert span == RUN_ON
    assert "60 words" in message and "6 comma-joined parts" in message


def test_a_sentence_wrapped_over_lines_is_counted_whole() -> None:
    # Plain text and Markdown wrap a long sentence: its line breaks part words too.
    wrapped = RUN_ON.replace("will open in", "will open\nin").replace(" the ", "\nthe ")
    [(span, message)] = found(wrapped)
    assert span == wrapped
    assert "60 words" in message


def test_marks_are_not_words() -> None:
    [(_, message)] = found(RUN_ON.replace("first,", "first, — ,"))
    assert "60 words" in message


@pytest.mark.parametrize("text", [
    # As long, but one clause after another joined by "and" and "that": no comma chain.
    "The committee agreed that the report should be published before the end of the month "
    "and that the members who had asked for more time to read the annexes should receive "
    "them by post together with the minutes of the last meeting and the list of the "
    "questions that the public had sent in during the consultation",
    # The same words cut into sentences of normal length.
    "The agency said the new line will open in March. Trains will run every ten minutes "
    "at first, and the fare will be the same as on the buses. A second line to the "
    "university is planned, once the city has found the money to pay for the tunnel "
    "under the river, the agency added.",
    # A title before a full stop ends a sentence here, so it cannot make one long.
    "The talks, which began on Monday, were led by Mr. Wang, the deputy minister, and "
    "Ms. Keller, who chairs the committee. They ended without a statement, and both "
    "sides said more meetings would follow in the spring in Geneva or Vienna.",
])
def test_near_misses_are_left_alone(text: str) -> None:
    assert found(text) == []


def test_the_limits_are_options() -> None:
    assert found(RUN_ON, **{"min-words": 61}) == []
    assert found(RUN_ON, **{"min-commas": 6}) == []
    short = "The road is closed, the bridge is shut, the ferry is late, and we wait."
    assert [span for span, _ in found(short, **{"min-words": 15})] == [short]


# The word pattern `_words` stood for: a run of non-space characters with a `\w` in it,
# matched from the run's start.
_WORD = re.compile(r"(?<!\S)[^\s\w]*\w")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZ9_٣²-—“”.,'’ \n\t\u3000\x1c\x85\u0301", max_size=40))
def test_words_are_the_runs_the_word_pattern_finds(text: str) -> None:
    assert _words(text) == len(_WORD.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([RUN_ON, "Short, plain, and done.", "a, b, c, d e f g", "\n",
                                 "\n \n", "", " ", "Mr. Li said so."]), max_size=8))
def test_run_ons_read_block_by_block_are_those_of_the_whole_text(blocks: list[str]) -> None:
    """Each distinct block's paragraphs read once, their run-on sentences reported at
    every copy."""
    from transcheck.builtin.sentence_length import RunOnSentence

    assert_blocks_read_as_whole(RunOnSentence({"min-words": 4, "min-commas": 2}),
                                "\n\n".join(blocks))
