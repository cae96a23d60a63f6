"""Registers the built-in readers through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Iterable

from transcheck.config import Settings
from transcheck.document import Document
from transcheck.hookspecs import hookimpl
from transcheck.readers import Reader, read_plain


def _plain(text: str, path: str, settings: Settings) -> Document:
    return read_plain(text, path)


# The parsers are imported on first use: a run over plain text never needs them.
def _markdown(text: str, path: str, settings: Settings) -> Document:
    from transcheck.readers.markdown import read_markdown

    return read_markdown(text, path)


def _html(text: str, path: str, settings: Settings) -> Document:
    from transcheck.readers.html import read_html

    return read_html(text, path)


@hookimpl
def transcheck_readers() -> Iterable[Reader]:
    return [
        Reader("text", (".txt",), _plain),
        Reader("markdown", (".md", ".markdown"), _markdown),
        Reader("html", (".html", ".htm"), _html, in_directories=False),
    ]
