"""Validated rule packs on disk, so that a run need not parse and check them again;
and the plans of their matchers (`Matcher.plan`), so that it need not work them out again.

Decoding the TOML of the shipped packs and validating their 1,300 entries (compiling
every pattern) takes about 0.07 s, a fifth of a run's start-up; reading them back
from the cache takes 0.005 s. A validated pack is stored under a hash of its bytes,
of the code that reads packs and of the Python version: an edited pack, or another
transcheck, misses the cache and is read afresh. Files no run reads any more go,
oldest first, once a directory holds more than `user_cache.KEEP_BYTES`.

Working out which keys the automaton looks for, and what is tried around each, takes
another 0.02-0.03 s; a plan is stored under a hash of its entries, of the matcher's code
and of the Python version. A run that scans a long text needs the automaton of every key
of its plans (22,000 for the shipped packs): its state, as pyahocorasick would pickle it
(bytes and numbers), is stored under the names of those plans and of the pyahocorasick
build that wrote it.

The cache is `$XDG_CACHE_HOME/transcheck/packs` (by default `~/.cache/transcheck/packs`).
It holds plain data (strings, numbers, tuples and sets) in `marshal`'s format, which
Python reads back three times as fast as JSON; never pickles: a file planted there (a
CI cache restored from another branch) can at worst describe a pack, never run code.
Each file starts with a CRC-32 of its data: a file cut short or damaged is read afresh,
never half-trusted. Even so, a directory or file that another user owns or may write is
not read: a pack's patterns and replacements must come from the user's own disk.
Reading and writing are best effort (a read-only home just pays the 0.07 s) and writes
atomic, so concurrent runs may share it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transcheck import user_cache
from transcheck.user_cache import SUFFIX, hasher, read, write

if TYPE_CHECKING:
    from transcheck.packs.format import Entry, Pack

def cache_dir() -> Path:
    return _packs_in(user_cache.directory())


@lru_cache(maxsize=8)  # asked for with each of hundreds of cached files a run reads
def _packs_in(folder: Path) -> Path:
    return folder / "packs"


@lru_cache(maxsize=1)
def _code_hash() -> bytes:
    """What a cached pack depends on besides its bytes: the code that validated it."""
    # The files, not the modules: a run that reads its packs from the cache validates
    # nothing and need not import the validator (`safety`).
    digest = hasher(sys.version.encode())
    for name in ("format.py", "safety.py", "cache.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.digest()


def digest(raw: bytes) -> str:
    """What names the pack validated from `raw`: a hash of it and of the code."""
    return hasher(_code_hash() + raw).hexdigest()


# A run would read and hash the bytes of every pack (1.2 MB for the shipped ones) only to
# find it cached: a pack file's status (size, modification and change times, inode) names
# its digest instead, as git's index knows a file unchanged, in one small file of the
# cache. A file changed less than `_SETTLED` seconds ago is read: an edit within the same
# tick of the clock would not show in its times.
_STAMPS = f"stamps{SUFFIX}"
_SETTLED = 2.0


def stamped_digest(path: Path, status: os.stat_result, words: bytes) -> str | None:
    """The `digest` of the pack in `path` (with word lists of digest `words`) if an earlier
    run noted it when the file had this `status`, as this code reads packs."""
    try:
        noted = _stamps(cache_dir()).get(str(path))
        if noted is not None and tuple(noted[:-1]) == _stamp(status, words):
            return str(noted[-1])
    except Exception:  # no cache, or a file of another shape: read the pack
        pass
    return None


def note_digest(path: Path, status: os.stat_result, words: bytes, name: str) -> None:
    """Note that the pack in `path` had digest `name` when the file had this `status`."""
    if time.time() - max(status.st_mtime, status.st_ctime) < _SETTLED:
        return
    # RuntimeError: no home directory to put a cache in (`Path.home()`).
    with contextlib.suppress(OSError, RuntimeError):
        folder = cache_dir()
        stamps = _stamps(folder)
        noted = (*_stamp(status, words), name)
        if stamps.get(str(path)) != noted:
            stamps[str(path)] = noted
            write(folder / _STAMPS, stamps)


def _stamp(status: os.stat_result, words: bytes) -> tuple[Any, ...]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, words,
            _code_hash())


@lru_cache(maxsize=8)
def _stamps(folder: Path) -> dict[str, tuple[Any, ...]]:
    """The noted digests of packs by their path (read once a process)."""
    try:
        found = read(folder / _STAMPS)
    except Exception:  # damaged or from elsewhere: none noted
        return {}
    return found if isinstance(found, dict) else {}


def _path(name: str) -> Path:
    return cache_dir() / f"{name}{SUFFIX}"


def get(name: str) -> Pack | None:
    """The pack validated from the bytes that `name` (their `digest`) names, if an earlier
    run of this user stored it."""
    try:
        data = read(_path(name))
        return None if data is None else _decode(data)
    except Exception:  # missing, unreadable, corrupt or from elsewhere: read the pack afresh
        return None


def put(name: str, pack: Pack) -> None:
    """Store `pack`, validated from the bytes that `name` (their `digest`) names."""
    # RuntimeError: no home directory to put a cache in (`Path.home()`).
    with contextlib.suppress(OSError, RuntimeError):
        write(_path(name), _encode(pack))


@lru_cache(maxsize=1)
def _matcher_code_hash() -> bytes:
    """What a matcher's plan depends on besides its entries: the code that made it."""
    from transcheck.packs import anchors, contexts, first_chars, matcher, needles
    from transcheck.packs import format as packs_format

    digest = hasher(b"plan" + sys.version.encode())
    for module in (matcher, anchors, contexts, first_chars, needles, packs_format):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()


