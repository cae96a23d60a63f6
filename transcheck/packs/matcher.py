"""Finding the entries of rule packs in a text with one Aho-Corasick scan.

Python's `re` pays for every position of the text it tries: a pack of many phrases
in one regex costs about 0.1 s per megabyte whatever its size, and seven packs cost
ten times the quote and punctuation rules. Instead, the phrases of every pack of a
run, spelled out in lower case, go into one Aho-Corasick automaton
(`pyahocorasick`, in C), which scans a lower-cased copy of the text once with its
runs of white space made single spaces; each occurrence is then checked for word
boundaries and capitals. What the automaton cannot hold is found near a key it
can: a phrase with a gap (`pass on … as if`) near the words before or after the
gap, a pattern near its declared anchor words. So 10,000 phrases cost about what
10 do, and nothing is compiled for phrases the text does not contain.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import marshal
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from typing import Any

import ahocorasick

from transcheck.blocks import lower_blocks, repeats
from transcheck.document import Document, block_starts, lower_case
from transcheck.lazy import LazyPattern
from transcheck.packs import cache as packs_cache
from transcheck.packs.anchors import rarest, rarity
from transcheck.packs.contexts import context_rows, contexts
from transcheck.packs.first_chars import first_class
from transcheck.packs.format import (
    GAP_TOKENS,
    Entry,
    anchor_words,
    expand,
    has_lookup,
    is_lookup,
    lookup_group,
    phrase_slots,
)
from transcheck.packs.needles import MANY_NEEDLES, Needles, holds_any, required_words, scanner
from transcheck.records import Record
from transcheck.regex_programs import compiled, compiled_as

_SEPARATOR = r"\s+"
_GAP_WORD = r"[\w'’-]+"
# Words of a path or identifier ("Europe/Kiev") are not words of the prose.
_WORD_START = r"(?<![\w/-])(?<!\w['’])"
_WORD_END = r"(?!\w|[-/'’]\w)"
_LINE_START = r"^[^\S\n]*"
_LINE_END = r"[^\S\n]*[:.…!»›→↑]*[^\S\n]*$"  # closing marks and arrows of page links
_LINE_TAIL = LazyPattern(r"[^\S\n]*[:.…!»›→↑]*[^\S\n]*(?:\n|$)")
_WHITE = LazyPattern(r"\s+")
# Marks that open a word ("(actual", "“actual", "—actual"): flattened to spaces, so that a
# key need only be looked for after a space to be found at the start of words only.
_OPENING = ("(", "[", '"', "“", "‘", "—", "–", "*")
_PLAIN = LazyPattern(r"[a-z0-9 '-]+", re.IGNORECASE)  # a phrase needing no normalisation
_RUNS = compiled(r"   *")  # two spaces, then any more: a literal prefix is found fast
_SPACES = ("\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2007", "\u2009", "\u202f")
_NO_GAP = frozenset(GAP_TOKENS)
_NO_NEEDLES: Needles = frozenset()  # a pattern's: its window is always tried
# A paragraph break, as the automaton reads it: a character no key holds, then the space
# that opens the next paragraph's first word.
_BREAK = "\x00\n"
_TERMINAL = ""  # trie key of "a phrase ends here"; no atom is empty
_WINDOW = 120  # how far around a hit its antipatterns are looked for
# How far a pattern's match may start before its anchor word and end after it.
_PATTERN_LEFT, _PATTERN_RIGHT = 40, 160
_SLACK = 4  # extra characters per word for wider spaces and line breaks than the phrase's
_GAP_CHARS = 30  # characters a word in a gap may take
# A phrase that expands to more variants than this is looked for near its rarest slot,
# unless even that slot holds one of the `_COMMON_SLOT` commonest words; one of more than
# `_NEVER_SPELLED_OUT` is looked for near that slot all the same: spelled out, its
# thousands of keys would cost every run's start-up more than the regex tries cost.
_SPELLED_OUT, _COMMON_SLOT, _NEVER_SPELLED_OUT = 16, 400, 256
# A pattern with more anchors than this gets a regex of its own, shared by its anchors.
_SHARED_ANCHORS = 3

Trie = dict[str, Any]
# The looked-up slots of a regex: each group's name and the words it may hold ("a/b/c"),
# made a set when a match first holds the group (`_word_set`).
Lookups = tuple[tuple[str, str], ...]


class Hit(Record):
    """Where an entry was found."""

    FIELDS = ("entry", "start", "end")
    entry: Entry
    start: int
    end: int

    def __init__(self, entry: Entry, start: int, end: int) -> None:
        self._set(entry=entry, start=start, end=end)


# Thousands are made per run: plain classes with slots (a frozen dataclass's `__init__`
# costs 5 times more, and a dataclass is compiled when its module is imported).
class _Exact:
    """A phrase the automaton holds whole: `phrase` as written, for the capitals."""

    __slots__ = ("matcher", "number", "phrase")

    def __init__(self, matcher: Matcher, number: int, phrase: str) -> None:
        self.matcher = matcher
        self.number = number
        self.phrase = phrase


class _Near:
    """A key that regexes are tried around, `left` and `right` characters wide: the
    patterns anchored on a word (`number` 0), or the gapped phrases of one entry.

    The automaton may look for the key with the words every match holds next to it
    (`contexts`): `skip` characters of those come before the key (-1: the automaton
    looks for the key alone)."""

    __slots__ = ("key", "left", "matcher", "needles", "number", "regex", "right", "skip")

    def __init__(self, matcher: Matcher, number: int, key: str, left: int, right: int,
                 skip: int = -1) -> None:
        self.matcher = matcher
        self.number = number
        self.key = key
        self.left = left
        self.right = right
        self.skip = skip
        # What `Matcher._near` tries, kept on the target once known (its matcher shares
        # them between the targets of one key and entry).
        self.needles: Needles | None = None
        self.regex: tuple[re.Pattern[str], Lookups] | None = None


Target = _Exact | _Near
# What was found, and each place it was found at in the original text.
Place = tuple[Target, list[tuple[int, int]]]
# A matcher's targets of one key: found as the key, and found in a context of the key
# (with where the key starts in it, and its length).
Grouped = tuple["Matcher", list[Target], list[tuple[_Near, int, int]]]
# The needles of all the targets of a key (with an automaton of them, if they are many),
# and the window that holds theirs; () if none.
Prefilter = tuple[frozenset[str], Any, int, int] | tuple[()]
# A found key's length, whether it ends with a letter or digit, its targets by matcher and,
# once it was found as a word, its `Prefilter`.
FoundKey = tuple[int, bool, tuple[Grouped, ...], Prefilter | None]


class AnchorIndex:
    """The keys of every pack of a run, in one automaton that scans a text once.

    Of the 21,000 keys of the shipped packs a text holds a few hundred: a key's targets
    are made when it is first found, and the automaton holds only its number (a value
    the automaton stores as an int, not an object, builds in half the time).

    Building the automaton of every key takes 0.03 s, a sixth of checking a short
    article. A short text is scanned by an automaton of the keys it may hold instead:
    those whose label (`_label`) it holds, a twentieth of them in a 6 KB article. Once a
    run has scanned `_FILTERED_CHARS` that way (many short files), it builds the whole
    automaton once, of the keys alone: the rows of a key's label are read when it is
    first found (reading all 13,000 labels took 0.03 s).
    """

    def __init__(self) -> None:
        # Each matcher's rows of its plan by their keys' label, packed (`Matcher.unpack`).
        self._plans: list[tuple[Matcher, Mapping[str, bytes]]] = []
        self._pending: list[Callable[[], object]] = []
        self._clear()

    def _clear(self) -> None:
        """Forget the keys numbered so far: a matcher was added."""
        # The targets of each key of the labels read so far, in the order their matchers
        # were added.
        self._keys: dict[str, list[tuple[Matcher, Sequence[Any]]]] = {}
        # The labels read so far, each with the numbers of its keys (if numbered by label).
        self._labelled: dict[str, list[int]] = {}
        # By a key's number in the automata: the key as the automaton looks for it
        # (`_automaton_word`), and once found what a scan needs of it.
        self._names: list[str] = []
        self._found: list[FoundKey | None] = []
        self._automaton: Any = None  # of every key, once built
        self._all_numbered = False  # by `number_all`: a key's label is read when asked for
        self._filtered_chars = 0

    def defer(self, load: Callable[[], object]) -> None:
        """Call `load` (which adds keys) before the first scan, not now: a run that checks
        nothing, or runs no pack, never pays for building matchers."""
        self._pending.append(load)
        self._clear()

    def add(self, matcher: Matcher, keys: Mapping[str, bytes]) -> None:
        """Look for the keys of `matcher`'s plan (`Matcher._plan`), its rows by label."""
        self._plans.append((matcher, keys))
        self._clear()

    def targets(self, key: str) -> list[Target]:
        if self._all_numbered:
            label = _label(key)
            if label not in self._labelled:
                self._read(label)
        return [_Exact(matcher, row[1], key) if len(row) == 2
                else _Exact(matcher, row[1], row[2]) if len(row) == 3
                else _Near(matcher, row[1], key, row[2], row[3]) if len(row) == 4
                else _Near(matcher, row[1], row[4], row[2], row[3], row[5])
                for matcher, row in self._keys.get(key, ())]

    def scan(self, doc: Document) -> dict[Matcher, list[Place]]:
        """Every occurrence of a key in `doc`, by matcher (memoised per document): in its
        distinct blocks (`lower_blocks`) where it has them, else in its text."""
        blocks = doc.memo(lower_blocks)
        if blocks is not None:
            return self.scan_text(blocks.text, blocks.lower)
        return self.scan_text(doc.text, doc.memo(lower_case))

    def scan_text(self, text: str, lower: str | None = None) -> dict[Matcher, list[Place]]:
        """Every occurrence of a key in `text` (`lower`: its lower case, if known)."""
        flat, original = _flatten(text, lower)
        # So that a word at the very start follows a space, and one at the end is followed
        # by one.
        padded = f" {flat} "
        automaton = self._automaton_for(padded)
        if automaton is None:
            return {}
        found_keys = self._found
        # Where each key ends in `padded`, by its number.
        ends: defaultdict[int, list[int]] = defaultdict(list)
        # Runs once per key in the text: keep it lean.
        for last, number in automaton.iter(padded):
            value = found_keys[number]
            if value is None:  # the key's first occurrence: make its targets
                value = found_keys[number] = self._first_found(number)
            length, closes, grouped, needles = value
            # A key that ends with a letter must not end inside a word.
            if closes and padded[last + 1].isalnum():
                continue
            if needles is None:  # its first occurrence as a word
                needles = _prefilter(grouped, length)
                found_keys[number] = length, closes, grouped, needles
            if needles:  # the flat text is in lower case, its window no shorter
                words, scanner, low, high = needles
                start = last - length + 1
                window = padded[start + low if start + low > 0 else 0:start + high]
                if scanner is None:
                    if not any(map(window.__contains__, words)):
                        continue
                elif next(scanner.iter(window), None) is None:
                    continue
            ends[number].append(last)
        return self._places(ends, original)

    def _places(self, ends: dict[int, list[int]],
                original: Callable[[int], int]) -> dict[Matcher, list[Place]]:
        """The targets of the keys found (`ends`: where each ends in the padded flat text),
        by matcher, each with where it is in the original text."""
        found: dict[Matcher, list[Place]] = {}
        for number, lasts in ends.items():
            length, _, grouped, _ = self._first_found(number)
            spans = _spans([last - length for last in lasts], length, original)
            for matcher, targets, within in grouped:
                places = found.setdefault(matcher, [])
                places.extend((target, spans) for target in targets)
                for target, skip, chars in within:  # a key found with its context
                    starts = [last - length + skip for last in lasts]
                    places.append((target, _spans(starts, chars, original)))
        return found

    def _first_found(self, number: int) -> FoundKey:
        """What a scan needs of key `number`, made when it is first found."""
        found = self._found[number]
        if found is None:
            key = _key(self._names[number])
            found = self._found[number] = len(key), key[-1].isalnum(), self._grouped(key), None
        return found

    def _grouped(self, key: str) -> tuple[Grouped, ...]:
        """The targets of `key` by matcher, in the order they were added: those found
        as the key itself, and those found with their context (where the key is in it)."""
        groups: dict[Matcher, Grouped] = {}
        for target in self.targets(key):
            _, alone, within = groups.setdefault(target.matcher, (target.matcher, [], []))
            if isinstance(target, _Near) and target.skip >= 0:
                within.append((target, target.skip, len(target.key)))
            else:
                alone.append(target)
        return tuple(groups.values())

    def _automaton_for(self, padded: str) -> Any:
        """An automaton of every key `padded` may hold; None if it can hold none."""
        while self._pending:
            self._pending.pop()()
        if self._automaton is None and len(padded) <= _FILTERED_TEXT \
                and self._filtered_chars < _FILTERED_CHARS:
            self._filtered_chars += len(padded)
            numbers = self._numbers(_labels(padded))
            return self._automaton_of([self._names[n] for n in numbers], numbers)
        if self._automaton is None:
            self._automaton = self._whole_automaton()
        return self._automaton

    def _whole_automaton(self) -> Any:
        """The automaton of every key (`number_all`), kept in the cache under the names of
        the plans it holds: reading it back costs half what numbering and building it does
        (56M instructions less on a megabyte and a half)."""
        # Called by `_automaton_for` once the pending matchers have been added.
        name = packs_cache.automaton_name([matcher._plan_name for matcher, _ in self._plans])
        stored = packs_cache.get_plan(name)
        if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], list):
            names, state = stored
            with contextlib.suppress(Exception):  # of another shape: build it afresh
                automaton = ahocorasick.Automaton(*state)
                if len(automaton) == len(names):
                    self._number(names)
                    return automaton
        numbers = self.number_all()
        automaton = self._automaton_of(self._names, numbers)
        if automaton is not None:
            # Its state, as pickling would keep it: plain bytes and numbers.
            packs_cache.put_plan(name, (self._names, automaton.__reduce__()[1]))
        return automaton

    def number_all(self) -> list[int]:
        """Number every key afresh (`targets` reads its rows when asked), and say their
        numbers."""
        while self._pending:
            self._pending.pop()()
        # The keys of all plans once each: a key of two packs is one key.
        self._number(list(dict.fromkeys(itertools.chain.from_iterable(
            matcher.every_key(keys) for matcher, keys in self._plans))))
        return list(range(len(self._names)))

    def _number(self, names: list[str]) -> None:
        """Number the keys `names` (as the automaton looks for them) in their order."""
        self._clear()
        self._all_numbered = True
        self._names = names
        self._found = [None] * len(names)

    def _numbers(self, labels: Set[str]) -> list[int]:
        """The numbers of the keys of `labels`, numbering those not numbered yet."""
        labelled = self._labelled
        new = labels - labelled.keys()
        for matcher, keys in self._plans:
            for label in sorted(keys.keys() & new):  # numbered alike in every run
                numbers = labelled.setdefault(label, [])
                for row in matcher.unpack(keys[label]):
                    key = row[0]
                    targets = self._keys.get(key)
                    if targets is None:
                        numbers.append(len(self._names))
                        # As `_automaton_word` says (a call per key would cost more).
                        self._names.append(" " + key if key[0].isalnum() else key)
                        self._keys[key] = [(matcher, row)]
                    else:
                        targets.append((matcher, row))
        self._found.extend([None] * (len(self._names) - len(self._found)))
        return [number for label in labels & labelled.keys() for number in labelled[label]]

    def _read(self, label: str) -> None:
        """Take in the rows of `label`, when every key is numbered (`number_all`)."""
        self._labelled[label] = []
        for matcher, keys in self._plans:
            packed = keys.get(label)
            if packed is not None:
                for row in matcher.unpack(packed):
                    self._keys.setdefault(row[0], []).append((matcher, row))

    @staticmethod
    def _automaton_of(words: list[str], numbers: list[int]) -> Any:
        """An automaton of `words` (`_automaton_word`), each stored as its number in
        `numbers`; None if none."""
        if not numbers:
            return None
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        # 21,000 keys: added by `map`, not by a loop of Python's (2 ms a run).
        list(map(automaton.add_word, words, numbers))
        automaton.make_automaton()
        return automaton


