"""The installed `transcheck` command: output contract, exit statuses, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from transcheck import __version__

ARTIFACT = "They asked residents to “stay away from home.” receive”.\n\nThe plan , said he.\n"
CLEAN = "“We will rebuild the bridge,” the mayor said.\n"
TEXT_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<msg>.+)$")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "bad.txt").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "good.txt").write_text(CLEAN, encoding="utf-8")
    return {"bad": tmp_path / "bad.txt", "good": tmp_path / "good.txt"}


def test_text_output_contract(run_cli, files) -> None:
    result = run_cli(str(files["bad"]))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    heads = [m.groupdict() for line in lines if (m := TEXT_LINE.match(line))]
    assert [(h["line"], h["col"], h["code"]) for h in heads] == [("1", "48", "TC103"),
                                                                ("3", "9", "TC111")]
    first = lines.index(next(line for line in lines if line.startswith(str(files["bad"]))))
    assert lines[first + 1].strip().startswith("1 | They asked")
    caret_line = lines[first + 2]
    assert caret_line.index("^") == lines[first + 1].index("receive")
    assert any("help: remove the space" in line for line in lines)


def test_json_output(run_cli, files) -> None:
    result = run_cli("--format", "json", str(files["bad"]), str(files["good"]))
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert set(items[0]) == {"path", "line", "column", "end_line", "end_column", "code", "name",
                             "severity", "category", "message", "fix"}
    stranded = items[0]
    assert (stranded["code"], stranded["line"], stranded["column"], stranded["end_column"]) == (
        "TC103", 1, 48, 56)
    assert stranded["name"] == "stranded-fragment-after-quote"
    assert stranded["category"] == "Fluency/Punctuation"
    assert stranded["fix"] is None
    assert items[1]["fix"] == ""


def test_output_format_long_name(run_cli, files) -> None:
    result = run_cli("--output-format", "json", str(files["good"]))
    assert json.loads(result.stdout) == []


def test_select_ignore_and_names(run_cli, files) -> None:
    assert run_cli("--select", "TC111", str(files["bad"])).stdout.count(": TC") == 1
    assert run_cli("--ignore", "TC1", str(files["bad"])).returncode == 0
    only = run_cli("--select", "TC1", "--ignore", "space-before-punctuation", str(files["bad"]))
    assert "TC111" not in only.stdout and "TC103" in only.stdout
    extended = run_cli("--select", "TC111", "--extend-select", "TC103", str(files["bad"]))
    assert "TC103" in extended.stdout and "TC111" in extended.stdout


def test_fail_on_and_exit_zero(run_cli, files) -> None:
    # TC111 is a warning: failing on errors only lets it pass.
    assert run_cli("--select", "TC111", "--fail-on", "error", str(files["bad"])).returncode == 0
    assert run_cli("--select", "TC111", "--fail-on", "warning", str(files["bad"])).returncode == 1
    assert run_cli("--exit-zero", str(files["bad"])).returncode == 0


def test_statistics(run_cli, files) -> None:
    result = run_cli("--statistics", str(files["bad"]))
    assert result.returncode == 1
    assert re.search(r"^\s+1\tTC103\t\s+ stranded-fragment-after-quote$", result.stdout, re.M)
    assert re.search(r"^\s+1\tTC111\t\[\*\] space-before-punctuation$", result.stdout, re.M)


def test_quiet_prints_only_findings(run_cli, files) -> None:
    lines = run_cli("--quiet", str(files["bad"])).stdout.splitlines()
    assert len(lines) == 2 and all(TEXT_LINE.match(line) for line in lines)


def test_stdin(run_cli) -> None:
    result = run_cli("-", stdin=ARTIFACT)
    assert result.returncode == 1
    assert result.stdout.startswith("-:1:48: TC103")


def test_directory_is_searched_for_txt_and_md(run_cli, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("Bad ,text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Bad ,text.\n", encoding="utf-8")
    (tmp_path / "c.rst").write_text("Bad ,text.\n", encoding="utf-8")
    result = run_cli("--format", "json", str(tmp_path))
    paths = sorted(Path(d["path"]).name for d in json.loads(result.stdout))
    assert paths == ["a.md", "b.txt"]
    only_md = run_cli("--include", "*.md", "--format", "json", str(tmp_path))
    assert [Path(d["path"]).name for d in json.loads(only_md.stdout)] == ["a.md"]


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["check", "-V"], ["rules", "--version"],
                                  ["explain", "-V"], ["corpus", "--version"]])
def test_version_everywhere(run_cli, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 0 and __version__ in result.stdout


def test_a_mistyped_command_is_not_taken_for_a_missing_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("rulez")
    assert result.returncode == 2
    assert _one_error_line(result.stderr).endswith("did you mean `transcheck rules`?")
    (tmp_path / "rulez").write_text(CLEAN, encoding="utf-8")  # a file of that name is checked
    assert run_cli("rulez", cwd=tmp_path).returncode == 0


def test_rules_json(run_cli) -> None:
    result = run_cli("rules", "--format", "json")
    assert result.returncode == 0
    rules = json.loads(result.stdout)
    by_code = {r["code"]: r for r in rules}
    assert {"TC101", "TC102", "TC103", "TC104", "TC105", "TC111", "TC112", "TC113", "TC114",
            "TC115"} <= set(by_code)
    for rule in rules:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule["name"]), rule
        assert rule["severity"] in ("error", "warning", "info")
        assert rule["summary"] and rule["category"]
    assert by_code["TC104"]["fixable"] is True


def test_rules_table(run_cli) -> None:
    result = run_cli("rules")
    assert result.returncode == 0
    assert re.search(r"^TC103\s+stranded-fragment-after-quote\s+error", result.stdout, re.M)


@pytest.mark.parametrize("key", ["TC103", "stranded-fragment-after-quote", "tc103",
                                 "Stranded-Fragment-After-Quote"])
def test_explain(run_cli, key: str) -> None:
    result = run_cli("explain", key)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("# TC103 stranded-fragment-after-quote")
    for heading in ("## What it does", "## Why is this bad", "## Example", "## Fix"):
        assert heading in out


def test_explain_unknown(run_cli) -> None:
    result = run_cli("explain", "TC999")
    assert result.returncode == 2
    assert result.stderr.strip() == "transcheck: error: unknown rule 'TC999' (see `transcheck rules`)"


# --- bad input: one line on stderr, exit 2, the other files still checked ----------------

def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_missing_file(run_cli, files) -> None:
    result = run_cli("nope.txt", str(files["bad"]))
    assert result.returncode == 2
    assert _one_error_line(result.stderr) == (
        "transcheck: error: nope.txt: no such file or directory")
    assert "TC103" in result.stdout


def test_invalid_utf8_names_byte_offset(run_cli, tmp_path: Path, files) -> None:
    broken = tmp_path / "latin1.txt"
    broken.write_bytes("Caf\u00e9 au lait.\n".encode("latin-1"))
    result = run_cli(str(broken), str(files["bad"]))
    assert result.returncode == 2
    line = _one_error_line(result.stderr)
    assert "latin1.txt: invalid UTF-8 at byte offset 3" in line
    assert "TC103" in result.stdout


def test_binary_file(run_cli, tmp_path: Path) -> None:
    blob = tmp_path / "image.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = run_cli(str(blob))
    assert result.returncode == 2
    assert "image.txt: binary file" in _one_error_line(result.stderr)


def test_empty_directory(run_cli, tmp_path: Path) -> None:
    result = run_cli(str(tmp_path))
    assert result.returncode == 2
    assert "no files matching" in _one_error_line(result.stderr)


def test_empty_file_is_a_warning_not_an_error(run_cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run_cli(str(empty))
    assert result.returncode == 0
    assert "empty.txt: empty file" in _one_error_line(result.stderr)


def test_bom_and_crlf_keep_positions(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeffTitle\r\n\r\nThe plan , he said.\r\n".encode())
    result = run_cli("--format", "json", str(path))
    [item] = json.loads(result.stdout)
    assert (item["line"], item["column"]) == (3, 9)


def test_unknown_output_format(run_cli, files) -> None:
    result = run_cli("--format", "yaml", str(files["bad"]))
    assert result.returncode == 2
    assert "unknown output format 'yaml'" in _one_error_line(result.stderr)


def test_unknown_selector(run_cli, files) -> None:
    result = run_cli("--select", "TC777", str(files["bad"]))
    assert result.returncode == 2
    assert _one_error_line(result.stderr) == (
        "transcheck: error: select: unknown rule code or name 'TC777'")


def test_usage_error_exits_two(run_cli) -> None:
    assert run_cli("--fail-on", "fatal", "x.txt").returncode == 2


def test_a_clean_run_says_so_unless_quiet(run_cli, files) -> None:
    result = run_cli(str(files["good"]))
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed!\n", "")
    assert run_cli("--quiet", str(files["good"])).stdout == ""
    assert run_cli("--format", "concise", str(files["good"])).stdout == ""
    missing = run_cli(str(files["good"]), str(files["good"].parent / "missing.txt"))
    assert missing.returncode == 2 and missing.stdout == ""


def test_the_summary_points_to_fix(run_cli, files) -> None:
    lines = run_cli(str(files["bad"])).stdout.splitlines()
    assert lines[-2:] == ["Found 2 problems in 1 file.",
                          "[*] 1 fixable with `transcheck --fix` (`--diff` shows the fixes)."]
    unfixable = run_cli("--select", "TC103", str(files["bad"])).stdout.splitlines()
    assert unfixable[-1] == "Found 1 problem in 1 file."


def test_statistics_as_json_with_a_total(run_cli, files) -> None:
    result = run_cli("--statistics", "--format", "json", str(files["bad"]), str(files["good"]))
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "rules": [{"code": "TC103", "name": "stranded-fragment-after-quote", "count": 1,
                   "fixable": 0, "unsafe-fix": False},
                  {"code": "TC111", "name": "space-before-punctuation", "count": 1,
                   "fixable": 1, "unsafe-fix": False}],
        "total": 2, "fixable": 1}
    text = run_cli("--statistics", str(files["bad"])).stdout.splitlines()
    assert text[-1] == "    2\tin total (1 fixable)"
    refused = run_cli("--statistics", "--format", "sarif", str(files["bad"]))
    assert refused.returncode == 2 and "--statistics prints text or json" in refused.stderr


def _stdout_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """What transcheck writes to standard output when it is a (pseudo-)terminal."""
    from .conftest import _script
    from .helpers import on_a_terminal

    return on_a_terminal([*_script(), *args], "stdout", env)


ESCAPE = "\x1b["


def test_colour_on_a_terminal_unless_no_color_or_never(files) -> None:
    bad = str(files["bad"])
    coloured = _stdout_on_a_terminal([bad], {"NO_COLOR": ""})
    assert f"{ESCAPE}1m{bad}:1:48:{ESCAPE}0m {ESCAPE}31m{ESCAPE}1mTC103" in coloured
    assert ESCAPE not in _stdout_on_a_terminal([bad], {"NO_COLOR": "1"})
    assert ESCAPE not in _stdout_on_a_terminal(["--color", "never", bad], {"NO_COLOR": ""})
    assert ESCAPE in _stdout_on_a_terminal(["--quiet", bad], {"NO_COLOR": ""})


def test_colour_in_a_pipe_only_when_asked(run_cli, files) -> None:
    assert ESCAPE not in run_cli(str(files["bad"])).stdout
    forced = run_cli("--color", "always", str(files["bad"]), str(files["bad"].parent / "x.txt"),
                     env={"NO_COLOR": "1"})
    assert ESCAPE in forced.stdout
    assert forced.stderr.startswith(f"transcheck: {ESCAPE}31m{ESCAPE}1merror{ESCAPE}0m: ")
    assert ESCAPE not in run_cli("--color", "always", "--format", "json",
                                 str(files["bad"])).stdout


def _blocks(explanation: str) -> dict[str, str]:
    """The code block under each `## heading` of a rule's explanation."""
    found = re.findall(r"^## (\w+)\n.*?```\n(.*?)```", explanation, re.M | re.S)
    return dict(found)


