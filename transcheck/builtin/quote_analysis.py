"""Pairs quote marks paragraph by paragraph; the quote rules read this shared analysis.

Quotes are matched per paragraph, never per sentence, because a quotation
often spans several sentences. Apostrophes (`Putin’s`, `’90s`, `rock ’n’
roll`) are told apart from single quotes by context, and the straight
apostrophe `'` is never treated as a quote: it is too ambiguous to pair.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from operator import itemgetter
from typing import Literal, TypeVar

from transcheck.blocks import LowerBlocks, block_paragraphs, repeats
from transcheck.builtin.charset import places
from transcheck.document import Document, Span
from transcheck.lazy import LazyPattern
from transcheck.records import Record
from transcheck.regex_programs import compiled

Role = Literal["open", "close"]
T = TypeVar("T")

# Marks of other locales, with the English mark to use for each role.
FOREIGN = {"„": "German", "«": "French", "»": "French", "‚": "German", "‹": "French",
           "›": "French"}
ENGLISH_EQUIVALENT = {("double", "open"): "“", ("double", "close"): "”",
                      ("single", "open"): "‘", ("single", "close"): "’"}
OPENING_CONTEXT = set(" \t\r\n([{—–-/") | {""}
CLOSING_FOLLOWERS = set(" \t\r\n)]}.,;:!?—–-/…") | {""}


class Mark(Record):
    FIELDS = ("offset", "char", "kind", "role")
    offset: int
    char: str
    kind: Literal["double", "single"]
    role: Role

    def __init__(self, offset: int, char: str, kind: Literal["double", "single"],
                 role: Role) -> None:
        fields = self.__dict__  # thousands are made per run: written at once
        fields["offset"], fields["char"], fields["kind"], fields["role"] = offset, char, kind, role

    @property
    def english(self) -> str:
        return ENGLISH_EQUIVALENT[(self.kind, self.role)]


class QuoteAnalysis(Record):
    """What `analyse` found, filled in as it reads: its lists and sets grow."""

    FIELDS = ("pairs", "unmatched_close", "unclosed_open", "stranded", "unbalanced",
              "marks", "explained")
    pairs: list[tuple[Mark, Mark]]
    unmatched_close: list[Mark]
    unclosed_open: list[Mark]
    stranded: list[tuple[int, int, str]]  # start, end, words
    unbalanced: set[int]  # the straight marks of paragraphs that hold an odd number
    marks: list[Mark]
    explained: set[int]  # marks a stranded fragment accounts for

    def __init__(self) -> None:
        self._set(pairs=[], unmatched_close=[], unclosed_open=[], stranded=[],
                  unbalanced=set(), marks=[], explained=set())


def _double_role(text: str, i: int, open_double: Mark | None) -> Role | None:
    """The role of the double mark at `i`, or None if it is no quote (an inch mark)."""
    c, before, after = text[i], text[i - 1:i], text[i + 1:i + 2]  # "" at either end
    opens_here = before in OPENING_CONTEXT and after not in CLOSING_FOLLOWERS
    if c == '"':
        if before.isdigit() and open_double is None and after in CLOSING_FOLLOWERS:
            return None  # 24" screen
        if open_double is not None:
            return "close"
        closes_here = before not in OPENING_CONTEXT and after in CLOSING_FOLLOWERS
        return "close" if closes_here else "open"
    if c == "„":
        return "open"
    if c == "“":
        # Closes German „…“; elsewhere it is the English opening mark.
        if open_double is not None and open_double.char == "„":
            return "close"
        return "open"
    if c == "”":
        return "open" if open_double is None and opens_here else "close"
    if c == "«":
        return "close" if open_double is not None and open_double.char == "»" else "open"
    # » closes «…», or opens the reversed »…« style.
    return "open" if open_double is None and opens_here else "close"


def _single_role(text: str, i: int, open_single: Mark | None) -> Role | None:
    c, before, after = text[i], text[i - 1:i], text[i + 1:i + 2]
    if c in "‘‚‹":
        if after.isdigit() or text[i + 1:i + 3] in ("n’", "em"):
            return None  # ‘90s, ‘n’, ‘em written with the wrong mark
        return "open" if before in OPENING_CONTEXT or not before.isalnum() else None
    if c == "›":
        return "close" if open_single is not None else None
    # ’ is an apostrophe unless it ends a word while a single quote is open.
    if open_single is not None and not after.isalpha() and before not in (" ", ""):
        return "close"
    return None


_STRANDED = compiled(
    r"[.!?][”\"»](?P<gap>\s+)(?P<words>[^\W\d_][\w’'-]*(?:\s[^\W\d_][\w’'-]*)?)"
    r"(?P<punct>[.,;:!?]*)(?P<end>[”\"»]|$)"
)
ATTRIBUTION = frozenset([
    "said", "says", "say", "added", "adds", "asked", "asks", "told", "tells", "replied",
    "replies", "wrote", "writes", "explained", "explains", "noted", "notes", "continued",
    "continues", "recalled", "recalls", "insisted", "insists", "admitted", "admits", "warned",
    "warns", "according", "laughed", "shouted", "whispered", "argued", "argues",
])


_ENDS = frozenset(".!?")  # what ends a sentence, where `_STRANDED` starts
_QUOTE_MARK = compiled(r"[\"“”„«»‘’‚‹›]")


def _paragraph(text: str, base: int, result: QuoteAnalysis) -> tuple[Mark | None, Mark | None]:
    open_double: Mark | None = None
    open_single: Mark | None = None
    straight = 0
    marks: list[Mark] = []
    for match in _QUOTE_MARK.finditer(text):
        i = match.start()
        c = text[i]
        if c in "‘’‚‹›":
            role = _single_role(text, i, open_single)
            if role is None:
                continue
            mark = Mark(base + i, c, "single", role)
            if role == "open":
                if open_single is not None:
                    result.unclosed_open.append(open_single)
                open_single = mark
            else:
                assert open_single is not None
                result.pairs.append((open_single, mark))
                open_single = None
            marks.append(mark)
            continue
        role = _double_role(text, i, open_double)
        if role is None:
            continue
        straight += c == '"'
        mark = Mark(base + i, c, "double", role)
        marks.append(mark)
        if role == "open":
            if open_double is not None:
                result.unclosed_open.append(open_double)
            open_double = mark
        elif open_double is not None:
            result.pairs.append((open_double, mark))
            open_double = None
            if open_single is not None and open_single.offset > result.pairs[-1][0].offset:
                result.unclosed_open.append(open_single)
                open_single = None
        else:
            result.unmatched_close.append(mark)
    if straight % 2:
        result.unbalanced.update(mark.offset for mark in marks if mark.char == '"')
    result.marks.extend(marks)
    return open_double, open_single


def _find_stranded(text: str, base: int, result: QuoteAnalysis, marks: list[Mark]) -> None:
    # A fragment is stranded after a closing mark that ends a sentence (`_STRANDED`).
    if not any(mark.role == "close" and text[mark.offset - base - 1:mark.offset - base] in _ENDS
               for mark in marks):
        return
    by_offset = {m.offset: m for m in marks}
    for match in _STRANDED.finditer(text):
        first = by_offset.get(base + match.start() + 1)
        if first is None or first.role != "close":
            continue
        words = match.group("words")
        if any(w.lower() in ATTRIBUTION for w in words.split()):
            continue
        if match.group("end"):
            last = by_offset.get(base + match.start("end"))
            if last is None or last.role != "close" or last not in result.unmatched_close:
                continue
            result.explained.add(last.offset)
            end = match.end("end")
        else:
            # At the paragraph's end, only a lowercase fragment is clearly not a new sentence.
            if not words[0].islower():
                continue
            end = match.end("punct")
        result.stranded.append((base + match.start("words"), base + end, words))


def _holding_marks(doc: Document, paragraphs: list[Span]) -> list[int]:
    """The indexes, in order, of the paragraphs that hold a quote mark."""
    starts = [p.start for p in paragraphs]
    holding = set()
    for offset in places(doc, _QUOTE_MARK):  # the marks, found by `str.find`
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < paragraphs[index].end:
            holding.add(index)
    return sorted(holding)


def _read(paragraph: Span, result: QuoteAnalysis) -> Mark | None:
    """Add what `paragraph` holds (pairs, stranded words, unclosed quotes) to `result`.
    A double quote left open at its end is returned: it is unclosed unless the next
    paragraph re-opens the quotation (`_runs_on`)."""
    first_mark = len(result.marks)
    open_double, open_single = _paragraph(paragraph.text, paragraph.start, result)
    _find_stranded(paragraph.text, paragraph.start, result, result.marks[first_mark:])
    if open_single is not None:
        result.unclosed_open.append(open_single)
    return open_double


def _runs_on(open_double: Mark, following: str) -> bool:
    """Whether a quotation left open at a paragraph's end runs on into the `following`
    paragraph's text (or its first character): it re-opens there without closing here."""
    return following[:1] in ('"', "“") and open_double.char in ('"', "“")


