"""The Python API: `check_text`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic
from transcheck.engine import Engine
from transcheck.factory import make_engine


def check_text(
    text: str,
    *,
    source: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    config: Settings | Mapping[str, Any] | None = None,
) -> list[Diagnostic]:
    """Check `text` as plain prose and return its diagnostics, sorted by position.

    `source`, if given, is the text `text` translates: its paragraphs are aligned with
    those of `text` (by sentence length where their counts differ) and the
    source-aware rules compare each pair.

    `config` is a `Settings` or a mapping with the keys of `[tool.transcheck]`
    (e.g. ``{"source-lang": "de"}``); `select` and `ignore` override its own.
    """
    key = json.dumps(config, sort_keys=True, default=str) if isinstance(config, Mapping) else None
    engine = _engine(
        tuple(select) if select is not None else None,
        tuple(ignore) if ignore is not None else None,
        config if isinstance(config, Settings) else None,
        key,
    )
    doc = engine.read(text, "<text>")
    if source is not None:
        from transcheck.bilingual.pairs import article_pair

        doc = article_pair(doc, source, engine.settings)
    return engine.check(doc)


@lru_cache(maxsize=16)
def _engine(
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    settings: Settings | None,
    config_json: str | None,
) -> Engine:
    # Building an engine loads plugins and compiles matchers: do it once per configuration.
    if settings is not None:
        return make_engine(settings=settings.with_overrides(select=select, ignore=ignore))
    table = json.loads(config_json) if config_json else {}
    given = {key: list(value) for key, value in (("select", select), ("ignore", ignore))
             if value is not None}
    return make_engine(find=False, origin="config", table={**table, **given})
