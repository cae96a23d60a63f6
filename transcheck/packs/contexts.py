"""The words every match holds next to a phrase's key: looked for with the key.

A phrase of many variants is found by the words of its rarest slot (the key,
`matcher._add_by_slot`), and a regex of the whole phrase is tried around each
occurrence. Many keys are common words ("more", "data", "different") that the phrase
holds next to a word of its own ("different of", "the data of the"): on a megabyte of
MT output most occurrences are not followed by it, and each costs a scan step and a
test. The automaton looks for such a key with the words of the fixed slots next to it
(one alternative, not optional), so that those occurrences are never reported.

Every match holds them there: the regex joins a fixed slot to the next by white
space (`matcher._slots_regex`), which the scanned text holds as one space (except a
paragraph break or a space `str.isspace` knows and the scan does not flatten, where
no phrase belongs). The key's first word follows white space in every match when it
is not the phrase's first word, nor its second after an optional first: the context
stops before those, which could follow a mark instead ("'s", "-").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from transcheck.packs.format import is_lookup
from transcheck.regex_programs import compiled

# A word the automaton and the regex read alike: ASCII letters, digits, inner
# apostrophes and hyphens (the text's curly apostrophes are straight to the automaton).
_PLAIN_WORD = compiled(r"[a-z0-9](?:[a-z0-9'’-]*[a-z0-9])?", re.IGNORECASE)

Slots = Sequence[Sequence[tuple[str, ...]]]
# At most this many contexts of one key: each is a key of the automaton, which every run
# builds (or loads).
MAX_CONTEXTS = 4


def contexts(slots: Slots, key_slot: int) -> list[tuple[str, str]]:
    """The words before and after slot `key_slot` that every match holds next to it,
    as the automaton reads them, one pair per variant: [("", " of the")] around "data"
    in "the data of the (next |)meeting"; [("", "")] if none. A slot of several
    alternatives is taken in while they make at most `MAX_CONTEXTS` pairs."""
    found = [("", "")]
    for index in range(key_slot + 1, len(slots)):
        words = _alternatives(slots[index])
        if not words or len(found) * len(words) > MAX_CONTEXTS:
            break
        found = [(before, f"{after} {word}") for before, after in found for word in words]
    for index in range(key_slot - 1, -1, -1):
        words = _alternatives(slots[index])
        if not words or not _follows_white(slots, index) or (
                len(found) * len(words) > MAX_CONTEXTS):
            break
        found = [(f"{word} {before}", after) for before, after in found for word in words]
    return found


def context_rows(key: str, number: int, left: int, right: int,
                 contexts: Iterable[tuple[str, str]]) -> list[tuple[Any, ...]]:
    """The automaton's keys for a key of entry `number` and the contexts of its phrases:
    the key alone if a phrase has none, else each context with where the key is in it."""
    found = set(contexts)
    if ("", "") in found:
        return [(key, number, left, right)]
    return [(f"{before}{key}{after}", number, left, right, key, len(before))
            for before, after in sorted(found)]


def _alternatives(slot: Sequence[tuple[str, ...]]) -> list[str]:
    """The alternatives of a slot as the automaton reads them; none if one is empty (the
    slot is optional), is a looked-up class or holds a word that is not plain."""
    if is_lookup(list(slot)) or not all(slot) or not all(
            _PLAIN_WORD.fullmatch(word) for alternative in slot for word in alternative):
        return []
    return list(dict.fromkeys(" ".join(alternative).lower().replace("’", "'")
                              for alternative in slot))


def _follows_white(slots: Slots, index: int) -> bool:
    """Whether the word of slot `index` follows white space in every match."""
    if index == 0:
        return False
    if index == 1:
        return all(slots[0])  # no empty alternative: the first slot is never left out
    return True

