"""The cache of validated packs holds plain data that only its owner can write."""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transcheck import user_cache
from transcheck.config import Settings
from transcheck.packs import cache as packs_cache
from transcheck.packs.format import classes_for, load_pack
from transcheck.packs.matcher import AnchorIndex, Matcher
from transcheck.packs.plugin import load_packs

from .test_packs import VALID


class _Payload:
    """Unpickling this runs `touch marker`: what a planted pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def pack_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second='phrase = "plan B"'), encoding="utf-8")
    return path


def _stored(path: Path) -> Path:
    # A pack is stored under its bytes and the word lists its phrases may name.
    return packs_cache._path(packs_cache.digest(path.read_bytes()
                                                 + classes_for(path.parent).digest))


def test_a_planted_pickle_runs_nothing(pack_file: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    expected = load_pack(pack_file)
    for planted in (_stored(pack_file), _stored(pack_file).with_suffix(".pickle")):
        planted.write_bytes(pickle.dumps(_Payload(marker)))
    assert load_pack(pack_file) == expected
    assert not marker.exists()


def test_a_pack_noted_by_its_file_status_is_not_read_again(
        pack_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packs_cache, "_SETTLED", -1.0)  # a file just written is noted too
    expected = load_pack(pack_file)

    def unread(path: Path) -> bytes:
        raise AssertionError(f"{path} was read")

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", unread)
        assert load_pack(pack_file) == expected


def test_a_pack_edited_after_it_was_noted_is_read_afresh(
        pack_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packs_cache, "_SETTLED", -1.0)
    assert load_pack(pack_file).entries[1].texts == ("plan B",)
    # The same size: only the file's times and bytes tell the edit.
    pack_file.write_text(VALID.format(second='phrase = "plan C"'), encoding="utf-8")
    assert load_pack(pack_file).entries[1].texts == ("plan C",)


def test_a_pack_changed_a_moment_ago_is_not_noted(pack_file: Path) -> None:
    load_pack(pack_file)
    assert not (packs_cache.cache_dir() / packs_cache._STAMPS).exists()


def test_the_cache_is_plain_data(pack_file: Path) -> None:
    load_pack(pack_file)
    data = packs_cache.read(_stored(pack_file))
    assert data[1] == "HS301"
    assert ("plan B",) in data[-2][1]


@pytest.mark.parametrize("damage", ["cut short", "a byte changed", "empty", "not marshal"])
def test_a_damaged_cache_file_is_read_afresh(pack_file: Path, damage: str) -> None:
    expected = load_pack(pack_file)
    stored = _stored(pack_file)
    data = bytearray(stored.read_bytes())
    if damage == "cut short":
        data = data[:len(data) // 2]
    elif damage == "a byte changed":
        data[len(data) // 2] ^= 1
    elif damage == "empty":
        data = bytearray()
    else:  # a right checksum of something else
        payload = b"not marshal"
        data = bytearray(user_cache.binascii.crc32(payload).to_bytes(4, "big") + payload)
    stored.write_bytes(bytes(data))
    assert load_pack(pack_file) == expected
    assert packs_cache.read(stored) is not None  # stored again, whole


def test_cached_data_of_another_shape_is_not_taken_for_a_pack(pack_file: Path) -> None:
    expected = load_pack(pack_file)
    stored = _stored(pack_file)
    data = packs_cache.read(stored)
    packs_cache.write(stored, (*data[:-2], tuple(e[:-1] for e in data[-2]), data[-1]))
    assert load_pack(pack_file) == expected
    packs_cache.write(stored, data[:-1])
    assert load_pack(pack_file) == expected


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
@pytest.mark.parametrize("writable", ["file", "directory", "its parent"])
def test_a_cache_others_can_write_is_not_read(pack_file: Path, writable: str) -> None:
    expected = load_pack(pack_file)
    stored = _stored(pack_file)
    data = packs_cache.read(stored)
    entries = data[-2]
    planted = (entries[0][:3] + ("Planted.",) + entries[0][4:], *entries[1:])
    packs_cache.write(stored, (*data[:-2], planted, data[-1]))
    assert load_pack(pack_file).entries[0].message == "Planted."  # the owner's own edit
    target = {"file": stored, "directory": stored.parent,
              "its parent": stored.parent.parent}[writable]
    target.chmod(target.stat().st_mode | stat.S_IWOTH)
    assert load_pack(pack_file) == expected


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_the_cache_directories_are_private_whatever_the_umask(pack_file: Path) -> None:
    old = os.umask(0)
    try:
        load_pack(pack_file)
    finally:
        os.umask(old)
    stored = _stored(pack_file)
    for directory in (stored.parent, stored.parent.parent, stored.parent.parent.parent):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    assert not stat.S_IMODE(stored.stat().st_mode) & 0o022


def _matchers(monkeypatch: pytest.MonkeyPatch, cache: Path) -> list[Matcher]:
    """A matcher of each shipped pack, with one shared index, the cache in `cache`."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    index = AnchorIndex()
    return [Matcher(pack.entries, index) for pack in load_packs(Settings())]


def _state(matcher: Matcher) -> tuple[object, ...]:
    keys = sorted(repr(row) for planned, packed in matcher.index._plans if planned is matcher
                  for label in packed for row in matcher.unpack(packed[label]))
    return (keys, matcher._gapped, matcher._slotted, matcher._anchored, matcher._patterns,
            matcher._unanchored and matcher._unanchored.pattern)


