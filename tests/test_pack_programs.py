"""Pack regexes built from cached programs behave exactly as `re.compile` makes them, and
a program that is not the user's own, or not a program, is never run."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.packs import cache as packs_cache
from transcheck.packs import programs
from transcheck.packs.programs import compiled

PATTERNS = [
    r"[\s\S]{0,40}?(?:(?P<e3>(?:\b(?:much|even|far) (?:more|less)\b)))",
    r"[\s\S]{0,12}?(?:(?P<e7>(?:(?=[^\w])|(?<![\w/-])(?<!\w['’]))[tT]ake\s+(?:part|place)))",
    r"(?<![\w/-])(?<!\w['’])(?:[aA]ir\s+force(?!\w|[-/'’]\w)|[rR]escue\s+force)",
    r"^[^\S\n]*(?:loading|please wait)[^\S\n]*$",
]
TEXTS = st.text(alphabet="muchevnfarols takepriAFRcdwigLP'’-/\n", max_size=60)


def _programs(cache: Path) -> list[Path]:
    return sorted((cache / "transcheck" / "packs" / "programs").glob("*.marshal"))


def _stored(pattern: str) -> Path:
    engine = programs._engine()
    assert engine is not None
    return programs._path(engine, pattern, re.M)


def _same(found: re.Pattern[str], expected: re.Pattern[str], text: str) -> bool:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in found.finditer(text)] == [
        (m.span(), m.lastgroup, m.groupdict()) for m in expected.finditer(text)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PATTERNS), TEXTS)
def test_a_pattern_from_its_program_matches_as_compiled(pattern: str, text: str) -> None:
    expected = re.compile(pattern, re.M)
    for _ in range(2):  # made afresh (and stored), then from the stored program
        found = compiled(pattern)
        assert (found.pattern, found.flags, found.groupindex, found.groups) == (
            expected.pattern, expected.flags, expected.groupindex, expected.groups)
        assert _same(found, expected, text)


def test_programs_are_plain_data_stored_once(cache: Path) -> None:
    for pattern in PATTERNS:
        compiled(pattern)
    stored = _programs(cache)
    assert len(stored) == len(PATTERNS)
    assert all(isinstance(packs_cache.read(path), list) for path in stored)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_a_program_others_can_write_is_not_run(cache: Path) -> None:
    first, second = (_stored(compiled(pattern).pattern) for pattern in PATTERNS[:2])
    first.write_bytes(second.read_bytes())  # the owner's own edit: read
    assert compiled(PATTERNS[0]).groupindex != re.compile(PATTERNS[0]).groupindex
    first.chmod(first.stat().st_mode | stat.S_IWOTH)
    assert compiled(PATTERNS[0]).groupindex == re.compile(PATTERNS[0]).groupindex


@pytest.mark.parametrize("content", [b"not marshal", [], [0, [1, 2, 3], 0, {}, []]])
def test_a_damaged_program_is_compiled_afresh(cache: Path, content: object) -> None:
    compiled(PATTERNS[2])
    (stored,) = _programs(cache)
    if isinstance(content, bytes):
        stored.write_bytes(content)
    else:  # stored whole, but not a program
        packs_cache.write(stored, content)
    assert _same(compiled(PATTERNS[2]), re.compile(PATTERNS[2], re.M), "Air force one")


def test_without_the_engine_patterns_are_compiled(monkeypatch: pytest.MonkeyPatch,
                                                  cache: Path) -> None:
    monkeypatch.setattr(programs, "_engine", lambda: None)
    assert compiled(PATTERNS[0]).pattern == PATTERNS[0]
    assert not _programs(cache)


def test_a_named_pattern_is_written_once_and_read_back_with_its_program(cache: Path) -> None:
    written: list[str] = []

    def write() -> str:
        written.append(PATTERNS[1])
        return PATTERNS[1]

    for _ in range(2):
        found = programs.compiled_as("entry 7, its phrases", write)
        assert found.pattern == PATTERNS[1]
        assert _same(found, re.compile(PATTERNS[1], re.M), "we take part, they took place")
    assert written == [PATTERNS[1]]
    assert programs.compiled_as("another name", lambda: PATTERNS[0]).pattern == PATTERNS[0]


@pytest.mark.parametrize("content", [b"not marshal", [], [0, [1, 2, 3]], ["(", [1, 2]]])
def test_a_damaged_named_pattern_is_written_afresh(cache: Path, content: object) -> None:
    programs.compiled_as("name", lambda: PATTERNS[2])
    (stored,) = _programs(cache)
    if isinstance(content, bytes):
        stored.write_bytes(content)
    else:  # stored whole, but not a pattern and its program
        packs_cache.write(stored, content)
    found = programs.compiled_as("name", lambda: PATTERNS[2])
    assert _same(found, re.compile(PATTERNS[2], re.M), "Air force one")
    assert packs_cache.read(stored)[0] == PATTERNS[2]  # and stored again
