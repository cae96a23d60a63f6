"""Leaked placeholders, wiki links and markup tags (TC441-TC443): true positives, near misses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import check_text
from transcheck.builtin.placeholders import (
    _PLACEHOLDERS,
    _TAG,
    _WIKI_LINK,
    LeakedPlaceholder,
    LeakedWikiLink,
)
from transcheck.config import Settings
from transcheck.document import Document
from transcheck.engine import Engine

from .helpers import found


@pytest.mark.parametrize("text, expected", [
    ("Your order {0} has shipped.", ["{0}"]),
    ("Hello {user_name}, welcome back.", ["{user_name}"]),
    ("The total is {0:N2} today.", ["{0:N2}"]),
    ("Dear {{ name }}, thank you.", ["{{ name }}"]),
    ("Path is ${HOME} on the server.", ["${HOME}"]),
    ("Deleted %d files from %s.", ["%d", "%s"]),
    ("Copied %1$s to %2$s.", ["%1$s", "%2$s"]),
    ("It is %.2f degrees and %@ says so.", ["%.2f", "%@"]),
    ("Welcome, %(name)s.", ["%(name)s"]),
    ("You have {count, plural, one {# item} other {# items}}.", ["{count, plural"]),
])
def test_leaked_placeholder(text: str, expected: list[str]) -> None:
    assert [t for t, _ in found(text, "TC441")] == expected


@pytest.mark.parametrize("text", [
    "Prices rose 50% and 7 % of shops closed.",
    "About 40% said yes, 30%s of votes were lost.",
    "The set {x} holds one element; {1, 2, 3} holds three.",
    "Use braces { and } sparingly.",
    "The discount is 20%, so pay 80%.",
    "It costs $5 and the code is $HOME-free.",
])
def test_no_leaked_placeholder(text: str) -> None:
    assert found(text, "TC441") == []


@pytest.mark.parametrize("text, expected", [
    ("We drove on to [[Hamburg|the port city]] at dawn.",
     [("[[Hamburg|the port city]]", "the port city")]),
    ("See [[Berlin]] for details.", [("[[Berlin]]", "Berlin")]),
])
def test_leaked_wiki_link(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC442") == expected


@pytest.mark.parametrize("text", [
    "See the table [1] and note [2].",
    "The matrix [[1, 2], [3, 4]] is square.",
])
def test_no_leaked_wiki_link(text: str) -> None:
    assert found(text, "TC442") == []


@pytest.mark.parametrize("text, expected", [
    ("Press <b>Save before closing.", ["Markup tag “<b>” is never closed"]),
    ("Press Save</b> before closing.", ["Closing tag “</b>” closes nothing"]),
    ("Press <b>Save</b> now.", ["Markup tag “<b>” in plain text",
                                "Markup tag “</b>” in plain text"]),
    ("First line<br>second line.", ["Markup tag “<br>” in plain text"]),
    ("Click <g id=\"1\">here</g> to start.", ["Markup tag “<g id=\"1\">” in plain text",
                                              "Markup tag “</g>” in plain text"]),
    ("Open <1>the menu</1> first.", ["Markup tag “<1>” in plain text",
                                     "Markup tag “</1>” in plain text"]),
    ("A <i>nested <b>tag</i> here.", ["Markup tag “<i>” in plain text",
                                      "Markup tag “<b>” is never closed",
                                      "Markup tag “</i>” in plain text"]),
])
def test_leaked_markup_tag(text: str, expected: list[str]) -> None:
    assert [d.message for d in check_text(text, select=["TC443"])] == expected


@pytest.mark.parametrize("text", [
    "If x < y and y > z, the claim holds.",
    "Use the <Enter> key, or <Ctrl> plus <Z>.",
    "Arrows like <- and -> are not tags.",
])
def test_no_leaked_markup_tag(text: str) -> None:
    assert found(text, "TC443") == []


def test_tags_in_markdown_are_markup() -> None:
    engine = Engine(Settings(select=("TC443",)))
    doc = engine.read("Press <b>Save</b> now.\n", "notes.md")
    assert engine.check(doc) == []


def _reference_tags(text: str) -> list[tuple[int, int, str]]:
    """The tag findings as a plain stack search would give them (a test model)."""
    from transcheck.builtin.placeholders import _ELEMENTS, _TAG, _VOID

    found, stack = [], []
    for m in _TAG.finditer(text):
        closing, name = m.group(1), m.group(2).lower()
        if name not in _ELEMENTS and not name.isdigit():
            continue
        if closing:
            index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
            if index is None:
                found.append((m.start(), m.end(), "nothing"))
                continue
            found += [(u.start(), u.end(), "never") for _, u in stack[index + 1:]]
            found += [(stack[index][1].start(), stack[index][1].end(), "plain"),
                      (m.start(), m.end(), "plain")]
            del stack[index:]
        elif m.group(4) or name in _VOID:
            found.append((m.start(), m.end(), "plain"))
        else:
            stack.append((name, m))
    return found + [(u.start(), u.end(), "never") for _, u in stack]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<b>", "</b>", "<i>", "</i>", "<br/>", "<p>", "</p>", "x "]),
                max_size=25).map("".join))
def test_tags_are_paired_as_a_stack_search_pairs_them(text: str) -> None:
    from transcheck.builtin.placeholders import LeakedMarkupTag

    kinds = {"never": "never closed", "nothing": "closes nothing", "plain": "in plain text"}
    found = [(f.start, f.end, f.message) for f in LeakedMarkupTag().check(Document(text))]
    expected = _reference_tags(text)
    assert [(a, b) for a, b, _ in found] == [(a, b) for a, b, _ in expected]
    pairs = zip(found, expected, strict=True)
    assert all(kinds[kind] in message for (_, _, message), (_, _, kind) in pairs)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="{}$%[]|<>/0sdx_ (\n", max_size=24))
def test_each_markup_pattern_is_skipped_only_in_a_text_without_its_character(
        text: str) -> None:
    """The rules try a pattern only in a text holding a character that its every match
    holds: they find what every pattern finds in the whole text."""
    patterns = [*_PLACEHOLDERS, ("[", _WIKI_LINK), ("<", _TAG)]
    for char, pattern in patterns:
        assert all(char in m.group() for m in pattern.finditer(text))
    doc = Document(text)
    assert [(f.start, f.end) for f in LeakedPlaceholder().check(doc)] == [
        m.span() for _, pattern in _PLACEHOLDERS for m in pattern.finditer(text)]
    assert [(f.start, f.end) for f in LeakedWikiLink().check(doc)] == [
        m.span() for m in _WIKI_LINK.finditer(text)]
