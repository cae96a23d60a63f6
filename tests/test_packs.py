"""Rule packs: the shipped packs, the phrase syntax, user directories, malformed packs."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from transcheck import check_text
from transcheck.document import Document
from transcheck.errors import ConfigError
from transcheck.packs.contexts import MAX_CONTEXTS
from transcheck.packs.format import Entry, load_pack, parse_pack
from transcheck.packs.plugin import PackRule, pack_files, shipped_packs_dir

from .conftest import ROOT

SHIPPED = [load_pack(path) for path in pack_files([shipped_packs_dir()])]
CALQUE_SOURCES = ("de", "fr", "es", "it", "pt", "ru", "uk", "zh")


# --- The shipped packs ------------------------------------------------------------------

def test_shipped_packs_have_unique_tc3_codes_and_documentation() -> None:
    codes = [pack.code for pack in SHIPPED]
    assert len(codes) == len(set(codes)) >= 7
    for pack in SHIPPED:
        assert pack.code.startswith("TC3"), pack.path
        for heading in ("## What it does", "## Why is this bad", "## Example", "## Fix"):
            assert heading in pack.explanation, (pack.path, heading)


def test_every_shipped_pattern_has_anchors() -> None:
    """A pattern without anchor words is tried at every position: too slow to ship."""
    assert [(pack.name, entry.number) for pack in SHIPPED for entry in pack.entries
            if entry.kind == "pattern" and not entry.anchors] == []


@pytest.mark.parametrize("language", CALQUE_SOURCES)
def test_at_least_forty_entries_per_source_language(language: str) -> None:
    counts = Counter(lang for pack in SHIPPED for entry in pack.entries
                     for lang in entry.source_languages)
    assert counts[language] >= 40


def test_the_wheel_ships_the_packs_and_the_examples(tmp_path: Path) -> None:
    """Built as CI and users install it, the package reads its packs and the built-in
    rules' examples from itself, not from the checkout's `rules/`."""
    from hatchling.builders.wheel import WheelBuilder

    [wheel] = WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = ("import json, sys; sys.path.insert(0, sys.argv[1]); import transcheck; "
             "from transcheck.packs.plugin import pack_files, shipped_packs_dir; "
             "from transcheck.examples import builtin_examples; "
             "print(json.dumps([transcheck.__file__, str(shipped_packs_dir()), "
             "[p.name for p in pack_files([shipped_packs_dir()])], len(builtin_examples())]))")
    # -I: nothing of the checkout the tests run from is on the path.
    result = subprocess.run([sys.executable, "-I", "-c", probe, str(site)], capture_output=True,
                            text=True, cwd=tmp_path, check=True)
    package_file, packs_dir, names, examples = json.loads(result.stdout)
    assert Path(package_file).is_relative_to(site) and Path(packs_dir).is_relative_to(site)
    assert sorted(names) == sorted(p.name for p in (ROOT / "rules").glob("*.toml"))
    assert examples >= 40


def test_rules_command_lists_every_pack_with_its_source_languages(run_cli, tmp_path) -> None:
    result = run_cli("rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    for pack in SHIPPED:
        assert pack.code in lines
        if pack.source_languages:
            assert f"[from {', '.join(sorted(pack.source_languages))}]" in lines[pack.code]


def test_explain_works_for_a_pack_rule(run_cli, tmp_path) -> None:
    result = run_cli("explain", "german-calques", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("# TC302 german-calques")
    assert "## What it does" in result.stdout
    assert "Source languages: de." in result.stdout
    assert "This rule is a pack of" in result.stdout


def test_example_article_has_the_planted_pack_artifacts() -> None:
    text = (ROOT / "examples" / "article-mt.txt").read_text(encoding="utf-8")
    found = {(d.line, d.code) for d in check_text(text, select=["TC3"])}
    assert found == {(7, "TC301"), (9, "TC301"), (13, "TC310"), (25, "TC311"), (27, "TC311")}


# --- Source languages -------------------------------------------------------------------

def codes(text: str, source: str | None = None) -> list[str]:
    config = {"source-lang": source} if source else None
    return [d.code for d in check_text(text, select=["TC3"], config=config)]


def test_a_pack_runs_for_its_source_languages_and_when_the_source_is_unknown() -> None:
    german = "Yesterday I became a letter from the bank."
    assert codes(german, "de") == codes(german) == ["TC302"]
    assert codes(german, "fr") == []


def test_an_entry_runs_only_for_its_own_source_languages() -> None:
    text = "The hotel disposes of 120 rooms."  # French, Spanish, ... but not German
    assert codes(text, "fr") == ["TC301"]
    assert codes(text, "de") == []



def test_overlapping_findings_of_two_packs_are_reported_once_by_the_narrower_pack() -> None:
    text = "Please phone to him before noon; the board will decide on Monday."
    found = check_text(text, select=["TC3"], config={"source-lang": "fr"})
    assert [(d.code, text[d.start:d.end]) for d in found] == [("TC303", "Please phone to him")]
    # Alone, the rule for any language still reports it: nothing covers those words then.
    assert [d.code for d in check_text(text, select=["TC310"])] == ["TC310"]


def test_findings_of_two_packs_on_different_words_are_both_kept() -> None:
    text = "Please phone to him before noon, and yesterday I became a letter from the bank."
    assert sorted(d.code for d in check_text(text, select=["TC3"])) == ["TC302", "TC303"]


# --- Phrase syntax ----------------------------------------------------------------------

def pack_with(**entry: object) -> PackRule:
    data = {
        "code": "XX301", "name": "test-pack", "summary": "s", "explanation": "e",
        "category": "Style/Awkward", "language": "en",
        "entry": [{"message": "m", "examples": {"flag": ["x"], "accept": ["y"]}, **entry}],
    }
    return PackRule(parse_pack(data, "test.toml"), source_lang=None)


def spans(rule: PackRule, text: str) -> list[str]:
    return [text[hit.start:hit.end] for hit in rule.matcher.finditer(text)]


def test_alternatives_groups_and_bounded_gaps() -> None:
    rule = pack_with(phrase="pass/passed on … as (if|though)", **{"max-gap": 2})
    assert spans(rule, "They passed on old fires as if new.") == ["passed on old fires as if"]
    assert spans(rule, "They passed on the very old fires as if new.") == []  # gap of 3
    assert spans(rule, "They pass on nothing as though.") == ["pass on nothing as though"]



def test_a_phrase_of_thousands_of_common_words_is_looked_for_near_one_slot() -> None:
    # 6 x 5 x 4 x 6 x 5 = 3,600 variants: spelled out, 3,600 keys for every run to load.
    rule = pack_with(phrase="(I|we|they|he|she|you) (have|has|had|got|get) (a|the|some|) "
                            "(good|bad|big|small|new|old) (idea|plan|time|day|way)")
    text = "Then they got some bad idea about it, and we had a good time."
    assert spans(rule, text) == ["they got some bad idea", "we had a good time"]
    assert spans(rule, "They got some bad news.") == []
    # Each word of the slot, with at most `MAX_CONTEXTS` of the words around it.
    assert len(rule.matcher.index.number_all()) <= 5 * MAX_CONTEXTS

def test_optional_group() -> None:
    rule = pack_with(phrase="make (a|) party")
    assert spans(rule, "We make a party. We make party.") == ["make a party", "make party"]


def test_case_word_boundaries_and_lines() -> None:
    rule = pack_with(phrase="actual rules")
    assert spans(rule, "Actual rules; the actual rules; ACTUAL RULES") == [
        "Actual rules", "actual rules"]
    assert spans(rule, "factual rules, actual-rules, the actual rulesets") == []
    assert spans(rule, "the actual\nrules") == ["actual\nrules"]
    capital = pack_with(phrase="On the photo")
    assert spans(capital, "On the photo, we see him. Comment on the photo.") == ["On the photo"]
    anycase = pack_with(phrase="related articles", standalone=True, **{"ignore-case": True})
    assert spans(anycase, "Intro\nRELATED ARTICLES\nSee the related articles below.") == [
        "RELATED ARTICLES"]


def test_white_space_line_breaks_and_opening_marks() -> None:
    rule = pack_with(phrase="actual rules")
    text = ("Actual rules.\r\nThe actual\r\nrules; the  actual   rules; (actual rules) "
            "“actual rules”; the\n\nactual rules; the actual rules' list")
    assert spans(rule, text) == [
        "Actual rules", "actual\r\nrules", "actual   rules", "actual rules", "actual rules",
        "actual rules", "actual rules"]
    assert spans(rule, "the actual\n\nrules") == []  # no phrase across a paragraph break


def test_nothing_of_an_entry_reaches_into_the_next_paragraph() -> None:
    gapped = pack_with(phrase="pass/passed on … as (if|though)", **{"max-gap": 2})
    assert spans(gapped, "They passed on old fires\n\nas if new.") == []
    assert spans(gapped, "They passed on old fires\nas if new.") == [
        "passed on old fires\nas if"]  # a line break inside a paragraph is a space
    pattern = pack_with(pattern=r"\bsince\s+years\b", anchors=["since"])
    assert spans(pattern, "We wait since\n\nyears went by.") == []
    assert spans(pattern, "We wait since years.") == ["since years"]
    follower = pack_with(phrase="explain", **{"followed-by": r"\s+(?:you|him)\b"})
    assert spans(follower, "We will explain\n\nyou are here.") == []
    assert spans(follower, "We will explain you this.") == ["explain"]
    antipattern = pack_with(phrase="make/made a photo", antipatterns=["a photo album"])
    assert spans(antipattern, "We made a photo\n\nalbum covers came later.") == [
        "made a photo"]
    assert spans(antipattern, "We made a photo album.") == []


def test_a_repeated_paragraph_is_reported_at_each_copy() -> None:
    rule = pack_with(phrase="pass/passed on … as (if|though)", **{"max-gap": 2})
    text = ("They pass on old fires as if new.\n\nNothing else.\n\n"
            "They pass on old fires as if new.\n\nThey pass on old fires as though.")
    assert [(f.start, text[f.start:f.end]) for f in rule.check(Document(text))] == [
        (5, "pass on old fires as if"), (55, "pass on old fires as if"),
        (90, "pass on old fires as though")]
    # The same paragraph next to different ones: what it holds, whatever comes next.
    text = "We pass on the fires\n\nas if new.\n\nWe pass on the fires\n\nas it was."
    assert list(rule.check(Document(text))) == []


def test_what_clings_to_a_group_ends_each_alternative() -> None:
    rule = pack_with(phrase="(ministry|bank)'s chef")
    text = "The ministry's chef resigned; the bank's chef stayed; the ministry chef left."
    assert spans(rule, text) == ["ministry's chef", "bank's chef"]
    # An alternative that ends in a space is followed by the next word, as before.
    optional = pack_with(phrase="(the |)fish market")
    assert spans(optional, "a fish market and the fish market") == [
        "fish market", "the fish market", "fish market"]


def test_an_anchor_listed_twice_is_looked_for_once() -> None:
    rule = pack_with(pattern=r"\bsince (?:years|months)\b", anchors=["since", "Since", "since"],
                     **{"ignore-case": True})
    assert spans(rule, "We wait since years. Since months, nothing.") == [
        "since years", "Since months"]


def test_an_anchor_with_groups_stands_for_each_combination() -> None:
    rule = pack_with(pattern=r"\b(?:visit|visited) (?:often|always) (?:the|a)\b",
                     anchors=["(often|always) (the|a)"])
    assert rule.matcher.entries[1].anchors == ("often the", "often a", "always the", "always a")
    text = "We visited often the castle, visit always a museum, and often visited it."
    assert spans(rule, text) == ["visited often the", "visit always a"]


def test_a_straight_single_quote_opens_after_a_space_not_after_a_letter() -> None:
    rule = pack_with(phrase="actual rules")
    text = "'Actual rules' first; then 'actual rules'.\n'actual rules' again"
    assert spans(rule, text) == ["Actual rules", "actual rules", "actual rules"]
    assert spans(rule, "the d'actual rules") == []  # one word, an elided article


def test_antipatterns_cancel_an_overlapping_match() -> None:
    rule = pack_with(phrase="make/made a photo", antipatterns=["a photo album"])
    assert spans(rule, "We made a photo album and made a photo.") == ["made a photo"]


def test_substitution_fix_keeps_the_capital() -> None:
    rule = pack_with(wrong="since years", replacement="for years")
    findings = list(rule.check(Document("Since years we wait; since years.")))
    assert [f.fix for f in findings] == ["For years", "for years"]
    assert rule.fixable


def test_a_pack_of_thousands_of_phrases_finds_each_one() -> None:
    phrases = [f"zq{n} calque{n % 97}" for n in range(3000)]
    data = {
        "code": "XX302", "name": "big-pack", "summary": "s", "explanation": "e",
        "category": "Style/Awkward", "language": "en",
        "entry": [{"phrase": p, "message": p, "examples": {"flag": ["x"], "accept": ["y"]}}
                  for p in phrases],
    }
    rule = PackRule(parse_pack(data, "big.toml"), source_lang=None)
    text = " and ".join(phrases[::100]) + ". zq1 calque2 is not one."
    assert [hit.entry.message for hit in rule.matcher.finditer(text)] == phrases[::100]


# --- Malformed packs --------------------------------------------------------------------

VALID = """\
code = "HS301"
name = "house-style"
summary = "House style."
explanation = "## What it does\\nChecks the house style."
category = "Style/Awkward"
language = "en"
source-languages = ["de"]