def _automaton_word(key: str) -> str:
    """A key as the automaton looks for it: one that starts with a letter or digit after
    a space, so that it is never found inside a word ("use" in "because")."""
    return " " + key if key[0].isalnum() else key


def _key(word: str) -> str:
    """The key the automaton looks for as `word` (no key starts with a space)."""
    return word[1:] if word[0] == " " else word


# A text of up to this many characters is scanned by an automaton of the keys it may hold,
# until a run has scanned `_FILTERED_CHARS` that way.
_FILTERED_TEXT, _FILTERED_CHARS = 32_768, 65_536
# A key's label is the key up to `_LABEL_CHARS` characters after its first word; that of
# a key that does not start with a letter or digit is `_ANYWHERE`.
_LABEL_CHARS = 4
_ANYWHERE = ""


def _label(key: str) -> str:
    """What a text holds wherever it may hold `key`: the first word of a key that starts
    with a letter or digit (found after a space only) and `_LABEL_CHARS` characters after
    it, or the key's first `_LABEL_CHARS` characters if it is one word."""
    if not key[0].isalnum():
        return _ANYWHERE
    space = key.find(" ")
    return key[:_LABEL_CHARS] if space < 0 else key[:space + 1 + _LABEL_CHARS]


def _labels(padded: str) -> set[str]:
    """The label of every key that `padded` (a flat text) may hold: after each space,
    the first one to `_LABEL_CHARS` characters of the word there (a one-word key is a
    prefix of the word), and the word with its space and zero to `_LABEL_CHARS`
    characters after it (the first word of a longer key is the word itself)."""
    words = padded.split(" ")
    labels = {word[:chars] for word in set(words) for chars in range(1, _LABEL_CHARS + 1)}
    bounds = []
    start = 0
    for word in words:
        bounds.append((start, start + len(word) + 1))
        start += len(word) + 1
    labels.update([padded[start:end + chars] for start, end in bounds
                   for chars in range(_LABEL_CHARS + 1)])
    labels.add(_ANYWHERE)
    return labels


