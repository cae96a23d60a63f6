"""Pack phrases that name constructions: inflections (`make+`) and word classes
(`<event>`) from the shared lists in `rules/words/`."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcheck.errors import ConfigError
from transcheck.packs.format import load_pack, parse_pack
from transcheck.packs.matcher import _key
from transcheck.packs.plugin import PackRule, shipped_packs_dir
from transcheck.packs.words import WordClasses, load_classes

from .conftest import ROOT

CLASSES = load_classes([ROOT / "rules" / "words"])


def rule(classes: WordClasses = CLASSES, **entry: object) -> PackRule:
    data = {
        "code": "XX301", "name": "test-pack", "summary": "s", "explanation": "e",
        "category": "Style/Awkward", "language": "en",
        "entry": [{"message": "m", "examples": {"flag": ["x"], "accept": ["y"]}, **entry}],
    }
    return PackRule(parse_pack(data, "test.toml", classes), source_lang=None)


def spans(pack_rule: PackRule, text: str) -> list[str]:
    return [text[hit.start:hit.end] for hit in pack_rule.matcher.finditer(text)]


def test_a_plus_stands_for_every_inflection() -> None:
    found = rule(phrase="make+ a conclusion+")
    text = "She makes a conclusion. They made a conclusions. Making a conclusion is easy."
    assert spans(found, text) == ["makes a conclusion", "made a conclusions",
                                  "Making a conclusion"]
    assert spans(found, "We draw a conclusion.") == []


def test_irregular_forms_and_both_spellings_come_from_the_lexicon() -> None:
    found = rule(phrase="travel+ with the bus")
    assert spans(found, "He travelled with the bus; she traveled with the bus.") == [
        "travelled with the bus", "traveled with the bus"]
    assert spans(rule(phrase="lay+ value on"), "They laid value on it.") == ["laid value on"]


def test_a_class_stands_for_its_words_and_their_plurals_with_a_plus() -> None:
    attend = rule(phrase="attend+ to the <event>")
    assert spans(attend, "They attended to the press conference.") == [
        "attended to the press conference"]
    assert spans(attend, "They attended to the conferences.") == []
    plural = rule(phrase="attend+ to the <event>+")
    assert spans(plural, "They attended to the conferences.") == [
        "attended to the conferences"]


def test_classes_and_inflections_work_inside_groups_and_with_gaps() -> None:
    found = rule(phrase=["make+ (<determiner>|) conclusion+", "do+ … conclusion+"])
    assert spans(found, "We made conclusions. They did the hasty conclusion.") == [
        "made conclusions", "did the hasty conclusion"]


def test_a_class_of_comparatives_holds_the_forms_it_names() -> None:
    found = rule(phrase="more <comparative>")
    assert spans(found, "It is more better and more cheaper.") == ["more better", "more cheaper"]
    assert spans(found, "It is more good than bad.") == []


@pytest.mark.parametrize(("phrase", "problem"), [
    ("attend+ <festivity>", "unknown word class <festivity>"),
    ("xqzzy+ plan", "no inflections known for 'xqzzy'"),
])
def test_an_unknown_class_or_word_is_a_one_line_error(phrase: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem) as caught:
        rule(phrase=phrase)
    assert str(caught.value).startswith("test.toml: entry 1")


def test_a_wrong_entry_takes_no_inflections() -> None:
    with pytest.raises(ConfigError, match="'wrong' takes plain words"):
        rule(wrong="make+ photo", replacement="take a photo")


PACK = """code = "HS301"
name = "house-style"
summary = "s"
explanation = "e"
category = "Style/Awkward"
language = "en"

