"""The CI output formats, each read back with a real parser for that format."""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.reporters.github import escape_data, escape_property

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif" / "sarif-schema-2.1.0.json"

# Line 1: an error without a fix (TC103); line 3: a warning with a fix (TC111).
ARTICLE = ("The guide told visitors to “keep off the dunes.” walk”.\n\n"
           "The path , she added, closes at dusk.\n")
CLEAN = "The ferry leaves at nine and returns before dark.\n"

# GitHub's workflow-command grammar: `::command key=value,key=value::message`, where values
# carry no raw `,` `:` CR or LF and the message no raw CR or LF.
GITHUB_LINE = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"(?P<props>[A-Za-z]+=[^,:\r\n]*(?:,[A-Za-z]+=[^,:\r\n]*)*)"
    r"::(?P<message>[^\r\n]*)$"
)
# A plugin that bridges another checker, as the LanguageTool backend does: its findings
# carry codes of their own that are not rules of their own.
BRIDGE = textwrap.dedent('''
    from transcheck.diagnostics import Finding, Severity
    from transcheck.hookspecs import hookimpl
    from transcheck.rule import Rule


    class Bridge(Rule):
        code = "BR000"
        name = "bridge"
        summary = "Findings of another checker."

        def check(self, doc):
            start = doc.text.find("dunes")
            yield Finding(start, start + 5, "Checked elsewhere", code="BRX7",
                          name="elsewhere", severity=Severity.INFO, category="Style")


    @hookimpl
    def transcheck_rules(settings):
        return [Bridge()]
''')
CONCISE_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) \S.*$")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def _json_items(run_cli, *paths: Path) -> list[dict[str, object]]:
    items: list[dict[str, object]] = json.loads(
        run_cli("--format", "json", *map(str, paths)).stdout)
    return items


def _unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


# --- SARIF ------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema(run_cli, article, clean) -> None:
    result = run_cli("--format", "sarif", str(article), str(clean))
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_describes_every_rule_that_ran(run_cli, article) -> None:
    log = json.loads(run_cli("--format", "sarif", str(article)).stdout)
    driver = log["runs"][0]["tool"]["driver"]
    listed = json.loads(run_cli("rules", "--format", "json", cwd=article.parent).stdout)
    assert [r["id"] for r in driver["rules"]] == [r["code"] for r in listed if r["default"]]
    by_id = {r["id"]: r for r in driver["rules"]}
    tc111 = by_id["TC111"]
    assert tc111["name"] == "space-before-punctuation"
    assert tc111["shortDescription"]["text"] == next(
        r["summary"] for r in listed if r["code"] == "TC111")
    for heading in ("## What it does", "## Why is this bad", "## Example", "## Fix"):
        assert heading in tc111["help"]["markdown"]
    assert by_id["TC103"]["defaultConfiguration"]["level"] == "error"


def test_sarif_results_regions_and_fixes(run_cli, article) -> None:
    log = json.loads(run_cli("--format", "sarif", str(article)).stdout)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    stranded, space = run["results"]
    assert rules[stranded["ruleIndex"]]["id"] == stranded["ruleId"] == "TC103"
    assert stranded["level"] == "error" and "fixes" not in stranded
    location = space["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == article.as_uri()
    assert location["region"] == {"startLine": 3, "startColumn": 9,
                                  "endLine": 3, "endColumn": 10}
    [fix] = space["fixes"]
    [change] = fix["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": location["region"],
                                       "insertedContent": {"text": ""}}]
    assert fix["description"]["text"] == "remove the space"
    assert space["level"] == "warning"
    assert space["partialFingerprints"]["transcheck/v1"]


