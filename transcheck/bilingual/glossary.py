"""Terminology glossaries: a CSV/TSV table or a TBX file of source terms and their
required (and forbidden) English translations."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from transcheck.errors import ConfigError
from transcheck.regex_programs import compiled

_FORBIDDEN_STATUS = compiled(r"deprecated|superseded|forbidden|notRecommended|admitted-no",
                               re.IGNORECASE)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Entry:
    """One concept: its source terms, the target terms to use, and those not to."""

    source: tuple[str, ...]
    required: tuple[str, ...]
    forbidden: tuple[str, ...] = ()


def _terms(cell: str | None) -> tuple[str, ...]:
    return tuple(t.strip() for t in re.split(r"[|;]", cell or "") if t.strip())


@lru_cache(maxsize=8)
def load(path: str) -> tuple[Entry, ...]:
    """The entries of the glossary at `path` (`.tbx`: TBX; else a table with a header row
    of `source`, `target` and optionally `forbidden`, several terms split by `|`)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the glossary: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the glossary is not UTF-8") from None
    entries = _tbx(text, path) if path.lower().endswith(".tbx") else _table(text, path)
    return tuple(e for e in entries if e.source and (e.required or e.forbidden))


def _table(text: str, path: str) -> list[Entry]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if ";" in first and "," not in first else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    header = [h.strip().lower() for h in (rows[0].keys() if rows else first.split(delimiter))]
    if "source" not in header or not {"target", "forbidden"} & set(header):
        raise ConfigError(f"{path}:1: a glossary needs a header row with 'source' and "
                          f"'target' (and optionally 'forbidden'); it has: {', '.join(header)}")
    entries = []
    for row in rows:
        cells = {(k or "").strip().lower(): v for k, v in row.items()}
        entries.append(Entry(_terms(cells.get("source")), _terms(cells.get("target")),
                             _terms(cells.get("forbidden"))))
    return entries


def _tbx(text: str, path: str) -> list[Entry]:
    from xml.etree import ElementTree  # here: only a TBX glossary needs an XML parser

    if "<!ENTITY" in text:
        raise ConfigError(f"{path}: entity declarations are not accepted in a glossary")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ConfigError(f"{path}:{exc.position[0]}: malformed TBX: {exc}") from None
    entries = []
    for concept in root.iter():
        if _local(concept.tag) not in ("termEntry", "conceptEntry"):
            continue
        source: list[str] = []
        required: list[str] = []
        forbidden: list[str] = []
        for lang_set in concept:
            if _local(lang_set.tag) != "langSet":
                continue
            english = (lang_set.get(_XML_LANG) or "").lower().startswith("en")
            for group in lang_set.iter():
                if _local(group.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term = next((e.text for e in group.iter() if _local(e.tag) == "term"), None)
                if not term or not term.strip():
                    continue
                status = " ".join(e.text or "" for e in group.iter()
                                  if _local(e.tag) in ("termNote", "descrip"))
                if not english:
                    source.append(term.strip())
                elif _FORBIDDEN_STATUS.search(status):
                    forbidden.append(term.strip())
                else:
                    required.append(term.strip())
        entries.append(Entry(tuple(source), tuple(required), tuple(forbidden)))
    return entries


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def pattern(term: str) -> re.Pattern[str]:
    """`term` as a whole word or phrase, any case; an English term also with -s/-es."""
    words = r"\s+".join(re.escape(w) for w in term.split())
    edge = r"\b" if re.match(r"\w", term[:1]) and term.isascii() else ""
    tail = r"(?:s|es)?\b" if term.isascii() and term[-1:].isalpha() else ""
    return re.compile(rf"{edge}{words}{tail}", re.IGNORECASE)
