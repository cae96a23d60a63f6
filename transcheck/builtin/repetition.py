"""Family TC2, repetition: a word doubled by accident, and the loops neural MT falls into."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from itertools import repeat

from transcheck.diagnostics import Finding
from transcheck.document import Document
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
_DOUBLED = re.compile(
    # Not before "." + letter or "(": "import doctest\n doctest.testmod()" is code.
    r"(?<![\w’'-])([^\W\d_]+)((?:[^\S\n]|\n(?![^\S\n]*\n))+)(\1)(?![\w’'-]|[.(]\w|\()",
    re.IGNORECASE,
)
# Two to six words said three or more times in a row, separated by spaces only.
_LOOP = re.compile(r"(?<![\w’'-])((?:[\w’'-]+[^\S\n]+){1,5}?[\w’'-]+)(?:[^\S\n]+\1(?![\w’'-])){2,}")
# The marks and line breaks that end a run of space-separated words.
_BREAK = re.compile(r"[^\w\s’'-]|\n")


def _may_loop(text: str) -> bool:
    """A cheap test that `_LOOP` can match: its backtracking is slow on long text.

    A unit of k words said three times in a row makes word i equal word i + k for
    2k consecutive words. Every step runs in C: the words come from `split` once each
    mark or line break is a token "\0" of its own, and the comparisons are a `map`
    over the word list, masked (as big integers) where word i is such a break.
    """
    words = _BREAK.sub(" \0 ", text).split()
    is_word = int.from_bytes(bytes(map(operator.ne, words, repeat("\0"))), "big")
    for k in range(2, 7):
        same = int.from_bytes(bytes(map(operator.eq, words, words[k:])), "big")
        if b"\x01" * (2 * k) in (same & is_word >> 8 * k).to_bytes(len(words), "big"):
            return True
    return False


class DoubledWord(Rule):
    code = "TC207"
    name = "doubled-word"
    category = "Fluency/Grammar"
    fixable = True
    summary = "The same word twice in a row by accident (`the the`)."
    explanation = """
## What it does
Reports a word written twice in a row with only spaces (or one line break)
between the two. Doubles that grammar allows ("had had", "that that", "what it
is is", "gave her her keys", "logged in in May"), reduplicated words ("bye
bye", "ylang ylang") and capitalised names ("Fang Fang") are not reported.

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
        for m in _DOUBLED.finditer(doc.text):
            first, second = m.group(1), m.group(3)
            if second != second.lower() or second.lower() in _ALLOWED_DOUBLES:
                continue
            if first != first.lower() and first != first.capitalize():
                continue
            yield Finding(m.end(1), m.end(3), f"“{second}” is doubled", fix="")


class RepetitionLoop(Rule):
    code = "TC208"
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
        if not _may_loop(doc.text):
            return
        for m in _LOOP.finditer(doc.text):
            unit = m.group(1)
            times = len(re.findall(re.escape(unit), m.group()))
            yield Finding(m.start(), m.end(),
                          f"“{unit}” repeated {times} times in a row", fix=unit)
