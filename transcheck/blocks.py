"""A document's distinct blocks in lower case, where rules and packs look for words once per block.

MT output repeats segments: over half the blocks of the 1.5 MB file `benchmarks/speed.py`
checks are copies. A rule whose matches cannot reach across a blank line finds them in
each distinct block once and reports them at every copy.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import TypeVar

from transcheck import document
from transcheck.document import (
    Document,
    Span,
    block_starts,
    distinct_blocks,
    paragraphs_of,
    text_blocks,
)
from transcheck.records import Record

T = TypeVar("T")


class LowerBlocks(Record):
    """`text`: `distinct_blocks` of a document; `lower`: the same in lower case (as long
    as `text`); `starts`: where each distinct block starts in them, then where one more
    would; `copies`: where each distinct block (as written) stands in the document."""

    FIELDS = ("text", "lower", "starts", "copies")
    text: str
    lower: str
    starts: list[int]
    copies: dict[str, list[int]]

    def __init__(self, text: str, lower: str, starts: list[int],
                 copies: dict[str, list[int]]) -> None:
        self._set(text=text, lower=lower, starts=starts, copies=copies)

    def at_copies(self, found: Iterable[tuple[int, T]]) -> list[tuple[int, T]]:
        """What was `found` at offsets in `text`, at every copy of its block: at offsets
        in the document, in order."""
        starts, text, copies = self.starts, self.text, self.copies
        placed: list[tuple[int, T]] = []
        for at, value in found:
            index = bisect.bisect_right(starts, at) - 1
            start = starts[index]
            placed.extend((offset + at - start, value)
                          for offset in copies[text[start:starts[index + 1] - 2]])
        placed.sort(key=itemgetter(0))
        return placed


def repeats(doc: Document) -> bool:
    """Whether `doc` holds a block more than once: then its distinct blocks are shorter
    than its text, and reading them instead saves work (a long document's are its text)."""
    return len(doc.memo(distinct_blocks)) != len(doc.text)


def lower_blocks(doc: Document) -> LowerBlocks | None:
    """`doc`'s `LowerBlocks` (`doc.memo`), or None where the text's lower case is longer
    ("İ" grows) or the document is too long to be read whole."""
    if len(doc.text) > document.UNCUT_PIECES * document.PIECE_CHARS:
        return None
    text = doc.memo(distinct_blocks)
    # Only the distinct blocks are lower-cased (5 ms a megabyte), as in the whole text: no
    # case rule looks across the line breaks that join them (a final sigma, at letters).
    lower = text.lower()
    if len(lower) != len(text):
        return None
    copies: dict[str, list[int]] = {}  # in the order of `distinct_blocks`
    for block, offset in zip(*doc.memo(text_blocks), strict=True):
        copies.setdefault(block, []).append(offset)
    return LowerBlocks(text, lower, block_starts(copies), copies)


def block_paragraphs(doc: Document) -> tuple[LowerBlocks, list[tuple[int, str]]] | None:
    """`doc`'s `lower_blocks` and the paragraphs of its distinct blocks: where each starts
    in their `text`, and its text as `Document.paragraphs` trims it, in order (`doc.memo`).
    No paragraph holds a blank line, so a block's paragraphs are its own whatever stands
    around it: a rule whose findings in a paragraph depend on its text alone reads each
    here once and reports them at every copy (`LowerBlocks.at_copies`). None without
    `lower_blocks`, or where paragraphs are not cut at blank lines alone: in a document of
    units (each unit cut on its own) or with carriage returns (no block breaks a CRLF text)."""
    blocks = doc.memo(lower_blocks)
    if blocks is None or doc.units or "\r" in blocks.text:
        return None
    paragraphs: list[tuple[int, str]] = []
    append = paragraphs.append
    for block, start in zip(blocks.copies, blocks.starts, strict=False):  # one start more
        if "\n" in block:  # seldom in MT output: cut as a document is
            paragraphs.extend((p.start, p.text) for p in paragraphs_of(block, start))
            continue
        text = block.strip()  # one line: one paragraph, if not blank
        if text:  # most blocks have nothing to trim
            append((start if len(text) == len(block)
                    else start + len(block) - len(block.lstrip()), text))
    return blocks, paragraphs


def paragraph_texts(doc: Document) -> list[str]:
    """The texts of `doc`'s paragraphs, each once, in order: those of its distinct blocks
    where it has them (`block_paragraphs`)."""
    distinct = doc.memo(block_paragraphs)
    texts = ((text for _, text in distinct[1]) if distinct is not None
             else (paragraph.text for paragraph in doc.paragraphs))
    return list(dict.fromkeys(texts))


def by_paragraph(doc: Document, read: Callable[[str], T | None]) -> Iterable[tuple[int, T]]:
    """Where each paragraph of `doc` starts and what `read` finds in its text, for those
    where it finds something (a true value), in order. What `read` finds depends on the
    text alone: each distinct block's paragraphs are read once (`block_paragraphs`) and
    what is found is placed at every copy; else each distinct paragraph text is read once
    (MT output repeats segments)."""
    distinct = doc.memo(block_paragraphs)
    if distinct is None:
        return _by_paragraph_text(doc.paragraphs, read)
    blocks, paragraphs = distinct
    return blocks.at_copies([(start, found) for start, text in paragraphs
                             if (found := read(text))])


def _by_paragraph_text(paragraphs: list[Span], read: Callable[[str], T | None]
                       ) -> Iterator[tuple[int, T]]:
    found: dict[str, T | None] = {}
    for paragraph in paragraphs:
        text = paragraph.text
        value = found[text] if text in found else found.setdefault(text, read(text))
        if value:
            yield paragraph.start, value


def occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` stands in `text` (overlapping copies too), in order: found by
    `str.find`, which skips through a text in C."""
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)
