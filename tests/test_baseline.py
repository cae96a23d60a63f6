"""Baselines: `--write-baseline` freezes today's findings, `--baseline` reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OLD = (
    "The ferry leaves at noon , the captain said.\n\n"
    "Tickets ( cash only ) are sold on board.\n\n"
    "Dogs are welcome , cats are not.\n\n"
    "Dogs are welcome , cats are not.\n"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    # Only the punctuation rules: the repeated sentence would also be a TC2 finding.
    (tmp_path / "transcheck.toml").write_text('select = ["TC1"]\n', encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "ferry.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "news" / "clean.txt").write_text("All is well.\n", encoding="utf-8")
    return tmp_path


def test_write_then_compare(run_cli, archive: Path) -> None:
    written = run_cli("--write-baseline", "baseline.json", "news", cwd=archive)
    assert written.returncode == 0, written.stderr
    assert "wrote 5 findings to baseline.json" in written.stderr
    data = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert data["transcheck-baseline"] == 1
    rows = data["findings"]
    assert [(r["path"], r["code"], r["count"]) for r in rows] == sorted(
        (r["path"], r["code"], r["count"]) for r in rows)
    assert {r["path"] for r in rows} == {"news/ferry.md"}
    assert sorted(r["count"] for r in rows) == [1, 1, 1, 2]  # the repeated sentence counts twice
    assert all("line" not in r for r in rows)
    again = run_cli("--baseline", "baseline.json", "news", cwd=archive)
    assert (again.returncode, again.stdout) == (0, "All checks passed!\n")


def test_written_twice_the_file_is_identical(run_cli, archive: Path) -> None:
    run_cli("--write-baseline", "one.json", "news", cwd=archive)
    run_cli("--write-baseline", "two.json", "news", cwd=archive)
    assert (archive / "one.json").read_bytes() == (archive / "two.json").read_bytes()


def test_edits_elsewhere_keep_findings_known_and_new_ones_are_reported(
    run_cli, archive: Path
) -> None:
    run_cli("--write-baseline", "baseline.json", "news", cwd=archive)
    article = archive / "news" / "ferry.md"
    edited = ("# Harbour news\n\nA new opening paragraph moves every line down.\n\n"
              + OLD.replace("Tickets ( cash only )", "Tickets\n( cash only )")  # re-wrapped
              + "\nDogs are welcome , cats are not.\n"  # a third copy of a known finding
              + "\nThe last boat ; it leaves late .\n")  # a new finding
    article.write_text(edited, encoding="utf-8")
    result = run_cli("--baseline", "baseline.json", "--format", "json", "news", cwd=archive)
    assert result.returncode == 1
    new = [(d["line"], d["code"]) for d in json.loads(result.stdout)]
    assert new == [(14, "TC111"), (16, "TC111"), (16, "TC111")]


def test_fixed_findings_are_noted(run_cli, archive: Path) -> None:
    run_cli("--write-baseline", "baseline.json", "news", cwd=archive)
    (archive / "news" / "ferry.md").write_text("All fixed.\n", encoding="utf-8")
    result = run_cli("--baseline", "baseline.json", "news", cwd=archive)
    assert result.returncode == 0
    assert "5 findings of the baseline no longer occur" in result.stderr


@pytest.mark.parametrize("content, message", [
    (None, "cannot read the baseline"),
    ("{", "invalid JSON"),
    ('{"findings": []}', "not a transcheck baseline"),
])
def test_bad_baseline_is_a_one_line_error(
    run_cli, archive: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (archive / "baseline.json").write_text(content, encoding="utf-8")
    result = run_cli("--baseline", "baseline.json", "news", cwd=archive)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("transcheck: error: baseline.json: ") and message in line
