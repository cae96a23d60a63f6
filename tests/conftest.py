"""Shared helpers: run the installed console script, as users and CI do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_CACHE = tempfile.TemporaryDirectory(prefix="transcheck-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    # transcheck caches validated packs under $XDG_CACHE_HOME: the tests (and the
    # commands they start) use a cache of their own, not the user's.
    os.environ["XDG_CACHE_HOME"] = _CACHE.name
DATA = Path(__file__).resolve().parent / "data"


def _script() -> list[str]:
    found = shutil.which("transcheck", path=str(Path(sys.executable).parent))
    assert found, "the transcheck console script is not installed next to this Python"
    return [found]


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `transcheck` command; returns the completed process."""

    def run(*args: str, stdin: str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_script(), *args], input=stdin, capture_output=True, text=True,
            cwd=cwd, env={**os.environ, **(env or {})}, timeout=120,
        )

    return run
