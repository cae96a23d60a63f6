"""Words that every match of a phrase must hold: a cheap test before a regex is tried.

The automaton finds a phrase of many variants by one slot (`matcher._add_by_slot`) or
a phrase with a gap by its rarest run of words, and a regex of the whole phrase is then
built and tried around each occurrence. Most occurrences are of common words ("more",
"different") and most tries fail: on a megabyte of MT output 16,000 tries find 110
phrases. A slot that every variant fills with a literal word ("make+ (a|the) decision":
one of "decision", "decisions") can only match where one of its words stands, so a
window that holds none of them needs no regex, and a key never seen with them never
has its regex built.

The test is exact: the regexes match each literal character as written or, for a
letter, in either case (`matcher._char`), and the two apostrophes alike, so the lower
case of any match holds the lower case of its words, apostrophes straightened. Only
ASCII words serve as needles, whose case pairs `str.lower` never changes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import ahocorasick

from transcheck.packs.anchors import rarest, rarity
from transcheck.packs.format import GAP_TOKENS, is_lookup, phrase_slots

Needles = frozenset[str]
_ANY = frozenset[str]()  # no test: every window is tried
# This many needles or more are looked for by an automaton of them (`scanner`).
MANY_NEEDLES = 4


def required_words(key: str, slotted: Iterable[str],
                   gapped: Iterable[Sequence[str]]) -> Needles:
    """Words of which every match of `slotted` phrases and `gapped` word sequences found
    near `key` holds at least one (lower case, straight apostrophes); empty if some
    phrase has no slot to test besides the key's own."""
    needles: set[str] = set()
    for phrase in slotted:
        words = _slot_needles(key, phrase)
        if not words:
            return _ANY
        needles.update(words)
    for sequence in gapped:
        word = _rarest([w for w in map(_needle, sequence) if w and w not in key.split()])
        if word is None:
            return _ANY
        needles.add(word)
    return _fewest(frozenset(needles))


@functools.lru_cache(maxsize=1024)  # the keys of one slot share their needles
def _fewest(needles: Needles) -> Needles:
    """`needles` without those that hold another ("dreams" holds "dream"): a window
    that holds the longer holds the shorter, and each needle costs a search."""
    ordered = sorted(needles, key=len)
    kept: list[str] = []
    for needle in ordered:
        if not any(map(needle.__contains__, kept)):
            kept.append(needle)
    return frozenset(kept)


def holds_any(text: str, start: int, end: int, needles: Needles) -> bool:
    """Whether `text[start:end]` holds one of `needles` in any case."""
    window = text[start:end].lower()
    if "’" in window:
        window = window.replace("’", "'")
    if len(needles) >= MANY_NEEDLES:
        return next(scanner(needles).iter(window), None) is not None
    return any(map(window.__contains__, needles))  # a generator would take twice as long


@functools.lru_cache(maxsize=1024)  # keys and phrases share their needles
def scanner(needles: Needles) -> Any:
    """An automaton that finds any of `needles` in a window in one pass: of 40 needles,
    one `in` each took 2 µs a window (9,000 windows in a megabyte and a half)."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for needle in needles:
        automaton.add_word(needle)
    automaton.make_automaton()
    return automaton


def _slot_needles(key: str, phrase: str) -> tuple[str, ...]:
    """One needle per alternative of the rarest slot that every variant fills with
    literal words, the key's own slot aside; empty if there is none."""
    best: tuple[str, ...] = ()
    best_rank = -1
    for keys, words, rank in _slot_choices(phrase):
        if rank > best_rank and key not in keys:
            best, best_rank = words, rank
    return best


@functools.lru_cache(maxsize=4096)  # the keys of one slot ask for the same phrases
def _slot_choices(phrase: str) -> tuple[tuple[frozenset[str], tuple[str, ...], int], ...]:
    """The slots of `phrase` that every variant fills with literal words: the keys each
    holds, a needle per alternative, and the rank of the commonest of those."""
    choices = []
    for slot in phrase_slots(phrase):
        if is_lookup(slot):
            continue
        words = [_alternative_needle(a) for a in slot]
        usable = tuple(w for w in words if w is not None)
        if len(usable) == len(words):  # else an empty alternative, or no usable word
            choices.append((frozenset(map(_key_form, slot)), usable,
                            min(rarity(w)[0] for w in usable)))
    return tuple(choices)


@functools.lru_cache(maxsize=8192)  # phrases share alternatives ("the", "a"): worth it
def _alternative_needle(alternative: tuple[str, ...]) -> str | None:
    """The rarest word of an alternative as a needle; None if it has none."""
    return _rarest([w for w in map(_needle, alternative) if w])


def _needle(word: str) -> str | None:
    """`word` as a needle, or None for a gap or a word not all ASCII."""
    if word in GAP_TOKENS:
        return None
    needle = word.lower().replace("’", "'")
    return needle if needle.isascii() else None


@functools.lru_cache(maxsize=8192)
def _key_form(alternative: tuple[str, ...]) -> str:
    """An alternative as `matcher` writes the key it looks for, near enough to tell the
    key's own slot (a slot wrongly taken for it is only left untested)."""
    return " ".join(" ".join(alternative).lower().replace("’", "'").split())


def _rarest(words: Sequence[str]) -> str | None:
    return words[rarest(words)] if words else None
