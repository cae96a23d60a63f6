"""What several test modules ask of a text: which spans a rule flags, with what fix or message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from transcheck import check_text


def found(text: str, select: str, config: Mapping[str, Any] | None = None
          ) -> list[tuple[str, str | None]]:
    """(flagged text, fix) of each diagnostic of `select` (a code, prefix or name) in `text`.

    `config` has the keys of `[tool.transcheck]` (`{"language": "en-GB"}`).
    """
    return [(text[d.start:d.end], d.fix) for d in check_text(text, select=[select], config=config)]


def found_messages(text: str, select: str, config: Mapping[str, Any] | None = None
                   ) -> list[tuple[str, str]]:
    """(flagged text, message) of each diagnostic of `select` in `text`."""
    return [(text[d.start:d.end], d.message)
            for d in check_text(text, select=[select], config=config)]
