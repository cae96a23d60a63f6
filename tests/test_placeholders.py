"""Leaked placeholders, wiki links and markup tags (TC441-TC443): true positives, near misses."""

from __future__ import annotations

import pytest

from transcheck import check_text
from transcheck.config import Settings
from transcheck.engine import Engine


def found(text: str, select: str) -> list[tuple[str, str | None]]:
    """(flagged text, fix) for each diagnostic of `select` in one-line `text`."""
    return [(text[d.column - 1:d.end_column - 1], d.fix) for d in check_text(text, select=[select])]


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
