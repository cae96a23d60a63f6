"""Directory scans: the usual excludes, .gitignore, extend-include/-exclude, empty directories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from transcheck.inputs import GitIgnore, Source, discover, excluded

BAD = "Bad ,text.\n"


def _tree(root: Path, files: list[str], content: str = BAD) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def _found(result: subprocess.CompletedProcess[str], root: Path) -> list[str]:
    assert result.returncode in (0, 1), result.stderr
    return sorted({Path(d["path"]).relative_to(root).as_posix()
                   for d in json.loads(result.stdout)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n/site/\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".gitignore").write_text("old-*\n!old-keep.md\n", encoding="utf-8")
    _tree(tmp_path, [
        "a.txt", "docs/b.md", "docs/old-1.md", "docs/old-keep.md", "docs/x.tmp.md",
        "drafts/c.txt", "docs/drafts/d.txt", "site/e.md", "docs/site/f.md",
        ".venv/lib/README.md", "node_modules/pkg/README.md", "build/out.txt", ".git/msg.txt",
        "page.html",
    ])
    return tmp_path


def test_a_scan_skips_git_ignored_files_and_the_usual_directories(run_cli, project) -> None:
    found = _found(run_cli("--format", "json", str(project)), project)
    assert found == ["a.txt", "docs/b.md", "docs/old-keep.md", "docs/site/f.md"]


def test_gitignore_above_the_scanned_directory_applies(run_cli, project) -> None:
    found = _found(run_cli("--format", "json", str(project / "docs")), project)
    assert found == ["docs/b.md", "docs/old-keep.md", "docs/site/f.md"]


def test_gitignore_is_respected_without_a_repository(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("skip/\n", encoding="utf-8")
    _tree(tmp_path, ["keep/a.txt", "skip/b.txt"])
    found = [s.path for s in discover([str(tmp_path)], ["*.txt"], []) if isinstance(s, Source)]
    assert found == [str(tmp_path / "keep" / "a.txt")]


def test_respect_gitignore_can_be_turned_off(run_cli, project) -> None:
    everything = ["a.txt", "docs/b.md", "docs/drafts/d.txt", "docs/old-1.md", "docs/old-keep.md",
                  "docs/site/f.md", "docs/x.tmp.md", "drafts/c.txt", "site/e.md"]
    off = run_cli("--no-respect-gitignore", "--format", "json", str(project))
    assert _found(off, project) == everything
    (project / "transcheck.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert _found(run_cli("--format", "json", str(project)), project) == everything
    on = run_cli("--respect-gitignore", "--format", "json", str(project))
    assert "drafts/c.txt" not in _found(on, project)


def test_extend_include_and_extend_exclude_add_to_the_defaults(run_cli, project) -> None:
    result = run_cli("--extend-include", "*.html", "--extend-exclude", "docs",
                     "--format", "json", str(project))
    assert _found(result, project) == ["a.txt", "page.html"]


def test_exclude_replaces_the_usual_excludes(run_cli, project) -> None:
    result = run_cli("--exclude", "docs", "--format", "json", str(project))
    assert _found(result, project) == [".git/msg.txt", ".venv/lib/README.md", "a.txt",
                                       "build/out.txt", "node_modules/pkg/README.md"]


def test_configured_extend_exclude(run_cli, project) -> None:
    (project / "transcheck.toml").write_text('extend-exclude = ["docs/site", "*.txt"]\n',
                                             encoding="utf-8")
    assert _found(run_cli("--format", "json", str(project)), project) == [
        "docs/b.md", "docs/old-keep.md"]


def test_a_file_named_explicitly_is_checked_even_if_ignored(run_cli, project) -> None:
    result = run_cli("--format", "json", str(project / "drafts" / "c.txt"),
                     str(project / ".venv" / "lib" / "README.md"))
    assert _found(result, project) == [".venv/lib/README.md", "drafts/c.txt"]


def test_an_empty_directory_among_other_paths_is_a_warning(run_cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _tree(tmp_path, ["texts/a.txt", "html/only.html"])
    result = run_cli(str(tmp_path / "texts"), str(tmp_path / "empty"), str(tmp_path / "html"))
    assert result.returncode == 1
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith("transcheck: warning: ") for w in warnings)
    assert "empty: no files matching *.txt, *.md, *.markdown" in warnings[0]
    quiet = run_cli("--quiet", str(tmp_path / "empty"), str(tmp_path / "texts"))
    assert (quiet.returncode, quiet.stderr) == (1, "")


def test_nothing_at_all_to_check_is_an_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _tree(tmp_path, ["html/only.html"])
    result = run_cli(str(tmp_path / "empty"), str(tmp_path / "html"))
    assert result.returncode == 2
    assert [line.split(": ")[:2] for line in result.stderr.strip().splitlines()] == [
        ["transcheck", "error"], ["transcheck", "error"]]


def test_excluded_looks_at_every_directory_on_the_way(tmp_path: Path) -> None:
    assert excluded(tmp_path / "a" / ".venv" / "x.md", tmp_path, [".venv"])
    assert not excluded(tmp_path / "a" / "venvs" / "x.md", tmp_path, [".venv"])
    assert excluded(tmp_path / "drafts" / "x.md", tmp_path, ["drafts/*"])


def test_gitignore_negation_and_directory_patterns(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.md\n!keep.md\nout/\n", encoding="utf-8")
    ignore = GitIgnore(tmp_path)
    assert ignore.ignores(tmp_path / "sub" / "x.md", False)
    assert not ignore.ignores(tmp_path / "sub" / "keep.md", False)
    assert ignore.ignores(tmp_path / "sub" / "out", True)
    assert not ignore.ignores(tmp_path / "sub" / "out", False)  # a file named out
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").write_text("private.txt\n", encoding="utf-8")
    assert GitIgnore(tmp_path).ignores(tmp_path / "private.txt", False)
