"""`pytest --transcheck`: real pytest runs in a temporary directory (pytester)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

ARTICLE = ("The guide told visitors to “keep off the dunes.” walk”.\n\n"
           "The path , she added, closes at dusk.\n")
CLEAN = "The ferry leaves at nine and returns before dark.\n"


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".txt", article=ARTICLE, clean=CLEAN)
    pytester.makefile(".rst", notes=ARTICLE)  # not selected by the default include globs
    pytester.makepyfile(test_unit="def test_unit():\n    assert True\n")
    return pytester


def test_fails_on_artifacts_passes_clean_then_skips_from_cache(project: pytest.Pytester) -> None:
    first = project.runpytest("--transcheck", "-rs")
    first.assert_outcomes(passed=2, failed=1)
    first.stdout.fnmatch_lines([
        "*_ article.txt::transcheck _*",
        "article.txt:1:50: TC103 Fragment “walk” is stranded after a closing quote*",
        "  1 | The guide told visitors to “keep off the dunes.” walk”.",
        "article.txt:3:9: TC111 Space before “,”",
        "  3 | The path , she added, closes at dusk.",
        "    |         ^",
        "    = help: remove the space",
        "Found 2 problems in 1 file.",
        "[[]*] 1 fixable with `transcheck --fix`*",
    ])
    second = project.runpytest("--transcheck", "-rs")
    second.assert_outcomes(passed=1, failed=1, skipped=1)
    second.stdout.fnmatch_lines(["SKIPPED * file previously passed transcheck checks"])
    # Fixing the article makes it pass, after which it is cached too.
    (project.path / "article.txt").write_text(CLEAN, encoding="utf-8")
    project.runpytest("--transcheck").assert_outcomes(passed=2, skipped=1)
    project.runpytest("--transcheck").assert_outcomes(passed=1, skipped=2)


def test_cache_follows_content_and_rule_set(project: pytest.Pytester) -> None:
    project.runpytest("--transcheck").assert_outcomes(passed=2, failed=1)
    (project.path / "clean.txt").write_text(CLEAN + "\nIt docks at the pier.\n", encoding="utf-8")
    project.runpytest("--transcheck").assert_outcomes(passed=2, failed=1)
    project.makefile(".toml", transcheck='ignore = ["TC111"]\n')
    project.runpytest("--transcheck").assert_outcomes(passed=2, failed=1)
    project.runpytest("--transcheck").assert_outcomes(passed=1, failed=1, skipped=1)


HOUSE_PACK = """\
code = "HS301"
name = "house-style"
summary = "House style."
explanation = "## What it does\\nChecks the house style."
category = "Style/Awkward"
language = "en"

[[entry]]
phrase = "{phrase}"
message = "Not our style."
examples.flag = ["Take the {phrase} today."]
examples.accept = ["Take the bus today."]
"""


def test_cache_follows_the_rule_packs(project: pytest.Pytester) -> None:
    packs = project.mkdir("house")
    (packs / "house.toml").write_text(HOUSE_PACK.format(phrase="tram"), encoding="utf-8")
    project.makefile(".toml", transcheck='rules-dirs = ["house"]\n')
    project.runpytest("--transcheck").assert_outcomes(passed=2, failed=1)
    (packs / "house.toml").write_text(HOUSE_PACK.format(phrase="ferry"), encoding="utf-8")
    result = project.runpytest("--transcheck")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["clean.txt:1:5: HS301 Not our style."])


def test_include_and_exclude_from_configuration(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", transcheck='include = ["*.rst"]\nexclude = ["drafts/*"]\n')
    pytester.makefile(".rst", notes=CLEAN)
    pytester.makefile(".txt", ignored=ARTICLE)
    pytester.mkdir("drafts")
    (pytester.path / "drafts" / "wip.rst").write_text(ARTICLE, encoding="utf-8")
    result = pytester.runpytest("--transcheck", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["notes.rst::transcheck", "1 test collected*"])
    result.stdout.no_fnmatch_line("*drafts*")


def test_marker_selects_only_transcheck_items(project: pytest.Pytester) -> None:
    result = project.runpytest("--transcheck", "-m", "transcheck", "--strict-markers")
    result.assert_outcomes(passed=1, failed=1, deselected=1)
    project.runpytest("--transcheck", "-m", "not transcheck").assert_outcomes(
        passed=1, deselected=2)


def test_nothing_collected_without_the_option(project: pytest.Pytester) -> None:
    result = project.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*.txt*")


def test_bad_configuration_is_a_usage_error(project: pytest.Pytester) -> None:
    project.makefile(".toml", transcheck='select = ["TC777"]\n')
    result = project.runpytest("--transcheck")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*transcheck: *unknown rule code or name 'TC777'*"])


def test_unreadable_file_fails_with_one_line(pytester: pytest.Pytester) -> None:
    (pytester.path / "latin1.txt").write_bytes("Caf\u00e9 au lait.\n".encode("latin-1"))
    result = pytester.runpytest("--transcheck")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["transcheck: error: latin1.txt: invalid UTF-8 at byte offset 3*"])
    assert "Traceback" not in result.stdout.str()
