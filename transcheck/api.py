"""The Python API: `check_text`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from transcheck.config import Settings, parse_table
from transcheck.diagnostics import Diagnostic
from transcheck.engine import Engine, plugin_config_keys, plugin_manager


def check_text(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    config: Settings | Mapping[str, Any] | None = None,
) -> list[Diagnostic]:
    """Check `text` as plain prose and return its diagnostics, sorted by position.

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
    return engine.check(engine.read(text, "<text>"))


@lru_cache(maxsize=16)
def _engine(
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    settings: Settings | None,
    config_json: str | None,
) -> Engine:
    # Building an engine loads plugins and compiles matchers: do it once per configuration.
    pm = plugin_manager()
    if settings is None:
        table = json.loads(config_json) if config_json else {}
        values = parse_table(table, plugin_config_keys(pm), origin="config", root=Path.cwd())
        settings = Settings(**values)
    return Engine(settings.with_overrides(select=select, ignore=ignore), pm)
