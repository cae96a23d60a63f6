"""Registers the readers of bilingual files and their settings through the plugin hooks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from transcheck.config import Settings, flag
from transcheck.document import Document
from transcheck.errors import ConfigError
from transcheck.hookspecs import hookimpl
from transcheck.readers import Reader


# The parsers are imported on first use: a run over plain text never needs them.
def _xml(text: str, path: str, settings: Settings) -> Document:
    from transcheck.bilingual.xml_files import read_xml

    return read_xml(text, path, settings)


def _po(text: str, path: str, settings: Settings) -> Document:
    from transcheck.bilingual.po import read_po

    return read_po(text, path, settings)


def _table(text: str, path: str, settings: Settings) -> Document:
    from transcheck.bilingual.tables import read_table

    return read_table(text, path, settings)


def _jsonl(text: str, path: str, settings: Settings) -> Document:
    from transcheck.bilingual.tables import read_jsonl

    return read_jsonl(text, path, settings)


def _sniff_xml(text: str) -> bool:
    from transcheck.bilingual.xml_files import sniff

    return sniff(text)


@hookimpl
def transcheck_readers() -> Iterable[Reader]:
    # Not taken by directory scans unless included: a project's catalogues are mostly
    # translations into other languages, and data tables are not documents.
    return [
        Reader("xliff", (".xlf", ".xliff", ".sdlxliff", ".mxliff"), _xml, in_directories=False,
               sniff=_sniff_xml),
        Reader("tmx", (".tmx",), _xml, in_directories=False),
        Reader("po", (".po", ".pot"), _po, in_directories=False),
        Reader("table", (".tsv", ".tab", ".csv"), _table, in_directories=False),
        Reader("jsonl", (".jsonl", ".ndjson"), _jsonl, in_directories=False),
    ]


def _name(key: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"'{key}' must be a column or key name, got {value!r}")
        return value

    return check



@hookimpl
def transcheck_config_keys() -> Mapping[str, Callable[[Any], Any]]:
    return {
        "source-column": _name("source-column"),
        "target-column": _name("target-column"),
        "id-column": _name("id-column"),
        "include-empty": flag("include-empty"),
        "source-file": _name("source-file"),
        "glossary": _name("glossary"),
    }
