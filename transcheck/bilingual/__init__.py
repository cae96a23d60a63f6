"""Bilingual files: each translated segment (a unit) with the source text it translates.

Readers for XLIFF, TMX, PO, TSV/CSV and JSON Lines turn a file into a `Document` whose
`units` hold each target's place in the file and its source; `pairs` aligns an
article with its source article. The source-aware rules (family TC5) compare each
unit's target with its source. Like every reader, these keep offsets: the text of a
target stays where it is in the file, everything else is masked, so a finding's
line and column point into the `<target>` element or the `msgstr` line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from transcheck.bilingual.codes import PLACEHOLDER
from transcheck.bilingual.languages import settle
from transcheck.document import Document, Unit
from transcheck.readers import Masker, Paint
from transcheck.regex_programs import compiled

if TYPE_CHECKING:
    from transcheck.config import Settings

# Escapes of C (PO) and JSON string literals: the backslash takes no room in the prose;
# an escaped quote or backslash is the character itself; a control escape (`\n`) is blank.
_ESCAPE = compiled(r'\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)', re.DOTALL)


def paint_literal(masker: Masker, start: int, end: int) -> None:
    """Paint the quoted string literal at `[start, end)` (quotes included): its content
    is prose, its quotes and escapes are not."""
    text = masker.source
    masker(start, start + 1, Paint.HIDDEN)
    masker(end - 1, end, Paint.HIDDEN)
    masker(start + 1, end - 1, Paint.PROSE)
    for m in _ESCAPE.finditer(text, start + 1, end - 1):
        kind = m.group()[1]
        if kind in "\"'\\/?":
            masker(m.start(), m.start() + 1, Paint.HIDDEN)
        elif kind in "ux01234567":
            masker(m.start(), m.end(), Paint.REFERENCE)
        else:
            masker(m.start(), m.end(), Paint.HIDDEN)


def bilingual_document(
    masker: Masker, path: str, units: Sequence[Unit], settings: Settings, *,
    source_lang: str | None = None, target_lang: str | None = None,
) -> Document:
    """The document of a bilingual file whose targets `masker` painted as prose.

    Placeholders of message formats (`%d`, `{0}`) in the targets are painted as code:
    in a software string they are meant to be there (TC441 does not report them); the
    source-aware rules compare them with the source's. The languages come from the
    file, else the settings, else the source text (see `languages.settle`).
    """
    for unit in units:
        for m in PLACEHOLDER.finditer(masker.source, unit.start, unit.end):
            if masker.paint[m.start()] == Paint.PROSE:
                masker(m.start(), m.end(), Paint.CODE)
    doc = masker.document(path)
    ordered = sorted(units, key=lambda u: u.start)
    source_lang, target_lang, ordered = settle(ordered, source_lang, target_lang, settings)
    return replace(doc, units=tuple(ordered), source_lang=source_lang, target_lang=target_lang)


def unit_text(doc: Document, unit: Unit) -> str:
    """The unit's target as prose: its markup (tags, code, quotes of a literal) blanked,
    at the offsets of `doc.text` minus `unit.start`."""
    return doc.memo(_prose)[unit.start:unit.end]


def _prose(doc: Document) -> str:
    if not doc.markup:
        return doc.text
    parts, position = [], 0
    for start, end in doc.markup:
        parts.append(doc.text[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(doc.text[position:])
    return "".join(parts)
