"""The README's examples: the artifact article fails with the planted findings, the clean one passes."""

from __future__ import annotations

import json
import re

from .conftest import ROOT

EXAMPLES = ROOT / "examples"

# (line, code) of the planted quote and punctuation artifacts (see examples/ARTIFACTS.md).
PLANTED = {
    (5, "TC113"), (7, "TC111"), (9, "TC111"), (9, "TC112"), (9, "TC114"), (11, "TC104"),
    (11, "TC111"), (13, "TC101"), (15, "TC114"), (17, "TC104"), (17, "TC103"), (19, "TC102"),
    (23, "TC113"),
}


def test_artifact_article_fails_with_planted_findings(run_cli) -> None:
    result = run_cli("--format", "json", str(EXAMPLES / "article-mt.txt"))
    assert result.returncode == 1
    found = {(d["line"], d["code"]) for d in json.loads(result.stdout)}
    assert found >= PLANTED


def test_clean_article_passes(run_cli) -> None:
    result = run_cli(str(EXAMPLES / "article-clean.txt"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed!\n", "")


def test_readme_shows_the_current_findings(run_cli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- example-output -->\n```\n", 1)[1].split("```\n", 1)[0]
    result = run_cli("--quiet", "examples/article-mt.txt", cwd=ROOT)
    assert block == result.stdout


def test_artifacts_table_lists_what_the_tool_finds(run_cli) -> None:
    table = (EXAMPLES / "ARTIFACTS.md").read_text(encoding="utf-8")
    listed = sorted(re.findall(r"\b(\d+):(\d+) (TC\d+)\b", table))
    result = run_cli("--format", "json", str(EXAMPLES / "article-mt.txt"))
    found = sorted((str(d["line"]), str(d["column"]), d["code"])
                   for d in json.loads(result.stdout))
    assert listed == found


def test_readme_text_excerpt_is_what_the_tool_prints(run_cli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- text-output -->\n```\n", 1)[1].split("```\n", 1)[0]
    result = run_cli("examples/article-mt.txt", cwd=ROOT)
    assert block in result.stdout
