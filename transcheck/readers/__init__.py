"""Readers for marked-up files: they keep the prose of a file and mask everything else.

A reader paints each character of the source with what it is, then
`Masker.document` turns the paint into `Document.text`, which has the length
and the line breaks of the source, so every offset still points into the file.
What is not prose is masked so that no rule sees it and no rule is misled by
the mask itself:

- block structure (code blocks, front matter, block tags, list markers):
  spaces;
- inline markup that renders as nothing (`**`, `<b>`, `[`, `](url)`): U+200B
  ZERO WIDTH SPACE next to a visible character, so `word</b>.` does not become
  `word    .` (a space before a period) nor `a <b>word` `a    word` (repeated
  spaces), and spaces where it stands between blanks (a comment on its own line);
- inline code (`` `x` ``, `<code>`): a run of `0`, a token as neutral as can
  be, so `use `x` now.` stays a sentence of words (digits are not spell-checked,
  not a language and not a capitalisation problem);
- character references (`&amp;`): kept as written, since a rendered `&` in
  place of five characters would shift offsets; they are markup as well, so a
  rule about entities left in plain text does not fire on them.

Every masked character is recorded in `Document.markup`; the engine drops a
finding whose non-blank characters are all markup.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from transcheck.document import Document, Mark, Span
from transcheck.lazy import LazyPattern
from transcheck.records import Record

if TYPE_CHECKING:
    from transcheck.config import Settings


class Reader(Record):
    """How one kind of file becomes a `Document`.

    `read(text, path, settings)` gets the file's decoded text. `suffixes` are the file
    suffixes it claims (lower case, with the dot); `in_directories`: whether a directory
    scan picks its files by default (HTML is often build output: only when included).
    `sniff(text)`, if given, recognises the reader's files by content when their suffix
    is claimed by no reader (an `.xml` file that is XLIFF).
    """

    FIELDS = ("name", "suffixes", "read", "in_directories", "sniff")
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[str, str, Settings], Document]
    in_directories: bool
    sniff: Callable[[str], bool] | None

    def __init__(self, name: str, suffixes: tuple[str, ...],
                 read: Callable[[str, str, Settings], Document], in_directories: bool = True,
                 sniff: Callable[[str], bool] | None = None) -> None:
        self._set(name=name, suffixes=suffixes, read=read, in_directories=in_directories,
                  sniff=sniff)

ZERO_WIDTH = "\u200b"
CODE_PLACEHOLDER = "0"
_RUN = re.compile(rb"(.)\1*", re.DOTALL)


class Paint(enum.IntEnum):
    PROSE = 0
    BLOCK = 1  # spaces
    HIDDEN = 2  # zero width where it matters
    CODE = 3  # placeholder token
    REFERENCE = 4  # kept as written, but markup


class Masker:
    """The paint of one source text, built up by a reader."""

    def __init__(self, source: str, default: Paint = Paint.PROSE) -> None:
        self.source = source
        self.paint = bytearray([default]) * len(source)
        self.comments: list[Span] = []
        self.marks: list[Mark] = []

    def __call__(self, start: int, end: int, paint: Paint) -> None:
        if end > start:
            self.paint[start:end] = bytes([paint]) * (end - start)

    def comment(self, start: int, end: int, inner: str) -> None:
        """Record an HTML comment (`<!-- inner -->`) at `[start, end)` of the source."""
        self.comments.append(Span(start, end, inner))

    def mark(self, start: int, end: int, kind: str) -> None:
        """Record that the writer marked `[start, end)` of the source (see `Document.marks`)."""
        if end > start:
            self.marks.append(Mark(start, end, kind))

    def document(self, path: str) -> Document:
        chars: list[str] = []
        markup: list[tuple[int, int]] = []
        source, paint = self.source, self.paint
        for start, end, kind in _runs(paint):
            chunk = source[start:end]
            if kind != Paint.PROSE:
                markup.append((start, end))
            if kind in (Paint.PROSE, Paint.REFERENCE):
                chars.append(chunk)
                continue
            if kind == Paint.HIDDEN and (
                _visible(source, paint, start - 1) or _visible(source, paint, end)
            ):
                filler = ZERO_WIDTH
            else:
                filler = CODE_PLACEHOLDER if kind == Paint.CODE else " "
            chars.append("".join(c if c in "\r\n" else filler for c in chunk))
        return Document(
            "".join(chars), path, raw=self.source, markup=_merge(markup),
            comments=tuple(self.comments),
            marks=tuple(sorted(self.marks, key=lambda m: (m.start, -m.end))),
        )


# Plain text's emphasis, as writers type it: `*words*`, `**words**`, `_words_`.
_PLAIN_EMPHASIS = LazyPattern(r"(?<![\w*\\])(\*{1,2}|_{1,2})(?=\S)([^\n]+?)(?<=\S)\1(?![\w*])")


def read_plain(text: str, path: str) -> Document:
    """A file of plain text (or of a format no reader claims): all prose, its
    asterisk and underscore emphasis marked."""
    marks = tuple(Mark(m.start(), m.end(), "emphasis") for m in _PLAIN_EMPHASIS.finditer(text)
                  ) if "*" in text or "_" in text else ()
    return Document(text, path, marks=marks)


def _runs(paint: bytearray) -> list[tuple[int, int, Paint]]:
    return [(m.start(), m.end(), Paint(m.group()[0])) for m in _RUN.finditer(paint)]


def _visible(source: str, paint: bytearray, index: int) -> bool:
    """Whether the character at `index` shows in the text: prose that is not blank."""
    return (
        0 <= index < len(source)
        and paint[index] in (Paint.PROSE, Paint.CODE, Paint.REFERENCE)
        and not source[index].isspace()
    )


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def only_markup(doc: Document, start: int, end: int) -> bool:
    """Whether `[start, end)` touches markup and every non-blank character in it is markup.

    A finding about such a span is about the mask, not the prose: `0000 0000` from
    two code spans is no number, and a zero-width stand-in for a tag is no stray character.
    """
    spans, text = doc.markup, doc.text
    if not spans:  # plain text: asked of every finding
        return False
    first = max(0, bisect.bisect_right(spans, (start, len(text) + 1)) - 1)
    touched, position = False, start
    for index in range(first, len(spans)):  # not `spans[first:]`, a copy of the rest
        markup_start, markup_end = spans[index]
        if markup_start >= max(end, start + 1):
            break
        if markup_end <= start:
            continue
        if text[position:markup_start].strip():
            return False
        touched, position = True, max(position, markup_end)
    return touched and not text[position:end].strip()
