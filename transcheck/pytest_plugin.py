"""`pytest --transcheck`: every text file the transcheck configuration selects is a test item.

An item fails with the file's diagnostics as `transcheck` prints them. A file that
passed is remembered in pytest's cache, under a digest of its content, the rule set
and the transcheck version, and is skipped while none of them changes (as
pytest-ruff skips files that passed before).
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from transcheck import __version__
from transcheck.engine import Engine
from transcheck.errors import TranscheckError
from transcheck.factory import make_engine
from transcheck.inputs import Source, excluded, matches_globs
from transcheck.reporters import FileResult, Run, write_report
from transcheck.reporters.text import TextReporter
from transcheck.runner import check_source

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

CACHE_KEY = "transcheck/passed"
MARKER = "transcheck"
_ENGINE = pytest.StashKey[Engine]()
_RULESET = pytest.StashKey[str]()
_PASSED = pytest.StashKey[dict[str, str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("transcheck")
    group.addoption(
        "--transcheck", action="store_true",
        help="Check text files (the include globs of the transcheck configuration, "
             "by default *.txt and *.md) for machine-translation artifacts.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: a text file checked by transcheck.")
    if not config.getoption("transcheck"):
        return
    engine = _engine(config.rootpath)
    config.stash[_ENGINE] = engine
    config.stash[_RULESET] = _ruleset(engine)
    cache = getattr(config, "cache", None)  # absent under `-p no:cacheprovider`
    if cache is not None:
        config.stash[_PASSED] = cache.get(CACHE_KEY, {})


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> TranscheckFile | None:
    config = parent.config
    if _ENGINE not in config.stash:
        return None
    engine = config.stash[_ENGINE]
    settings = engine.settings
    base = settings.root if settings.config_file is not None else config.rootpath
    if matches_globs(file_path, base, engine.include) and not excluded(
            file_path, base, engine.exclude):
        return TranscheckFile.from_parent(parent, path=file_path)
    return None


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    cache = getattr(config, "cache", None)
    if cache is not None and _PASSED in config.stash:
        cache.set(CACHE_KEY, config.stash[_PASSED])


def pytest_unconfigure(config: pytest.Config) -> None:
    if _ENGINE in config.stash:
        config.stash[_ENGINE].finish()


class TranscheckFile(pytest.File):
    def collect(self) -> list[TranscheckItem]:
        return [TranscheckItem.from_parent(self, name=MARKER)]


class TranscheckItem(pytest.Item):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker(MARKER)
        self._digest = ""

    def setup(self) -> None:
        ruleset = self.config.stash[_RULESET]
        self._digest = hashlib.sha256(ruleset.encode() + self.path.read_bytes()).hexdigest()
        if self.config.stash.get(_PASSED, {}).get(self._key) == self._digest:
            pytest.skip("file previously passed transcheck checks")

    def runtest(self) -> None:
        engine = self.config.stash[_ENGINE]
        outcome = check_source(engine, Source(self._key, self.path))
        if isinstance(outcome, TranscheckError):
            raise TranscheckFailure(f"transcheck: error: {outcome}\n")
        if isinstance(outcome, FileResult) and outcome.diagnostics:
            out = io.StringIO()
            write_report(TextReporter, Run(engine.rules, __version__), [outcome], out)
            raise TranscheckFailure(out.getvalue())
        if _PASSED in self.config.stash:
            self.config.stash[_PASSED][self._key] = self._digest

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None,
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, TranscheckFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, f"{self._key}::{MARKER}"

    @property
    def _key(self) -> str:
        """The path as the report shows it and the cache keys it: relative to the rootdir."""
        try:
            return self.path.relative_to(self.config.rootpath).as_posix()
        except ValueError:
            return str(self.path)


class TranscheckFailure(Exception):
    """A checked file had findings (or could not be read); the message is the report."""


def _engine(rootpath: Path) -> Engine:
    try:
        engine = make_engine(paths=[str(rootpath)])
        _ = engine.rules  # validates the selection now, not once per file
    except TranscheckError as exc:
        raise pytest.UsageError(f"transcheck: {exc}") from None
    return engine


def _ruleset(engine: Engine) -> str:
    """What a file's result depends on besides its content."""
    s = engine.settings
    return json.dumps({
        "version": __version__,
        "rules": [[rule.code, rule.options] for rule in engine.rules],
        "packs": _pack_digests(engine),
        "language": s.language,
        "source-lang": s.source_lang,
        "per-file-ignores": s.per_file_ignores,
        "plugins": s.plugin_options,
    }, sort_keys=True, default=str)


def _pack_digests(engine: Engine) -> dict[str, str]:
    """The contents of the rule packs that run: editing a pack checks every file again."""
    from transcheck.packs.plugin import PackRule

    return {rule.code: hashlib.sha256(Path(rule.pack.path).read_bytes()).hexdigest()
            for rule in engine.rules if isinstance(rule, PackRule)}
