"""The characters a document holds, computed once, so that rules about rare characters
pass over the many documents that hold none of them without scanning the text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from transcheck.document import Document, distinct_blocks
from transcheck.lazy import LazyPattern


def characters(doc: Document) -> frozenset[str]:
    """Every distinct character of `doc.text`; share it with `doc.memo(characters)`."""
    # Those of each distinct block (read once), and the line breaks that join blocks.
    return _distinct(doc.memo(distinct_blocks)).union("\n" if "\n\n" in doc.text else "")


_ASCII = bytes(range(128))
_ASCII_BYTES = [bytes((byte,)) for byte in _ASCII]
_SLICE = 1 << 20


def _distinct(text: str) -> frozenset[str]:
    """The characters of `text`, each once. A set made from the text hashes every
    character (5 ms a megabyte); in UTF-8 each ASCII character is a byte that `in`
    finds or rules out in C, and the others are the few bytes left once those are
    deleted. A slice at a time: a long text is never encoded whole."""
    found: set[str] = set()
    for start in range(0, len(text), _SLICE):
        data = text[start:start + _SLICE].encode("utf-8", "surrogatepass")
        found.update(chr(byte) for byte, char in enumerate(_ASCII_BYTES) if char in data)
        found.update(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    return frozenset(found)


def has_any(doc: Document, wanted: frozenset[str]) -> bool:
    """Whether `doc.text` holds at least one of `wanted`."""
    return not doc.memo(characters).isdisjoint(wanted)


# For each class of characters (a pattern): the characters seen so far that it matches,
# and those it does not. A run's documents share most of their characters: each is
# tried once per class, not once per document.
_SORTED: dict[re.Pattern[str], tuple[set[str], set[str]]] = {}


def _matching(first: re.Pattern[str], chars: frozenset[str]) -> frozenset[str]:
    """The characters of `chars` that `first` matches."""
    matching, other = _SORTED.setdefault(first, (set(), set()))
    for char in chars.difference(matching, other):
        (matching if first.fullmatch(char) else other).add(char)
    return chars.intersection(matching)


def places(doc: Document, first: re.Pattern[str], text: str | None = None) -> list[int]:
    """The offsets, in order, of the characters of `doc.text` that `first` matches (or of
    `text`, which holds no character `doc.text` does not: its distinct blocks).

    A regex scan for a class of characters tries every position of the text; `str.find`
    skips to each of those characters the text holds about a hundred times faster.
    """
    text = doc.text if text is None else text
    found = []
    for char in _matching(first, doc.memo(characters)):
        start = text.find(char)
        while start >= 0:
            found.append(start)
            start = text.find(char, start + 1)
    return sorted(found)


def finditer(doc: Document, pattern: re.Pattern[str] | LazyPattern, first: re.Pattern[str]
             ) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(doc.text)` finds, for a pattern whose every match starts
    with a character that `first` matches, tried only where such characters stand."""
    return matches_at(pattern, doc.text, places(doc, first))


def matches_at(pattern: re.Pattern[str] | LazyPattern, text: str, starts: Iterable[int]
               ) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern that can match only at one of
    `starts` (ascending)."""
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m:
                end = m.end()
                yield m
