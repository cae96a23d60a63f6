"""Sentence segmentation, shared by every rule that needs sentences."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from transcheck.document import Span
from transcheck.regex_programs import compiled

if TYPE_CHECKING:
    import punkt


@lru_cache(maxsize=1)
def _tokenizer() -> punkt.PunktSentenceTokenizer:
    import punkt

    return punkt.tokenizer_for("english")


# Punkt considers a break only where an end mark is followed by white space or by one
# of its "non-word" marks (its period-context pattern); it keeps no line-break mode here.
_SENTENCE_END = compiled(r"""[.?!](?=[\s)";}\]*:@'({\[‘’“”«»?!])""")


def may_end_inside(text: str) -> bool:
    """Whether `_SENTENCE_END` matches in `text` (if not, it is one sentence). It needs an
    end mark before the last character, which most paragraphs lack (theirs is last):
    `str.find` rules them out in C faster than the pattern scans them."""
    return (text.find(".", 0, -1) >= 0 or text.find("?", 0, -1) >= 0
            or text.find("!", 0, -1) >= 0) and _SENTENCE_END.search(text) is not None


# Where Punkt may end a sentence (an end mark, where its period-context pattern may see a
# break) and where the next may start: right there, or after the white space that follows.
_BREAK = compiled(r"""[.?!](?:(?=[)";}\]*:@'({\[‘’“”«»?!])|\s+(?=\S))""")
# What Punkt's realignment may move from a sentence's start onto the one before.
_CLOSERS = compiled(r"""["')\]}’”«»]+""")
_NON_SPACE = compiled(r"\S")


def possible_sentences(text: str, min_words: int, most: int = 2000) -> list[str] | None:
    """The words, single-spaced, of every stretch of `text` (a paragraph) of `min_words`
    words or more that Punkt may cut as a sentence; None if there are over `most` such
    stretches to try.

    Punkt ends a sentence right after an end mark (or at the text's last character)
    and starts the next there or after the white space that follows; its realignment
    then moves closing quotes and brackets that open a sentence onto the one before.
    Every sentence so runs from one of these starts to one of these ends: Punkt need
    not be run to know what it cannot cut."""
    ends = {len(text.rstrip())}
    breaks = [0]
    for match in _BREAK.finditer(text):
        ends.add(match.start() + 1)
        breaks.append(match.end())
    starts = set(breaks)
    for start in breaks:
        closers = _CLOSERS.match(text, start)
        if closers is not None:
            for end in range(start + 1, closers.end() + 1):
                ends.add(end)
                after = _NON_SPACE.search(text, end)
                starts.add(after.start() if after is not None else len(text))
    if len(starts) * len(ends) > most:
        return None
    stretches = []
    for start in sorted(starts):
        for end in sorted(ends):
            if start < end and len(words := text[start:end].split()) >= min_words:
                stretches.append(" ".join(words))
    return stretches


def split_sentences(paragraph: Span) -> list[Span]:
    """Split one paragraph into sentence spans with document offsets."""
    # Most paragraphs are one sentence with its end mark last: Punkt (0.02 ms of
    # per-call set-up) cannot split them, since a paragraph has no outer white space.
    if not may_end_inside(paragraph.text):
        return [paragraph]
    return _punkt_split(paragraph)


def sentences_of(paragraphs: Sequence[Span]) -> list[Span]:
    """The sentences of every paragraph, as `split_sentences` gives them.

    A paragraph that comes again (MT output repeats segments) is looked at once.
    """
    cuts: dict[str, tuple[tuple[int, int, str], ...]] = {}
    sentences: list[Span] = []
    for paragraph in paragraphs:
        parts = cuts.get(paragraph.text)
        if parts is None:
            parts = cuts[paragraph.text] = sentence_parts(paragraph.text)
        base = paragraph.start
        sentences.extend(Span(base + start, base + end, part) for start, end, part in parts)
    return sentences


def sentence_parts(text: str) -> tuple[tuple[int, int, str], ...]:
    """The sentences of a paragraph's `text` as (start, end, text) in it, as `sentences_of`
    cuts them, without making spans (a rule that skips most paragraphs needs none)."""
    cut = _cut(text) if may_end_inside(text) else ()
    return cut or ((0, len(text), text),)


# A paragraph that comes again (boilerplate, the same output of two MT systems, in
# one file or in the next) is cut as before: Punkt reads each text once per process.
@lru_cache(maxsize=8192)
def _cut(text: str) -> tuple[tuple[int, int, str], ...]:
    """Punkt's sentences of a paragraph's text, as (start, end, text) in it."""
    return tuple((start, end, text[start:end]) for start, end in _tokenizer().span_tokenize(text))


def _punkt_split(paragraph: Span) -> list[Span]:
    base = paragraph.start
    text = paragraph.text
    return [
        Span(base + start, base + end, text[start:end])
        for start, end in _tokenizer().span_tokenize(text)
    ]