def test_a_planned_matcher_is_the_one_worked_out(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """A matcher whose plan comes from the cache looks for the same keys, tries the same
    regexes and finds the same as one that works its plan out."""
    fresh = _matchers(monkeypatch, tmp_path / "cache")
    assert list((tmp_path / "cache" / "transcheck" / "packs").glob("plan-*.marshal"))
    cached = _matchers(monkeypatch, tmp_path / "cache")
    assert [_state(m) for m in cached] == [_state(m) for m in fresh]
    for first, second in zip(fresh, cached, strict=True):
        for entry in first.entries.values():
            for text in (*entry.must_flag, *entry.near_misses):
                assert list(second.finditer(text)) == list(first.finditer(text))


@pytest.mark.parametrize("damage", ["cut short", "another shape"])
def test_every_key_of_a_plan_is_kept_beside_it_and_rebuilt_if_damaged(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str) -> None:
    """A run that looks for every key reads them from a file of their own: the keys of
    the plan's rows, each once, as the automaton looks for them."""
    matchers = _matchers(monkeypatch, tmp_path / "cache")
    for matcher, keys in matchers[0].index._plans:
        rows = [row for label in keys for row in matcher.unpack(keys[label])]
        expected = sorted({" " + row[0] if row[0][0].isalnum() else row[0] for row in rows})
        assert sorted(matcher.every_key(keys)) == expected
        kept = packs_cache.cache_dir() / f"{matcher._plan_name}-keys.marshal"
        assert sorted(packs_cache.read(kept)) == expected
        if damage == "cut short":
            kept.write_bytes(kept.read_bytes()[:100])
        else:
            packs_cache.write(kept, {"not": "a list"})
        assert sorted(matcher.every_key(keys)) == expected
        assert sorted(packs_cache.read(kept)) == expected  # stored again, whole


def _long_text(matcher: Matcher) -> str:
    """A sentence that each entry of `matcher` reports, and one it accepts, repeated: long
    enough to be scanned by the automaton of every key (a short text is scanned by one of
    the keys it may hold)."""
    texts = [text for entry in matcher.entries.values()
             for text in (entry.must_flag[0], entry.near_misses[0])]
    return "\n\n".join(texts * (1 + 40_000 // len("\n\n".join(texts))))


def test_the_automaton_of_every_key_read_back_finds_what_a_built_one_does(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A run that scans a long text keeps the automaton of every key beside the plans; the
    next reads it back and finds the same. A damaged one, or one that holds another number
    of keys, is built afresh and kept whole again."""
    built = _matchers(monkeypatch, tmp_path / "cache")
    smallest = min(range(len(built)), key=lambda at: len(built[at].entries))  # fast to try
    text = _long_text(built[smallest])
    expected = list(built[smallest].finditer(text))
    assert expected
    (kept,) = (tmp_path / "cache" / "transcheck" / "packs").glob("automaton-*.marshal")
    names, state = packs_cache.read(kept)
    with monkeypatch.context() as read_back:
        read_back.setattr(AnchorIndex, "_automaton_of", None)  # never built
        assert list(_matchers(monkeypatch, tmp_path / "cache")[smallest].finditer(text)) == (
            expected)
    for damage in ("cut short", "another shape", "other keys"):
        if damage == "cut short":
            kept.write_bytes(kept.read_bytes()[:1000])
        elif damage == "another shape":
            packs_cache.write(kept, {"not": "an automaton"})
        else:
            packs_cache.write(kept, (names[:-1], state))
        assert list(_matchers(monkeypatch, tmp_path / "cache")[smallest].finditer(text)) == (
            expected), damage
        assert packs_cache.read(kept)[0] == names, damage


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_a_plan_others_can_write_is_not_followed(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    fresh = _matchers(monkeypatch, tmp_path / "cache")
    for plan in (tmp_path / "cache" / "transcheck" / "packs").glob("plan-*.marshal"):
        data = packs_cache.read(plan)
        data["keys"] = {"plan": marshal.dumps(([["planted", 1, "planted"]], {}))}
        packs_cache.write(plan, data)
        plan.chmod(plan.stat().st_mode | stat.S_IWOTH)
    assert [_state(m) for m in _matchers(monkeypatch, tmp_path / "cache")] == [
        _state(m) for m in fresh]


def test_files_no_run_reads_go_oldest_first(pack_file: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    load_pack(pack_file)
    size = _stored(pack_file).stat().st_size  # what the pack takes in the cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = packs_cache.cache_dir()
    folder.mkdir(parents=True, mode=0o700)
    folder.parent.chmod(0o700)
    stale = []
    for age, suffix in ((3, ".json"), (2, ".marshal"), (1, ".json")):  # days; old packs
        old = folder / f"{'0' * 63}{age}{suffix}"
        old.write_text("x" * 1000, encoding="utf-8")
        os.utime(old, (time.time() - age * 86400,) * 2)
        stale.append(old)
    monkeypatch.setattr(user_cache, "KEEP_BYTES", size + 1500)
    user_cache._prune.cache_clear()
    load_pack(pack_file)
    # The new pack and the newest old file fit in the bytes kept; the two oldest do not.
    assert _stored(pack_file).exists()
    assert [p.exists() for p in stale] == [False, False, True]
    load_pack(pack_file)  # read from the cache: nothing written, nothing more deleted
    assert stale[2].exists()


def test_the_cache_names_things_as_hashlib_would_without_importing_it() -> None:
    """The names come from CPython's own BLAKE2b: the digests of `hashlib.blake2b`, and a
    run that reads packs never loads `hashlib` (OpenSSL)."""
    for data in (b"", b"plan", bytes(range(256)) * 1000):
        assert packs_cache.hasher(data).hexdigest() == \
            hashlib.blake2b(data, digest_size=32).hexdigest()
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, transcheck.packs.plugin, transcheck.packs.matcher;"
         "print('hashlib' in sys.modules)"], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