def analyse(doc: Document) -> QuoteAnalysis:
    """Quote pairs and problems for the whole document (memoised per document)."""
    result = QuoteAnalysis()
    paragraphs: list[Span] = doc.paragraphs
    # Most paragraphs hold no quote mark: there is nothing to pair. Only those that hold
    # one are read.
    for index in _holding_marks(doc, paragraphs):
        open_double = _read(paragraphs[index], result)
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        if open_double is not None and not _runs_on(open_double, following):
            result.unclosed_open.append(open_double)
    result.unclosed_open.sort(key=lambda m: m.offset)
    return result


class Quotes(Record):
    """A document's quote analysis as the rules read it (`quotes`): the `analysis` of
    `text`, the document's own or its distinct blocks (`blocks`, each read once), and
    the double quotes left open at a paragraph's end there (`left_open`, with the
    paragraph's end), which may run on at one copy of the block and not at another.
    `at_copies` places what a rule finds in `text` in the document."""

    FIELDS = ("text", "analysis", "blocks", "left_open")
    text: str
    analysis: QuoteAnalysis
    blocks: LowerBlocks | None
    left_open: list[tuple[Mark, int]]

    def __init__(self, text: str, analysis: QuoteAnalysis, blocks: LowerBlocks | None = None,
                 left_open: list[tuple[Mark, int]] | None = None) -> None:
        self._set(text=text, analysis=analysis, blocks=blocks, left_open=left_open or [])

    def at_copies(self, found: Iterable[tuple[int, T]]) -> list[tuple[int, T]]:
        """What was `found` at offsets in `text`, at offsets in the document (in order,
        where `text` is distinct blocks; else as found)."""
        if self.blocks is None:
            return list(found)
        return self.blocks.at_copies(found)

    def count(self, offsets: Iterable[int]) -> int:
        """How many times what stands at `offsets` in `text` stands in the document."""
        if self.blocks is None:
            return sum(1 for _ in offsets)
        starts = self.blocks.starts
        copies = [len(at) for at in self.blocks.copies.values()]  # per distinct block
        return sum(copies[bisect.bisect_right(starts, offset) - 1] for offset in offsets)

    def unclosed_open(self, doc: Document) -> list[tuple[int, Mark]]:
        """The unclosed opening marks, at offsets in `doc`, in order."""
        placed = self.at_copies((mark.offset, mark) for mark in self.analysis.unclosed_open)
        # A paragraph's first character is the first one after the last that is not
        # white space (a document without units: nothing else lies between paragraphs).
        for at, (mark, end) in self.at_copies((m.offset, (m, end)) for m, end in self.left_open):
            following = _NOT_SPACE.search(doc.text, at + end - mark.offset)
            if not _runs_on(mark, following.group() if following else ""):
                placed.append((at, mark))
        placed.sort(key=itemgetter(0))
        return placed