[[entry]]
phrase = "attend+ to the <gathering>"
message = "m"
examples.flag = ["We attended to the gala."]
examples.accept = ["We attended the gala."]
"""


def test_a_user_pack_names_the_classes_beside_it_and_a_changed_list_is_read_afresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "words").mkdir()
    words = tmp_path / "words" / "house.toml"
    words.write_text('[gathering]\nabout = "a"\nwords = ["gala"]\n', encoding="utf-8")
    (tmp_path / "house.toml").write_text(PACK, encoding="utf-8")

    def found(text: str) -> list[str]:
        classes = load_classes([shipped_packs_dir() / "words", tmp_path / "words"])
        return spans(PackRule(load_pack(tmp_path / "house.toml", classes), None), text)

    assert found("We attended to the gala.") == ["attended to the gala"]
    words.write_text('[gathering]\nabout = "a"\nwords = ["ball"]\n', encoding="utf-8")
    assert found("We attended to the gala.") == []
    assert found("We attended to the ball.") == ["attended to the ball"]


@pytest.mark.parametrize(("text", "problem"), [
    ('[gathering]\nwords = ["gala"]\n', "'about'"),
    ('[Gathering]\nabout = "a"\nwords = ["gala"]\n', "kebab-case"),
    ('[gathering]\nabout = "a"\nwords = ["gala/ball"]\n', "plain words"),
    ('[gathering]\nabout = "a"\nwords = ["gala"]\nforms = ["dual"]\n', "'forms'"),
    ('[event]\nabout = "a"\nwords = ["gala"]\n', "already defined"),
])
def test_a_malformed_word_list_names_the_file_and_the_class(
        tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "house.toml"
    path.write_text(text, encoding="utf-8")
    classes = load_classes([shipped_packs_dir() / "words", tmp_path])
    with pytest.raises(ConfigError, match=problem) as caught:
        dict(classes.members)
    assert str(caught.value).startswith(f"{path}: [")


def test_a_pattern_names_classes_as_groups_of_their_words() -> None:
    found = rule(pattern=r"\b[Ww]e (?:attended|missed) the <event>+\b(?<!x)",
                 anchors=["attended", "missed"])
    assert spans(found, "We attended the press conferences. We missed the rally.") == [
        "We attended the press conferences", "We missed the rally"]
    assert spans(found, "We attended the gala.") == []


def test_a_lexicon_class_holds_every_word_of_its_part_of_speech(tmp_path: Path) -> None:
    (tmp_path / "lex.toml").write_text(
        '[any-adverb]\nabout = "a"\nlexicon = "adverb"\nexcept = ["quickly"]\n'
        '[rarer]\nabout = "a"\nlexicon = "adjective"\nforms = ["comparative"]\n',
        encoding="utf-8")
    members = load_classes([tmp_path]).members
    assert ("carefully",) in members["any-adverb"]
    assert ("quickly",) not in members["any-adverb"]
    # Adjectives without an -er form add nothing; irregular ones add theirs.
    assert {("livelier",), ("worse",)} <= set(members["rarer"])
    assert ("beautifuler",) not in members["rarer"]


def test_s_plural_gives_the_plural_english_does_not_use_but_not_a_verb_form(
        tmp_path: Path) -> None:
    (tmp_path / "lex.toml").write_text(
        '[plural]\nabout = "a"\nwords = ["furniture", "information", "research"]\n'
        'forms = ["s-plural"]\n', encoding="utf-8")
    assert set(load_classes([tmp_path]).members["plural"]) == {
        ("furnitures",), ("informations",)}


def test_a_slot_of_many_words_is_looked_up_not_spelled_out() -> None:
    found = rule(phrase="(is|was) more <comparative>")
    assert spans(found, "It was more livelier. It is more cheaper-looking. Is more worse.") == [
        "was more livelier", "Is more worse"]
    assert spans(found, "It is more lively.") == []
    found.matcher.index.number_all()
    index_keys = [_key(word) for word in found.matcher.index._names]
    assert "was more livelier" not in index_keys and len(index_keys) < 10


def test_a_gap_before_a_looked_up_slot_is_refused() -> None:
    with pytest.raises(ConfigError, match="gap"):
        rule(phrase="far … <comparative>")


def test_a_looked_up_slot_cannot_be_in_an_antipattern() -> None:
    with pytest.raises(ConfigError, match="antipattern"):
        rule(phrase="more better", antipatterns=["more <comparative> people"])


def test_followed_by_must_match_right_after_the_phrase() -> None:
    found = rule(phrase="are more <comparative>", **{"followed-by": r"\s*(?:than\b|[.,;!?])"})
    assert spans(found, "They are more older. They are more older than us.") == [
        "are more older", "are more older"]
    assert spans(found, "There are more older people here.") == []


def test_a_pattern_looks_up_a_class_of_thousands_of_words(tmp_path: Path) -> None:
    (tmp_path / "lex.toml").write_text(
        '[adverb-any]\nabout = "a"\nlexicon = "adverb"\n', encoding="utf-8")
    classes = load_classes([tmp_path])
    found = rule(classes, pattern=r"\bspeaks <adverb-any> English\b", anchors=["speaks"])
    assert found.pack.entries[0].lookups  # not spelled out in the regex
    assert spans(found, "She speaks fluently English. He speaks broken English.") == [
        "speaks fluently English"]