def test_sarif_relative_path_is_a_relative_uri(run_cli, tmp_path: Path) -> None:
    (tmp_path / "my notes").mkdir()
    (tmp_path / "my notes" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    log = json.loads(run_cli("--format", "sarif", "my notes/a.txt", cwd=tmp_path).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"my%20notes/a.txt"}


def test_sarif_describes_codes_a_bridging_rule_reports(run_cli, tmp_path: Path, article) -> None:
    plugins = tmp_path / "plugins"
    info = plugins / "bridge-0.1.dist-info"
    info.mkdir(parents=True)
    (plugins / "bridge.py").write_text(BRIDGE, encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bridge\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[transcheck]\nbridge = bridge\n", encoding="utf-8")
    result = run_cli("--format", "sarif", str(article), env={"PYTHONPATH": str(plugins)})
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    [bridged] = [r for r in run["results"] if r["ruleId"] == "BRX7"]
    assert rules[bridged["ruleIndex"]] == {
        "id": "BRX7", "name": "elsewhere", "defaultConfiguration": {"level": "note"},
        "properties": {"tags": ["Style"]}}
    assert "BR000" in {r["id"] for r in rules}


def test_sarif_without_findings(run_cli, clean) -> None:
    result = run_cli("--format", "sarif", str(clean))
    assert result.returncode == 0
    assert json.loads(result.stdout)["runs"][0]["results"] == []


# --- GitHub workflow commands -----------------------------------------------------------

def test_github_annotations_follow_the_command_grammar(run_cli, article) -> None:
    result = run_cli("--format", "github", str(article))
    assert result.returncode == 1
    parsed = []
    for line in result.stdout.splitlines():
        match = GITHUB_LINE.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match["props"].split(","))
        parsed.append((match["command"], {k: _unescape(v) for k, v in props.items()},
                       _unescape(match["message"])))
    (cmd1, props1, msg1), (cmd2, props2, msg2) = parsed
    assert cmd1 == "error" and cmd2 == "warning"
    assert props1["title"] == "TC103" and props1["file"] == article.as_posix()
    assert msg1.startswith("Fragment “walk” is stranded")
    assert props2 == {"file": article.as_posix(), "line": "3", "col": "9", "endLine": "3",
                      "endColumn": "10", "title": "TC111"}
    assert msg2 == "Space before “,” (space-before-punctuation)"


def test_github_escapes_property_delimiters_in_paths(run_cli, tmp_path: Path) -> None:
    odd = tmp_path / "notes, draft: 50%.txt"
    odd.write_text(ARTICLE, encoding="utf-8")
    out = run_cli("--format", "github", str(odd)).stdout
    for line in out.splitlines():
        match = GITHUB_LINE.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match["props"].split(","))
        assert _unescape(props["file"]) == odd.as_posix()


def test_github_escaping_rules() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_severity_mapping(run_cli, tmp_path: Path) -> None:
    # TC105 (mixed quote styles) is an info-level rule: GitHub calls that a notice.
    path = tmp_path / "mixed.txt"
    path.write_text("He said “yes” and she said \"no\" to the offer.\n", encoding="utf-8")
    lines = run_cli("--format", "github", str(path)).stdout.splitlines()
    mixed = [line for line in lines if line.endswith("(mixed-quote-styles)")]
    assert mixed and all(line.startswith("::notice ") for line in mixed)


# --- GitLab Code Quality ----------------------------------------------------------------

def test_gitlab_code_quality_fields(run_cli, article) -> None:
    issues = json.loads(run_cli("--format", "gitlab", str(article)).stdout)
    assert [i["check_name"] for i in issues] == ["TC103", "TC111"]
    assert [i["severity"] for i in issues] == ["major", "minor"]
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == article.as_posix()
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert issues[1]["location"]["lines"] == {"begin": 3}
    assert issues[1]["description"] == "Space before “,”"


