"""Family TC1, quotes: unbalanced quotes, stranded fragments, foreign and mixed quote marks."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, TypeVar

from transcheck.blocks import lower_blocks
from transcheck.builtin.charset import characters, has_any, matches_at, places
from transcheck.builtin.quote_analysis import FOREIGN, Mark, QuoteAnalysis, analyse, quotes
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

PUNCTUATION = "Fluency/Punctuation"
T = TypeVar("T")


class UnmatchedClosingQuote(Rule):
    code = "TC101"
    scope = "paragraph"
    name = "unmatched-closing-quote"
    severity = Severity.ERROR
    category = PUNCTUATION
    summary = "A closing quote mark with no opening one in its paragraph."
    explanation = """
## What it does
Pairs the double and single quote marks of each paragraph and reports a closing
mark (`”`, `"`, `’` after a quoted phrase) that no opening mark precedes.

## Why is this bad
Machine translation often drops or moves the opening mark of a quotation, so a
reader cannot tell where the quoted words begin. Apostrophes (`Putin’s`, `’90s`)
are never counted as quotes.

## Example
```
The minister said the plan was ready.” The vote is on Monday.
```

## Fix
Add the missing opening mark where the quotation starts, or remove the stray one:
```
The minister said: “The plan is ready.” The vote is on Monday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        found = doc.memo(quotes)
        explained = found.analysis.explained
        for at, mark in found.at_copies((m.offset, m) for m in found.analysis.unmatched_close
                                        if m.offset not in explained):
            yield Finding(at, at + 1,
                          f"Closing quote {mark.char} has no opening quote in this paragraph")


class UnclosedQuote(Rule):
    code = "TC102"
    scope = "paragraph"
    name = "unclosed-quote"
    severity = Severity.ERROR
    category = PUNCTUATION
    summary = "An opening quote mark that is never closed in its paragraph."
    explanation = """
## What it does
Reports an opening quote mark whose quotation is not closed before the paragraph
ends (or before the next opening mark of the same kind). A quotation that runs
on into the next paragraph, which re-opens with a quote mark, is the English
convention and is not reported.

## Why is this bad
The reader cannot tell where the quoted words end and the writer's begin; in
machine translation the closing mark is often lost when a sentence is split.

## Example
```
“We will rebuild the bridge, the mayor said on Tuesday.
```

## Fix
Close the quotation where the quoted words end:
```
“We will rebuild the bridge,” the mayor said on Tuesday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        found = doc.memo(quotes)
        for at, mark in found.unclosed_open(doc):
            if mark.offset not in found.analysis.explained:
                yield Finding(at, at + 1,
                              f"Opening quote {mark.char} is never closed in this paragraph")


class StrandedFragment(Rule):
    code = "TC103"
    scope = "paragraph"
    name = "stranded-fragment-after-quote"
    severity = Severity.ERROR
    category = PUNCTUATION
    summary = "One or two words stranded after a quotation that closed too early."
    explanation = """
## What it does
Finds a quotation that closes with its sentence punctuation (`.” ` `!” ` `?” `)
followed by one or two words and then another closing quote, or a lowercase
fragment at the paragraph's end: the quote was closed in the wrong place and
a word of the sentence was pushed out of it.

## Why is this bad
It is one of the commonest artifacts of machine translation when the source
puts the verb or a particle after the quotation. A normal attribution
(`…,” she said.`) and a new sentence are not reported.

## Example
```
They asked residents to “keep their windows.” closed”.
```

## Fix
Move the stranded word back into the quotation, where English puts it, and keep
one closing quote:
```
They asked residents to “keep their windows closed.”
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        found = doc.memo(quotes)
        for at, (start, end, words) in found.at_copies((s[0], s) for s in found.analysis.stranded):
            yield Finding(at, at + end - start,
                          f"Fragment “{words}” is stranded after a closing quote; "
                          "the quotation probably closed too early")


class ForeignQuoteMarks(Rule):
    code = "TC104"
    scope = "paragraph"
    name = "foreign-quote-marks"
    severity = Severity.WARNING
    category = "Locale convention/Other"
    fixable = True
    summary = "Quote marks of another locale („…“, «…», ‚…‘, ”…”) in English text."
    explanation = """
## What it does
Reports German low quotes (`„…“`, `‚…‘`), guillemets (`«…»`, `»…«`, `‹…›`) and
a closing mark used to open a quotation (`”…”`, as in Swedish) in English text.

## Why is this bad
They are the source language's typography, left by a translation that changed
the words but not the punctuation.

## Example
```
The chancellor called it „a turning point“.
```

