"""Pairs quote marks paragraph by paragraph; the quote rules read this shared analysis.

Quotes are matched per paragraph, never per sentence, because a quotation
often spans several sentences. Apostrophes (`Putin’s`, `’90s`, `rock ’n’
roll`) are told apart from single quotes by context, and the straight
apostrophe `'` is never treated as a quote: it is too ambiguous to pair.
"""

from __future__ import annotations

import bisect
from typing import Literal

from transcheck.builtin.charset import places
from transcheck.document import Document, Span
from transcheck.records import Record
from transcheck.regex_programs import compiled

Role = Literal["open", "close"]

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
        self._set(offset=offset, char=char, kind=kind, role=role)

    @property
    def english(self) -> str:
        return ENGLISH_EQUIVALENT[(self.kind, self.role)]


class QuoteAnalysis(Record):
    """What `analyse` found, filled in as it reads: its lists and sets grow."""

    FIELDS = ("pairs", "unmatched_close", "unclosed_open", "stranded", "straight_balanced",
              "marks", "explained")
    pairs: list[tuple[Mark, Mark]]
    unmatched_close: list[Mark]
    unclosed_open: list[Mark]
    stranded: list[tuple[int, int, str]]  # start, end, words
    straight_balanced: set[int]  # paragraph starts
    marks: list[Mark]
    explained: set[int]  # marks a stranded fragment accounts for

    def __init__(self) -> None:
        self._set(pairs=[], unmatched_close=[], unclosed_open=[], stranded=[],
                  straight_balanced=set(), marks=[], explained=set())


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def _double_role(text: str, i: int, open_double: Mark | None) -> Role | None:
    """The role of the double mark at `i`, or None if it is no quote (an inch mark)."""
    c, before, after = text[i], _char(text, i - 1), _char(text, i + 1)
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
    c, before, after = text[i], _char(text, i - 1), _char(text, i + 1)
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
        result.straight_balanced.discard(base)
    result.marks.extend(marks)
    return open_double, open_single


def _find_stranded(text: str, base: int, result: QuoteAnalysis, marks: list[Mark]) -> None:
    if not any(mark.role == "close" for mark in marks):
        return  # a fragment is stranded after a closing mark
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


def _read(paragraphs: list[Span], index: int, result: QuoteAnalysis) -> None:
    """Add what paragraph `index` holds (pairs, stranded words, unclosed quotes) to `result`."""
    paragraph = paragraphs[index]
    first_mark = len(result.marks)
    open_double, open_single = _paragraph(paragraph.text, paragraph.start, result)
    _find_stranded(paragraph.text, paragraph.start, result, result.marks[first_mark:])
    if open_single is not None:
        result.unclosed_open.append(open_single)
    if open_double is not None:
        nxt = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        # A quotation that runs on re-opens at the next paragraph without closing here.
        if not (nxt[:1] in ('"', "“") and open_double.char in ('"', "“")):
            result.unclosed_open.append(open_double)


def analyse(doc: Document) -> QuoteAnalysis:
    """Quote pairs and problems for the whole document (memoised per document)."""
    result = QuoteAnalysis()
    paragraphs: list[Span] = doc.paragraphs
    # Most paragraphs hold no quote mark: their straight marks are balanced, and there is
    # nothing to pair. Only those that hold one are read.
    result.straight_balanced.update(p.start for p in paragraphs)
    for index in _holding_marks(doc, paragraphs):
        _read(paragraphs, index, result)
    result.unclosed_open.sort(key=lambda m: m.offset)
    return result