def test_gitlab_fingerprints_survive_edits_elsewhere(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    before = json.loads(run_cli("--format", "gitlab", "a.txt", cwd=tmp_path).stdout)
    # A new paragraph above and the flagged paragraph re-wrapped: lines move, findings stay.
    path.write_text("A new opening paragraph.\n\n" + ARTICLE.replace(" she added,", "\nshe added,"),
                    encoding="utf-8")
    after = json.loads(run_cli("--format", "gitlab", "a.txt", cwd=tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in after] == [3, 5]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    # An edit to the flagged span itself is a different finding.
    path.write_text(ARTICLE.replace("The path ,", "The trail ,"), encoding="utf-8")
    edited = json.loads(run_cli("--format", "gitlab", "a.txt", cwd=tmp_path).stdout)
    assert edited[1]["fingerprint"] != before[1]["fingerprint"]
    assert edited[0]["fingerprint"] == before[0]["fingerprint"]


def test_gitlab_fingerprints_are_unique(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "twice.txt"
    path.write_text("Lunch , then a walk.\n\nLunch , then a walk.\n", encoding="utf-8")
    result = run_cli("--format", "gitlab", "--select", "TC111", str(path))
    issues = json.loads(result.stdout)
    assert len(issues) == 2
    assert len({i["fingerprint"] for i in issues}) == 2


# --- JUnit XML --------------------------------------------------------------------------

def test_junit_one_case_per_file(run_cli, article, clean) -> None:
    result = run_cli("--format", "junit", str(article), str(clean))
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {str(article), str(clean)}
    assert cases[str(clean)].find("failure") is None
    failure = cases[str(article)].find("failure")
    assert failure is not None and failure.get("message") == "2 problems"
    text_output = run_cli(str(article)).stdout
    assert failure.text is not None and text_output.startswith(failure.text)


def test_junit_survives_control_characters(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_text("The path , she said\x0b\x1b again.\n", encoding="utf-8")
    root = ET.fromstring(run_cli("--format", "junit", str(path)).stdout)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.text is not None
    assert "\u240b\u241b again" in failure.text  # as the text format shows them


# --- JSON Lines and concise -------------------------------------------------------------

def test_jsonl_has_the_fields_of_json(run_cli, article, clean) -> None:
    result = run_cli("--format", "jsonl", str(article), str(clean))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == _json_items(run_cli, article, clean)
    assert len(lines) == 2


def test_jsonl_without_findings_is_empty(run_cli, clean) -> None:
    assert run_cli("--format", "jsonl", str(clean)).stdout == ""


def test_concise_one_line_per_diagnostic(run_cli, article, clean) -> None:
    result = run_cli("--format", "concise", str(article), str(clean))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    heads = [CONCISE_LINE.match(line) for line in lines]
    assert all(heads), lines
    expected = _json_items(run_cli, article, clean)
    assert [(h["path"], int(h["line"]), int(h["col"]), h["code"]) for h in heads if h] == [
        (i["path"], i["line"], i["column"], i["code"]) for i in expected]
    assert "^" not in result.stdout and "Found" not in result.stdout


def test_text_output_shows_control_characters_as_symbols(run_cli, tmp_path) -> None:
    path = tmp_path / "escape.txt"
    path.write_text("A \x1b[31mred\x1b[0m word , and a bell\x07.\n", encoding="utf-8")
    for output_format in ("text", "concise"):
        result = run_cli("--output-format", output_format, str(path))
        assert result.returncode == 1
        assert not [c for c in result.stdout if ord(c) < 32 and c != "\n"]
        assert "\u241b[31m" in result.stdout or output_format == "concise"


def test_output_writes_any_format_to_a_file(tmp_path, run_cli, article):
    out = tmp_path / "findings.json"
    result = run_cli("--format", "json", "--output", str(out), str(article))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))[0]["path"] == str(article)
    missing = run_cli("--output", str(tmp_path / "no" / "such" / "dir.txt"), str(article))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "cannot write the report" in missing.stderr
    # A run that ends before its report leaves the old file as it was, and no other file.
    out.write_text("old", encoding="utf-8")
    failed = run_cli("--format", "json", "--output", str(out), "--select", "TC999", str(article))
    assert failed.returncode == 2 and out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, article.name])


