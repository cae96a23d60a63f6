"""Registers the built-in readers through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Mapping

from transcheck.hookspecs import Reader, hookimpl
from transcheck.readers.html import read_html
from transcheck.readers.markdown import read_markdown


@hookimpl
def transcheck_readers() -> Mapping[str, Reader]:
    return {".md": read_markdown, ".markdown": read_markdown, ".html": read_html,
            ".htm": read_html}