## Fix
Use English quote marks (this rule's fix does it):
```
The chancellor called it “a turning point”.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _FOREIGN_OR_CLOSING):
            return  # no mark to report
        found = doc.memo(quotes)
        for at, (origin, mark) in found.at_copies(_foreign(found.analysis)):
            yield Finding(at, at + 1, f"{origin}-style quote mark {mark.char} in English text; "
                          f"use {mark.english}", fix=mark.english)


_FOREIGN_OR_CLOSING = frozenset([*FOREIGN, "”"])  # ” opens a quotation in Swedish


def _foreign(analysis: QuoteAnalysis) -> Iterator[tuple[int, tuple[str, Mark]]]:
    """The marks of another locale's style, each with the locale."""
    pairs = {m.offset: p for p in analysis.pairs for m in p}
    for mark in analysis.marks:
        pair = pairs.get(mark.offset)
        foreign_pair = pair is not None and any(m.char in FOREIGN for m in pair)
        misused_closer = mark.char == "”" and mark.role == "open"
        if mark.char in FOREIGN or misused_closer or (foreign_pair and mark.char == "“"):
            yield mark.offset, (FOREIGN.get(mark.char, "Swedish" if misused_closer else "German"),
                                mark)


# The mark first, then what precedes it: re then scans for the mark, not every position.
_WORD_APOSTROPHE = compiled(r"['’](?<=[^\W\d_]['’])(?=[^\W\d_])")
_APOSTROPHE = compiled(r"['’]")


class MixedQuoteStyles(Rule):
    code = "TC105"
    name = "mixed-quote-styles"
    severity = Severity.INFO
    category = "Fluency/Inconsistency"
    fixable = True
    summary = "Straight and curly quotes (or apostrophes) mixed in one document."
    explanation = """
## What it does
Counts straight (`"`, `'`) and curly (`“ ”`, `’`) double quotes and apostrophes
in the document and reports every mark of the less frequent style (on a tie,
the straight ones), once for quotes and once for apostrophes.

## Why is this bad
Text assembled from a translation memory and fresh machine output often mixes
the two; a publication uses one style throughout.

## Example
```
“Sales rose,” she said. "We expect more."
```

## Fix
Use the document's dominant style (this rule's fix does it):
```
“Sales rose,” she said. “We expect more.”
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        chars = doc.memo(characters)  # only a text that holds both styles can mix them
        quotes_mixed = '"' in chars and not chars.isdisjoint("“”")
        apostrophes_mixed = "'" in chars and "’" in chars
        if not (quotes_mixed or apostrophes_mixed):
            return
        # A long document's marks are read piece by piece; another's once per distinct
        # block, counted and placed at every copy.
        found = doc.memo(quotes) if doc.memo(lower_blocks) is not None else None
        count: Count
        if found is None:
            text, count, place = doc.text, len, _in_place
            marks: Iterable[tuple[int, Mark]] = _document_marks(doc)
        else:
            text, count, place = found.text, found.count, found.at_copies
            marks = ((m.offset, m) for pair in found.analysis.pairs for m in pair)
        if quotes_mixed:
            yield from _differing_quotes(doc, marks, count, place)
        if apostrophes_mixed:
            yield from _differing_apostrophes(doc, text, count, place)


if TYPE_CHECKING:
    Count = Callable[[Sequence[int]], int]
    Place = Callable[[Iterable[tuple[int, T]]], Iterable[tuple[int, T]]]


def _differing_quotes(doc: Document, marks: Iterable[tuple[int, Mark]], count: Count,
                      place: Place[int]) -> Iterator[Finding]:
    """TC105's findings of double quotes: `marks` (paired) are at offsets in a text that
    `count` counts in `doc` and `place` places in it."""
    # Offsets only (a long document has millions of marks), and whether each straight
    # mark closes, which decides the curly mark that replaces it.
    straight, closing, curly = array("q"), array("b"), array("q")
    for offset, mark in marks:
        if mark.kind == "double" and mark.char in '"“”':
            if mark.char == '"':
                straight.append(offset)
                closing.append(mark.role == "close")
            else:
                curly.append(offset)
    if straight and curly:
        straight_count, curly_count = count(straight), count(curly)
        curly_wins = curly_count >= straight_count
        odd = (zip(straight, closing, strict=True) if curly_wins
               else zip(curly, repeat(0), strict=False))
        for at, closes in place(odd):
            fix = ("”" if closes else "“") if curly_wins else '"'
            yield Finding(at, at + 1,
                          f"Quote mark {doc.text[at]} differs from the document's style "
                          f"({curly_count} curly, {straight_count} straight)", fix=fix)


def _differing_apostrophes(doc: Document, text: str, count: Count, place: Place[str]
                           ) -> Iterator[Finding]:
    """TC105's findings of apostrophes, found in `text` (as `_differing_quotes`)."""
    plain, typographic = array("q"), array("q")
    # Tried where one stands.
    for m in matches_at(_WORD_APOSTROPHE, text, places(doc, _APOSTROPHE, text)):
        (plain if m.group() == "'" else typographic).append(m.start())
    if plain and typographic:
        plain_count, typographic_count = count(plain), count(typographic)
        curly_wins = typographic_count >= plain_count
        for at, char in place((offset, text[offset])
                              for offset in (plain if curly_wins else typographic)):
            yield Finding(at, at + 1,
                          f"Apostrophe {char} differs from the document's style "
                          f"({typographic_count} curly, {plain_count} straight)",
                          fix="’" if curly_wins else "'")


def _in_place(found: Iterable[tuple[int, T]]) -> Iterable[tuple[int, T]]:
    return found


def _document_marks(doc: Document) -> Iterator[tuple[int, Mark]]:
    """The paired quote marks of the whole document with their offsets in it, analysed
    piece by piece so that a long document's analysis never sits in memory whole."""
    for piece in doc.pieces():
        for pair in piece.doc.memo(analyse).pairs:
            if piece.owns(pair[0].offset):
                for mark in pair:
                    yield piece.offset + mark.offset, mark