# --- files that could not be checked: every CI format says so ---------------------------

@pytest.fixture
def broken(tmp_path: Path, article: Path) -> list[str]:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    return [str(article), str(tmp_path / "missing.txt"), str(binary)]


def test_github_annotates_files_that_could_not_be_checked(run_cli, broken) -> None:
    result = run_cli("--format", "github", *broken)
    assert result.returncode == 2
    errors = [m for line in result.stdout.splitlines() if (m := GITHUB_LINE.match(line))
              and "title=transcheck" in m["props"]]
    assert [(e["command"], e["props"]) for e in errors] == [
        ("error", f"file={escape_property(p)},title=transcheck") for p in broken[1:]]
    assert _unescape(errors[0]["message"]) == f"{broken[1]}: no such file or directory"


def test_sarif_lists_files_that_could_not_be_checked(run_cli, broken) -> None:
    log = json.loads(run_cli("--format", "sarif", *broken).stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert "binary file" in notes[1]["message"]["text"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "missing.txt")


def test_sarif_invocation_succeeds_without_errors(run_cli, clean) -> None:
    log = json.loads(run_cli("--format", "sarif", str(clean)).stdout)
    assert log["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_junit_counts_files_that_could_not_be_checked_as_errors(run_cli, broken) -> None:
    suites = ET.fromstring(run_cli("--format", "junit", *broken).stdout)
    assert (suites.get("tests"), suites.get("failures"), suites.get("errors")) == ("3", "1", "2")
    errors = {case.get("name"): case.find("error") for case in suites.iter("testcase")
              if case.find("error") is not None}
    assert set(errors) == set(broken[1:])
    assert "no such file" in (errors[broken[1]].get("message") or "")


def test_gitlab_reports_files_that_could_not_be_checked(run_cli, broken) -> None:
    issues = json.loads(run_cli("--format", "gitlab", *broken).stdout)
    errors = [i for i in issues if i["check_name"] == "error"]
    assert [(i["severity"], i["location"]["path"]) for i in errors] == [
        ("blocker", Path(p).as_posix()) for p in broken[1:]]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_nothing_to_check_is_a_github_error_too(run_cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("--format", "github", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=transcheck::")


def test_an_error_inside_a_worker_keeps_its_file(run_cli, tmp_path: Path) -> None:
    names = []
    for i in range(40):  # over a megabyte: checked by a pool
        path = tmp_path / f"{i:02}.txt"
        path.write_text("The ferry leaves at noon, the captain said.\n\n" * 700)
        names.append(str(path))
    Path(names[5]).write_bytes(b"\xff\xfe not UTF-8 at all")
    result = run_cli("--jobs", "2", "--format", "github", *names)
    assert result.returncode == 2
    assert f"::error file={escape_property(names[5])},title=transcheck::" in result.stdout


def test_html_report_shows_files_that_could_not_be_checked(run_cli, broken) -> None:
    page = run_cli("--format", "html", *broken).stdout
    assert page.count("not checked</span>") == 2 and "no such file or directory" in page


def test_a_diagnostic_as_json_holds_every_field_but_its_offsets_and_keys() -> None:
    diagnostic = Diagnostic(1, 2, 1, 5, "TC207", "doubled-word", Severity.WARNING,
                            "Fluency/Grammar", "“the” is doubled", "", 10, 13, ("K",), "u7")
    data = diagnostic.to_dict()
    assert list(data) == [f.name for f in fields(Diagnostic)
                          if f.name not in ("start", "end", "keys")]
    assert data["severity"] == "warning" and data["unit"] == "u7"
    assert "unit" not in Diagnostic(1, 2, 1, 5, "TC207", "doubled-word", Severity.INFO,
                                    "Fluency/Grammar", "m").to_dict()
