"""One matcher per pack: its phrases merged into a trie, compiled with its patterns to one regex.

Python's `re` tries the branches of an alternation one after another, so 10,000
phrases joined with `|` cost 10,000 attempts at every word. Merged into a trie of
characters first, they cost at most one branch per distinct next character, the
same for 10 phrases as for 10,000. An empty group at the end of each phrase names
the entry that matched (`Match.lastgroup`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from transcheck.errors import ConfigError
from transcheck.packs_format import GAP_TOKENS, Entry, expand

# Whitespace between the words of a phrase.
_SEPARATOR = r"\s+"
_GAP_WORD = r"[\w'’-]+"
# Words of a path or identifier ("Europe/Kiev") are not words of the prose.
_WORD_START = r"(?<![\w/-])(?<!\w['’])"
_WORD_END = r"(?!\w|[-/'’]\w)"
_LINE_START = r"^[^\S\n]*"
_LINE_END = r"[^\S\n]*[:.…!»›→↑]*[^\S\n]*$"  # closing marks and arrows of page links
_TERMINAL = ""  # trie key of "a phrase ends here"; no atom is empty
_WINDOW = 120  # how far around a hit its antipatterns are looked for

Trie = dict[str, Any]


@dataclass(frozen=True)
class Hit:
    entry: Entry
    start: int
    end: int


class Matcher:
    """Finds every entry of a pack in a text with one regex scan."""

    def __init__(self, entries: Sequence[Entry], where: str) -> None:
        self.entries = {entry.number: entry for entry in entries}
        trie: Trie = {}
        branches: list[str] = []
        for entry in entries:
            if entry.kind == "pattern":
                flags = "(?i:" if entry.ignore_case else "(?:"
                branches.append(f"{flags}{entry.texts[0]})(?P<e{entry.number}>)")
            else:
                for phrase in entry.texts:
                    _insert(trie, phrase, entry, where)
        if trie:
            branches.insert(0, _render(trie, itertools.count()))
        self._regex = re.compile("|".join(branches), re.MULTILINE) if branches else None
        self._antipatterns = {
            entry.number: re.compile(_render(_antipattern_trie(entry)),
                                     re.MULTILINE)
            for entry in entries if entry.antipatterns
        }

    def finditer(self, text: str) -> Iterator[Hit]:
        if self._regex is None:
            return
        for match in self._regex.finditer(text):
            number = int((match.lastgroup or "e0").partition("_")[0][1:])
            start, end = match.span()
            # Standalone phrases match their whole line: report the words only.
            found = match.group()
            start += len(found) - len(found.lstrip())
            end -= len(found) - len(found.rstrip())
            if number in self._antipatterns and self._excepted(number, text, start, end):
                continue
            yield Hit(self.entries[number], start, end)

    def _excepted(self, number: int, text: str, start: int, end: int) -> bool:
        regex = self._antipatterns[number]
        return any(
            m.start() < end and start < m.end()
            for m in regex.finditer(text, max(0, start - _WINDOW), end + _WINDOW)
        )


def _antipattern_trie(entry: Entry) -> Trie:
    trie: Trie = {}
    plain = Entry(entry.number, "phrase", entry.antipatterns, "", None, (), (),
                  ignore_case=entry.ignore_case, max_gap=entry.max_gap)
    for phrase in plain.texts:
        _insert(trie, phrase, plain, "")
    return trie


def _insert(trie: Trie, phrase: str, entry: Entry, where: str) -> None:
    for words in expand(phrase):
        node = trie
        for atom in _atoms(words, entry):
            node = node.setdefault(atom, {})
        other = node.setdefault(_TERMINAL, entry.number)
        if other != entry.number:
            raise ConfigError(f"{where}: {entry.label}: the phrase '{' '.join(words)}' "
                              f"is already in entry {other}")


def _atoms(words: Sequence[str], entry: Entry) -> Iterator[str]:
    """The regex pieces of one expanded phrase, one per character or separator."""
    first, last = words[0], words[-1]
    if entry.standalone:
        yield _LINE_START
    elif first[0].isalnum() or first[0] == "_":
        yield _WORD_START
    gap = rf"(?:{_SEPARATOR}{_GAP_WORD}){{1,{entry.max_gap}}}?{_SEPARATOR}"
    for position, word in enumerate(words):
        if word in GAP_TOKENS:
            continue
        if position:
            yield gap if words[position - 1] in GAP_TOKENS else _SEPARATOR
        for offset, char in enumerate(word):
            initial = position == 0 and offset == 0
            if initial and entry.standalone and char.isalpha():
                # A label on a line of its own starts with a capital; a line of wrapped
                # prose that happens to hold the same words usually does not.
                yield re.escape(char.upper())
                continue
            # A phrase may begin a sentence: its first letter, if lower case, may be a capital.
            yield _char(char, entry.ignore_case or (initial and char.islower()))
    if entry.standalone:
        yield _LINE_END
    elif last[-1].isalnum() or last[-1] == "_":
        yield _WORD_END


def _char(char: str, any_case: bool) -> str:
    if char in "'’":
        return "['’]"
    if any_case and char.lower() != char.upper():
        return f"[{re.escape(char.lower())}{re.escape(char.upper())}]"
    return re.escape(char)


def _render(node: Trie, marks: Iterator[int] | None = None) -> str:
    """The trie as a regex; with `marks`, each phrase ends in a group naming its entry.

    Group names must be unique, so the entry number is followed by a serial number.
    """
    # Longer phrases first: a branch that ends here is the last resort.
    parts = [atom + _render(child, marks)
             for atom, child in sorted(node.items()) if atom != _TERMINAL]
    if _TERMINAL in node:
        parts.append(f"(?P<e{node[_TERMINAL]}_{next(marks)}>)" if marks else "")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
