"""Bad input of every kind ends in one line naming what is wrong, exit 2, never a traceback;
the other files are still checked."""

from __future__ import annotations

import errno
import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcheck.cli import main

DIRTY = "The cat sat on the the mat.\n"


def _one_error(stderr: str) -> str:
    errors = [line for line in stderr.splitlines() if "error" in line]
    assert len(errors) == 1, stderr
    assert "Traceback" not in stderr
    return errors[0]


def test_a_path_in_a_directory_that_cannot_be_entered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(DIRTY, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(DIRTY, encoding="utf-8")
    real_stat = pathlib.Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self.parent.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "stat", stat)
    result = CliRunner().invoke(main, [str(locked / "a.txt"), str(other)])
    assert result.exit_code == 2, result.output
    assert _one_error(result.stderr) == (
        f"transcheck: error: {locked / 'a.txt'}: cannot read: Permission denied")
    assert f"{other}:1:" in result.stdout


def test_a_directory_that_cannot_be_read_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DIRTY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(main, [str(tmp_path)])
    assert result.exit_code == 2
    assert _one_error(result.stderr) == (f"transcheck: error: {tmp_path / 'locked'}: cannot "
                                         "read this directory: Permission denied")
    assert "b.txt:1:" in result.stdout


@pytest.mark.parametrize("name", ["transcheck.toml", "pyproject.toml"])
def test_a_config_file_that_is_not_utf8(run_cli, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b'[tool.transcheck]\nignore = ["TC\xff"]\n')
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert _one_error(result.stderr) == (
        f"transcheck: error: {tmp_path / name}: not UTF-8 (byte 31); save it as UTF-8")


def test_another_tools_broken_pyproject_is_not_ours_to_report(run_cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "\xff"\n')
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert run_cli("a.txt", cwd=tmp_path).returncode == 1


def test_a_pack_nested_deep(run_cli, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "deep.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n",
                                     encoding="utf-8")
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = run_cli("--rules-dir", str(rules), str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert _one_error(result.stderr).endswith("deep.toml: nested too deeply to read")


def test_a_baseline_nested_deep(run_cli, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = run_cli("--baseline", str(baseline), str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert _one_error(result.stderr).endswith("not a transcheck baseline (nested too deeply)")


def test_a_config_nested_deep(run_cli, tmp_path: Path) -> None:
    (tmp_path / "transcheck.toml").write_text(
        "ignore = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert _one_error(result.stderr).endswith("transcheck.toml: nested too deeply to read")


def test_standard_input_closed(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "transcheck", "-"], capture_output=True,
                            text=True, preexec_fn=lambda: os.close(0), timeout=60)
    assert result.returncode == 2
    assert _one_error(result.stderr) == "transcheck: error: -: standard input is closed"


@pytest.mark.parametrize(("option", "value"), [
    ("min-probability", "inf"), ("min-probability", "nan"), ("min-words", "1e308"),
    ("min-words", "2.5"),
])
def test_rule_options_must_be_finite_sane_numbers(
        run_cli, tmp_path: Path, option: str, value: str) -> None:
    (tmp_path / "transcheck.toml").write_text(
        f"[rules.untranslated-text]\n{option} = {value}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert f"option '{option}' must be" in _one_error(result.stderr)


def test_blocks_nested_deeper_than_the_parser_goes(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "deep.md"
    page.write_text("> " * 5000 + "The cat sat on the the mat.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(DIRTY, encoding="utf-8")
    result = run_cli(str(page), str(tmp_path / "b.md"))
    assert result.returncode == 2
    assert _one_error(result.stderr) == (f"transcheck: error: {page}:1: blocks (quotes, lists) "
                                         "nested 20 deep or more; not checked")
    assert "b.md:1:" in result.stdout
