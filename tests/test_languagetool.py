"""The LanguageTool backend against a stand-in server started by each test.

The server in `languagetool_standin.py` is a stand-in for LanguageTool: it speaks the
`/v2/check` protocol as LanguageTool documents it, but reports whatever regular
expressions a test gives it. These tests check how transcheck talks to a LanguageTool
server and maps its answers (codes, severities, offsets, fixes), batching, caching,
selection, deduplication and failures; they say nothing about LanguageTool's own
linguistic judgements.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.languagetool import backend
from transcheck.languagetool.backend import Backend, Options
from transcheck.languagetool.cache import Cache
from transcheck.languagetool.client import Pace, api_base

from .languagetool_standin import StandIn, StandInRule, stand_in

SPELLING = StandInRule(r"\brecieve\b", "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake.",
                       ("receive", "relieve"), "misspelling", "TYPOS", "Possible Typo",
                       url="https://example.org/rules/spelling")
AGREEMENT = StandInRule(r"\bhe go\b", "HE_VERB_AGR", "The verb does not agree with “he”.",
                        ("he goes",), "grammar", "MISC", "Miscellaneous")
WORDY = StandInRule(r"\bin order to\b", "IN_ORDER_TO", "Consider a shorter phrase.",
                    ("to",), "style", "REDUNDANCY", "Redundant Phrases")
COMMA_SPACE = StandInRule(r" ,", "COMMA_PARENTHESIS_WHITESPACE", "No space before a comma.",
                          (",",), "whitespace", "TYPOGRAPHY", "Typography")
FRIEND = StandInRule(r"\beventually\b", "EVENTUALLY_FALSE_FRIEND", "Perhaps you mean “possibly”.",
                     ("possibly",), "mistranslation", "FALSE_FRIENDS", "False Friends")


@pytest.fixture
def server() -> Iterator[StandIn]:
    with stand_in(StandIn(rules=[SPELLING, AGREEMENT, WORDY, COMMA_SPACE, FRIEND])) as state:
        yield state


def run(tmp_path: Path, url: str, text: str, **settings: Any) -> list[Diagnostic]:
    """Check `text` in a fresh engine (as a new run would), then end the run."""
    plugin = {"languagetool-url": url, **settings.pop("plugin", {})}
    engine = Engine(Settings(root=tmp_path, plugin_options=plugin, **settings))
    try:
        return engine.check(Document(text, "article.txt"))
    finally:
        engine.finish()


def lt(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code.startswith("LT")]


def span(text: str, d: Diagnostic) -> str:
    return text[d.start:d.end]


# --- mapping -----------------------------------------------------------------------------


def test_matches_become_diagnostics_with_code_severity_category_and_fix(tmp_path, server):
    text = "We waited while he go in order to recieve the parcel.\n"
    found = {d.code: d for d in lt(run(tmp_path, server.url, text))}
    assert set(found) == {"LT-HE_VERB_AGR", "LT-IN_ORDER_TO", "LT-MORFOLOGIK_RULE_EN_US"}

    grammar = found["LT-HE_VERB_AGR"]
    # MISC has no MQM counterpart: the issue type decides.
    assert (grammar.severity, grammar.category) == (Severity.ERROR, "Fluency/Grammar")
    assert grammar.name == "lt-he-verb-agr"
    assert grammar.message == "The verb does not agree with “he”."
    assert grammar.fix == "he goes"  # one suggestion, a grammar match: a fix

    spelling = found["LT-MORFOLOGIK_RULE_EN_US"]
    assert (spelling.severity, spelling.category) == (Severity.WARNING, "Fluency/Spelling")
    assert spelling.fix is None  # spelling suggestions are guesses
    assert spelling.message == "Possible spelling mistake. Suggestions: receive, relieve."
    assert span(text, spelling) == "recieve"

    wordy = found["LT-IN_ORDER_TO"]
    assert (wordy.severity, wordy.category, wordy.fix) == (Severity.INFO, "Style/Awkward", None)


def test_category_decides_mqm_and_false_friends_are_mistranslations(tmp_path, server):
    [friend] = lt(run(tmp_path, server.url, "The plan will eventually work.\n"))
    assert (friend.code, friend.category) == ("LT-EVENTUALLY_FALSE_FRIEND",
                                              "Accuracy/Mistranslation")
    assert friend.severity is Severity.ERROR


def test_language_and_mother_tongue_are_sent(tmp_path, server):
    run(tmp_path, server.url, "One line.\n", language="en-GB", source_lang="pt-br")
    assert {(r["language"], r["motherTongue"]) for r in server.requests} == {("en-GB", "pt-BR")}


def test_no_mother_tongue_without_a_source_language(tmp_path, server):
    run(tmp_path, server.url, "One line.\n")
    assert all("motherTongue" not in r for r in server.requests)
    assert {r["language"] for r in server.requests} == {"en-US"}


# --- offsets -----------------------------------------------------------------------------


def test_offsets_in_multi_line_text_with_accents_and_astral_characters(tmp_path, server):
    text = ("Café “owners” in Zürich 😀 were told.\n\n"
            "Line one of the second paragraph 𝒳 ✓\n"
            "then 🎉🎉 they could not recieve it while he go home.\r\n")
    found = {d.code: d for d in lt(run(tmp_path, server.url, text))}
    spelling, grammar = found["LT-MORFOLOGIK_RULE_EN_US"], found["LT-HE_VERB_AGR"]
    assert (spelling.line, spelling.column, spelling.end_column) == (4, 24, 31)
    assert span(text, spelling) == "recieve"
    assert span(text, grammar) == "he go"


def test_a_span_that_contains_an_astral_character(tmp_path):
    emoji = StandInRule(r"go 🚀 now", "ROCKET", "A rocket.", ("go now",))
    with stand_in(StandIn(rules=[emoji])) as server:
        text = "We 🚀 said: go 🚀 now, please.\n"
        [d] = lt(run(tmp_path, server.url, text))
    assert span(text, d) == "go 🚀 now"
    assert (d.column, d.end_column) == (12, 20)  # code points, not UTF-16 units


# --- batching ----------------------------------------------------------------------------


def paragraphs(count: int) -> str:
    return "\n\n".join(f"Paragraph {i} says that we could not recieve it." for i in range(count))


def test_paragraphs_are_batched_and_sent_concurrently(tmp_path, server, monkeypatch):
    monkeypatch.setattr(backend, "BATCH_BYTES", 120)  # two 49-byte paragraphs a batch
    server.delay = 0.2
    text = paragraphs(8) + "\n"
    found = lt(run(tmp_path, server.url, text))
    checks = [t for t in server.texts if t.startswith("Paragraph")]
    assert len(checks) == 4
    assert all(t.count("\n\n") == 1 for t in checks)
    assert server.most_at_once > 1
    assert [d.line for d in found] == [1, 3, 5, 7, 9, 11, 13, 15]
    assert all(span(text, d) == "recieve" for d in found)


def test_a_match_across_two_batched_paragraphs_is_dropped(tmp_path):
    across = StandInRule(r"end\.\n\nNext", "ACROSS", "Spans two paragraphs.")
    inside = StandInRule(r"Next", "INSIDE", "Inside one paragraph.")
    with stand_in(StandIn(rules=[across, inside])) as server:
        found = lt(run(tmp_path, server.url, "This is the end.\n\nNext comes more.\n"))
    assert [d.code for d in found] == ["LT-INSIDE"]


def test_batches_split_by_offset():
    text = ["Alpha 😀 one.", "Beta two.", "Gamma three."]
    joined = backend.SEPARATOR.join(text)
    from transcheck.languagetool.protocol import LTMatch

    matches = [LTMatch(joined.index(word), len(word), "m", "R") for word in ("one", "two", "three")]
    split = backend._split(matches, text)
    assert [[(text[i][m.offset:m.offset + m.length]) for m in ms] for i, ms in enumerate(split)] \
        == [["one"], ["two"], ["three"]]


# --- caching -----------------------------------------------------------------------------


def test_an_unchanged_text_costs_no_request(tmp_path, server):
    text = "We waited while he go.\n\nThen we could not recieve it.\n"
    first = run(tmp_path, server.url, text)
    sent = len(server.requests)
    assert sent == 2  # the version probe, then one batch
    assert run(tmp_path, server.url, text) == first
    assert len(server.requests) == sent
    assert (tmp_path / ".transcheck_cache" / ".gitignore").read_text().strip().endswith("*")


def test_only_changed_paragraphs_are_sent_again(tmp_path, server):
    run(tmp_path, server.url, "First paragraph stays.\n\nSecond one will change.\n")
    server.requests.clear()
    run(tmp_path, server.url, "First paragraph stays.\n\nSecond one has changed.\n")
    assert server.texts == ["Second one has changed."]


@pytest.mark.parametrize("change", [{"language": "en-GB"}, {"source_lang": "de"}])
def test_language_and_mother_tongue_are_part_of_the_key(tmp_path, server, change):
    run(tmp_path, server.url, "A sentence to check.\n")
    server.requests.clear()
    run(tmp_path, server.url, "A sentence to check.\n", **change)
    assert server.texts == ["A sentence to check."]


def test_a_new_languagetool_version_checks_again(tmp_path, server):
    text = "A sentence to check.\n"
    run(tmp_path, server.url, text)
    server.version = "0.1-standin"
    [record] = (tmp_path / ".transcheck_cache" / "languagetool" / "servers").glob("*.json")
    data = json.loads(record.read_text())
    record.write_text(json.dumps({**data, "seen": data["seen"] - 2 * backend.VERSION_MAX_AGE}))
    server.requests.clear()
    run(tmp_path, server.url, text)
    assert server.texts == [backend._PROBE, "A sentence to check."]
    server.requests.clear()
    run(tmp_path, server.url, text)
    assert server.requests == []


def test_cache_directory_is_configurable(tmp_path, server):
    run(tmp_path, server.url, "A sentence to check.\n",
        plugin={"languagetool-cache-dir": "shared/lt"})
    assert list((tmp_path / "shared" / "lt").rglob("*.json"))
    assert not (tmp_path / ".transcheck_cache").exists()


def test_an_unreadable_cache_entry_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    key = Cache.key("text", "en-US", None, "1.0")
    (tmp_path / key[:2]).mkdir()
    (tmp_path / key[:2] / f"{key[2:]}.json").write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None


# --- selection ---------------------------------------------------------------------------

TEXT = "We waited while he go in order to recieve the parcel.\n"


@pytest.mark.parametrize(("settings", "codes"), [
    ({"ignore": ("LT-TYPOS",)}, {"LT-HE_VERB_AGR", "LT-IN_ORDER_TO"}),
    ({"ignore": ("LT-TYPOS", "LT-REDUNDANCY")}, {"LT-HE_VERB_AGR"}),
    ({"ignore": ("LT-TYPOS",), "extend_select": ("LT-MORFOLOGIK_RULE_EN_US",)},
     {"LT-HE_VERB_AGR", "LT-IN_ORDER_TO", "LT-MORFOLOGIK_RULE_EN_US"}),
    ({"ignore": ("LT-HE_",)}, {"LT-IN_ORDER_TO", "LT-MORFOLOGIK_RULE_EN_US"}),
    ({"select": ("LT-HE_VERB_AGR",)}, {"LT-HE_VERB_AGR"}),
    ({"select": ("TC1", "LT")}, {"LT-HE_VERB_AGR", "LT-IN_ORDER_TO", "LT-MORFOLOGIK_RULE_EN_US"}),
    ({"ignore": ("lt-he-verb-agr",)}, {"LT-IN_ORDER_TO", "LT-MORFOLOGIK_RULE_EN_US"}),
    ({"per_file_ignores": {"*.txt": ("LT-STYLE", "LT-REDUNDANCY")}},
     {"LT-HE_VERB_AGR", "LT-MORFOLOGIK_RULE_EN_US"}),
])
def test_rules_and_categories_are_selected_like_codes(tmp_path, server, settings, codes):
    assert {d.code for d in lt(run(tmp_path, server.url, TEXT, **settings))} == codes


@pytest.mark.parametrize("settings", [{"select": ("TC1",)}, {"ignore": ("LT",)},
                                      {"ignore": ("languagetool",)}])
def test_languagetool_not_selected_sends_nothing(tmp_path, server, settings):
    assert lt(run(tmp_path, server.url, TEXT, **settings)) == []
    assert server.requests == []


def test_select_all_without_languagetool_configured_runs_nothing(tmp_path):
    engine = Engine(Settings(root=tmp_path, select=("ALL",)))
    assert "LT" in [r.code for r in engine.rules]
    assert lt(engine.check(Document(TEXT))) == []
    assert not engine.single_process  # --jobs still checks files in parallel
    engine.finish()
    assert not (tmp_path / ".transcheck_cache").exists()


def test_with_languagetool_files_are_checked_in_one_process(tmp_path):
    engine = Engine(Settings(root=tmp_path, plugin_options={"languagetool": True}))
    assert engine.single_process
    engine.finish()


# --- one diagnostic per problem ------------------------------------------------------------


def test_a_problem_transcheck_reports_is_not_reported_again(tmp_path, server):
    found = run(tmp_path, server.url, "The plan , said the mayor, was ready.\n")
    assert [d.code for d in found] == ["TC111"]


@pytest.mark.parametrize(("rule_id", "pattern", "text", "code"), [
    ("DOUBLE_PUNCTUATION", r",,", "We met,, then left.", "TC114"),
    ("SENTENCE_WHITESPACE", r"\.The", "We left home.The bus was late.", "TC113"),
    ("EN_UNPAIRED_QUOTES", r"”", "They said stay home.” Then they left.", "TC101"),
    ("COMMA_PARENTHESIS_WHITESPACE", r"\( ", "The plan ( and its budget) was ready.", "TC112"),
    ("EN_A_VS_AN", r"\ba hour", "We waited a hour for the bus.", "TC205"),
    ("ENGLISH_WORD_REPEAT_RULE", r"\bthe the\b", "We saw the the bus leave.", "TC207"),
])
def test_each_shared_problem_is_reported_once(tmp_path, rule_id, pattern, text, code):
    with stand_in(StandIn(rules=[StandInRule(pattern, rule_id, "Same problem.")])) as server:
        alone = run(tmp_path, server.url, text + "\n", ignore=(code,))
        both = run(tmp_path, server.url, text + "\n")
    assert [d.code for d in alone] == [f"LT-{rule_id}"]
    assert [d.code for d in both] == [code]


def test_the_languagetool_match_stays_when_transcheck_rule_is_off(tmp_path, server):
    found = run(tmp_path, server.url, "The plan , said the mayor, was ready.\n",
                ignore=("TC111",))
    assert [d.code for d in found] == ["LT-COMMA_PARENTHESIS_WHITESPACE"]


# --- failures ----------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("The plan , said the mayor, was ready.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("status", "expected"), [
    (500, "answered HTTP 500: Error: something went wrong"),
    (429, "rate limit reached (HTTP 429)"),
    (413, "as too long (HTTP 413)"),
    (403, "answered HTTP 403"),
])
def test_a_server_error_is_one_line_and_exit_2(run_cli, tmp_path, article, server, status,
                                               expected):
    server.status = status
    result = run_cli("--languagetool-url", server.url, str(article), cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("transcheck: error: LanguageTool: ")
    assert expected in line
    assert "--languagetool-optional" in line
    assert result.stdout == ""


def test_an_answer_that_is_not_languagetool_json(run_cli, tmp_path, article, server):
    server.body = "<html>a proxy's login page</html>"
    result = run_cli("--languagetool-url", server.url, str(article), cwd=tmp_path)
    assert result.returncode == 2
    assert "did not answer like a LanguageTool server" in result.stderr


def test_a_server_that_is_not_running(run_cli, tmp_path, article):
    with stand_in() as gone:
        url = gone.url
    result = run_cli("--languagetool-url", url, str(article), cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "cannot connect to the LanguageTool server at" in line


def test_a_server_that_answers_too_slowly(run_cli, tmp_path, article, server):
    server.delay = 3
    (tmp_path / "transcheck.toml").write_text("languagetool-timeout = 0.5\n", encoding="utf-8")
    result = run_cli("--languagetool-url", server.url, str(article), cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "did not answer within 0.5 s; raise languagetool-timeout" in line


def test_a_failure_stops_the_run_with_one_line(run_cli, tmp_path, server):
    server.status = 500
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("A plain sentence.\n", encoding="utf-8")
    result = run_cli("--languagetool-url", server.url, "a.txt", "b.txt", "c.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


def test_optional_languagetool_warns_once_and_goes_on(run_cli, tmp_path, article, server):
    server.status = 500
    (tmp_path / "b.txt").write_text("Another plan , and another.\n", encoding="utf-8")
    result = run_cli("--languagetool-url", server.url, "--languagetool-optional",
                     str(article), "b.txt", cwd=tmp_path)
    assert result.returncode == 1  # transcheck's own findings
    [warning] = result.stderr.splitlines()
    assert warning.startswith("transcheck: warning: LanguageTool: ")
    assert warning.endswith("going on without it")
    assert result.stdout.count("TC111") == 2
    assert len(server.requests) == 1


def test_optional_from_the_config_file(run_cli, tmp_path, article, server):
    server.status = 500
    (tmp_path / "transcheck.toml").write_text(
        f'languagetool-url = "{server.url}"\nlanguagetool-optional = true\n', encoding="utf-8")
    result = run_cli("--quiet", str(article), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""  # --quiet: findings only


@pytest.mark.parametrize(("key", "value"), [
    ("languagetool", '"yes"'), ("languagetool-url", '"localhost:8081"'),
    ("languagetool-timeout", "0"), ("languagetool-cache-dir", "3"),
])
def test_bad_config_values(run_cli, tmp_path, article, key, value):
    (tmp_path / "transcheck.toml").write_text(f"{key} = {value}\n", encoding="utf-8")
    result = run_cli(str(article), cwd=tmp_path)
    assert result.returncode == 2
    assert f"'{key}' must be" in result.stderr


# --- every output format, explain, rules ---------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "jsonl", "sarif",
                                           "github", "gitlab", "junit"])
def test_languagetool_diagnostics_in_every_output_format(run_cli, tmp_path, server,
                                                         output_format):
    (tmp_path / "a.txt").write_text("We could not recieve it.\n", encoding="utf-8")
    result = run_cli("--languagetool-url", server.url, "--format", output_format, "a.txt",
                     cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "LT-MORFOLOGIK_RULE_EN_US" in result.stdout


def test_explain_shows_languagetools_description(run_cli, tmp_path, server):
    (tmp_path / "a.txt").write_text("We could not recieve it.\n", encoding="utf-8")
    run_cli("--languagetool-url", server.url, "a.txt", cwd=tmp_path)
    result = run_cli("explain", "LT-MORFOLOGIK_RULE_EN_US", cwd=tmp_path)
    assert result.returncode == 0
    assert "Possible spelling mistake." in result.stdout
    assert "`LT-TYPOS`" in result.stdout
    assert "https://example.org/rules/spelling" in result.stdout
    category = run_cli("explain", "LT-TYPOS", cwd=tmp_path)
    assert "`LT-MORFOLOGIK_RULE_EN_US`" in category.stdout


def test_explain_a_rule_not_seen_yet(run_cli, tmp_path):
    result = run_cli("explain", "LT-SOME_RULE", cwd=tmp_path)
    assert result.returncode == 0
    assert "none has reported this rule in this project yet" in result.stdout


def test_explain_and_rules_list_the_bridge(run_cli, tmp_path):
    explained = run_cli("explain", "LT", cwd=tmp_path)
    assert "LT-<id>" in explained.stdout
    listed = run_cli("rules", "--format", "json", cwd=tmp_path)
    [row] = [r for r in json.loads(listed.stdout) if r["code"] == "LT"]
    assert row["default"] is False


# --- the public API's limits ---------------------------------------------------------------


def test_the_public_api_gets_one_request_at_a_time_within_its_limits(tmp_path):
    public = Backend(Options("https://api.languagetool.org/v2", "en-US", None, tmp_path, 10.0))
    assert (public.workers, public.batch_bytes) == (1, backend.PUBLIC_BATCH_BYTES)
    assert public.batch_bytes < 20_000
    assert public.pace is not None
    own = Backend(Options("http://localhost:8010", "en-US", None, tmp_path, 10.0))
    assert own.pace is None and own.workers > 1


def test_pace_spaces_requests_by_count_and_by_size():
    pace = Pace(requests_per_minute=10, bytes_per_minute=60_000)
    assert pace.delay(1_000, now=100.0) == 0.0
    assert pace.delay(1_000, now=100.0) == 6.0  # 10 a minute
    assert pace.delay(30_000, now=112.0) == 0.0
    assert pace.delay(1_000, now=112.0) == 30.0  # 30 KB at 60 KB a minute take 30 s


@pytest.mark.parametrize("url", ["http://lt:8010", "http://lt:8010/", "http://lt:8010/v2",
                                 "http://lt:8010/v2/", "http://lt:8010/v2/check"])
def test_server_urls_are_normalised(url):
    assert api_base(url) == "http://lt:8010/v2"


def test_a_local_server_without_the_extra_is_one_line(run_cli, tmp_path) -> None:
    # language-tool-python as if not installed (the `languagetool` extra).
    blocker = tmp_path / "blocked" / "language_tool_python"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('not installed')\n")
    article = tmp_path / "a.txt"
    article.write_text("The plan , said he.\n", encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(blocker.parent), os.environ.get("PYTHONPATH", "")]),
           "LTP_PATH": str(tmp_path / "lt")}
    result = run_cli("--languagetool", str(article), cwd=tmp_path, env=env)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "pip install 'transcheck[languagetool]'" in line
    optional = run_cli("--languagetool", "--languagetool-optional", str(article), cwd=tmp_path,
                       env=env)
    assert optional.returncode == 1 and "going on without it" in optional.stderr
