"""Family TC2, repetition: a word doubled by accident, and the loops neural MT falls into."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter

from transcheck.blocks import LowerBlocks, lower_blocks, occurrences
from transcheck.diagnostics import Finding
from transcheck.document import Document, distinct_blocks, lower_case
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

# Doubles that grammar allows or that are words of their own: "had had", "that that",
# "what it is is", "gave her her keys", "logged in in May", "bye bye", "ylang ylang".
_ALLOWED_DOUBLES = frozenset({
    "had", "that", "is", "was", "her", "his", "do", "does", "did", "very", "really", "many",
    "much", "long", "far", "so", "no", "bye", "ha", "ho", "he", "hee", "hey", "yeah", "yes",
    "blah", "knock", "tut", "chop", "night", "now", "well", "there", "come", "boo", "choo",
    "bling", "can", "bang", "hush", "pooh", "tsk", "ta", "la", "cha", "ylang", "dum", "go",
    "wait", "on", "in", "up", "off", "by", "over", "down", "out", "through", "around", "about",
    "along", "back", "away", "home", "you", "it",
})
_DOUBLED = compiled(
    # Not before "." + letter or "(": "import doctest\n doctest.testmod()" is code.
    r"(?<![\w’'-])([^\W\d_]+)((?:[^\S\n]|\n(?![^\S\n]*\n))+)(\1)(?![\w’'-]|[.(]\w|\()",
    re.IGNORECASE,
)
# Two to six words said three or more times in a row, separated by spaces only.
_LOOP = compiled(r"(?<![\w’'-])((?:[\w’'-]+[^\S\n]+){1,5}?[\w’'-]+)(?:[^\S\n]+\1(?![\w’'-])){2,}")
# The marks that end a run of space-separated words (line breaks end it too).
_MARK = compiled(r"[^\w\s’'-]")
_LETTERS = compiled(r"[^\W\d_]+")
_MARK_TOKEN, _LINE_TOKEN = "\0", "\1"
# In the string of word codes below: a unit of two to six words, not marks or line
# breaks, said three times in a row; and a word twice, or either side of a line break.
_CODE_LOOP = compiled(r"([^\x00\x01]{2,6})\1\1")
_CODE_DOUBLE = compiled(r"([^\x00\x01])\x01?\1")
_CODES = 0x10FFFF - 0x800 - 2  # code points for words: not "\0", "\1" or surrogates


class Words:
    """The words of a text in lower case, each written as one character (its code),
    marks as "\\0" and line breaks as "\\1": both patterns of this module backtrack
    slowly over long text, and the same questions asked of this string, a sixth of its
    length with a character per word, tell fast whether they can match at all.

    Words beyond the million-odd code points share codes: a shared code can only add
    candidates, which the patterns then reject.

    `runs` are the distinct runs of the text between white space, as written (marks
    cut off where the text holds a "\\1"): `inconsistent-spelling` reads its words
    from them, not from a split of its own.
    """

    def __init__(self, doc: Document) -> None:
        # Neither pattern reaches across a blank line: each distinct block is coded once.
        runs = _runs(doc.memo(distinct_blocks))
        self.runs = set(runs)
        self.coded = _CODES_OF_RUN.coded(runs, self.runs)

    def may_loop(self) -> bool:
        """Whether `_LOOP` can match: the same unit of k words three times in a row."""
        return _CODE_LOOP.search(self.coded) is not None

    def doubles(self) -> set[str]:
        """Words (lower case) written twice with spaces or one line break between."""
        words_of = _CODES_OF_RUN.words_of
        return {word for code in set(_CODE_DOUBLE.findall(self.coded))
                for word in words_of.get(code, ()) if _LETTERS.fullmatch(word)}


def _runs(text: str) -> list[str]:
    """The runs of `text` between white space, as written, and "\\1" for each line break
    (where the text holds a "\\1" of its own, a mark, its marks are cut off first)."""
    if _LINE_TOKEN in text:
        text = _MARK.sub(f" {_MARK_TOKEN} ", text)
    return text.replace("\n", f" {_LINE_TOKEN} ").split()


class _Codes:
    """The codes of the words, and the coded runs between spaces, of a run's texts.

    The documents of a run share most of their words and runs: each distinct run is cut
    into words and coded once per run (per worker process), not once per document, and
    equal words have equal codes in every text. Past `_MOST_RUNS` runs both are
    forgotten before the next text, so that a corpus of millions never holds them all.
    """

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.words_of: dict[str, list[str]] = {}  # the word of each code (or words: shared)
        self.runs: dict[str, str] = {}
        self._forget()

    def _forget(self) -> None:
        self.codes = {_MARK_TOKEN: _MARK_TOKEN, _LINE_TOKEN: _LINE_TOKEN}
        self.words_of, self.runs = {}, {}

    def coded(self, runs: list[str], distinct: set[str]) -> str:
        """`runs` (a text's runs between white space, as written, and "\\1" for each line
        break; `distinct`: the set of them) as the word codes of their lower case: see
        `Words`. A run lowered alone is lowered as in its text: no case rule reaches
        across white space."""
        if len(self.runs) > _MOST_RUNS:
            self._forget()
        known = self.runs
        for run in distinct.difference(known):  # in C: most runs were seen before
            lower = run.lower()
            # Most runs are one word of letters (`isalnum` characters are all `\w`): no mark.
            if lower.isalnum() or lower == _LINE_TOKEN:
                known[run] = self._code(lower)
            else:
                known[run] = "".join(map(self._code, _MARK.sub(f" {_MARK_TOKEN} ", lower).split()))
        return "".join(map(known.__getitem__, runs))

    def _code(self, word: str) -> str:
        code = self.codes.get(word)
        if code is None:  # numbered in the order words are first seen
            point = 2 + (len(self.codes) - 2) % _CODES
            code = self.codes[word] = chr(point + 0x800 if point >= 0xD800 else point)
            self.words_of.setdefault(code, []).append(word)
        return code


_CODES_OF_RUN = _Codes()
_MOST_RUNS = 500_000


def _doubled(text: str, words: set[str], lower: str, blocks: LowerBlocks | None
             ) -> list[re.Match[str]]:
    """The matches of `_DOUBLED` in `text`, in order, whose word is one of `words` (lower
    case): each is looked for with `str.find` in `lower` (`text.lower()`, not read where
    `blocks` are given), or once in each distinct block of `blocks` (`lower_blocks`: no
    match spans a blank line), and the pattern tried where it stands."""
    if blocks is None and len(lower) != len(text):  # a longer lower case would shift offsets
        return list(_DOUBLED.finditer(text))
    found = []
    for word in words:
        places = (map(itemgetter(0), blocks.at_copies(
            zip(occurrences(blocks.lower, word), repeat(0)))) if blocks is not None
            else occurrences(lower, word))
        after = 0  # tried as `finditer` would: not within the last match or try
        for start in places:
            if start < after:
                continue
            m = _DOUBLED.match(text, start)
            if m and m.end(1) == start + len(word):
                found.append(m)
                after = m.end()
            else:
                after = start + len(word)
    return sorted(found, key=lambda m: m.start())


class DoubledWord(Rule):
    code = "TC207"
    scope = "paragraph"
    name = "doubled-word"
    category = "Fluency/Grammar"
    fixable = True
    summary = "The same word twice in a row by accident (`the the`)."
    explanation = """
