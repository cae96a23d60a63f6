"""The text under check, with offsets that map back to lines and columns of the file."""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any, TypeVar

from transcheck.lazy import LazyPattern
from transcheck.records import Record
from transcheck.regex_programs import compiled

T = TypeVar("T")

_LINE_BREAK = compiled(r"\r\n|\r|\n")
# A paragraph ends at a line that holds nothing but whitespace.
_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = compiled(rf"{_NEWLINE}[ \t]*(?:{_NEWLINE}[ \t]*)+")
# Both as `split` cuts text with them, keeping each break (its length moves the offset
# on); the second in text without CR, found twice as fast from its literal "\n".
_SPLIT_PARAGRAPHS = LazyPattern(f"({_PARAGRAPH_BREAK.pattern})")
_SPLIT_LF_PARAGRAPHS = compiled(r"(\n[ \t]*(?:\n[ \t]*)+)")
# White space up to the next paragraph break, or to the end.
_TO_PARAGRAPH_END = compiled(rf"\s*?(?:{_PARAGRAPH_BREAK.pattern}|\Z)")
# Longer documents (not articles: archives, corpora) are checked piece by piece by rules
# of paragraph scope (see `pieces`), which bounds their memory: about 30 bytes of
# analyses per character of a piece. Cutting has a cost (each rule that reads pieces
# analyses each anew), so a document of up to `UNCUT_PIECES` pieces stays whole.
PIECE_CHARS = 1_000_000
UNCUT_PIECES = 4


class Span(Record):
    """A half-open range `[start, end)` of code-point offsets, with its text."""

    FIELDS = ("start", "end", "text")
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        fields = self.__dict__  # thousands are made per run: written at once
        fields["start"], fields["end"], fields["text"] = start, end, text

    def __len__(self) -> int:
        return self.end - self.start


class Mark(Record):
    """A span `[start, end)` that the writer marked as something other than running prose.

    `kind` is one of `KINDS`: readers fill what their format can say (Markdown's
    `*…*` and HTML's `<em>` are both "emphasis"; `lang="de"` is "foreign").
    """

    FIELDS = ("start", "end", "kind")
    KINDS = ("emphasis", "code", "foreign", "quotation")
    start: int
    end: int
    kind: str

    def __init__(self, start: int, end: int, kind: str) -> None:
        fields = self.__dict__  # thousands are made per run: written at once
        fields["start"], fields["end"], fields["kind"] = start, end, kind


class Unit(Record):
    """One segment of a bilingual file (an XLIFF trans-unit, a PO entry, a TMX tu, a row).

    `[start, end)` is where its target text lies in `Document.text`; `source` is the
    text it translates, in `source_lang`, as a reader sees it (inline tags left out).
    `source_codes` are the source's inline tags as written (`<x id="1"/>`), for the
    formats that have them. A document of units never lets a paragraph run from one
    unit into the next. An empty unit (`start == end`) has no target yet: it marks
    where the translation goes.
    """

    FIELDS = ("start", "end", "id", "source", "source_lang", "target_lang", "source_codes")
    start: int
    end: int
    id: str | None
    source: str | None
    source_lang: str | None
    target_lang: str | None
    source_codes: tuple[str, ...]

    def __init__(self, start: int, end: int, id: str | None = None,
                 source: str | None = None, source_lang: str | None = None,
                 target_lang: str | None = None, source_codes: tuple[str, ...] = ()) -> None:
        self._set(start=start, end=end, id=id, source=source, source_lang=source_lang,
                  target_lang=target_lang, source_codes=source_codes)

    @property
    def empty(self) -> bool:
        return self.start == self.end