def _place(row: Sequence[Any]) -> tuple[int, str]:
    """The entry and key of the target of a plan's row (a context's key is its own)."""
    return row[1], row[4] if len(row) == 6 else row[0]


def _prefilter(grouped: tuple[Grouped, ...], length: int) -> Prefilter:
    """If each target of a key tests a window for needles (`needles.py`), all their
    needles and a window that holds theirs (from the key's start): where it holds
    none, no target need be tried. Empty if a target is tried anyway."""
    needles: set[str] = set()
    low = high = 0
    for matcher, alone, within in grouped:
        for target, skip, chars in [*((t, 0, length) for t in alone), *within]:
            if not isinstance(target, _Near):
                return ()
            words = matcher.needles(target)
            if not words or not _flat_needles(words):
                return ()
            needles.update(words)
            low, high = min(low, skip - target.left), max(high, skip + chars + target.right)
    found = frozenset(needles)
    return found, scanner(found) if len(found) >= MANY_NEEDLES else None, low, high


@functools.lru_cache(maxsize=4096)  # the keys of a slot share their needles
def _flat_needles(needles: Needles) -> bool:
    """Whether the flat text can hold `needles`: one with an opening mark it would not."""
    return not any(mark in needle for needle in needles for mark in _OPENING)


def _spans(starts: list[int], chars: int,
           original: Callable[[int], int]) -> list[tuple[int, int]]:
    """Where runs of `chars` characters from `starts` in the flat text are in the text."""
    if original is int:  # no run of white space was made one: the offsets are the same
        return [(start, start + chars) for start in starts]
    return [(original(start), original(start + chars - 1) + 1) for start in starts]


