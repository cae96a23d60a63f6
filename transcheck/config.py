"""Configuration: `[tool.transcheck]` in pyproject.toml, or transcheck.toml / .transcheck.toml."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from transcheck.diagnostics import Severity
from transcheck.errors import ConfigError
from transcheck.records import Record

CONFIG_FILES = ("transcheck.toml", ".transcheck.toml", "pyproject.toml")
LANGUAGES = ("en-US", "en-GB")
# Directories a scan never enters (ruff's list, which `exclude` replaces and `extend-exclude`
# extends): tools' caches, virtual environments, dependencies and build output.
DEFAULT_EXCLUDE = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
    ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache",
    ".svn", ".tox", ".venv", ".vscode", "__pypackages__", "_build", "buck-out", "build",
    "dist", "node_modules", "site-packages", "venv",
)
# `[tool.transcheck]`, `[tool.transcheck.rules.X]`, `tool.transcheck.select = ...`.
_OUR_TABLE = re.compile(rb"tool\s*\.\s*transcheck\b")


class Settings(Record):
    """Everything a run needs to know, merged from defaults, config file and CLI."""

    FIELDS = ("select", "extend_select", "ignore", "fail_on", "include", "extend_include",
              "exclude", "extend_exclude", "respect_gitignore", "per_file_ignores",
              "language", "source_lang", "rules_dirs", "rule_options", "plugin_options",
              "root", "config_file", "max_stdin_mb")
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: Severity | None
    include: tuple[str, ...]  # none: the suffixes the readers check in directories
    extend_include: tuple[str, ...]
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    respect_gitignore: bool
    per_file_ignores: Mapping[str, tuple[str, ...]]
    language: str
    source_lang: str | None
    rules_dirs: tuple[Path, ...]
    rule_options: Mapping[str, Mapping[str, Any]]
    plugin_options: Mapping[str, Any]
    root: Path
    config_file: Path | None
    max_stdin_mb: int

    def __init__(
        self, select: tuple[str, ...] | None = None, extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (), fail_on: Severity | None = None,
        include: tuple[str, ...] = (), extend_include: tuple[str, ...] = (),
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE, extend_exclude: tuple[str, ...] = (),
        respect_gitignore: bool = True,
        per_file_ignores: Mapping[str, tuple[str, ...]] | None = None,
        language: str = "en-US", source_lang: str | None = None,
        rules_dirs: tuple[Path, ...] = (),
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
        plugin_options: Mapping[str, Any] | None = None, root: Path | None = None,
        config_file: Path | None = None, max_stdin_mb: int = 256,
    ) -> None:
        self._set(select=select, extend_select=extend_select, ignore=ignore, fail_on=fail_on,
                  include=include, extend_include=extend_include, exclude=exclude,
                  extend_exclude=extend_exclude, respect_gitignore=respect_gitignore,
                  per_file_ignores={} if per_file_ignores is None else per_file_ignores,
                  language=language, source_lang=source_lang, rules_dirs=rules_dirs,
                  rule_options={} if rule_options is None else rule_options,
                  plugin_options={} if plugin_options is None else plugin_options,
                  root=Path.cwd() if root is None else root, config_file=config_file,
                  max_stdin_mb=max_stdin_mb)

    # The same settings twice are two objects (their tables cannot be hashed).
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def options_for(self, rule: Any) -> Mapping[str, Any]:
        """The configured options of a rule (class or instance), by code or name."""
        merged: dict[str, Any] = {}
        for key in (rule.code, rule.name):
            merged.update(self.rule_options.get(key, {}))
        return merged

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given fields replaced; None values are ignored.

        `plugin_options` are merged key by key: `--languagetool` on the command line keeps
        the file's `languagetool-timeout`.
        """
        values = {k: v for k, v in changes.items() if v is not None}
        if "plugin_options" in values:
            values["plugin_options"] = {**self.plugin_options, **values["plugin_options"]}
        return self.replace(**values)


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings, got {value!r}")
    return tuple(value)


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"'{key}' must be true or false, got {value!r}")
    return value


def flag(key: str) -> Callable[[Any], bool]:
    """A validator of a plugin's true/false key (see `transcheck_config_keys`)."""
    return lambda value: _bool(key, value)


def _severity(key: str, value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"'{key}' must be one of {choices}, got {value!r}") from None


def _language(key: str, value: Any) -> str:
    if value not in LANGUAGES:
        raise ConfigError(f"'{key}' must be one of {', '.join(LANGUAGES)}, got {value!r}")
    return str(value)


