"""Punctuation rules: true positives and near misses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.builtin import punctuation
from transcheck.builtin.punctuation import (
    DoubledPunctuation,
    MissingSpaceAfterPunctuation,
    SpaceBeforePunctuation,
    SpaceInsideBrackets,
)
from transcheck.document import Document

from .helpers import found


@pytest.mark.parametrize("text, expected", [
    ("The plan , said the mayor, is ready.", [(" ", "")]),
    ("Is it ready ? Nobody knows.", [(" ", "")]),
    ("The answer is simple : wait.", [(" ", "")]),
    ("It ended here .", [(" ", "")]),
    ("They won !", [(" ", "")]),
    ("The plan ,” he said.", [(" ", "")]),
])
def test_space_before_punctuation(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC111") == expected


@pytest.mark.parametrize("text", [
    "Wait ... what happened?",
    "The value rose by .5 points.",
    "Type :q to quit, then smile :)",
    "The plan, said the mayor, is ready: it starts in May!",
    "    Indented line, still fine.",
])
def test_no_space_before_punctuation(text: str) -> None:
    assert found(text, "TC111") == []


@pytest.mark.parametrize("text, expected", [
    ("The agency ( founded in 1994) employs 300 people.", [(" ", "")]),
    ("The agency (founded in 1994 ) employs 300 people.", [(" ", "")]),
    ("See the table [ below ] for details.", [(" ", ""), (" ", "")]),
])
def test_space_inside_brackets(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC112") == expected


@pytest.mark.parametrize("text", [
    "The agency (founded in 1994) employs 300 people.",
    "- [ ] write the report",
    "Call the function with ( ) and nothing else.",
    "Options: (a) walk, (b) drive.",
])
def test_no_space_inside_brackets(text: str) -> None:
    assert found(text, "TC112") == []


@pytest.mark.parametrize("text, expected", [
    ("The road reopened on Friday.Traffic is normal again.", [(".", ". ")]),
    ("Why did it close?Nobody said.", [("?", "? ")]),
    ("They painted it red,green and blue.", [(",", ", ")]),
])
def test_missing_space_after_punctuation(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC113") == expected


@pytest.mark.parametrize("text", [
    "The U.S. economy grew 3.5 percent, e.g. in services.",
    "Write to press@example.org or visit www.Example.com today.",
    "Dr.Smith is mentioned as D.C.Jones in the old index.",
    "Revenue was 1,200,000 dollars.",
    "The file README.md explains it.",
    "Meet at 10 a.m.Monday is fine too.",
])
def test_no_missing_space(text: str) -> None:
    assert found(text, "TC113") == []


@pytest.mark.parametrize("text, expected", [
    ("Prices rose,, and the bank acted.", [(",,", ",")]),
    ("The bank acted..", [("..", ".")]),
    ("Did it work?.", [("?.", "?")]),
    ("Costs rose sharply,.", [(",.", ".")]),
    ("It was finished., Then it began again.", [(".,", None)]),
])
def test_doubled_punctuation(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(text, "TC114") == expected


@pytest.mark.parametrize("text", [
    "Wait... what happened?",
    "Apples, pears, etc., were on sale.",
    "Offices in the U.S., Canada and Mexico.",
    "Run ../build.sh from the folder.",
    "Count from 1..10 slowly.",
    "Really?! That is news.",
    ".. note::\n\n   The cache is rebuilt at start.",  # reStructuredText markup
    "Intro.\n\n   .. image:: ferry.png\n",
])
def test_no_doubled_punctuation(text: str) -> None:
    assert found(text, "TC114") == []


def test_doubled_period_on_a_markup_line_is_still_found_after_it() -> None:
    assert found(".. note:: the ferry left.. Then it rained.", "TC114") == [("..", ".")]


@pytest.mark.parametrize("text, expected", [
    ("She called the deal “ a good start” for the region.", [(" ", "")]),
    ("She called the deal “a good start ” for the region.", [(" ", "")]),
    ("He said it was \"over \" and then he left.", [(" ", "")]),
])
def test_space_inside_quotes(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC115") == expected


@pytest.mark.parametrize("text", [
    "She called the deal “a good start” for the region.",
    "\"Yes,\" she said, \"and no.\"",
    "He wrote \"yes\" and \"no\" on the \"form.",
])
def test_no_space_inside_quotes(text: str) -> None:
    assert found(text, "TC115") == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="([)] \t\u00a0\u202f\nab", max_size=25))
def test_spaces_inside_brackets_are_where_the_plain_pattern_finds_them(text: str) -> None:
    space = "[ \t\u00a0\u202f]"
    plain = re.compile(rf"{space}(?:(?<=[(\[]{space}){space}*(?=[^\s)\]])"
                       rf"|(?<=[^\s(\[]{space}){space}*(?=[)\]]))")
    found = [(f.start, f.end) for f in SpaceInsideBrackets().check(Document(text))]
    assert found == [m.span() for m in plain.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=",;.:!?5 \t\u00a0\u202f\n\"”’)]ab", max_size=25))
def test_spaces_before_punctuation_are_where_the_plain_pattern_finds_them(text: str) -> None:
    space = "[ \t\u00a0\u202f]"
    plain = re.compile(
        rf"{space}(?<=[\w\"”’)\]]{space}){space}*(?=[,;](?!\d)|[.:!?](?:[\s\"”’]|$))")
    found = [(f.start, f.end) for f in SpaceBeforePunctuation().check(Document(text))]
    assert found == [m.span() for m in plain.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=".!?,;5 \nabAB_é", max_size=25))
def test_missing_spaces_are_where_the_plain_pattern_finds_them(text: str) -> None:
    plain = re.compile(
        r"[.!?](?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|[,;](?<=[^\W\d_]{2}[,;])(?=[^\W\d_]{2})")
    assert [m.span() for m in MissingSpaceAfterPunctuation._marks.finditer(text)] == [
        m.span() for m in plain.finditer(text)]


@pytest.fixture
def long_text_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text read as a long one: each mark's pattern searched on its own."""
    monkeypatch.setattr(punctuation, "_LONG_TEXT", 0)


@pytest.mark.usefixtures("long_text_path")
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=",;.:!?5 \t\u00a0\n\"”’)]aA/é", max_size=30))
def test_each_mark_finds_what_the_one_pattern_finds(text: str) -> None:
    for rule in (SpaceBeforePunctuation, MissingSpaceAfterPunctuation, DoubledPunctuation):
        marks = rule._marks
        assert [m.span() for m in marks.finditer(text)] == [
            m.span() for m in marks.whole.finditer(text)]