## What it does
Reports a word written twice in a row with only spaces (or one line break)
between the two. Doubles that grammar allows ("had had", "that that", "what it
is is", "gave her her keys", "logged in in May"), reduplicated words ("bye
bye", "ylang ylang"), capitalised names ("Fang Fang") and a word repeated at
the start of a line indented by four spaces or more (code) are not reported.

## Why is this bad
Joined segments and edited sentences leave a word twice; readers stumble over
it and spell-checkers do not see it.

## Example
```
The council approved the the budget on Monday.
```

## Fix
Delete the second word (this rule's fix does it):
```
The council approved the budget on Monday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        words = doc.memo(Words)
        candidates = words.doubles() - _ALLOWED_DOUBLES
        blocks = doc.memo(lower_blocks)
        # The whole text's lower case (5 ms a megabyte) only where its blocks are not read.
        lower = doc.memo(lower_case) if blocks is None else ""
        for m in _doubled(doc.text, candidates, lower, blocks):
            first, second = m.group(1), m.group(3)
            if second != second.lower() or second.lower() in _ALLOWED_DOUBLES:
                continue
            if first != first.lower() and first != first.capitalize():
                continue
            gap = m.group(2)
            if "\n" in gap and len(gap.rsplit("\n", 1)[1].expandtabs(4)) >= 4:
                continue  # the second word begins an indented line: code, not wrapped prose
            yield Finding(m.end(1), m.end(3), f"“{second}” is doubled", fix="")


class RepetitionLoop(Rule):
    code = "TC208"
    scope = "paragraph"
    name = "repetition-loop"
    category = "Accuracy/Addition"
    fixable = True
    summary = "The same two to six words repeated three or more times in a row."
    explanation = """
## What it does
Reports a run of two to six words that repeats itself at least three times in
a row, separated by nothing but spaces ("in the city in the city in the city").
Repetition with commas ("Location, location, location") is rhetoric and is not
reported.

## Why is this bad
Neural machine translation sometimes falls into a loop and emits the same words
over and over; the repeated words stand for nothing in the source.

## Example
```
The plan will help the people of the region of the region of the region.
```

## Fix
Keep one copy (this rule's fix does it):
```
The plan will help the people of the region.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not doc.memo(Words).may_loop():
            return
        for m in _LOOP.finditer(doc.text):
            unit = m.group(1)
            times = len(re.findall(re.escape(unit), m.group()))
            yield Finding(m.start(), m.end(),
                          f"“{unit}” repeated {times} times in a row", fix=unit)