def _flat_key(text: str, marks: tuple[str, ...] = (*_SPACES, *_OPENING)) -> str:
    """`marks` (white space and opening marks) as spaces, curly apostrophes straight: the
    form of both the keys and the text they are looked for in (whose length it keeps)."""
    for mark in marks:
        if mark in text:
            text = text.replace(mark, " ")
    return text.replace("’", "'")


def _flatten(text: str, lower: str | None = None) -> tuple[str, Callable[[int], int]]:
    """`text` as `_flat_key` makes it, in lower case, with each run of white space inside
    a paragraph one space; and a map from its offsets back to those of `text`.

    Paragraph breaks stay as they are: no phrase runs from one paragraph into the next.
    Opening marks (and a straight single quote after a space) become spaces after the runs
    are made single, so "the (actual rules" holds " actual rules" but not "the actual
    rules".
    """
    lower = text.lower() if lower is None else lower
    if len(lower) != len(text):  # a few letters grow when lower-cased ("İ"): keep offsets
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # The commonest paragraph break ("\n\n") is no run of spaces to look at one by one.
    flat = _flat_key(lower.replace("\n\n", _BREAK) if "\n\n" in lower else lower, _SPACES)
    starts: list[int] = []
    removed: list[int] = []
    pieces: list[str] = []
    total = last = 0
    for run in _RUNS.finditer(flat) if "  " in flat else ():
        if lower.count("\n", run.start(), run.end()) > 1:
            continue  # a paragraph break
        pieces.append(flat[last:run.start() + 1])
        total += len(run.group()) - 1
        starts.append(run.start() + 1 - (total - len(run.group()) + 1))
        removed.append(total)
        last = run.end()
    if not starts:
        return _opened(_flat_key(flat, _OPENING)), int
    pieces.append(flat[last:])

    def original(offset: int) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        return offset + (removed[index] if index >= 0 else 0)

    return _opened(_flat_key("".join(pieces), _OPENING)), original


def _opened(flat: str) -> str:
    """`flat` with each straight single quote that opens (after a space: line breaks are
    spaces in it) as a space, like the other opening marks: "'in the mouth of the wolf'"
    holds the phrase. One after a letter is an apostrophe ("the wolf's") and stays."""
    if " '" in flat:
        flat = flat.replace(" '", "  ")
    return " " + flat[1:] if flat.startswith("'") else flat