def plan_name(entries: Sequence[Entry], origin: str = "") -> str:
    """What names the plan of a matcher of `entries` (`Matcher.plan`); `origin`, if
    given, says what they are. It says everything a plan, and what follows from it,
    depends on: the entries and the code that reads them."""
    found = hasher(_matcher_code_hash())
    if origin:  # names the entries already: hashing them all would take 0.01 s a run
        found.update(b"origin\0" + origin.encode())
    for entry in () if origin else entries:
        # Every field, sets in order: the same entries, the same bytes.
        values = [getattr(entry, name) for name in entry.FIELDS]
        found.update(repr([sorted(v) if isinstance(v, frozenset) else v
                           for v in values]).encode())
    return f"plan-{found.hexdigest()}"


def automaton_name(plans: Sequence[str]) -> str:
    """What names the automaton of every key of the plans named `plans` (in order): they
    and the build of pyahocorasick that wrote its state (its own format, checked by no
    one but its own code, which the cache must only ever hand its own state)."""
    import ahocorasick

    built = os.stat(str(ahocorasick.__file__))
    found = hasher(f"automaton\0{built.st_size}\0{built.st_mtime_ns}".encode())
    found.update("\0".join(plans).encode())
    return f"automaton-{found.hexdigest()}"


def get_plan(name: str) -> Any:
    """The plan (plain data) an earlier run of this user stored under `name` (`plan_name`)."""
    try:
        return read(_path(name))
    except Exception:  # unreadable, corrupt or from elsewhere: work it out afresh
        return None


def put_plan(name: str, plan: Any) -> None:
    # RuntimeError: no home directory to put a cache in (`Path.home()`).
    with contextlib.suppress(OSError, RuntimeError):
        write(_path(name), plan)


def _encode(pack: Pack) -> tuple[Any, ...]:
    """`pack` as plain values: its fields in order, its entries' fields in order."""
    # The word lists of looked-up slots ("a/b/c", thousands of words) once each: `marshal`
    # writes a string again each time unless it is the same object, and the entries of
    # one class made it 1.3 MB instead of 0.7 MB to read each run.
    words: dict[str, str] = {}
    return tuple(tuple(tuple(tuple((group, words.setdefault(listed, listed))
                                   for group, listed in entry.lookups) if field == "lookups"
                             else getattr(entry, field) for field in entry.FIELDS)
                       for entry in pack.entries) if name == "entries"
                 else pack.severity.value if name == "severity"
                 else getattr(pack, name)
                 for name in pack.FIELDS)


def _decode(data: tuple[Any, ...]) -> Pack:
    """The pack `_encode` wrote; data of any other shape raises. The fields are those of
    the code that wrote them: it is part of the file's name (`_code_hash`)."""
    from transcheck.diagnostics import Severity
    from transcheck.packs.format import Entry, Pack

    values = dict(zip(Pack.FIELDS, data, strict=True))
    names = Entry.FIELDS
    entries = []
    for row in values["entries"]:
        # Written to its `__dict__`, as unpickling writes them: through `__init__`, the
        # 1,600 entries of the shipped packs took 3 ms a run.
        # Of another width (another transcheck's entries): ValueError.
        entry = object.__new__(Entry)
        entry.__dict__.update(zip(names, row, strict=True))
        entries.append(entry)
    values["entries"] = tuple(entries)
    values["severity"] = Severity(values["severity"])
    return Pack(**values)
