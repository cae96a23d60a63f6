"""The one way to set up an `Engine`: used by the CLI, the API, the pytest plugin and workers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pluggy

from transcheck.config import Settings, find_config, load_settings, parse_table
from transcheck.engine import Engine, plugin_config_keys, plugin_manager
from transcheck.errors import ConfigError
from transcheck.inputs import STDIN


def make_engine(
    *,
    paths: Sequence[str] = (),
    config_file: Path | None = None,
    find: bool = True,
    table: Mapping[str, Any] | None = None,
    origin: str = "command line",
    settings: Settings | None = None,
    pm: pluggy.PluginManager | None = None,
) -> Engine:
    """An engine with every plugin, configured in layers.

    `settings`, if given, are used as they are (a worker process receives its parent's).
    Otherwise: the configuration file `config_file`, or, with `find`, the nearest one
    to the first of `paths` (or to the working directory); then `table`, keys of
    `[tool.transcheck]` given elsewhere (the command line, the API), over it, each
    value None meaning "not given".
    """
    pm = pm or plugin_manager()
    if settings is None:
        keys = plugin_config_keys(pm)
        if config_file is not None and not config_file.is_file():
            raise ConfigError(f"{config_file}: config file not found")
        if config_file is None and find:
            anchors = [Path(p) for p in paths if p != STDIN] or [Path.cwd()]
            config_file = find_config(anchors[0])
        settings = load_settings(config_file, keys)
        given = {k: v for k, v in (table or {}).items() if v is not None}
        if given:
            settings = settings.with_overrides(
                **parse_table(given, keys, origin=origin, root=Path.cwd()))
    return Engine(settings, pm)
