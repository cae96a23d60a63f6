"""Family TC2: a run-on sentence, the source's chain of clauses kept in one English sentence."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from transcheck.blocks import by_paragraph
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.regex_programs import compiled
from transcheck.rule import Rule


class RunOnSentence(Rule):
    code = "TC209"
    name = "run-on-sentence"
    category = "Style/Awkward"
    severity = Severity.INFO
    scope = "paragraph"
    options = MappingProxyType({"min-words": 55, "min-commas": 3})
    summary = "A sentence of 55 or more words chaining three or more parts with commas."
    explanation = """
## What it does
Reports a sentence that runs to 55 words or more and strings at least three
comma-separated parts together. Both limits are options: `min-words` (55) and
`min-commas` (3).

## Why is this bad
Chinese, and other languages that allow long periods, join clause after clause
with commas where English starts a new sentence; machine translation keeps the chain,
and the reader has to hold a dozen facts before the first full stop. On
human-rated Chinese→English MT output, four in five such sentences also held a
passage that raters marked as an error (`benchmarks/README.md`). It is a
suggestion (severity `info`): an editor decides where to cut.

## Example
```
The ministry said on Monday that the programme, which began in three provinces last
spring, has since been extended to eleven more, covering forty million people, the
pilot cities will report their results by June, and a national rollout is expected
to follow next year if the funding is approved by parliament before the summer
recess begins in July.
```

## Fix
Split the sentence where a new subject starts, and turn comma-joined clauses into
sentences of their own:
```
The ministry said on Monday that the programme, which began in three provinces last
spring, now covers eleven more and forty million people. The pilot cities will
report their results by June. A national rollout should follow next year if
parliament approves the funding before its summer recess in July.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        min_words = int(self.options["min-words"])
        min_commas = int(self.options["min-commas"])
        # What a paragraph holds depends on its text alone.
        for start, runs_on in by_paragraph(
                doc, lambda text: tuple(_run_on(text, min_words, min_commas))):
            for low, high, message in runs_on:
                yield Finding(start + low, start + high, message)


def _run_on(text: str, min_words: int, min_commas: int) -> Iterator[tuple[int, int, str]]:
    """The run-on sentences of a paragraph's `text`, as (start, end, message) in it."""
    # Most paragraphs are too short or too plain to hold such a sentence: the cheapest
    # tests first (a word and a blank are two characters at least).
    if len(text) < 2 * min_words - 1 or text.count(",") < min_commas \
            or _blanks(text) < min_words - 1:
        return
    for start, end in _sentences(text):
        sentence = text[start:end]
        if _blanks(sentence) < min_words - 1:
            continue
        commas = sentence.count(",")
        if commas < min_commas:
            continue
        words = _words(sentence)
        if words >= min_words:
            yield (start, end, f"A run-on sentence of {words} words and {commas + 1} "
                   "comma-joined parts: split it where a new subject starts")


# A sentence ends at an end mark (and a closing quote or bracket) before white space and
# a capital or a digit. Unlike Punkt, this also cuts after an abbreviation ("Mr. Li"),
# which can only hide a long sentence, never invent one, and needs no Punkt run on each
# long paragraph.
_SENTENCE_END = compiled(r"([.!?…][\"”’)\]]*)\s+(?=[\"“‘(]?[A-Z0-9])")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) in a paragraph's `text` of each of its sentences."""
    start = 0
    for found in _SENTENCE_END.finditer(text):
        yield start, found.end(1)
        start = found.end()
    yield start, len(text)


def _blanks(text: str) -> int:
    """The spaces, line breaks and tabs of `text`: a sentence of n words has n - 1 of them
    at least (a text spaced with other white space is read as having fewer words)."""
    return text.count(" ") + text.count("\n") + text.count("\t")


def _words(text: str) -> int:
    """The words of `text`: its runs of non-space characters with a letter, a digit or
    an underscore in them (`\\w`; a dash is none). `str.split` cuts them in C: a pattern
    tried at every character of a long sentence costs twice as much."""
    return sum(1 for run in text.split() if run[0].isalnum() or _holds_word(run))


def _holds_word(run: str) -> bool:
    return any(char.isalnum() or char == "_" for char in run)
