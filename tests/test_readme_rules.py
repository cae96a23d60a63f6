"""The README's rule tables are what `transcheck rules --format markdown` prints."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcheck.cli import main

from .conftest import ROOT

TABLE = re.compile(r"<!-- generated: transcheck (.+?) -->\n(.*?)\n<!-- end of generated table -->",
                   re.DOTALL)


def test_readme_rule_tables_are_generated_from_the_registry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables = TABLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(tables) >= 5
    monkeypatch.chdir(tmp_path)  # no configuration of this checkout
    for command, table in tables:
        result = CliRunner().invoke(main, shlex.split(command))
        assert result.exit_code == 0, result.output
        assert table == result.output.rstrip("\n"), (
            f"README.md is out of date: paste the output of `transcheck {command}`")


def test_every_rule_is_in_a_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = {line.split("|")[1].strip() for _, table in TABLE.findall(readme)
             for line in table.splitlines()[2:]}
    listed = CliRunner().invoke(main, ["rules", "--format", "json"])
    codes = {row["code"] for row in json.loads(listed.output)}
    assert codes - {"LT"} <= shown