class Matcher:
    """The entries of one pack: their keys in a shared index, their regexes when needed."""

    def __init__(self, entries: Sequence[Entry], index: AnchorIndex | None = None,
                 origin: str = "") -> None:
        """`origin`, if given, names the entries (`PackRule`): their plan is kept in the
        cache under it, instead of under a hash of the entries themselves."""
        self.entries = {entry.number: entry for entry in entries}
        self.index = index or AnchorIndex()
        # A regex per key, built when the key first occurs: most never do. Each
        # alternative is a group named after its entry (`e12`).
        self._regexes: dict[tuple[int, str], tuple[re.Pattern[str], Lookups]] = {}
        # The regexes of an entry's phrases (by entry, phrases and reach), which keys share.
        self._phrase_regexes: dict[tuple[int, tuple[str, ...], int],
                                   tuple[re.Pattern[str], Lookups]] = {}
        self._antipatterns: dict[int, re.Pattern[str]] = {}
        # The regexes tried near keys (`_within_regex`), by their names.
        self._within_regexes: dict[str, re.Pattern[str]] = {}
        self._gapped: dict[tuple[int, str], list[Sequence[str]]] = {}
        # The words a phrase's window must hold before its regex is tried (`needles`), by
        # key: from the labels of the plan read so far (`unpack`).
        self._needles: dict[tuple[int, str], Needles] = {}
        # A key to the phrases of an entry it anchors, and how far they reach around it.
        self._slotted: dict[tuple[int, str], tuple[tuple[str, ...], int, int]] = {}
        # The words next to such a key that the automaton looks for with it, by phrase;
        # ("", "") if a phrase has none (then the key is looked for alone).
        self._contexts: dict[tuple[int, str], set[tuple[str, str]]] = {}
        self._anchored: dict[str, list[str]] = {}
        self._patterns: dict[int, str] = {}  # the patterns of many anchors, by entry
        # The regexes of `followed_by`, by entry: compiled when the entry is first found.
        self._followers: dict[int, re.Pattern[str]] = {}
        # The words of each looked-up group of the patterns ("a/b/c"), by the group's name:
        # made a set when a match first holds the group (most never do).
        self._words = {name: words for entry in entries
                       for name, words in entry.lookups if not name.startswith("<")}
        self._plan_name = packs_cache.plan_name(entries, origin)
        plan = packs_cache.get_plan(self._plan_name)
        if plan is None:
            plan = self._plan(entries)
            packs_cache.put_plan(self._plan_name, plan)
        self._follow(plan)

    def every_key(self, keys: Mapping[str, bytes]) -> list[str]:
        """Each key of the plan once, as the automaton looks for it (`_automaton_word`):
        for a run that looks for them all, kept beside the plan, which a run that looks
        for a few need not read (of `keys`, the plan's rows by label, if not kept)."""
        name = f"{self._plan_name}-keys"
        found = packs_cache.get_plan(name)
        if not isinstance(found, list):
            rows = (row for packed in keys.values() for row in marshal.loads(packed)[0])
            found = [_automaton_word(key) for key in dict.fromkeys(row[0] for row in rows)]
            packs_cache.put_plan(name, found)
        return found

    def _plan(self, entries: Sequence[Entry]) -> dict[str, Any]:
        """What the automaton looks for and what is tried around it, as plain data: the
        same entries give the same plan, which the cache keeps between runs."""
        # The automaton's keys: (key, entry) or (key, entry, phrase) of an exact phrase,
        # (key, entry, left, right) of a key that regexes are tried around.
        self._keys: list[Sequence[Any]] = []
        anchored: dict[str, list[str]] = {}
        unanchored: list[str] = []
        for entry in entries:
            if entry.kind == "pattern":
                flags = "(?i:" if entry.ignore_case else "(?:"
                group = f"(?P<e{entry.number}>{flags}{entry.texts[0]}))"
                # Each key once: an anchor listed twice would put the group twice in a regex.
                keys = dict.fromkeys(" ".join(_flat_key(word).split()) for word in entry.anchors)
                if len(keys) > _SHARED_ANCHORS:
                    # Compiled once for all its anchors, not once with each anchor's others.
                    self._patterns[entry.number] = group
                    for key in keys:
                        self._keys.append((key, entry.number, _PATTERN_LEFT, _PATTERN_RIGHT))
                    continue
                for key in keys:
                    anchored.setdefault(key, []).append(group)
                if not entry.anchors:
                    unanchored.append(group)
            else:
                for phrase in entry.texts:
                    if entry.standalone or not self._add_by_slot(phrase, entry):
                        for words in expand(phrase):
                            self._add_phrase(words, entry)
                for (number, key), (_, left, right) in self._slotted.items():
                    if number == entry.number:
                        self._keys.extend(context_rows(key, number, left, right,
                                                        self._contexts[(number, key)]))
        for key, groups in anchored.items():
            # All patterns on one anchor in one regex: one try per occurrence.
            self._anchored.setdefault(key, []).extend(groups)
            self._keys.append((key, 0, _PATTERN_LEFT, _PATTERN_RIGHT))
        # For every phrase's key once (0.07 s), not for the keys found in each run (0.02 s
        # for those of a megabyte).
        needles = {place: required_words(place[1], self._slotted.get(place, ((), 0, 0))[0],
                                         self._gapped.get(place, []))
                   for place in {**self._slotted, **self._gapped}}
        labelled: dict[str, list[Sequence[Any]]] = {}  # the rows by their keys' label
        for row in self._keys:
            labelled.setdefault(_label(row[0]), []).append(row)
        # Kept as the matcher uses it (`marshal` keeps dicts, tuples and sets): a run that
        # reads it back takes it as it is. The rows of a label, and the needles of their
        # keys, are packed: a run reads those of the labels its text holds (`unpack`).
        packed = {label: marshal.dumps((rows, {place: needles[place] for place in map(
                      _place, rows) if place in needles})) for label, rows in labelled.items()}
        return {"keys": packed, "unanchored": unanchored,
                "patterns": self._patterns, "gapped": self._gapped,
                "slotted": self._slotted, "anchored": self._anchored}

    def _follow(self, plan: dict[str, Any]) -> None:
        """Take the keys and regexes of `plan` (fresh, or as the cache read it back)."""
        self._gapped, self._slotted = plan["gapped"], plan["slotted"]
        self._anchored, self._patterns = plan["anchored"], plan["patterns"]
        self.index.add(self, plan["keys"])
        # Patterns without anchor words are tried everywhere: correct, but slower.
        unanchored = plan["unanchored"]
        self._unanchored = compiled("|".join(unanchored), re.M) if unanchored else None

    def unpack(self, packed: bytes) -> Sequence[Sequence[Any]]:
        """The rows of one label of the plan (`_plan`), taking in the needles of their
        keys: (key, entry number) or (key, entry number, phrase) of an exact phrase
        (written as its key, or not), (key, entry number, left, right) of a key that
        regexes are tried around, and (context, entry number, left, right, key, where
        the key starts) of one looked for with its context."""
        rows: Sequence[Sequence[Any]]
        rows, needles = marshal.loads(packed)
        self._needles.update(needles)
        return rows

    def _add_phrase(self, words: Sequence[str], entry: Entry) -> None:
        # Opening marks are spaces to the automaton: a phrase is found from its first word.
        phrase = " ".join(words)
        plain = _PLAIN.fullmatch(phrase) is not None
        if not plain:
            phrase = phrase.replace("’", "'").lstrip("".join(_OPENING))
        if _NO_GAP.isdisjoint(words):
            key = phrase.lower()
            # An ASCII phrase of plain characters is plain in lower case too.
            if not (plain and phrase.isascii()) and not _PLAIN.fullmatch(key):
                key = " ".join(_flat_key(key).split())
            # Most phrases are written as their key: the plan (JSON read each run) omits them.
            self._keys.append((key, entry.number) if phrase == key else
                              (key, entry.number, phrase))
            return
        segment, left, right = _gap_anchor(words, entry)
        self._gapped.setdefault((entry.number, segment), []).append(words)
        self._keys.append((segment, entry.number, left, right))

    def _add_by_slot(self, phrase: str, entry: Entry) -> bool:
        """Look for a phrase of many variants (`attend+ the <event>+`) near the words of
        its rarest slot, and spell it out in a regex only where they occur: the
        automaton then holds a few keys for it, not thousands. False: expand it."""
        slots = phrase_slots(phrase)
        variants = 1
        for slot in slots:
            variants *= len(slot)
        lookup = has_lookup(phrase)  # cannot be spelled out: anchored however common
        if variants <= _SPELLED_OUT and not lookup:
            return False
        usable = [i for i, slot in enumerate(slots) if not is_lookup(slot)
                  and all(alternative and _NO_GAP.isdisjoint(alternative) for alternative in slot)]
        if not usable:
            return False
        def rarity(i: int) -> tuple[int, int]:
            # A slot is as rare as its commonest alternative; "a" (no word of two letters) is
            # as common as they come.
            return min((_rarity(a) if any(anchor_words(w) for w in a) else (-1, 0))
                       for a in slots[i])

        best = max(usable, key=lambda i: (rarity(i), -len(slots[i])))
        if rarity(best)[0] < _COMMON_SLOT and not lookup and variants <= _NEVER_SPELLED_OUT:
            return False  # every slot holds a very common word: tried everywhere

        def width(word: str) -> int:
            return entry.max_gap * _GAP_CHARS if word in _NO_GAP else len(word) + _SLACK

        def reach(indexes: range) -> int:
            # A looked-up word is taken to be as long as a word of a gap can be.
            return sum(_GAP_CHARS + _SLACK if is_lookup(slots[i]) else
                       max(sum(width(word) for word in alternative) for alternative in slots[i])
                       for i in indexes)

        left = reach(range(best)) + _SLACK
        right = reach(range(best + 1, len(slots))) + _SLACK
        for alternative in slots[best]:
            key = " ".join(_flat_key(" ".join(alternative).lower()).split())
            phrases, low, high = self._slotted.get((entry.number, key), ((), 0, 0))
            self._slotted[(entry.number, key)] = ((*phrases, phrase), max(low, left),
                                                  max(high, right))
            self._contexts.setdefault((entry.number, key), set()).update(contexts(slots, best))
        return True

    def find(self, doc: Document) -> list[Hit]:
        """The entries found in `doc`, sharing one scan with the run's other packs.

        No match reaches across a blank line (`_verify`), so each distinct block is read
        once and its hits are reported at every copy: MT output repeats segments."""
        places = doc.memo(self.index.scan).get(self, [])
        blocks = doc.memo(lower_blocks)
        if blocks is None or not repeats(doc):  # the text itself
            return self._verify(doc.text, places)
        return [Hit(hit.entry, start, start + hit.end - hit.start) for start, hit in
                blocks.at_copies((hit.start, hit) for hit in self._verify(blocks.text, places))]

    def finditer(self, text: str) -> Iterator[Hit]:
        yield from self._verify(text, self.index.scan_text(text).get(self, []))

    def _verify(self, text: str, places: list[Place]) -> list[Hit]:
        """The entries found at `places` in `text`. Each block of the text (what lies
        between two line breaks in a row) is read as if it stood alone: no match, nor
        what must follow it, nor an antipattern reaches into the next paragraph."""
        spans: set[tuple[int, int, int]] = set()
        for target, found_at in places:
            if isinstance(target, _Exact):
                spans.update((target.number, start, end) for start, end in found_at
                             if self._exact(target, text, start, end))
            else:
                self._near(target, text, found_at, spans)
        if self._unanchored is not None:
            lookups = self._lookups(self._unanchored)
            for low, high in _blocks(text):
                for m in self._unanchored.finditer(text, low, high):
                    if not lookups or _looked_up(m, lookups):
                        spans.add((int((m.lastgroup or "e0")[1:]), m.start(), m.end()))
        hits = []
        for number, start, end in sorted(spans, key=lambda s: (s[1], s[2], s[0])):
            # Patterns of whole lines include the line's spaces: report the words only.
            found = text[start:end]
            start += len(found) - len(found.lstrip())
            end -= len(found) - len(found.rstrip())
            follower = self._follower(number)
            if start < end and (
                    follower is None or follower.match(text, end, _block_end(text, end))) and (
                    not self._excepted(number, text, start, end)):
                hits.append(Hit(self.entries[number], start, end))
        return hits

    def _follower(self, number: int) -> re.Pattern[str] | None:
        entry = self.entries[number]
        if not entry.followed_by:
            return None
        follower = self._followers.get(number)
        if follower is None:
            flags = re.M | (re.I if entry.ignore_case else 0)
            follower = self._followers[number] = compiled(entry.followed_by, flags)
        return follower

    def _exact(self, target: _Exact, text: str, start: int, end: int) -> bool:
        """Word boundaries, capitals and, for standalone phrases, the line around."""
        entry = self.entries[target.number]
        if entry.standalone:
            # Only white space may come before it on its line (looked for nearby only).
            before = text[max(0, start - _WINDOW):start]
            if before.rsplit("\n", 1)[-1].strip() or ("\n" not in before and start > _WINDOW):
                return False
            if not _LINE_TAIL.match(text, end):
                return False
        elif not _boundaries(text, start, end, target.phrase):
            return False
        written = text[start:end]
        if "\n" in written or "  " in written or "\t" in written:
            written = _WHITE.sub(" ", written)
        return _capitals_fit(target.phrase, written, entry)

    def _near(self, target: _Near, text: str, found: list[tuple[int, int]],
              spans: set[tuple[int, int, int]]) -> None:
        """Add to `spans` the matches of the target's regexes around each place it was
        `found` at."""
        needles = self.needles(target)
        regex: re.Pattern[str] | None = None
        lookups: Lookups = ()
        left, right, size = target.left, target.right, len(text)
        # The loop runs for every key a pattern is anchored on: keep it lean.
        for start, end in found:
            low = start - left if start > left else 0
            high = end + right if end + right < size else size
            if needles and not holds_any(text, low, high, needles):
                continue
            if regex is None:
                regex, lookups = target.regex or self._regex(target)
            bound = size  # how far a match cut by the window may be tried again
            m = regex.match(text, low, high)
            while m is not None:
                name = m.lastgroup or ""
                first = m.start(name)
                if first > start:
                    break
                crossed = text.find("\n\n", first, m.end()) >= 0
                match: re.Match[str] | None = m
                if m.end() == high < bound:  # cut by the window: try again without it
                    match = regex.match(text, first, bound)
                    crossed = crossed or (
                        match is not None and text.find("\n\n", first, match.end()) >= 0)
                if crossed:
                    # It ran into another block, and may have hidden a match inside the
                    # key's: try again within the key's block, where none can cross.
                    # Seldom, so the common case pays a `find` per match, not two per key.
                    bound = _block_end(text, end)
                    low, high = max(low, _block_start(text, start)), min(high, bound)
                    m = regex.match(text, low, high)
                    continue
                if match is not None and match.lastgroup == name and match.end() >= end and (
                        not lookups or _looked_up(match, lookups)):
                    spans.add((int(name[1:]), first, match.end()))
                m = regex.match(text, first + 1, high)

    def needles(self, target: _Near) -> Needles:
        """The words the window of a phrase's key must hold (none for a pattern): the plan
        holds them for every key of a phrase."""
        if target.needles is None:
            target.needles = self._needles.get((target.number, target.key), _NO_NEEDLES)
        return target.needles

    def _regex(self, target: _Near) -> tuple[re.Pattern[str], Lookups]:
        """The target's regex, built when a window first holds its needles."""
        key = (target.number, target.key)
        built = self._regexes.get(key)
        if built is None:
            built = self._regexes[key] = self._build(target)
        target.regex = built
        return built

    def _build(self, target: _Near) -> tuple[re.Pattern[str], Lookups]:
        """The regex tried around `target` (its patterns, or its entry's gapped or
        slotted phrases) and the words its looked-up slots may hold.

        The targets of one key share it, so it reaches as far left as the widest of
        them: whichever is tried first (the one whose window holds its words) builds it."""
        slotted = self._slotted.get((target.number, target.key), ((), 0, 0))
        reach = max([slotted[1], *(t.left for t in self.index.targets(target.key) if
                                   isinstance(t, _Near) and t.matcher is self
                                   and t.number == target.number)])
        if not target.number:
            groups = self._anchored[target.key]
            regex = self._within_regex(f"anchored\0{target.key}", lambda: "|".join(groups),
                                       reach)
            return regex, self._lookups(regex)
        entry = self.entries[target.number]
        if entry.kind == "pattern":
            pattern = self._patterns[entry.number]
            regex = self._within_regex(f"pattern\0{entry.number}", lambda: pattern, reach)
            return regex, self._lookups(regex)
        phrases = slotted[0]
        gapped = self._gapped.pop((target.number, target.key), [])
        if not gapped or any(has_lookup(phrase) for phrase in phrases):
            # The keys of the same phrases share one regex.
            return self._phrase_regex(
                entry, (*phrases, *(" ".join(words) for words in gapped)), reach)

        def trie() -> str:
            found: Trie = {}
            for words in (*gapped, *(words for phrase in phrases for words in expand(phrase))):
                _insert(found, words, entry)
            return f"(?P<e{entry.number}>{_render(found)})"

        return self._within_regex(f"gapped\0{target.number}\0{target.key}", trie, reach), ()

    def _within_regex(self, what: str, regex: Callable[[], str],
                      reach: int) -> re.Pattern[str]:
        """`regex()` tried within `reach` of where matching starts (`_within`), from the
        user's cache when an earlier run kept it (named by the plan, `what` it is in the
        plan and `reach`): that run worked out its first characters and wrote it."""
        name = f"{self._plan_name}\0{what}\0{reach}"
        found = self._within_regexes.get(name)  # a pattern's anchors share it
        if found is None:
            found = self._within_regexes[name] = compiled_as(
                name, lambda: _within(regex(), reach))
        return found

    def _phrase_regex(self, entry: Entry, phrases: tuple[str, ...],
                      reach: int) -> tuple[re.Pattern[str], Lookups]:
        """The regex of an entry's `phrases` (`_phrase_source`), from the user's cache
        when an earlier run wrote it, and the words of its looked-up slots."""
        key = (entry.number, phrases, reach)
        found = self._phrase_regexes.get(key)
        if found is None:
            name = "\0".join((self._plan_name, str(entry.number), str(reach), *phrases))
            regex = compiled_as(name, lambda: _phrase_source(entry, phrases, reach))
            found = self._phrase_regexes[key] = regex, _phrase_lookups(entry, phrases)
        return found

    def _lookups(self, regex: re.Pattern[str]) -> Lookups:
        """The looked-up groups of the patterns in `regex`, with their words."""
        return tuple((name, self._words[name]) for name in regex.groupindex
                     if name in self._words)

    def _excepted(self, number: int, text: str, start: int, end: int) -> bool:
        entry = self.entries[number]
        if not entry.antipatterns:
            return False
        regex = self._antipatterns.get(number)
        if regex is None:
            name = f"{self._plan_name}\0{number}\0antipatterns"
            regex = compiled_as(name, lambda: _antipatterns_source(entry))
            self._antipatterns[number] = regex
        low = max(start - _WINDOW, _block_start(text, start))
        high = min(end + _WINDOW, _block_end(text, end))
        return any(m.start() < end and start < m.end() for m in regex.finditer(text, low, high))


