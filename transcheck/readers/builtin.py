"""Registers the built-in readers through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Mapping

from transcheck.document import Document
from transcheck.hookspecs import Reader, hookimpl


# The parsers are imported on first use: a run over plain text never needs them.
def _markdown(text: str, path: str) -> Document:
    from transcheck.readers.markdown import read_markdown

    return read_markdown(text, path)


def _html(text: str, path: str) -> Document:
    from transcheck.readers.html import read_html

    return read_html(text, path)


@hookimpl
def transcheck_readers() -> Mapping[str, Reader]:
    return {".md": _markdown, ".markdown": _markdown, ".html": _html, ".htm": _html}
