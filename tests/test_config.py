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
    ('source-lang = "xx"\n', "'source-lang' must be an ISO 639-1 language code"),
    ('source-lang = "German"\n', "got 'German'"),
    ('[rules.TC401]\nmin_words = 3\n',
     "has no option 'min_words'; options are kebab-case: 'min-words'"),
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


def test_broken_pyproject_with_our_table_is_an_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.transcheck]\nignore = ["TC111"\n')
    (tmp_path / "a.txt").write_text(BAD)
    result = run_cli(str(tmp_path / "a.txt"))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "pyproject.toml: invalid TOML" in line


def test_another_tools_broken_pyproject_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = \n')
    assert find_config(tmp_path) is None


@pytest.mark.parametrize("value", ["xx", "German", "e", "x-klingon", "und"])
def test_unknown_source_language_on_the_command_line_exits_2(run_cli, tmp_path: Path,
                                                             value: str) -> None:
    (tmp_path / "a.txt").write_text(BAD)
    result = run_cli("--source-lang", value, str(tmp_path / "a.txt"))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "'source-lang' must be an ISO 639-1 language code" in line and repr(value) in line


@pytest.mark.parametrize(("value", "stored"), [("de", "de"), ("DE", "de"), ("deu", "de"),
                                               ("pt-BR", "pt-br"), ("zh-Hant", "zh-hant")])
def test_source_language_codes_are_normalised(tmp_path: Path, value: str, stored: str) -> None:
    config = tmp_path / "transcheck.toml"
    config.write_text(f'source-lang = "{value}"\n')
    assert load_settings(config, {}).source_lang == stored


def test_rule_options_are_kebab_case() -> None:
    text = "The sign said: Bitte nicht rauchen."
    assert check_text(text, select=["TC401"]) == []
    found = check_text(text, select=["TC401"], config={"rules": {"TC401": {"min-words": 3}}})
    assert [d.code for d in found] == ["TC401"]


def test_show_settings_names_the_file_and_the_values(run_cli, tmp_path: Path) -> None:
    (tmp_path / "transcheck.toml").write_text(
        'ignore = ["TC111"]\nsource-lang = "fr"\n[rules.TC401]\nmin-words = 5\n')
    (tmp_path / "a.txt").write_text(BAD)
    result = run_cli("--show-settings", "--select", "TC1", str(tmp_path / "a.txt"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Settings file: {tmp_path / 'transcheck.toml'}"
    assert {'ignore = ["TC111"]', 'select = ["TC1"]', 'source-lang = "fr"',
            'rules = {"TC401": {"min-words": 5}}', "# fail-on: not set"} <= set(lines)
    assert "#   TC112 space-inside-brackets" in lines
    assert not any("TC111 " in line or "TC401" in line for line in lines if line.startswith("#  "))


def test_show_settings_reports_a_bad_configuration(run_cli, tmp_path: Path) -> None:
    (tmp_path / "transcheck.toml").write_text('select = ["TC8"]\n')
    result = run_cli("--show-settings", str(tmp_path))
    assert result.returncode == 2 and "unknown rule code or name 'TC8'" in result.stderr
