"""The text under check, with offsets that map back to lines and columns of the file."""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any, TypeVar

T = TypeVar("T")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A paragraph ends at a line that holds nothing but whitespace.
_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_NEWLINE}[ \t]*(?:{_NEWLINE}[ \t]*)+")
# White space up to the next paragraph break, or to the end.
_TO_PARAGRAPH_END = re.compile(rf"\s*?(?:{_PARAGRAPH_BREAK.pattern}|\Z)")
# Longer documents (not articles: archives, corpora) are checked piece by piece by rules
# of paragraph scope (see `pieces`), which bounds their memory: about 30 bytes of
# analyses per character of a piece. Cutting has a cost (each rule that reads pieces
# analyses each anew), so a document of up to `UNCUT_PIECES` pieces stays whole.
PIECE_CHARS = 1_000_000
UNCUT_PIECES = 4


@dataclass(frozen=True)
class Span:
    """A half-open range `[start, end)` of code-point offsets, with its text."""

    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Document:
    """What rules read.

    `text` is the prose to check. Readers for marked-up formats blank out what
    is not prose (code, tags) but keep every offset, so `text` and `source`
    always have the same length and the same line breaks. `markup` lists the
    `[start, end)` spans they masked (a finding made only of markup is dropped),
    `comments` the HTML comments of the source, whose text is the comment's
    inside (suppression comments are read from them).
    """

    text: str
    path: str = "<text>"
    source: str = ""
    markup: tuple[tuple[int, int], ...] = ()
    comments: tuple[Span, ...] = ()
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.source:
            self.source = self.text
        if len(self.source) != len(self.text):
            raise ValueError("document text and source must have the same length")

    @cached_property
    def line_starts(self) -> array[int]:
        # An array: a file of millions of lines would take 36 bytes a line as a list.
        ends = (m.end() for m in _LINE_BREAK.finditer(self.source))
        return array("q", itertools.chain((0,), ends))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of `position`."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The source line `line` (1-based), without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Runs of text separated by blank lines, whitespace at either end trimmed."""
        spans: list[Span] = []
        start = 0
        for brk in [*_PARAGRAPH_BREAK.finditer(self.text), None]:
            end = brk.start() if brk else len(self.text)
            chunk = self.text[start:end]
            stripped = chunk.strip()
            if stripped:
                first = start + (len(chunk) - len(chunk.lstrip()))
                spans.append(Span(first, first + len(stripped), stripped))
            if brk:
                start = brk.end()
        return spans

    def ends_paragraph(self, offset: int) -> bool:
        """Whether one of `paragraphs` ends at `offset` (without computing them)."""
        return (0 < offset <= len(self.text) and not self.text[offset - 1].isspace()
                and _TO_PARAGRAPH_END.match(self.text, offset) is not None)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of every paragraph, by the Punkt model for English."""
        from transcheck.segment import split_sentences

        return [s for p in self.paragraphs for s in split_sentences(p)]

    def __getstate__(self) -> dict[str, Any]:
        # Crossing to another process (`--jobs`), a document takes its fields only:
        # analyses are cheaper to redo than to copy, and may hold what cannot be pickled.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["_memo"] = {}
        return state

    def pieces(self, size: int | None = None) -> Iterator[Piece]:
        """The document cut at paragraph breaks into pieces of about `size` characters
        (default `PIECE_CHARS`).

        Each piece owns its paragraphs and also holds the paragraph just before and
        just after them, so a rule that looks at a paragraph's neighbours sees them.
        A document no longer than `UNCUT_PIECES` times `size` is one piece: itself,
        with its analyses.
        """
        text, size = self.text, size or PIECE_CHARS
        cuts = [(0, 0)]  # (start of the paragraph before the cut, the cut)
        while cuts[-1][1] + size < len(text) and len(text) > UNCUT_PIECES * size:
            before = _PARAGRAPH_BREAK.search(text, cuts[-1][1] + size)
            after = _PARAGRAPH_BREAK.search(text, before.end()) if before else None
            if before is None or after is None:
                break
            cuts.append((before.end(), after.end()))
        if len(cuts) == 1:
            yield Piece(self, 0, 0, len(text) + 1)
            return
        ends = [cut for _, cut in cuts[1:]] + [len(text) + 1]
        for (start, own_start), own_end in zip(cuts, ends, strict=True):
            following = _PARAGRAPH_BREAK.search(text, own_end) if own_end < len(text) else None
            yield Piece(self._slice(start, following.end() if following else len(text)),
                        start, own_start, own_end)

    def _slice(self, start: int, end: int) -> Document:
        return replace(
            self, text=self.text[start:end], source=self.source[start:end], _memo={},
            markup=tuple((max(a, start) - start, min(b, end) - start)
                         for a, b in self.markup if a < end and start < b),
            comments=tuple(Span(c.start - start, c.end - start, c.text)
                           for c in self.comments if start <= c.start and c.end <= end),
        )

    def forget_analyses(self) -> None:
        """Drop what the rules computed: reporters need the text and its lines only."""
        self._memo.clear()
        for name in ("paragraphs", "sentences"):
            self.__dict__.pop(name, None)

    def memo(self, key: Callable[[Document], T]) -> T:
        """Compute `key(self)` once per document, so rules can share an analysis."""
        if key not in self._memo:
            self._memo[key] = key(self)
        result: T = self._memo[key]
        return result



@dataclass(frozen=True)
class Piece:
    """Part of a long document: `doc` holds its text from `offset` on. The piece owns
    what starts in `[own_start, own_end)` (offsets in the whole document); the rest of
    `doc` is one paragraph of context on either side."""

    doc: Document
    offset: int
    own_start: int
    own_end: int

    def owns(self, start: int) -> bool:
        """Whether a finding starting at `start` (in `doc`) belongs to this piece."""
        return self.own_start <= start + self.offset < self.own_end