def _block_start(text: str, offset: int) -> int:
    """Where the block (what lies between two line breaks in a row) that holds `offset`
    starts."""
    before = text.rfind("\n\n", 0, offset)
    return before + 2 if before >= 0 else 0


def _block_end(text: str, offset: int) -> int:
    """Where the block (what lies between two line breaks in a row) that holds `offset`
    ends."""
    end = text.find("\n\n", offset)
    return end if end >= 0 else len(text)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Where each block of `text` starts and ends."""
    parts = text.split("\n\n")
    starts = block_starts(parts)
    return ((start, start + len(part)) for start, part in zip(starts, parts, strict=False))


def _phrase_source(entry: Entry, phrases: tuple[str, ...], reach: int) -> str:
    """Phrases of an entry in one regex, slot by slot: its size grows with the words
    written, not with the thousands of variants they combine into. A looked-up slot is
    a group of any word (`_phrase_lookups`), checked against its words by the caller."""
    names = (name for name, _ in _phrase_lookups(entry, phrases))
    body = "|".join(_slots_regex(entry, phrase, names) for phrase in phrases)
    return _within(f"(?P<e{entry.number}>{body})", reach)


def _phrase_lookups(entry: Entry, phrases: tuple[str, ...]) -> Lookups:
    """The groups of the looked-up slots of `phrases`, in order, with their words."""
    words = dict(entry.lookups)
    slots = [slot[0][0] for phrase in phrases for slot in phrase_slots(phrase)
             if is_lookup(slot)]
    return tuple((f"w{entry.number}x{index}", words[slot]) for index, slot in enumerate(slots))


def _antipatterns_source(entry: Entry) -> str:
    """The antipatterns of `entry` in one regex, their shared beginnings written once."""
    trie: Trie = {}
    for phrase in entry.antipatterns:
        for words in expand(phrase):
            _insert(trie, words, entry)
    return _render(trie)


@functools.lru_cache(maxsize=64)  # entries share classes: one set per class
def _word_set(words: str) -> frozenset[str]:
    """The words of a looked-up slot ("a/b/c"), as `_looked_up` compares them: made when
    first needed, as a set of a class's 26,000 words takes 4 ms and most are never."""
    return frozenset(words.lower().replace("’", "'").split("/"))


