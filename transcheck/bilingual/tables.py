"""Aligned tables: TSV/CSV with a header row, JSON Lines with one object a line.

The standard library's `csv` and `json` parse and validate each row; the target
cell is then found in the row's own text (a CSV field is quoted or not, a JSON value
is a string literal after its key), so its characters keep their offsets. Column
names come from the settings: `source-column`, `target-column`, `id-column`
(defaults `source`, `target`, `id`); a row may also name its languages
(`source_lang`, `target_lang`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from transcheck.bilingual import bilingual_document, paint_literal
from transcheck.document import Document, Unit
from transcheck.errors import InputError
from transcheck.readers import Masker, Paint
from transcheck.regex_programs import compiled

if TYPE_CHECKING:
    from transcheck.config import Settings

COLUMNS = {"source-column": "source", "target-column": "target", "id-column": "id"}
_JSON_TOKEN = compiled(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_JSON_VALUE = compiled(r'\s*:\s*("(?:[^"\\]|\\.)*")?')


def column(settings: Settings, key: str) -> str:
    value = settings.plugin_options.get(key, COLUMNS[key])
    return str(value)


def _lines(text: str) -> list[tuple[int, str]]:
    """Each physical line with the offset where it starts (line breaks kept)."""
    found, offset = [], 0
    for line in text.splitlines(keepends=True):
        found.append((offset, line))
        offset += len(line)
    return found


def read_table(text: str, path: str, settings: Settings) -> Document:
    tsv = path.lower().endswith((".tsv", ".tab"))
    delimiter = "\t" if tsv else ("," if "," in text.split("\n", 1)[0] or ";" not in
                                  text.split("\n", 1)[0] else ";")
    lines = _lines(text)
    reader = csv.reader((line for _, line in lines), delimiter=delimiter,
                        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL, strict=True)
    names = {key: column(settings, key) for key in COLUMNS}
    masker = Masker(text, default=Paint.BLOCK)
    units: list[Unit] = []
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path}:1: empty table")
        header = [h.strip() for h in header]
        for key in ("source-column", "target-column"):
            if names[key] not in header:
                raise InputError(f"{path}:1: no '{names[key]}' column in the header "
                                 f"(it has: {', '.join(header) or 'nothing'}; set {key})")
        where = {key: header.index(name) for key, name in names.items() if name in header}
        first_line = reader.line_num
        for row in reader:
            last_line = reader.line_num
            if not row:
                first_line = last_line
                continue
            if len(row) != len(header):
                raise InputError(f"{path}:{first_line + 1}: {len(row)} fields, the header "
                                 f"has {len(header)}")
            start = lines[first_line][0]
            end = lines[last_line - 1][0] + len(lines[last_line - 1][1])
            spans = list(_fields(text, start, end, delimiter, quoted=not tsv))
            target_start, target_end = spans[where["target-column"]]
            ident = row[where["id-column"]] if "id-column" in where else None
            units.append(_unit(masker, target_start, target_end, row[where["source-column"]],
                               ident, quoted=not tsv))
            first_line = last_line
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed table: {exc}") from None
    return bilingual_document(masker, path, [u for u in units if u.source], settings)


def _fields(text: str, start: int, end: int, delimiter: str, *, quoted: bool
            ) -> Iterator[tuple[int, int]]:
    """The `[start, end)` of each field of the row at `[start, end)` (line break excluded)."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    position = start
    field = re.compile(rf'"(?:[^"]|"")*"|[^{re.escape(delimiter)}]*' if quoted
                       else rf"[^{re.escape(delimiter)}]*")
    while True:
        m = field.match(text, position, end)
        assert m is not None  # the pattern matches the empty string
        yield m.start(), m.end()
        position = m.end()
        if position >= end or text[position] != delimiter:
            return
        position += 1


def _unit(masker: Masker, start: int, end: int, source: str, ident: str | None, *,
          quoted: bool) -> Unit:
    text = masker.source
    if quoted and end - start >= 2 and text[start] == '"':
        masker(start, start + 1, Paint.HIDDEN)
        masker(end - 1, end, Paint.HIDDEN)
        start, end = start + 1, end - 1
        masker(start, end, Paint.PROSE)
        for m in re.finditer('""', text[start:end]):
            masker(start + m.start(), start + m.start() + 1, Paint.HIDDEN)
    else:
        masker(start, end, Paint.PROSE)
    if not text[start:end].strip():
        return Unit(start, start, ident, source)
    return Unit(start, end, ident, source)


def read_jsonl(text: str, path: str, settings: Settings) -> Document:
    names = {key: column(settings, key) for key in COLUMNS}
    masker = Masker(text, default=Paint.BLOCK)
    units: list[Unit] = []
    for number, (offset, line) in enumerate(_lines(text), 1):
        if not line.strip():
            continue
        try:
            row: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: not a JSON object")
        source, target = row.get(names["source-column"]), row.get(names["target-column"])
        if not isinstance(source, str) or (target is not None and not isinstance(target, str)):
            wanted = names["source-column"] if not isinstance(source, str) else \
                names["target-column"]
            raise InputError(f"{path}:{number}: no string '{wanted}' in this row "
                             "(set source-column / target-column)")
        ident = row.get(names["id-column"])
        ident = None if ident is None else str(ident)
        literal = _value_literal(line, names["target-column"])
        if literal is None or not target or not target.strip():
            where = offset + (literal[0] + 1 if literal else len(line.rstrip("\r\n")))
            unit = Unit(where, where, ident, source)
        else:
            paint_literal(masker, offset + literal[0], offset + literal[1])
            unit = Unit(offset + literal[0] + 1, offset + literal[1] - 1, ident, source)
        units.append(Unit(unit.start, unit.end, unit.id, unit.source,
                          row.get("source_lang"), row.get("target_lang")))
    return bilingual_document(masker, path, [u for u in units if (u.source or "").strip()],
                              settings)


def _value_literal(line: str, key: str) -> tuple[int, int] | None:
    """Where the string value of the top-level `key` lies in `line`, quotes included."""
    depth = 0
    for m in _JSON_TOKEN.finditer(line):
        token = m.group()
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        elif depth == 1 and json.loads(token) == key:
            value = _JSON_VALUE.match(line, m.end())
            if value is not None and value.group(1):
                return value.start(1), value.end(1)
    return None