def test_stranded_fragment_fix_is_its_example_with_the_word_moved_back(run_cli) -> None:
    from transcheck import check_text

    blocks = _blocks(run_cli("explain", "TC103").stdout)
    example, fixed = blocks["Example"].strip(), blocks["Fix"].strip()
    [found] = check_text(example, select=["TC103"])
    stranded = example[found.column - 1:found.end_column - 1].strip("”. ")
    assert stranded and stranded in fixed and check_text(fixed, select=["TC1"]) == []


def test_explain_speaks_of_the_rule_not_of_benchmarks(run_cli) -> None:
    out = run_cli("explain", "TC401").stdout
    assert not re.search(r"\d\s?(ms|MB|s)\b|\d%|benchmarks/", out), out


def test_check_help_names_every_built_in_format(run_cli) -> None:
    from transcheck.engine import plugin_manager

    formats = plugin_manager().get_plugin("transcheck.reporters.builtin").FORMATS
    help_text = " ".join(run_cli("check", "--help").stdout.split())
    assert all(f" {name}," in help_text for name in formats), help_text


def test_rules_help_describes_the_columns_it_prints(run_cli) -> None:
    help_text = " ".join(run_cli("rules", "--help").stdout.split())
    table = run_cli("rules").stdout
    assert re.search(r" fix ", table) and re.search(r" off ", table)
    assert "`fix`" in help_text and "`off`" in help_text
    assert "json adds the MQM category" in help_text