def _looked_up(found: re.Match[str], lookups: Lookups) -> bool:
    """Whether each looked-up slot of the match holds one of its words."""
    for name, words in lookups:
        word = found.group(name)
        if word is not None and word.lower().replace("’", "'") not in _word_set(words):
            return False
    return True


def _slots_regex(entry: Entry, phrase: str, names: Iterator[str]) -> str:
    """One phrase as a regex of its slots, with the boundaries and capitals of `_atoms`;
    each looked-up slot a group given the next of `names`."""
    gap = rf"[\w'’-]+(?:{_SEPARATOR}[\w'’-]+){{0,{entry.max_gap - 1}}}?"
    pieces: list[str] = []
    initial = True  # a slot that may begin the phrase: its first letter may be a capital
    for slot in phrase_slots(phrase):
        if is_lookup(slot):
            body = lookup_group(next(names))
            after_optional = pieces and pieces[-1].endswith(f"{_SEPARATOR})?")
            pieces.append(f"{_SEPARATOR}{body}" if pieces and not after_optional else body)
            initial = False
            continue
        body = _slot_regex(tuple(slot), entry.ignore_case, initial, gap)
        optional = any(not alternative for alternative in slot)
        if not pieces:
            pieces.append(f"(?:{body}{_SEPARATOR})?" if optional else body)
        else:
            joined = f"{_SEPARATOR}{body}"
            if pieces[-1].endswith(f"{_SEPARATOR})?"):  # after an optional first slot
                joined = body
            pieces.append(f"(?:{joined})?" if optional else joined)
        initial = initial and optional
    start = r"(?:(?=[^\w])|(?<![\w/-])(?<!\w['’]))"
    end = r"(?:(?<![\w])|(?!\w|[-/'’]\w))"
    return start + "".join(pieces) + end


