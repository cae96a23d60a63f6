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

from transcheck import regex_programs as programs
from transcheck.lazy import LazyPattern
from transcheck.packs import cache as packs_cache
from transcheck.regex_programs import compiled

PATTERNS = [
    r"[\s\S]{0,40}?(?:(?P<e3>(?:\b(?:much|even|far) (?:more|less)\b)))",
    r"[\s\S]{0,12}?(?:(?P<e7>(?:(?=[^\w])|(?<![\w/-])(?<!\w['’]))[tT]ake\s+(?:part|place)))",
    r"(?<![\w/-])(?<!\w['’])(?:[aA]ir\s+force(?!\w|[-/'’]\w)|[rR]escue\s+force)",
    r"^[^\S\n]*(?:loading|please wait)[^\S\n]*$",
]
TEXTS = st.text(alphabet="muchevnfarols takepriAFRcdwigLP'’-/\n", max_size=60)


def _programs(cache: Path) -> list[Path]:
    return sorted((cache / "transcheck" / "programs").glob("*.marshal"))


def _stored(pattern: str) -> Path:
    engine = programs.re_engine()
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
        found = compiled(pattern, re.M)
        assert (found.pattern, found.flags, found.groupindex, found.groups) == (
            expected.pattern, expected.flags, expected.groupindex, expected.groups)
        assert _same(found, expected, text)


def test_programs_are_plain_data_stored_once(cache: Path) -> None:
    for pattern in PATTERNS:
        compiled(pattern, re.M)
    stored = _programs(cache)
    assert len(stored) == len(PATTERNS)
    assert all(isinstance(packs_cache.read(path), list) for path in stored)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_a_program_others_can_write_is_not_run(cache: Path) -> None:
    first, second = (_stored(compiled(pattern, re.M).pattern) for pattern in PATTERNS[:2])
    first.write_bytes(second.read_bytes())  # the owner's own edit: read
    assert compiled(PATTERNS[0], re.M).groupindex != re.compile(PATTERNS[0]).groupindex
    first.chmod(first.stat().st_mode | stat.S_IWOTH)
    assert compiled(PATTERNS[0], re.M).groupindex == re.compile(PATTERNS[0]).groupindex


@pytest.mark.parametrize("content", [b"not marshal", [], [0, [1, 2, 3], 0, {}, []]])
def test_a_damaged_program_is_compiled_afresh(cache: Path, content: object) -> None:
    compiled(PATTERNS[2], re.M)
    (stored,) = _programs(cache)
    if isinstance(content, bytes):
        stored.write_bytes(content)
    else:  # stored whole, but not a program
        packs_cache.write(stored, content)
    assert _same(compiled(PATTERNS[2], re.M), re.compile(PATTERNS[2], re.M), "Air force one")


def test_without_the_engine_patterns_are_compiled(monkeypatch: pytest.MonkeyPatch,
                                                  cache: Path) -> None:
    monkeypatch.setattr(programs, "re_engine", lambda: None)
    assert compiled(PATTERNS[0], re.M).pattern == PATTERNS[0]
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


# --- The bundle: the programs a run used, in one file --------------------------------------

def _bundle_files(cache: Path) -> list[Path]:
    return sorted((cache / "transcheck" / "programs").glob("bundle-*.marshal"))


def _next_run() -> None:
    """What a new process starts from: no bundle read yet."""
    programs._BUNDLES.clear()


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> list[object]:
        raise AssertionError("compiled afresh")
    monkeypatch.setattr(programs, "_program", refused)


