"""Encoding damage (TC421-TC426): true positives and near misses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import check_text
from transcheck.config import Settings
from transcheck.engine import Engine

from .helpers import found


@pytest.mark.parametrize("text, expected", [
    ("Weâ€™ll meet at the cafÃ© at noon.", [("â€™", "’"), ("Ã©", "é")]),
    ("The rent is Â£900 a month.", [("Â", "")]),
    ("She wrote â€œthanksâ€\x9d on the card.", [("â€œ", "“"), ("â€\x9d", "”")]),
    ("The word Ã¼ber is German.", [("Ã¼", "ü")]),
])
def test_mojibake(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC421") == expected


@pytest.mark.parametrize("text", [
    "We met at the café in Zoë’s street, a naïve choice.",
    "Âge d’or is the name of the bar.",
    "The rent is £900 a month, or €1,050.",
    "Ångström and Øresund are spelled correctly.",
])
def test_no_mojibake(text: str) -> None:
    assert found(text, "TC421") == []


@pytest.mark.parametrize("text, expected", [
    ("The mayor called it &quot;a fair deal&quot;.", [("&quot;", '"'), ("&quot;", '"')]),
    ("Prices rose 3&nbsp;percent.", [("&nbsp;", "\u00a0")]),
    ("It&#39;s ready, and so is Q&amp;A.", [("&#39;", "'"), ("&amp;", "&")]),
    ("The right quote is &#x2019; here.", [("&#x2019;", "’")]),
])
def test_html_entity(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC422") == expected


@pytest.mark.parametrize("text", [
    "AT&T and R&D; are company words.",
    "Fish & chips cost less here.",
    "Use the &foo; placeholder in the template.",
])
def test_no_html_entity(text: str) -> None:
    assert found(text, "TC422") == []


def test_html_entity_in_markdown_is_markup() -> None:
    engine = Engine(Settings(select=("TC422",)))
    doc = engine.read("Rock &amp; roll never dies.\n", "notes.md")
    assert engine.check(doc) == []


def test_replacement_character() -> None:
    assert found("The fee is \ufffd40 a month.", "TC423") == [("\ufffd", None)]
    assert found("The fee is €40 a month.", "TC423") == []


@pytest.mark.parametrize("text, expected", [
    ("The contract\x92s terms changed.", [("\x92", "’")]),
    ("Press the\x08 key.", [("\x08", "")]),
    ("End of file\x1a", [("\x1a", "")]),
])
def test_control_character(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC424") == expected


def test_tabs_and_line_breaks_are_not_control_characters() -> None:
    assert check_text("Name:\tAnna\r\nCity:\tLyon\n\fPage two", select=["TC424"]) == []


@pytest.mark.parametrize("text, expected", [
    ("Call the help\u200bdesk before noon.", [("\u200b", "")]),
    ("The pass\u2060word is secret.", [("\u2060", "")]),
    ("Two files\ufeff joined here.", [("\ufeff", "")]),
    ("A stray\u200d joiner in English.", [("\u200d", "")]),
])
def test_zero_width_character(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC425") == expected


@pytest.mark.parametrize("text", [
    "The team emoji 👩\u200d💻 is a joined sequence.",
    "The Persian word می\u200cخواهم keeps its non-joiner.",
    "A plain sentence with nothing hidden.",
])
def test_no_zero_width_character(text: str) -> None:
    assert found(text, "TC425") == []


@pytest.mark.parametrize("text, expected", [
    ("Transfer it to account 4491\u202e2207.", [("\u202e", "")]),
    ("The file\u200e name is odd.", [("\u200e", "")]),
    ("Isolated \u2066text\u2069 here.", [("\u2066", ""), ("\u2069", "")]),
])
def test_bidi_control(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC426") == expected


def test_bidi_marks_next_to_hebrew_are_needed() -> None:
    assert found("The sign said שלום\u200f to visitors.", "TC426") == []
    # An override reorders what is shown even there.
    assert found("The sign said שלום\u202e to visitors.", "TC426") == [("\u202e", "")]


def test_encoding_findings_are_errors() -> None:
    codes = {d.code: d.severity.value for d in check_text(
        "Itâ€™s \ufffd here\x07 and\u200b there\u202e.", select=["TC42"])}
    assert codes == {c: "error" for c in ("TC421", "TC423", "TC424", "TC425", "TC426")}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["caf", "é", "Ã©", "â€“", "–", " ", "x", "ü", "Ã¼", "’"]),
                max_size=20).map("".join),
       st.lists(st.sampled_from(["caf", "é", "–", " ", "x", "ü", "’", "!"]),
                max_size=20).map("".join))
def test_changes_rebuild_the_fixed_line(line: str, fixed: str) -> None:
    from transcheck.builtin.encoding import _changes

    rebuilt, last = [], 0
    spans = list(_changes(line, fixed))
    for i1, i2, j1, j2 in spans:
        rebuilt.append(line[last:i1] + fixed[j1:j2])
        last = i2
    assert "".join(rebuilt) + line[last:] == fixed


def test_every_mojibake_of_a_long_garbled_line_is_reported() -> None:
    line = "Ã©tÃ© â€™ " * 2_000
    assert len(check_text(line, select=["TC421"])) == 6_000
