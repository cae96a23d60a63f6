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


# Where Punkt may cut a text other than between words (an end mark right before a quote
# or a bracket), or move a closing quote or bracket that opens a word onto the sentence
# before (`_SENTENCE_END` and Punkt's realignment).
_NOT_BETWEEN_WORDS = compiled(r"""[.?!](?:[)";}\]*:@'({\[‘’“”«»?!]|\s+["')\]}’”«»])""")


def plain_sentences(text: str, min_words: int, most: int = 2000) -> list[str] | None:
    """The words, single-spaced, of every stretch of `text` (a paragraph) that Punkt may
    cut as a sentence of `min_words` words or more, where it can cut only between words;
    None where it may cut elsewhere, or if there are over `most` such stretches.

    Punkt ends a sentence right after an end mark (or at the text's end) and starts the
    next after the white space that follows: where neither a quote or bracket follows
    an end mark nor one opens the word after it, a sentence runs from the first word
    or one after a word that ends in an end mark to the last word or such a word."""
    if _NOT_BETWEEN_WORDS.search(text):
        return None
    words = text.split()
    last = len(words) - 1
    ends = [index for index, word in enumerate(words) if word[-1] in ".?!"]
    if not ends or ends[-1] != last:
        ends.append(last)
    starts = [0, *(end + 1 for end in ends[:-1])]
    if len(starts) * len(ends) > most:
        return None
    return [" ".join(words[start:end + 1]) for start in starts for end in ends
            if end - start + 1 >= min_words]


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