def test_a_run_reads_the_programs_the_last_run_used_from_its_bundle(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _next_run()
    for pattern in PATTERNS:
        compiled(pattern, re.M)
    programs.compiled_as("name", lambda: PATTERNS[1])
    assert not _bundle_files(cache)  # written when the run ends
    programs.keep_bundles()
    (bundle,) = _bundle_files(cache)
    for single in _programs(cache):
        if single != bundle:
            single.unlink()
    _next_run()
    _no_compiling(monkeypatch)
    for pattern in PATTERNS:
        assert _same(compiled(pattern, re.M), re.compile(pattern, re.M), "Air force, much more")
    assert programs.compiled_as("name", lambda: "never written").pattern == PATTERNS[1]
    written = bundle.stat().st_mtime_ns
    programs.keep_bundles()  # nothing new: not written again
    assert bundle.stat().st_mtime_ns == written


def test_programs_of_single_files_join_the_bundle(cache: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _next_run()
    compiled(PATTERNS[0], re.M)  # a process that never ended a run: no bundle
    _next_run()
    compiled(PATTERNS[0], re.M)
    programs.keep_bundles()
    for single in _programs(cache):
        if not single.name.startswith("bundle-"):
            single.unlink()
    _next_run()
    _no_compiling(monkeypatch)
    assert compiled(PATTERNS[0], re.M).pattern == PATTERNS[0]


@pytest.mark.parametrize("content", [b"not marshal", ["a list"], {"key": "not bytes"},
                                     "a program that is not one"])
def test_a_damaged_or_foreign_bundle_only_costs_time(cache: Path, content: object) -> None:
    _next_run()
    compiled(PATTERNS[2], re.M)
    programs.keep_bundles()
    (bundle,) = _bundle_files(cache)
    if isinstance(content, bytes):
        bundle.write_bytes(content)
    elif content == "a program that is not one":  # whole, but holding no program
        held = packs_cache.read(bundle)
        packs_cache.write(bundle, dict.fromkeys(held, programs.marshal.dumps([0, [1, 2]])))
    else:
        packs_cache.write(bundle, content)
    for _ in range(2):  # the bundle as found, then as this run wrote it again
        _next_run()
        assert _same(compiled(PATTERNS[2], re.M), re.compile(PATTERNS[2], re.M), "Air force one")
        programs.keep_bundles()


@pytest.mark.parametrize("damage", ["a byte of a program", "programs swapped"])
def test_a_damaged_program_of_the_bundle_is_compiled_afresh_the_others_read(
        cache: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """Each program of a bundle is checked when used, not the whole file: one damaged,
    or held under another's name, is compiled afresh; the others are read as they are."""
    _next_run()
    for pattern in PATTERNS:
        compiled(pattern, re.M)
    programs.keep_bundles()
    (bundle,) = _bundle_files(cache)
    for single in _programs(cache):
        if single != bundle:
            single.unlink()
    held = packs_cache.read(bundle)
    first, second = (f"{re.M}\0{pattern}" for pattern in PATTERNS[:2])
    if damage == "a byte of a program":
        sealed = bytearray(held[first])
        sealed[-3] ^= 1
        held[first] = bytes(sealed)
    else:
        held[first], held[second] = held[second], held[first]
    packs_cache.write(bundle, held)
    _next_run()
    afresh: list[str] = []
    made = programs._program
    monkeypatch.setattr(programs, "_program", lambda engine, pattern, flags: (
        afresh.append(pattern), made(engine, pattern, flags))[1])
    for pattern in PATTERNS:
        assert _same(compiled(pattern, re.M), re.compile(pattern, re.M), "Air force, much more")
    assert afresh == ([PATTERNS[0]] if damage == "a byte of a program" else PATTERNS[:2])


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_a_bundle_others_can_write_is_not_read(cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _next_run()
    compiled(PATTERNS[0], re.M)
    programs.keep_bundles()
    (bundle,) = _bundle_files(cache)
    bundle.chmod(bundle.stat().st_mode | stat.S_IWOTH)
    for single in _programs(cache):
        if single != bundle:
            single.unlink()
    _next_run()
    made: list[str] = []
    program = programs._program
    monkeypatch.setattr(programs, "_program",
                        lambda *args: made.append(args[1]) or program(*args))
    compiled(PATTERNS[0], re.M)
    assert made == [PATTERNS[0]]


def test_a_bundle_grown_too_large_keeps_what_the_last_run_used(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _next_run()
    for pattern in PATTERNS[:3]:
        compiled(pattern, re.M)
    programs.keep_bundles()
    (bundle,) = _bundle_files(cache)
    monkeypatch.setattr(programs, "BUNDLE_BYTES", len(bundle.read_bytes()))
    _next_run()
    compiled(PATTERNS[3], re.M)
    programs.keep_bundles()
    assert [key.split("\0")[1] for key in packs_cache.read(bundle)] == [PATTERNS[3]]


def test_the_end_of_a_run_writes_the_bundle(cache: Path) -> None:
    from transcheck.config import Settings
    from transcheck.packs import plugin

    _next_run()
    compiled(PATTERNS[1], re.M)
    plugin.transcheck_session_finish(Settings())
    assert _bundle_files(cache)


LAZY_PATTERNS = [(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]", 0),  # a lone surrogate
                 (r"(?P<word>\w+)\s+(?P=word)\b", re.I), (r"^\s*$", re.M)]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(LAZY_PATTERNS), st.text(alphabet="ab A\n\x07\udc80", max_size=30))
def test_a_lazy_pattern_is_built_from_its_program_as_re_compiles_it(
        case: tuple[str, int], text: str) -> None:
    pattern, flags = case
    expected = re.compile(pattern, flags)
    for _ in range(2):  # made afresh (and stored), then from the stored program
        found = LazyPattern(pattern, flags)
        # Its first search makes the pattern; later ones are the pattern's own methods.
        for first in (True, False):
            assert ("search" in vars(found)) is not first
            assert found.sub("-", text) == expected.sub("-", text)
            assert found.split(text, 2) == expected.split(text, 2)
            assert found.findall(text, 1) == expected.findall(text, 1)
            for method in ("search", "match", "fullmatch"):
                assert _spans(getattr(found, method)(text, 1, 20)) == _spans(
                    getattr(expected, method)(text, 1, 20))
            assert [m.span() for m in found.finditer(text, 2)] == [
                m.span() for m in expected.finditer(text, 2)]
        assert (found.compiled.pattern, found.compiled.flags) == (expected.pattern,
                                                                  expected.flags)
        assert _same(found.compiled, expected, text)


def _spans(found: re.Match[str] | None) -> tuple[int, int] | None:
    return None if found is None else found.span()


def test_without_a_home_directory_patterns_are_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: _no_home()))
    programs._BUNDLES.clear()
    found = compiled(r"(?P<x>many|much) \w+", re.M)
    assert _same(found, re.compile(r"(?P<x>many|much) \w+", re.M), "much more, many a")


def _no_home() -> Path:
    raise RuntimeError("no home directory")
