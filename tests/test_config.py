"""Configuration files: discovery, keys, overrides and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transcheck import check_text
from transcheck.config import Settings, find_config, load_settings
from transcheck.errors import ConfigError

BAD = "The plan , said he ( yes ).\n"


def _codes(result) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)]


def test_pyproject_table_found_by_walking_up(run_cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.transcheck]\nignore = ["TC112"]\n')
    (tmp_path / "deep" / "er").mkdir(parents=True)
    article = tmp_path / "deep" / "er" / "a.txt"
    article.write_text(BAD)
    assert _codes(run_cli("--format", "json", str(article))) == ["TC111"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "y"\n')
    (tmp_path / "transcheck.toml").write_text('select = ["TC1"]\n')
    assert find_config(tmp_path / "sub") == tmp_path / "transcheck.toml"


def test_dot_file_and_cli_override(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".transcheck.toml").write_text('select = ["TC112"]\n')
    article = tmp_path / "a.txt"
    article.write_text(BAD)
    assert _codes(run_cli("--format", "json", str(article))) == ["TC112", "TC112"]
    assert _codes(run_cli("--format", "json", "--select", "TC111", str(article))) == ["TC111"]


def test_explicit_config_file(run_cli, tmp_path: Path) -> None:
    config = tmp_path / "ci.toml"
    config.write_text('fail-on = "error"\n')
    article = tmp_path / "a.txt"
    article.write_text(BAD)
    assert run_cli("--config", str(config), str(article)).returncode == 0
    missing = run_cli("--config", str(tmp_path / "nope.toml"), str(article))
    assert missing.returncode == 2
    assert "nope.toml: config file not found" in missing.stderr


def test_per_file_ignores(run_cli, tmp_path: Path) -> None:
    (tmp_path / "transcheck.toml").write_text('[per-file-ignores]\n"legacy/*" = ["TC11"]\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.txt").write_text(BAD)
    (tmp_path / "new.txt").write_text(BAD)
    result = run_cli("--format", "json", str(tmp_path))
    assert {Path(d["path"]).name for d in json.loads(result.stdout)} == {"new.txt"}


@pytest.mark.parametrize("content, message", [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('fail-on = "fatal"\n', "'fail-on' must be one of info, warning, error, got 'fatal'"),
    ('select = "TC1"\nignore = 3\n', "'ignore' must be a list of strings, got 3"),
    ('language = "en-AU"\n', "'language' must be one of en-US, en-GB, got 'en-AU'"),
    ('select = ["TC8"]\n', "select: unknown rule code or name 'TC8'"),
    ('[rules.TC103]\nwidth = 3\n', "rule TC103 (stranded-fragment-after-quote) has no option 'width'"),
    ("select = [\n", "invalid TOML"),
])
def test_config_errors_are_one_line(run_cli, tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "transcheck.toml").write_text(content)
    article = tmp_path / "a.txt"
    article.write_text(BAD)
    result = run_cli(str(article))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_load_settings_resolves_rules_dirs(tmp_path: Path) -> None:
    config = tmp_path / "transcheck.toml"
    config.write_text('rules-dirs = ["house"]\nsource-lang = "DE"\n')
    settings = load_settings(config, {})
    assert settings.rules_dirs == ((tmp_path / "house").resolve(),)
    assert settings.source_lang == "de"


def test_unknown_key_raises_config_error(tmp_path: Path) -> None:
    config = tmp_path / "transcheck.toml"
    config.write_text("nonsense = 1\n")
    with pytest.raises(ConfigError, match="unknown key 'nonsense'"):
        load_settings(config, {})


def test_check_text_api() -> None:
    text = "The plan , said he ( yes ).\nIt ended.\" Then nothing."
    assert [d.code for d in check_text(text)] == ["TC111", "TC112", "TC112", "TC101"]
    assert [d.code for d in check_text(text, select=["TC1"], ignore=["TC11"])] == ["TC101"]
    assert [d.code for d in check_text(text, config={"ignore": ["TC101", "TC111"]})] == ["TC112"] * 2
    assert [d.code for d in check_text(text, config=Settings(select=("TC112",)))] == ["TC112"] * 2
    first = check_text(text)[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (1, 9, 1, 10)
    assert first.to_dict()["severity"] == "warning"
