"""The words a phrase's window must hold before its regex is tried (packs/needles.py)."""

from __future__ import annotations

from transcheck.packs.format import expand, load_pack, parse_pack
from transcheck.packs.needles import holds_any, required_words
from transcheck.packs.plugin import PackRule, pack_files, shipped_packs_dir


def test_the_rarest_required_slot_besides_the_key_gives_the_needles() -> None:
    phrase = "make/makes (a|the) decision/decisions (quickly|)"
    assert required_words("make", [phrase], []) == {"decision"}  # "decisions" holds it
    assert required_words("decision", [phrase], []) == {"make"}
    assert required_words("decision", ["take/took decision"], []) == {"take", "took"}


def test_a_phrase_with_no_literal_slot_besides_the_key_is_always_tried() -> None:
    assert required_words("more", ["more <comparative>"], []) == frozenset()
    assert required_words("vigorously", ["vigorously (indeed|)"], []) == frozenset()


def test_a_gapped_phrase_needs_one_of_its_words_outside_the_key() -> None:
    assert required_words("blessed", [], [("killed", "and", "…", "blessed")]) == {"killed"}


def test_the_window_is_read_in_any_case_with_either_apostrophe() -> None:
    assert holds_any("They DIDN’T stop", 0, 16, frozenset({"didn't"}))
    assert not holds_any("They did stop", 0, 13, frozenset({"didn't"}))
    assert not holds_any("decision", 0, 4, frozenset({"decision"}))


def test_every_variant_of_every_shipped_phrase_holds_a_needle() -> None:
    """The test may only skip windows no variant can match: each variant, spelled out,
    holds one of the needles that any of its keys would test for."""
    for path in pack_files([shipped_packs_dir()]):
        matcher = PackRule(load_pack(path), None).matcher
        for (number, key), (phrases, _, _) in matcher._slotted.items():
            needles = required_words(key, phrases, [])
            for phrase in phrases if needles else ():
                for words in expand(phrase):  # a looked-up slot stays a "<class>" word
                    text = " ".join(words)
                    assert holds_any(text, 0, len(text), needles), (path.name, number, words)


def test_the_scan_drops_a_key_whose_window_holds_no_needle_of_any_of_its_phrases() -> None:
    data = {
        "code": "XX301", "name": "test-pack", "summary": "s", "explanation": "e",
        "category": "Style/Awkward", "language": "en",
        "entry": [{"phrase": "(I|we|they|he|she|you) (have|has|had|got|get) (a|the|some|) "
                             "(good|bad|big|small|new|old) (idea|plan|time|day|way)",
                   "message": "m", "examples": {"flag": ["x"], "accept": ["y"]}}],
    }
    matcher = PackRule(parse_pack(data, "test.toml"), None).matcher
    assert matcher.index.scan_text("A good start, a bad end and a new season.") == {}
    text = "They had a good day."
    found = matcher.index.scan_text(text)[matcher]
    assert [text[start:end] for _, places in found for start, end in places] == ["good"]
    assert [text[hit.start:hit.end] for hit in matcher.finditer(text)] == ["They had a good day"]