@dataclass
class Document:
    """What rules read.

    `text` is the prose to check. Readers for marked-up formats blank out what
    is not prose (code, tags) but keep every offset, so `text` and `raw` (the file
    as written) always have the same length and the same line breaks. `markup`
    lists the `[start, end)` spans they masked (a finding made only of markup is
    dropped), `comments` the HTML comments of the file, whose text is the comment's
    inside (suppression comments are read from them), `marks` the spans the writer
    marked (emphasis, code, foreign-language), sorted by start.

    A bilingual file is read into `units`, sorted by start: the translated segments
    with their source text. `source_lang` and `target_lang` are what the file says
    of the whole document (None: not said).
    """

    text: str
    path: str = "<text>"
    raw: str = ""
    markup: tuple[tuple[int, int], ...] = ()
    comments: tuple[Span, ...] = ()
    marks: tuple[Mark, ...] = ()
    units: tuple[Unit, ...] = ()
    source_lang: str | None = None
    target_lang: str | None = None
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.raw:
            self.raw = self.text
        if len(self.raw) != len(self.text):
            raise ValueError("document text and raw text must have the same length")

    @cached_property
    def line_starts(self) -> array[int]:
        # An array: a file of millions of lines would take 36 bytes a line as a list.
        if "\r" not in self.raw:  # each line starts after the lines before and their breaks
            lines = self.raw.split("\n")
            return array("q", itertools.accumulate(
                (len(line) + 1 for line in itertools.islice(lines, len(lines) - 1)), initial=0))
        ends = (m.end() for m in _LINE_BREAK.finditer(self.raw))
        return array("q", itertools.chain((0,), ends))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        if not 0 <= offset <= len(self.text):
            offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def positions(self, start: int, end: int) -> tuple[int, int, int, int]:
        """`position` of `start` and of `end`: the line is looked up once when the span
        lies on one line (most findings do)."""
        starts = self.line_starts
        if 0 <= start <= end <= len(self.text):  # `position` of start, written out
            line = bisect.bisect_right(starts, start)
            if line == len(starts) or end < starts[line]:
                column = start - starts[line - 1] + 1
                return line, column, line, column + end - start
        return (*self.position(start), *self.position(end))

    def positions_in_order(self, spans: Iterable[tuple[int, int]]
                           ) -> Iterator[tuple[int, int, int, int]]:
        """`positions` of each of `spans`, which are sorted by start: the lines are
        walked forward once, not searched for each span (a large file has 100,000s)."""
        starts, length = self.line_starts, len(self.text)
        last = len(starts) - 1
        line = 0  # the index in `starts` of the line that holds the span's start
        following = starts[1] if last else length + 1  # where the line after it starts
        for start, end in spans:
            if not 0 <= start <= end <= length:
                yield self.positions(start, end)
                continue
            while start >= following:
                line += 1
                following = starts[line + 1] if line < last else length + 1
            column = start - starts[line] + 1
            if end < following:
                yield line + 1, column, line + 1, column + end - start
            else:
                yield (line + 1, column, *self.position(end))

    def offset(self, line: int, column: int) -> int:
        """Inverse of `position`."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The file's line `line` (1-based), without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.raw)
        return self.raw[start:end].rstrip("\r\n")

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Runs of text separated by blank lines, whitespace at either end trimmed.

        In a document of units, each unit's text is divided on its own.
        """
        spans: list[Span] = []
        text = self.text
        for low, high in ((u.start, u.end) for u in self.units) if self.units else (
                (0, len(text)),):
            _add_paragraphs(spans, text[low:high], low)
        return spans

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph that holds `offset` (its end included), or None between paragraphs."""
        return _span_at(self.paragraphs, self.memo(_paragraph_starts), offset)

    def paragraph_before(self, offset: int) -> Span | None:
        """The last paragraph that starts at or before `offset` (it may end before it)."""
        index = bisect.bisect_right(self.memo(_paragraph_starts), offset) - 1
        return self.paragraphs[index] if index >= 0 else None

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that holds `offset` (its end included), or None between sentences."""
        return _span_at(self.sentences, self.memo(_sentence_starts), offset)

    def unit_at(self, offset: int) -> Unit | None:
        """The unit whose target text holds `offset` (its end included), or None."""
        index = bisect.bisect_right(self.memo(_unit_starts), offset) - 1
        if index >= 0 and offset <= self.units[index].end:
            return self.units[index]
        return None

    def marked(self, start: int, end: int, kinds: tuple[str, ...] = Mark.KINDS) -> bool:
        """Whether `[start, end)` lies inside one mark of the given kinds."""
        starts, reach = self.memo(_mark_reach)
        index = bisect.bisect_right(starts, start) - 1
        # Back from the last mark that starts in time, while some mark so far reaches `end`.
        while index >= 0 and reach[index] >= end:
            mark = self.marks[index]
            if mark.kind in kinds and mark.end >= end:
                return True
            index -= 1
        return False

    def ends_paragraph(self, offset: int) -> bool:
        """Whether one of `paragraphs` ends at `offset` (without computing them)."""
        return (0 < offset <= len(self.text) and not self.text[offset - 1].isspace()
                and _TO_PARAGRAPH_END.match(self.text, offset) is not None)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of every paragraph, by the Punkt model for English."""
        from transcheck.segment import sentences_of

        return sentences_of(self.paragraphs)

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
            self, text=self.text[start:end], raw=self.raw[start:end], _memo={},
            marks=tuple(Mark(m.start - start, m.end - start, m.kind)
                        for m in self.marks if start <= m.start and m.end <= end),
            units=tuple(u.replace(start=max(u.start, start) - start,
                                  end=min(u.end, end) - start)
                        for u in self.units if u.start < end and start < u.end),
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


def paragraphs_of(text: str, start: int = 0) -> list[Span]:
    """The paragraphs of `text` (as `Document.paragraphs` finds them, without units),
    with offsets from `start`."""
    spans: list[Span] = []
    _add_paragraphs(spans, text, start)
    return spans


def _add_paragraphs(spans: list[Span], text: str, start: int) -> None:
    """Append to `spans` the paragraphs of `text`, which starts at `start`."""
    # Cut in C, not a match object per paragraph (a large file has 100,000s).
    carriage_return = "\r" in text
    chunks: Iterable[str] = () if carriage_return else text.split("\n\n")
    breaks: Iterable[int] = itertools.repeat(2)
    # Two line breaks in a row end a paragraph, and so does a line of spaces and tabs: if
    # no chunk holds such a line, each break is two or more line breaks (what lies
    # between two pairs of them is white space; the blanks after them start the next
    # chunk), and `str.split` cuts the text in less than half the pattern's time.
    if carriage_return or any(" \n" in chunk or "\t\n" in chunk for chunk in chunks
                              if "\n" in chunk):
        pattern = _SPLIT_PARAGRAPHS if carriage_return else _SPLIT_LF_PARAGRAPHS
        parts = pattern.split(text)  # paragraph, break, paragraph, ...
        chunks, breaks = parts[::2], map(len, [*parts[1::2], ""])
    append = spans.append
    for chunk, brk in zip(chunks, breaks, strict=False):  # `breaks` may be endless
        stripped = chunk.strip()
        if stripped:
            # Most paragraphs have nothing to trim (a break takes the blanks).
            first = start if len(stripped) == len(chunk) else (
                start + len(chunk) - len(chunk.lstrip()))
            append(Span(first, first + len(stripped), stripped))
        start += len(chunk) + brk


def _span_at(spans: list[Span], starts: list[int], offset: int) -> Span | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset <= spans[index].end:
        return spans[index]
    return None


def _paragraph_starts(doc: Document) -> list[int]:
    return [p.start for p in doc.paragraphs]


def _sentence_starts(doc: Document) -> list[int]:
    return [s.start for s in doc.sentences]


def _unit_starts(doc: Document) -> list[int]:
    return [u.start for u in doc.units]


def lower_case(doc: Document) -> str:
    """`doc.text` in lower case, made once for the rules that read it (`doc.memo`): on
    text that is not all ASCII it costs 5 ms a megabyte. It may be longer than the text
    ("İ" grows): a reader of offsets checks the lengths."""
    return doc.text.lower()


def text_blocks(doc: Document) -> tuple[list[str], list[int]]:
    """`doc.text` cut into its blocks (what lies between two line breaks in a row), and
    the offset of each (`doc.memo`): what `distinct_blocks` reads, and where an analysis
    of the distinct blocks finds their copies."""
    parts = doc.text.split("\n\n")
    return parts, block_starts(parts[:-1])


def block_starts(blocks: Iterable[str]) -> list[int]:
    """Where each of `blocks` starts once they are joined by two line breaks, and where
    one more would."""
    return list(itertools.accumulate(map((2).__add__, map(len, blocks)), initial=0))


def distinct_blocks(doc: Document) -> str:
    """`doc.text`'s blocks (what lies between two line breaks in a row), each distinct
    block once, joined again by two line breaks (`doc.memo`). An analysis that asks
    which words, or words in a row, the text holds, and not where, may read this
    instead: no word spans white space, and no two words in a row a blank line. MT
    output repeats segments (over half of the 1.5 MB `benchmarks/speed.py` checks).

    A document longer than `UNCUT_PIECES` pieces is read as it is (the text itself):
    its blocks are not copied, as its analyses are never held whole."""
    if len(doc.text) > UNCUT_PIECES * PIECE_CHARS:
        return doc.text
    return "\n\n".join(dict.fromkeys(doc.memo(text_blocks)[0]))


def _mark_reach(doc: Document) -> tuple[list[int], list[int]]:
    """The marks' starts, and for each mark the furthest end of it and the marks before."""
    return [m.start for m in doc.marks], list(itertools.accumulate(
        (m.end for m in doc.marks), max))


class Piece(Record):
    """Part of a long document: `doc` holds its text from `offset` on. The piece owns
    what starts in `[own_start, own_end)` (offsets in the whole document); the rest of
    `doc` is one paragraph of context on either side."""

    FIELDS = ("doc", "offset", "own_start", "own_end")
    doc: Document
    offset: int
    own_start: int
    own_end: int

    def __init__(self, doc: Document, offset: int, own_start: int, own_end: int) -> None:
        self._set(doc=doc, offset=offset, own_start=own_start, own_end=own_end)

    def owns(self, start: int) -> bool:
        """Whether a finding starting at `start` (in `doc`) belongs to this piece."""
        return self.own_start <= start + self.offset < self.own_end
