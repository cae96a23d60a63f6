"""Long documents are checked piece by piece by paragraph-scope rules, with the same result."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transcheck.document as document_module
from transcheck.bridge import BridgeRule
from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic, Finding, Severity
from transcheck.document import Document
from transcheck.engine import ChosenRules, Engine, _moved

WORDS = ["the", "ferry", "Its", "said", "“We", "sail.”", '"fine"', "‘so’", "’70s", "„Guten“",
         "«non»", " ,", "..", ",,", "( it )", "noon.Then", "it’s", "can't", "”", "“", '"',
         "late.", "?.", "“ spaced ”"]
SEPARATORS = ["\n\n", "\r\n\r\n", "\n \n", "\n\n\n", " ", " ", " ", "\n", "\r\n"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                 min_size=1, max_size=40).map(lambda parts: "".join(w + s for w, s in parts))

STORY = (
    "“The ferry will sail at noon , the captain said.\n\n"
    "“If the wind drops, we may even be early.”\n\n"
    "Passengers waited on the pier.. Some read „newspapers“ and others talked.\n\n"
    "A boy asked: \"Is it far?\" His mother smiled. “Not at all.\n\n"
    "It’s a short crossing, and the boat's engine is new.\n"
)


def _check(text: str, piece_chars: int, monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    monkeypatch.setattr(document_module, "PIECE_CHARS", piece_chars)
    engine = Engine(Settings())
    return list(engine.check(engine.read(text, "story.txt")))


@pytest.mark.parametrize("piece_chars", [1, 40, 120])
def test_pieces_give_the_findings_of_the_whole_document(
    monkeypatch: pytest.MonkeyPatch, piece_chars: int
) -> None:
    text = STORY * 5
    whole = _check(text, 10**9, monkeypatch)
    assert {d.code for d in whole} >= {"TC102", "TC104", "TC105", "TC111", "TC114"}
    assert _check(text, piece_chars, monkeypatch) == whole


@settings(max_examples=60, deadline=None)
@given(texts, st.sampled_from([1, 7, 30]))
def test_any_cut_gives_the_same_findings(text: str, piece_chars: int) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole = _check(text, 10**9, monkeypatch)
        assert _check(text, piece_chars, monkeypatch) == whole


# Words and sentences for the families beyond quotes and punctuation: doubles, loops,
# articles, spellings, dashes, calques, leftovers, placeholders, scripts, number formats.
FAMILY_WORDS = ["the the", "of the city of the city of the city", "a apple", "an hour",
                "Kyiv", "Kiev", "colour", "color", "up—down", "in—out—in", "up – down", "up--down",
                "net red",
                "{0}", "Ã©t", "3,5 km", "漢字", "，", "(open", "by emailing:",
                "The ferry left the harbour at noon today.", "Der Eintritt ist für Kinder frei."]
family_texts = st.lists(
    st.tuples(st.sampled_from(FAMILY_WORDS + WORDS), st.sampled_from(SEPARATORS)),
    min_size=1, max_size=40,
).map(lambda parts: "Ferry Strike Ends Today\n\n" + "".join(w + s for w, s in parts))


@settings(max_examples=60, deadline=None)
@given(family_texts, st.sampled_from([1, 25, 80]))
def test_any_cut_gives_the_same_findings_for_every_family(text: str, piece_chars: int) -> None:
    text += "\n\nFerry Strike Ends Today"
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole = _check(text, 10**9, monkeypatch)
        assert _check(text, piece_chars, monkeypatch) == whole


def test_family_words_make_findings_of_every_family(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ferry Strike Ends Today\n\n" + "\n\n".join(FAMILY_WORDS * 2) + \
        "\n\nFerry Strike Ends Today"
    codes = {d.code for d in _check(text, 40, monkeypatch)}
    assert codes >= {"TC201", "TC202", "TC203", "TC204", "TC205", "TC206", "TC207", "TC208"}
    assert {code[:3] for code in codes} >= {"TC3", "TC4"}


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(min_value=1, max_value=60))
def test_pieces_own_every_offset_once_and_keep_paragraphs_whole(text: str, size: int) -> None:
    doc = Document(text)
    pieces = list(doc.pieces(size))
    assert pieces[0].own_start == 0 and pieces[-1].own_end == len(text) + 1
    for before, after in itertools.pairwise(pieces):
        assert before.own_end == after.own_start
    paragraphs = {(p.start, p.text) for p in doc.paragraphs}
    for piece in pieces:
        assert piece.doc.text == text[piece.offset:piece.offset + len(piece.doc.text)]
        for p in piece.doc.paragraphs:
            assert (p.start + piece.offset, p.text) in paragraphs


def test_a_short_document_is_its_own_single_piece() -> None:
    doc = Document("One paragraph.\n\nAnother one.")
    assert [(p.doc, p.offset) for p in doc.pieces()] == [(doc, 0)]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 50), st.integers(0, 50), st.text(max_size=5),
       st.none() | st.text(max_size=3), st.none() | st.sampled_from(list(Severity)),
       st.integers(1, 10**6))
def test_a_finding_moves_as_replace_moves_it(start: int, length: int, message: str,
                                             fix: str | None, severity: Severity | None,
                                             offset: int) -> None:
    finding = Finding(start, start + length, message, fix, "TC1", "n", severity, "c")
    moved = _moved(finding, offset)
    assert type(moved) is Finding
    assert moved == replace(finding, start=start + offset, end=start + length + offset)


def test_a_subclass_of_finding_moves_as_itself() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Extended(Finding):
        extra: int = 0

    moved = _moved(Extended(1, 2, "m", extra=5), 10)
    assert type(moved) is Extended and (moved.start, moved.end, moved.extra) == (11, 12, 5)


def test_the_chosen_rules_know_their_paragraph_rules_bridges_and_codes() -> None:
    engine = Engine(Settings(select=["ALL"]))
    for chosen in (engine.rules, ChosenRules(engine.rules[:5])):
        assert chosen.local == [rule for rule in chosen if rule.scope == "paragraph"]
        assert chosen.bridged == any(isinstance(rule, BridgeRule) for rule in chosen)
        assert chosen.codes == {rule.code for rule in chosen}
    assert engine.rules.bridged and engine.rules.local  # the LanguageTool bridge is selected
