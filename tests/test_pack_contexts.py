"""The words next to a phrase's key that the automaton looks for with it (packs/contexts.py)."""

from __future__ import annotations

import random

from transcheck.packs.contexts import MAX_CONTEXTS, contexts
from transcheck.packs.format import expand, load_pack, parse_pack, phrase_slots
from transcheck.packs.matcher import _key, _Near
from transcheck.packs.plugin import PackRule, pack_files, shipped_packs_dir

SAMPLE = 300  # variants checked of a phrase that has more
# 17 variants: more than are spelled out, so the phrase is looked for near "different".
DIFFERENT_OF = ("(is|are|was|were|be|been|being|very|quite|so|rather|really|much|totally|"
                "completely|entirely|slightly) different of")


def pack_with(phrase: str) -> PackRule:
    data = {
        "code": "XX301", "name": "test-pack", "summary": "s", "explanation": "e",
        "category": "Style/Awkward", "language": "en",
        "entry": [{"phrase": phrase, "message": "m",
                   "examples": {"flag": ["x"], "accept": ["y"]}}],
    }
    return PackRule(parse_pack(data, "test.toml"), source_lang=None)


def spans(rule: PackRule, text: str) -> list[str]:
    return [text[hit.start:hit.end] for hit in rule.matcher.finditer(text)]


def test_the_fixed_words_next_to_the_key_are_its_context() -> None:
    assert contexts(phrase_slots(DIFFERENT_OF), 1) == [("", " of")]
    # "the" opens the phrase, where a match may follow a mark rather than a space.
    assert contexts(phrase_slots("the data of the (next |)meeting"), 1) == [("", " of the")]
    assert contexts(phrase_slots("(a|an) important sum of"), 1) == [("", " sum of")]


def test_a_slot_of_a_few_words_is_taken_in_as_long_as_the_contexts_stay_few() -> None:
    found = contexts(phrase_slots("we (have|had) take/took decision/decisions"), 3)
    assert set(found) == {("have take ", ""), ("have took ", ""),
                          ("had take ", ""), ("had took ", "")}
    many = "(a|b|c|d|e|f|g|h|i) important (x|y) of"
    assert len(contexts(phrase_slots(many), 1)) <= MAX_CONTEXTS


def test_no_context_past_an_optional_slot_or_a_looked_up_class() -> None:
    assert contexts(phrase_slots("make (a|) party"), 2) == [("", "")]
    assert contexts(phrase_slots("more <comparative>"), 0) == [("", "")]
    assert contexts(phrase_slots("a/an (very |)important sum"), 2) == [("", " sum")]


def test_a_phrase_is_found_with_its_context_across_line_breaks_and_spaces() -> None:
    rule = pack_with(DIFFERENT_OF)
    text = "It is different of that. Quite different\n   of the rest; so  different  of it."
    assert spans(rule, text) == ["is different of", "Quite different\n   of",
                                 "so  different  of"]
    # The keys the scan looked for (those the text may hold).
    keys = {t.key for key in rule.matcher.index._keys for t in rule.matcher.index.targets(key)}
    assert "different" in keys and "different" not in rule.matcher.index._keys


def test_near_misses_without_the_context_are_not_tried() -> None:
    rule = pack_with(DIFFERENT_OF)
    assert spans(rule, "It is different, of course, from that. Very different offers.") == []
    assert rule.matcher._regexes == {}  # no window was worth a regex


def test_every_variant_of_every_shipped_phrase_holds_a_key_of_its_entry() -> None:
    """The automaton looks for a slotted phrase only by its keys with their contexts:
    each variant, spelled out as the automaton reads it, holds one of them."""
    for path in pack_files([shipped_packs_dir()]):
        matcher = PackRule(load_pack(path), None).matcher
        matcher.index.number_all()
        keys: dict[int, set[str]] = {}
        for key in map(_key, matcher.index._names):
            for target in matcher.index.targets(key):
                if isinstance(target, _Near) and target.number:
                    keys.setdefault(target.number, set()).add(key)
        slotted = {(number, phrase) for (number, _), (phrases, _, _) in matcher._slotted.items()
                   for phrase in phrases}
        for number, phrase in sorted(slotted):
            variants = expand(phrase)
            if len(variants) > SAMPLE:  # 280,000 of the 330,000 variants are of a few phrases
                variants = tuple(random.Random(phrase).sample(variants, SAMPLE))
            for words in variants:
                flat = " ".join(words).lower().replace("’", "'").split()
                runs = {" ".join(flat[i:j]) for i in range(len(flat))
                        for j in range(i + 1, len(flat) + 1)}
                assert not runs.isdisjoint(keys[number]), (path.name, number, words)