[[entry]]
phrase = "utilise/utilises"
message = "Write “use”."
examples.flag = ["We utilise the hall."]
examples.accept = ["We use the hall."]

[[entry]]
{second}
message = "Second entry."
examples.flag = ["Plan B."]
examples.accept = ["Plan A."]
"""


@pytest.mark.parametrize(("second", "problem"), [
    ('phrase = "plan B"\nbogus = 1', "unknown key 'bogus'"),
    ('pattern = "(Plan"', "invalid regular expression"),
    ('pattern = "(Plan) B"', "capturing groups"),
    ('pattern = "(?i)plan b"', "global flag"),
    ('pattern = "x*"', "can match empty text"),
    ('phrase = "… plan B"', "cannot be empty or start or end with a gap"),
    ('phrase = "(plan B"', "unbalanced"),
    ('phrase = "close the light/the TV"', "'/' separates single words"),
    ('phrase = "warn (<object-pronoun>/you|the police) that"', "not '/'"),
    ('phrase = "utilise"', "already in entry 1"),
    ('wrong = "plan/plans B"\nreplacement = "plan C"', "'wrong' takes plain words"),
    ('phrase = "plan B"\nsource-languages = ["fr"]', "must be among the pack's"),
    ('phrase = "plan B"\nreplacement = "x"', "'replacement' (a string) goes with 'wrong'"),
    ('pattern = "plan B"\nanchors = ["(plan|scheme"]', "unbalanced"),
    ('pattern = "plan B"\nanchors = ["(plan|<noun>) b"]', "not a class or a gap"),
])
def test_malformed_entry_names_the_file_and_the_entry(
    tmp_path: Path, second: str, problem: str
) -> None:
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second=second), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        PackRule(load_pack(path), source_lang=None)
    message = str(caught.value)
    assert message.startswith(f"{path}: entry 2 ")
    assert problem in message
    assert "\n" not in message


@pytest.mark.parametrize(("text", "problem"), [
    ('code = "TC301"\nname = ', "invalid TOML"),
    (VALID.format(second='phrase = "plan B"').replace('code = "HS301"', 'code = "hs"'),
     "'code' must look like"),
    (VALID.format(second='phrase = "plan B"').replace('name = "house-style"', 'name = "House"'),
     "kebab-case"),
    (VALID.format(second='phrase = "plan B"').replace('examples.accept = ["We use the hall."]',
                                                      ""), "'accept' needs at least one"),
])
def test_malformed_pack_names_the_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "house.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as caught:
        load_pack(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("phrase", [
    "close the (light|TV)", "(close the light|close the TV)", "the the/a", "so/very very much",
])
def test_phrases_near_the_slash_trap_are_accepted(tmp_path: Path, phrase: str) -> None:
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second=f'phrase = "{phrase}"'), encoding="utf-8")
    assert load_pack(path).entries[1].texts == (phrase,)


def test_entry_label_shows_its_text() -> None:
    entry = Entry(3, "phrase", ("make a photo",), "m", None, ("x",), ("y",))
    assert entry.label == "entry 3 ('make a photo')"


# --- User directories through the command line and the configuration ---------------------

def write_house_pack(directory: Path, second: str = 'phrase = "plan B"') -> Path:
    directory.mkdir()
    path = directory / "house.toml"
    path.write_text(VALID.format(second=second), encoding="utf-8")
    return path


def test_rules_dir_option_loads_a_user_pack(run_cli, tmp_path) -> None:
    write_house_pack(tmp_path / "house")
    (tmp_path / "a.txt").write_text("We utilise the hall for plan B.\n", encoding="utf-8")
    result = run_cli("--rules-dir", str(tmp_path / "house"), "--select", "HS301",
                     str(tmp_path / "a.txt"), cwd=tmp_path)
    assert result.returncode == 1
    assert "a.txt:1:4: HS301 Write “use”." in result.stdout
    assert "a.txt:1:25: HS301 Second entry." in result.stdout
    listing = run_cli("rules", "--rules-dir", str(tmp_path / "house"), cwd=tmp_path)
    assert "HS301" in listing.stdout and "[from de]" in listing.stdout


def test_rules_dirs_config_key_loads_a_user_pack(run_cli, tmp_path) -> None:
    write_house_pack(tmp_path / "house")
    (tmp_path / "transcheck.toml").write_text('rules-dirs = ["house"]\nselect = ["HS3"]\n',
                                              encoding="utf-8")
    (tmp_path / "a.txt").write_text("We utilise the hall.\n", encoding="utf-8")
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "HS301" in result.stdout


def test_malformed_user_pack_is_a_one_line_error_with_exit_2(run_cli, tmp_path) -> None:
    path = write_house_pack(tmp_path / "house", second='pattern = "(Plan"')
    (tmp_path / "a.txt").write_text("We utilise the hall.\n", encoding="utf-8")
    result = run_cli("--rules-dir", str(tmp_path / "house"), "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert str(path) in line and "entry 2 ('(Plan')" in line
    assert "invalid regular expression" in line


def test_missing_rules_dir_is_an_error(run_cli, tmp_path) -> None:
    result = run_cli("rules", "--rules-dir", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2
    assert "rules directory not found" in result.stderr


def test_duplicate_code_across_packs_is_an_error(tmp_path: Path) -> None:
    house = write_house_pack(tmp_path / "house")
    house.write_text(house.read_text(encoding="utf-8").replace("HS301", "TC301"),
                     encoding="utf-8")
    with pytest.raises(ConfigError, match="'TC301' is already used by"):
        check_text("x", config={"rules-dirs": [str(tmp_path / "house")]})


def test_rules_readme_documents_every_entry_key() -> None:
    readme = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    for key in ("phrase", "wrong", "replacement", "pattern", "message", "examples.flag",
                "examples.accept", "antipatterns", "source-languages", "ignore-case", "standalone",
                "max-gap", "default-enabled", "anchors"):
        assert f"`{key}`" in readme, key
    assert "```toml" in readme


# --- The cache of validated packs -------------------------------------------------------

def test_a_validated_pack_is_read_from_the_cache_until_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from transcheck.packs import cache as packs_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second='phrase = "plan B"'), encoding="utf-8")
    first = load_pack(path)
    assert len(list(packs_cache.cache_dir().glob("*.marshal"))) == 1
    assert load_pack(path) == first
    moved = tmp_path / "moved.toml"
    moved.write_bytes(path.read_bytes())
    assert load_pack(moved).path == str(moved)
    path.write_text(VALID.format(second='phrase = "plan C"'), encoding="utf-8")
    assert load_pack(path).entries[1].texts == ("plan C",)
    path.write_text(VALID.format(second='phrase = "plan B"').replace('"HS301"', '"hs"'),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="'code' must look like"):
        load_pack(path)


def test_a_damaged_or_unwritable_cache_only_costs_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from transcheck.packs import cache as packs_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second='phrase = "plan B"'), encoding="utf-8")
    expected = load_pack(path)
    for stored in packs_cache.cache_dir().glob("*.marshal"):
        stored.write_bytes(b"not marshal {")
    assert load_pack(path) == expected
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a file: no directory beneath
    assert load_pack(path) == expected


def test_a_pack_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_bytes(VALID.format(second='phrase = "plan B"').encode() + b"# \xff\n")
    with pytest.raises(ConfigError, match="not UTF-8") as caught:
        load_pack(path)
    assert str(caught.value).startswith(str(path))


def test_no_home_directory_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second='phrase = "plan B"'), encoding="utf-8")
    assert load_pack(path).code == "HS301"
