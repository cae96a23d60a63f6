"""Gettext PO and POT files, parsed with polib.

polib (MIT, the PO library of Django's and Pyramid's translation tools) validates the
file and gives each entry's text, flags and first line; the `msgstr` string literals
are then found from that line in the file, so their characters keep their offsets.
Each `msgstr` (each `msgstr[n]` of a plural entry) is a unit whose source is the
`msgid` (`msgid_plural` for the plural forms). The header entry and obsolete (`#~`)
entries are not units. The `Language` header is the target language; the source
language is `X-Source-Language` if the header has it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from transcheck.bilingual import bilingual_document, paint_literal
from transcheck.document import Document, Unit
from transcheck.errors import InputError
from transcheck.readers import Masker, Paint
from transcheck.regex_programs import compiled

if TYPE_CHECKING:
    import polib

    from transcheck.config import Settings

_MSGSTR = compiled(r'^msgstr(?:\[(\d+)\])?[ \t]*(?=")', re.MULTILINE)
_LITERAL = compiled(r'"(?:[^"\\\n]|\\.)*"')
_CONTINUATION = compiled(r'[ \t]*\r?\n[ \t]*(?=")')
_LINE = compiled(r"line (\d+)")
# A keyword line or continuation whose string literal does not close (polib skips these).
_OPEN_LITERAL = compiled(
    r'^(?:msg(?:id|str|ctxt|id_plural)(?:\[\d+\])?[ \t]+)?"(?!(?:[^"\\\n]|\\.)*"[ \t]*\r?$)',
    re.MULTILINE)


def read_po(text: str, path: str, settings: Settings) -> Document:
    import polib

    try:
        # polib takes a string with a line break as the file's content, not a path.
        catalog = polib.pofile(text if "\n" in text else text + "\n", wrapwidth=0)
    except (OSError, ValueError) as exc:
        line = _LINE.search(str(exc))
        raise InputError(f"{path}:{line.group(1) if line else 1}: malformed PO file: "
                         f"{_LINE.sub('', str(exc)).strip(' ()')}") from None
    unclosed = _OPEN_LITERAL.search(text)
    if unclosed is not None:
        number = text.count("\n", 0, unclosed.start()) + 1
        raise InputError(f"{path}:{number}: malformed PO file: a string that does not close")
    masker = Masker(text, default=Paint.BLOCK)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    units: list[Unit] = []
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        start = line_starts[min(entry.linenum, len(line_starts)) - 1]
        units.extend(_units(entry, text, start, masker, path))
    return bilingual_document(
        masker, path, units, settings,
        source_lang=catalog.metadata.get("X-Source-Language"),
        target_lang=catalog.metadata.get("Language"))


def _units(entry: polib.POEntry, text: str, start: int, masker: Masker, path: str
           ) -> list[Unit]:
    plural = bool(entry.msgid_plural)
    units: list[Unit] = []
    seen: set[int] = set()
    for m in _MSGSTR.finditer(text, start):
        index = int(m.group(1) or 0)
        if (m.group(1) is not None) != plural or index in seen:
            break  # the next entry's
        seen.add(index)
        # gettext has no ids: the context (msgctxt) is what tells two equal msgids apart.
        ident = f"{entry.msgctxt or ''}[{index}]" if plural else entry.msgctxt
        end, literals = m.end(), []
        while (literal := _LITERAL.match(text, end)) is not None:
            literals.append(literal)
            gap = _CONTINUATION.match(text, literal.end())
            if gap is None:
                break
            end = gap.end()
        if not literals:
            line = text.count("\n", 0, m.start()) + 1
            raise InputError(f"{path}:{line}: malformed PO file: msgstr without a string")
        source = entry.msgid_plural if plural and index > 0 else entry.msgid
        value = entry.msgstr_plural.get(index, "") if plural else entry.msgstr
        first, last = literals[0], literals[-1]
        if value:
            for literal in literals:
                paint_literal(masker, literal.start(), literal.end())
            # Between the literals of one msgstr: the line break stays, quotes are hidden.
            begin, finish = first.start() + 1, last.end() - 1
            while begin < finish and masker.paint[begin] != Paint.PROSE:
                begin += 1
            units.append(Unit(begin, max(begin, finish), ident, source))
        else:
            units.append(Unit(first.start() + 1, first.start() + 1, ident, source))
        if not plural:
            break
    return units