_NOT_SPACE = LazyPattern(r"\S")


def quotes(doc: Document) -> Quotes:
    """`doc`'s `Quotes` (`doc.memo`). Where `doc` repeats blocks (MT output repeats
    segments), the paragraphs of each distinct block are read once (`block_paragraphs`):
    what a paragraph holds depends on its own text (and, for a quotation left open at
    its end, on the next paragraph's first character)."""
    # Whether blocks repeat, asked first of what `characters` reads anyway.
    found = doc.memo(block_paragraphs) if repeats(doc) else None
    if found is None:
        return Quotes(doc.text, doc.memo(analyse))
    blocks, paragraphs = found
    result = QuoteAnalysis()
    left_open = []
    starts = [start for start, _ in paragraphs]
    # A mark is no white space: it stands in the last paragraph that starts before it.
    holding = {bisect.bisect_right(starts, offset) - 1
               for offset in places(doc, _QUOTE_MARK, blocks.text)}
    for start, text in map(paragraphs.__getitem__, sorted(holding)):
        open_double = _read(Span(start, start + len(text), text), result)
        if open_double is not None:
            left_open.append((open_double, start + len(text)))
    result.unclosed_open.sort(key=lambda m: m.offset)
    return Quotes(blocks.text, result, blocks, left_open)
