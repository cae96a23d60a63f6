"""The pre-commit hook in .pre-commit-hooks.yaml, run by pre-commit on a temporary repository.

pre-commit installs a `language: python` hook by cloning the repository and
pip-installing it into a fresh virtualenv, which needs the package index. To stay
offline the test runs the manifest's hook as a `repo: local` hook of language
`unsupported` (run as-is from PATH) against the installed transcheck: pre-commit
itself still picks the staged files by the hook's `types` and `files` and runs its
`entry` with its `args`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
ARTIFACT = "The guide told visitors to “keep off the dunes.” walk”.\n"
CLEAN = "The ferry leaves at nine and returns before dark.\n"


def _hook() -> dict[str, Any]:
    [hook] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hook, dict)
    return hook


def _run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        # The installed `transcheck` script sits next to this Python.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                  ROOT, tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    hook = _hook()
    assert (hook["id"], hook["entry"], hook["language"]) == ("transcheck", "transcheck", "python")
    assert hook["types"] == ["text"]
    # pre-commit's parallel batches would each start transcheck's own pool.
    assert hook["require_serial"] is True


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    local_hook = {**_hook(), "language": "unsupported"}
    config = {"repos": [{"repo": "local", "hooks": [local_hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "article.md").write_text(ARTIFACT, encoding="utf-8")
    (repo / "page.html").write_text(f"<p>{ARTIFACT}</p>\n", encoding="utf-8")
    (repo / "notes.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "script.py").write_text(f"TEXT = {ARTIFACT!r}\n", encoding="utf-8")  # not prose
    (repo / "draft.txt").write_text(ARTIFACT, encoding="utf-8")  # never staged
    subprocess.run(["git", "add", ".pre-commit-config.yaml", "article.md", "page.html",
                    "notes.txt", "script.py"], cwd=repo, check=True)
    return repo


def test_hook_checks_staged_prose_files_only(repo: Path, tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "pre_commit", "run"], repo, tmp_path / "home")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "transcheck" in out and "Failed" in out
    assert "article.md:1:50: TC103" in out
    assert "page.html:1:" in out
    for unchecked in ("notes.txt:", "script.py", "draft.txt"):
        assert unchecked not in out


def test_hook_passes_once_the_artifacts_are_fixed(repo: Path, tmp_path: Path) -> None:
    for name in ("article.md", "page.html"):
        (repo / name).write_text(CLEAN, encoding="utf-8")
    subprocess.run(["git", "add", "article.md", "page.html"], cwd=repo, check=True)
    result = _run([sys.executable, "-m", "pre_commit", "run"], repo, tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_the_hook_takes_the_files_of_every_reader() -> None:
    """The one list of suffixes is the readers': the manifest's `files` must follow it."""
    from transcheck.config import Settings
    from transcheck.engine import Engine

    # Data tables are checked when named, not whenever a commit touches a CSV file.
    suffixes = sorted(s.lstrip(".") for s, reader in Engine(Settings()).readers.items()
                      if reader.name not in ("table", "jsonl"))
    assert _hook()["files"] == rf"\.({'|'.join(suffixes)})$"
