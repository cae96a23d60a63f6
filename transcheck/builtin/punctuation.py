"""Family TC1, punctuation: spacing around punctuation and brackets, doubled marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from operator import methodcaller
from typing import ClassVar

from transcheck.builtin.charset import finditer, places
from transcheck.builtin.quote_analysis import QuoteAnalysis, quotes
from transcheck.diagnostics import Finding
from transcheck.document import Document
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

PUNCTUATION = "Fluency/Punctuation"
_SPACES = " \t\u00a0\u202f"
_SPACE = f"[{_SPACES}]"


class _MarkPattern:
    """The pattern `[marks]` + `rest`, searched in a long text as one pattern per mark:
    `re` skips to a literal first character in a tight loop, but tries a class of them
    at every position (most of these rules' time on a megabyte). Compiling them costs
    more than it saves on a short text, which the one pattern reads."""

    def __init__(self, marks: str, rest: str) -> None:
        self.marks, self.rest = marks, rest
        self.whole = LazyPattern(f"[{re.escape(marks)}]{rest}")

    @cached_property
    def each(self) -> tuple[re.Pattern[str], ...]:
        return tuple(compiled(re.escape(mark) + self.rest) for mark in self.marks)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What the one pattern finds in `text`, in order."""
        if len(text) < _LONG_TEXT:
            yield from self.whole.finditer(text)
            return
        # From where the last match ended, the first match of any mark's pattern (no
        # two start at one place).
        pending = {pattern: pattern.search(text) for pattern in self.each}
        while any(pending.values()):
            first = min(filter(None, pending.values()), key=methodcaller("start"))
            yield first
            end = first.end()
            for pattern, found in pending.items():
                if found is not None and found.start() < end:
                    pending[pattern] = pattern.search(text, end)


_LONG_TEXT = 1 << 18


class SpaceBeforePunctuation(Rule):
    code = "TC111"
    scope = "paragraph"
    name = "space-before-punctuation"
    category = PUNCTUATION
    fixable = True
    summary = "A space before a comma, period, semicolon, colon, exclamation or question mark."
    explanation = """
## What it does
Reports spaces between a word and the punctuation mark that follows it
(`word ,` `word .` `word ?` `word :`). An ellipsis (`wait ...`) and a mark
that starts a number (`.5`) are not reported.

## Why is this bad
French puts a (thin) space before `? ! : ;`, and tokenised machine-translation
output often keeps a space before every mark; English has none.

## Example
```
The plan , said the mayor , is ready : it starts in May !
```

## Fix
Remove the space (this rule's fix does it):
```
The plan, said the mayor, is ready: it starts in May!
```
"""
    # The spaces are found from the marks after a space (far fewer places to try than
    # the spaces): the run of spaces before such a mark, after a word.
    _marks = _MarkPattern(",;.:!?", rf"(?<={_SPACE}.)(?:(?<=[,;])(?!\d)|(?<=[.:!?])(?=[\s\"”’]|$))")
    _word_end = LazyPattern(r"[\w\"”’)\]]")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in self._marks.finditer(text):
            start = end = m.start()
            while start and text[start - 1] in _SPACES:
                start -= 1
            if start and self._word_end.match(text, start - 1):
                yield Finding(start, end, f"Space before “{text[end]}”", fix="")


class SpaceInsideBrackets(Rule):
    code = "TC112"
    scope = "paragraph"
    name = "space-inside-brackets"
    category = PUNCTUATION
    fixable = True
    summary = "A space after an opening bracket or before a closing one."
    explanation = """
## What it does
Reports spaces just inside parentheses and square brackets: `( word` and
`word )`. Empty brackets and Markdown task boxes (`[ ]`) are not reported.

## Why is this bad
Tokenised machine-translation output keeps spaces around brackets; English
typography has none.

## Example
```
The agency ( founded in 1994 ) employs 300 people.
```

## Fix
Remove the spaces (this rule's fix does it):
```
The agency (founded in 1994) employs 300 people.
```
"""
    _opening = compiled(r"[(\[]")
    _closing = compiled(r"[)\]]")
    _after_opening = compiled(rf"[(\[]({_SPACE}+)(?=[^\s)\]])")

    def check(self, doc: Document) -> Iterator[Finding]:
        # Found from the brackets, which are rare, not from the spaces, which are not.
        text = doc.text
        spans = [m.span(1) for m in finditer(doc, self._after_opening, self._opening)]
        for bracket in places(doc, self._closing):
            start = end = bracket
            while start and text[start - 1] in _SPACES:
                start -= 1
            if start < end and start and not text[start - 1].isspace() \
                    and text[start - 1] not in "([":
                spans.append((start, end))
        for start, end in sorted(spans):
            where = "after opening" if text[start - 1] in "([" else "before closing"
            yield Finding(start, end, f"Space {where} bracket", fix="")


# A URL, e-mail address, file name or identifier: no spacing rules apply inside it.
_TECHNICAL = compiled(r"://|@|www\.|\.(?:com|org|net|html?|txt|md|py|js)\b|[=_/\\]|\d")


class MissingSpaceAfterPunctuation(Rule):
    code = "TC113"
    scope = "paragraph"
    name = "missing-space-after-punctuation"
    category = PUNCTUATION
    fixable = True
    summary = "Two words joined by sentence punctuation with no space after it (`home.The`)."
    explanation = """
## What it does
Reports a period, question or exclamation mark between a lowercase word and a
capitalised one (`home.The`), and a comma or semicolon between two words
(`red,green`), with no space after the mark. Abbreviations (`U.S.`, `e.g.`),
numbers (`3.5`, `1,000`), web addresses, e-mail addresses and file names are
not reported.

## Why is this bad
Machine translation and text extraction drop the space when they join
segments, and spell-checkers then miss both words.

## Example
```
The road reopened on Friday.Traffic is normal again.
```

## Fix
Add the space (this rule's fix does it):
```
The road reopened on Friday. Traffic is normal again.
```
"""
    _marks = _MarkPattern(
        # A mark first: `re` skips to it fast, not so to an alternation. Then the letter
        # both alternatives need next: most marks have a space after them, and fail
        # there, before the look-behinds are tried.
        ".!?,;", r"(?=[^\W\d_])"
        r"(?:(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[^\W\d_]{2}[,;])(?=[^\W\d_]{2}))"
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in self._marks.finditer(text):
            # The token around the mark, as far as 200 characters either side.
            low, high = max(0, m.start() - 200), min(len(text), m.end() + 200)
            start = max(text.rfind(" ", low, m.start()), text.rfind("\n", low, m.start()), low - 1)
            end = min((i for i in (text.find(" ", m.end(), high), text.find("\n", m.end(), high))
                       if i >= 0), default=high)
            if _TECHNICAL.search(text[start + 1:end]):
                continue
            yield Finding(m.start(), m.end(), f"Missing space after “{m.group()}”",
                          fix=m.group() + " ")


_WORD_BEFORE = compiled(r"[\w.]+$")


def _starts_rest_markup(text: str, start: int) -> bool:
    """Whether the ".." at `start` opens a line of reStructuredText markup (".. note::")."""
    if text[start + 2:start + 3] not in ("", " ", "\n"):
        return False
    before = text[max(0, start - 80):start]  # the line's indentation, if any, is short
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    elif start > 80:
        return False
    return not before.strip(" \t")


class DoubledPunctuation(Rule):
    code = "TC114"
    scope = "paragraph"
    name = "doubled-punctuation"
    category = PUNCTUATION
    fixable = True
    summary = "A punctuation mark doubled (`,,` `..` `;;`) or two that clash (`,.` `?.`)."
    explanation = """
## What it does
Reports `,,` `;;`, exactly two periods (an ellipsis of three is fine), and a
comma or question or exclamation mark followed by a period. A period after an
abbreviation followed by a comma (`etc.,` `U.S.,`) is correct and not reported;
other `.,` pairs are reported without a fix, since either mark may be the
intended one.

## Why is this bad
Joining machine-translated segments doubles the punctuation at the seam.

## Example
```
Prices rose,, and the bank acted..
```

## Fix
Keep one mark (this rule's fix does it where the intended mark is clear):
```
Prices rose, and the bank acted.
```
"""
    _marks = _MarkPattern(
        # The second mark every alternative needs first: most marks have a space after
        # them, and fail there, before the seven alternatives' look-behinds are tried.
        ",;.?!", r"(?=[,;.])"
        r"(?:(?<=,),|(?<=;);|(?<=\.)(?<![.\w/\\]\.)\.(?![./\\\w])|(?<=\w\.)\.(?![./\\\w])"
        r"|(?<=,)\.(?!\.)|(?<=[?!])\.(?!\.)|(?<=[a-z]{4}\.),)"
    )
    _fixes: ClassVar[dict[str, str]] = {
        ",,": ",", ";;": ";", "..": ".", ",.": ".", "?.": "?", "!.": "!",
    }
    _abbreviations = frozenset(
        ["etc", "approx", "incl", "excl", "resp", "misc", "ibid", "corp", "dept", "govt"]
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in self._marks.finditer(text):
            found = m.group()
            if found == ".,":
                word = _WORD_BEFORE.search(text, max(0, m.start() - 200), m.start())
                if word and (word.group().lower() in self._abbreviations or "." in word.group()):
                    continue
            if found == ".." and _starts_rest_markup(text, m.start()):
                continue
            yield Finding(m.start(), m.end(), f"Doubled punctuation “{found}”",
                          fix=self._fixes.get(found))


class SpaceInsideQuotes(Rule):
    code = "TC115"
    scope = "paragraph"
    name = "space-inside-quotes"
    category = PUNCTUATION
    fixable = True
    summary = "A stray space after an opening quote or before a closing one."
    explanation = """
## What it does
For each quotation whose marks pair up, reports spaces just inside the marks:
`“ word` and `word ”` or `word .”`.

## Why is this bad
Tokenised machine-translation output keeps a space on both sides of every
quote mark; English sets quote marks tight against the quoted words.

## Example
```
She called the deal “ a good start ” for the region.
```

## Fix
Remove the spaces (this rule's fix does it):
```
She called the deal “a good start” for the region.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        found = doc.memo(quotes)
        for at, (length, message) in found.at_copies(_spaces_inside(found.text, found.analysis)):
            yield Finding(at, at + length, message, fix="")


def _spaces_inside(text: str, analysis: QuoteAnalysis) -> Iterator[tuple[int, tuple[int, str]]]:
    """The spaces just inside the quotations of `text`, each with its length and message."""
    for opening, closing in analysis.pairs:
        if opening.offset in analysis.unbalanced:
            continue
        inside = opening.offset + 1  # the quotation is text[inside:closing.offset]
        after = _SPACES_RUN.match(text, inside, closing.offset)
        if after and after.end() < closing.offset:
            yield inside, (after.end() - inside, "Space after opening quote")
        before = _SPACES_TO_END.search(text, inside, closing.offset)
        if before and before.start() > inside:
            yield before.start(), (closing.offset - before.start(), "Space before closing quote")


_SPACES_RUN = LazyPattern(f"{_SPACE}+")
_SPACES_TO_END = LazyPattern(f"{_SPACE}+$")  # searched up to the closing mark

