"""Quote rules: true positives and near misses (correct English that looks similar)."""

from __future__ import annotations

import pytest

from transcheck import check_text


def codes(text: str, select: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in check_text(text, select=[select])]


def spans(text: str, select: str) -> list[str]:
    lines = text.split("\n")
    return [lines[d.line - 1][d.column - 1:d.end_column - 1] for d in check_text(text, select=[select])]


# --- TC101 unmatched closing quote -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The minister said the plan was ready.” The vote is on Monday.",
    "Nobody expected it.\" Then the doors opened.",
    "“Fine,” she said. It was not fine at all.” He shrugged.",
])
def test_unmatched_closing_quote(text: str) -> None:
    assert [c for c, *_ in codes(text, "TC101")] == ["TC101"]


@pytest.mark.parametrize("text", [
    "“The plan is ready,” the minister said.",
    "Putin’s aides arrived in the ’90s, and rock ’n’ roll played.",
    "The dogs’ bowls were empty, and the cats’ were full.",
    "“He called it ‘a disaster,’ and then he left,” she recalled.",
    "The screen measures 24\" across and weighs 3 kg.",
    "\"Stay,\" he said. \"Please.\"",
    "“The first part\nand the second,” she said, wrapping the line.",
])
def test_no_unmatched_closing_quote_in_correct_text(text: str) -> None:
    assert codes(text, "TC101") == []


# --- TC102 unclosed quote -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "“We will rebuild the bridge, the mayor said on Tuesday.",
    "The report called it \"a turning point for the region.",
    "“First we wait. “Then we act,” he said.",
])
def test_unclosed_quote(text: str) -> None:
    assert [c for c, *_ in codes(text, "TC102")] == ["TC102"]


@pytest.mark.parametrize("text", [
    "“We will rebuild the bridge,” the mayor said on Tuesday.",
    # A quotation that runs on re-opens at the next paragraph without closing.
    "“The water rose all night.\n\n“By morning the road was gone,” she said.",
    "“One sentence. Another sentence. A third one,” he said.",
    "She told me ‘never again’ and walked away.",
])
def test_no_unclosed_quote_in_correct_text(text: str) -> None:
    assert codes(text, "TC102") == []


def test_continued_quotation_still_needs_a_close_in_the_last_paragraph() -> None:
    text = "“The water rose all night.\n\n“By morning the road was gone, she said."
    assert [(c, line) for c, line, _ in codes(text, "TC102")] == [("TC102", 3)]


# --- TC103 stranded fragment --------------------------------------------------------------

@pytest.mark.parametrize("text, fragment", [
    ("They asked residents to “stay away from home.” receive”.", "receive”"),
    ("Officials urged people “to leave the area now.” Immediately”.", "Immediately”"),
    ("The notice told drivers \"to avoid the bridge.\" please\".", "please\""),
    ("Police asked everyone “to remain calm.” stay", "stay"),
])
def test_stranded_fragment(text: str, fragment: str) -> None:
    assert spans(text, "TC103") == [fragment]


def test_stranded_fragment_is_one_finding_not_also_an_unmatched_quote() -> None:
    text = "They asked residents to “stay away from home.” receive”."
    assert [d.code for d in check_text(text, select=["TC1"])] == ["TC103"]


@pytest.mark.parametrize("text", [
    "“We are leaving,” she said.",
    "“We are leaving.” she said.",
    "“We are leaving.” The bus left at noon.",
    "He answered “yes.” Later he changed his mind.",
    "“Go home.” “Why?” “Because it is late.”",
    "The sign read “Closed.” Nobody came.",
])
def test_no_stranded_fragment(text: str) -> None:
    assert codes(text, "TC103") == []


# --- TC104 foreign quote marks ------------------------------------------------------------

@pytest.mark.parametrize("text, fixes", [
    ("The chancellor called it „a turning point“.", ["“", "”"]),
    ("The slogan «liberty first» was everywhere.", ["“", "”"]),
    ("The slogan »liberty first« was everywhere.", ["“", "”"]),
    ("He called it ”a mistake” twice.", ["“"]),
])
def test_foreign_quote_marks(text: str, fixes: list[str]) -> None:
    assert [d.fix for d in check_text(text, select=["TC104"])] == fixes


@pytest.mark.parametrize("text", [
    "The chancellor called it “a turning point”.",
    "The chancellor called it \"a turning point\".",
    "She wrote ‘maybe’ in the margin.",
])
def test_english_quote_marks_are_fine(text: str) -> None:
    assert codes(text, "TC104") == []


# --- TC105 mixed quote styles -------------------------------------------------------------

def test_mixed_double_quotes_report_minority_style() -> None:
    text = "“Sales rose,” she said. “We expect more.”\n\nHe added: \"Not yet.\""
    found = check_text(text, select=["TC105"])
    assert [(d.line, d.fix) for d in found] == [(3, "“"), (3, "”")]


def test_mixed_apostrophes() -> None:
    text = "Lee’s shop and Kim’s café are open, but Ana's is shut."
    found = check_text(text, select=["TC105"])
    assert [d.fix for d in found] == ["’"]


@pytest.mark.parametrize("text, fixes", [
    # One kind mixed, the other of one style: a text that holds one style of a kind is
    # passed over for it, not for the other.
    ("“Sales rose,” she said. Lee’s shop and Kim’s café, but Ana's is shut.", ["’"]),
    ("Lee's shop: “Sales rose,” she said. “We expect more.” \"Not yet.\"", ["“", "”"]),
])
def test_one_kind_mixed(text: str, fixes: list[str]) -> None:
    assert [d.fix for d in check_text(text, select=["TC105"])] == fixes


@pytest.mark.parametrize("text", [
    "“Sales rose,” she said. “We expect more.” Lee’s shop agrees.",
    "\"Sales rose,\" she said. \"We expect more.\" Lee's shop agrees.",
    "Kim’s view: “prices will fall.” The 24\" screens sold out.",
])
def test_consistent_styles(text: str) -> None:
    assert codes(text, "TC105") == []