def _source_lang(key: str, value: Any) -> str:
    """An ISO 639-1 code, optionally with a region or script (`de`, `pt-BR`, `zh-Hant`):
    a code no pack knows would silently switch every language's packs off."""
    code = language_code(value)
    if code is None:
        raise ConfigError(f"'{key}' must be an ISO 639-1 language code such as 'de' or "
                          f"'pt-BR', got {value!r}")
    return code


def language_code(value: Any) -> str | None:
    """`value` as a lower-case BCP 47 tag whose language is an ISO 639-1 code (`deu` is
    `de`), or None if it is not one."""
    # Imported here: only a run given a source language pays for the language registry.
    import langcodes

    if not isinstance(value, str):
        return None
    try:
        tag = langcodes.Language.get(value)
    except ValueError:  # not a BCP 47 tag (LanguageTagError)
        return None
    if not tag.is_valid() or tag.language is None or len(tag.language) != 2:
        return None
    return str(tag.to_tag()).lower()


def _per_file_ignores(key: str, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{key}' must be a table of glob = [codes], got {value!r}")
    return {glob: _strings(f"{key}.{glob}", codes) for glob, codes in value.items()}


def _megabytes(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000:
        raise ConfigError(f"'{key}' must be a number of megabytes from 1, got {value!r}")
    return value


def _rule_options(key: str, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"'{key}' must hold one table per rule, e.g. [{key}.TC103]")
    return {str(k): dict(v) for k, v in value.items()}


_CORE_KEYS: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    "select": ("select", _strings),
    "extend-select": ("extend_select", _strings),
    "ignore": ("ignore", _strings),
    "fail-on": ("fail_on", _severity),
    "include": ("include", _strings),
    "extend-include": ("extend_include", _strings),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("extend_exclude", _strings),
    "respect-gitignore": ("respect_gitignore", _bool),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "language": ("language", _language),
    "source-lang": ("source_lang", _source_lang),
    "rules-dirs": ("rules_dirs", _strings),
    "rules": ("rule_options", _rule_options),
    "max-stdin-mb": ("max_stdin_mb", _megabytes),
}


def parse_table(
    table: Mapping[str, Any],
    plugin_keys: Mapping[str, Callable[[Any], Any]],
    *,
    origin: str,
    root: Path,
) -> dict[str, Any]:
    """Validate a `[tool.transcheck]` table into `Settings` field values."""
    values: dict[str, Any] = {}
    plugin_values: dict[str, Any] = {}
    for key, raw in table.items():
        try:
            if key in _CORE_KEYS:
                attr, check = _CORE_KEYS[key]
                values[attr] = check(key, raw)
            elif key in plugin_keys:
                plugin_values[key] = plugin_keys[key](raw)
            else:
                raise ConfigError(f"unknown key '{key}'")
        except ConfigError as exc:
            raise ConfigError(f"{origin}: {exc}") from None
    if "rules_dirs" in values:
        values["rules_dirs"] = tuple((root / p).resolve() for p in values["rules_dirs"])
    if plugin_values:
        values["plugin_options"] = plugin_values
    return values


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a file or directory)."""
    directory = start if _exists(start, Path.is_dir) else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if _exists(candidate, Path.is_file) and (
                    name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _exists(path: Path, kind: Callable[[Path], bool]) -> bool:
    """`kind(path)`, False where a directory on the way cannot be entered (the path's
    error is reported where it is read)."""
    try:
        return kind(path)
    except OSError:
        return False


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "transcheck" in _load_toml(pyproject).get("tool", {})
    except ConfigError:
        # Another tool's broken pyproject.toml is not ours to report; one that has our
        # table is: skipping it would run with the defaults, without a word.
        with contextlib.suppress(OSError):
            if _OUR_TABLE.search(pyproject.read_bytes()):
                raise
        return False


def _load_toml(path: Path) -> dict[str, Any]:
    # Imported here: a run without a config file should not pay for the TOML parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to read") from None


def load_settings(
    config_file: Path | None,
    plugin_keys: Mapping[str, Callable[[Any], Any]],
) -> Settings:
    """Settings from `config_file` (None: defaults only)."""
    if config_file is None:
        return Settings()
    data = _load_toml(config_file)
    if config_file.name == "pyproject.toml":
        data = data.get("tool", {}).get("transcheck", {})
    root = config_file.resolve().parent
    values = parse_table(data, plugin_keys, origin=str(config_file), root=root)
    return Settings(root=root, config_file=config_file, **values)