@functools.lru_cache(maxsize=4096)  # phrases share slots ("(the|a|an|his|her)")
def _slot_regex(slot: tuple[tuple[str, ...], ...], ignore_case: bool, initial: bool,
                gap: str) -> str:
    """A slot's alternatives as one group, their shared beginnings written once; the
    first letter of a slot that may begin the phrase (`initial`) may be a capital."""
    trie: Trie = {}
    for alternative in slot:
        node = trie
        for n, word in enumerate(alternative):
            if n:
                node = node.setdefault(_SEPARATOR, {})
            if word in _NO_GAP:
                node = node.setdefault(gap, {})
                continue
            for c, char in enumerate(word):
                capital = initial and not n and not c and char.islower()
                node = node.setdefault(_char(char, ignore_case or capital), {})
        if alternative:
            node[_TERMINAL] = 1
    return "(?:" + _render(trie) + ")"


def _within(regex: str, reach: int) -> str:
    r"""`regex` tried at each of the `reach` + 1 positions from where matching starts, and
    nowhere else: a search for it near an anchor need not scan the whole window. Any
    character is `(?s:.)`, which `re` steps over at once, not `[\s\S]`, a class it
    tests each character against (a tenth of the time spent near the anchors); at a
    position where no match can start (`first_class`), one test fails it (a third)."""
    first = first_class(regex)
    return rf"(?s:.){{0,{reach}}}?{f'(?={first})' if first else ''}(?:{regex})"


def _boundaries(text: str, start: int, end: int, phrase: str) -> bool:
    """Whether the phrase starts and ends on word boundaries, as `_WORD_START/END` say."""
    if phrase[0].isalnum() and start and (
        _word_char(text[start - 1]) or text[start - 1] in "/-"
        or (text[start - 1] in "'’" and start > 1 and _word_char(text[start - 2]))
    ):
        return False
    return not (phrase[-1].isalnum() and end < len(text) and (
        _word_char(text[end])
        or (text[end] in "-/'’" and end + 1 < len(text) and _word_char(text[end + 1]))
    ))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _capitals_fit(phrase: str, written: str, entry: Entry) -> bool:
    """A capital in the phrase must be written as one; a small letter may be written
    as a capital only as the phrase's first letter, or anywhere with `ignore-case`."""
    if not entry.ignore_case:
        for index, (want, got) in enumerate(zip(phrase, written, strict=False)):
            if want != got and want.isalpha() and (index or want.isupper()):
                return False
    if entry.standalone and phrase[0].isalpha():
        # A label on a line of its own starts with a capital; a line of wrapped
        # prose that happens to hold the same words usually does not.
        return written[0].isupper()
    return True


def _gap_anchor(words: Sequence[str], entry: Entry) -> tuple[str, int, int]:
    """The gap-free run of words the automaton looks for, in lower case, and how far
    the whole phrase may reach to its left and right."""
    runs: list[list[int]] = [[]]
    for index, word in enumerate(words):
        if word in GAP_TOKENS:
            runs.append([])
        else:
            runs[-1].append(index)
    # The rarest run, and of equally rare ones the longest: fewer places to try.
    best = max(runs, key=lambda run: (_rarity(tuple(words[i] for i in run)), len(run)))
    gap = entry.max_gap * _GAP_CHARS

    def reach(indexes: Sequence[int]) -> int:
        return sum(gap if words[i] in GAP_TOKENS else len(words[i]) + _SLACK for i in indexes)

    segment = " ".join(_flat_key(" ".join(words[i] for i in best).lower()).split())
    return (segment, reach(range(best[0])) + _SLACK,
            reach(range(best[-1] + 1, len(words))) + _SLACK)


@functools.lru_cache(maxsize=4096)
def _rarity(run: tuple[str, ...]) -> tuple[int, int]:
    parts = [part for word in run for part, _ in anchor_words(word)] or [""]
    return rarity(parts[rarest(parts)])


def _insert(trie: Trie, words: Sequence[str], entry: Entry) -> None:
    node = trie
    for atom in _atoms(words, entry):
        node = node.setdefault(atom, {})
    node[_TERMINAL] = entry.number


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
                yield re.escape(char.upper())
                continue
            # A phrase may begin a sentence: its first letter, if lower case, may be a capital.
            yield _char(char, entry.ignore_case or (initial and char.islower()))
    if entry.standalone:
        yield _LINE_END
    elif last[-1].isalnum() or last[-1] == "_":
        yield _WORD_END


@functools.lru_cache(maxsize=4096)
def _char(char: str, any_case: bool) -> str:
    if char in "'’":
        return "['’]"
    if any_case and char.lower() != char.upper():
        return f"[{re.escape(char.lower())}{re.escape(char.upper())}]"
    return re.escape(char)


def _render(node: Trie) -> str:
    """The trie as one regex: shared prefixes are matched once."""
    # Longer phrases first: a branch that ends here is the last resort.
    parts = [atom + _render(child) for atom, child in sorted(node.items()) if atom != _TERMINAL]
    if _TERMINAL in node:
        parts.append("")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
