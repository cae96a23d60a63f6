"""Validated rule packs on disk, so that a run need not parse and check them again;
and the plans of their matchers (`Matcher.plan`), so that it need not work them out again.

Decoding the TOML of the shipped packs and validating their 400 entries (compiling
every pattern) takes about 0.07 s, a fifth of a run's start-up; reading them back
from the cache takes 0.003 s. A validated pack is stored under a hash of its bytes,
of the code that reads packs and of the Python version: an edited pack, or another
transcheck, misses the cache and is read afresh. Files no run reads any more go,
oldest first, once a directory holds more than `KEEP_BYTES`.

Working out which keys the automaton looks for, and what is tried around each, takes
another 0.02-0.03 s; a plan is stored under a hash of its entries, of the matcher's code
and of the Python version.

The cache is `$XDG_CACHE_HOME/transcheck/packs` (by default `~/.cache/transcheck/packs`).
It holds plain JSON, never pickles: a file planted there (a CI cache restored from
another branch) can at worst describe a pack, never run code. Even so, a directory or
file that another user owns or may write is not read: a pack's patterns and
replacements must come from the user's own disk. Reading and writing are best effort
(a read-only home just pays the 0.07 s) and writes atomic, so concurrent runs may
share it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from transcheck import user_cache

if TYPE_CHECKING:
    from transcheck.packs.format import Entry, Pack

T = TypeVar("T")


def cache_dir() -> Path:
    return user_cache.directory() / "packs"


@lru_cache(maxsize=1)
def _code_hash() -> bytes:
    """What a cached pack depends on besides its bytes: the code that validated it."""
    # The files, not the modules: a run that reads its packs from the cache validates
    # nothing and need not import the validator (`safety`).
    digest = hashlib.sha256(sys.version.encode())
    for name in ("format.py", "safety.py", "cache.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.digest()


def digest(raw: bytes) -> str:
    """What names the pack validated from `raw`: a hash of it and of the code."""
    return hashlib.sha256(_code_hash() + raw).hexdigest()


def _path(raw: bytes) -> Path:
    return cache_dir() / f"{digest(raw)}.json"


def get(raw: bytes) -> Pack | None:
    """The pack validated from the bytes `raw`, if an earlier run of this user stored it."""
    try:
        data = user_cache.read_own(_path(raw))
        return None if data is None else _decode(json.loads(data))
    except Exception:  # missing, unreadable, corrupt or from elsewhere: read the pack afresh
        return None


def put(raw: bytes, pack: Pack) -> None:
    """Store `pack`, validated from the bytes `raw`."""
    # RuntimeError: no home directory to put a cache in (`Path.home()`).
    with contextlib.suppress(OSError, RuntimeError):
        write_json(_path(raw), _encode(pack))


@lru_cache(maxsize=1)
def _matcher_code_hash() -> bytes:
    """What a matcher's plan depends on besides its entries: the code that made it."""
    from transcheck.packs import anchors, matcher
    from transcheck.packs import format as packs_format

    digest = hashlib.sha256(b"plan" + sys.version.encode())
    for module in (matcher, anchors, packs_format):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()


def _plan_path(entries: Sequence[Entry], origin: str) -> Path:
    found = hashlib.sha256(_matcher_code_hash())
    if origin:  # names the entries already: hashing them all would take 0.01 s a run
        found.update(b"origin\0" + origin.encode())
    for entry in () if origin else entries:
        # Every field, sets in order: the same entries, the same bytes.
        values = [getattr(entry, f.name) for f in fields(entry)]
        found.update(repr([sorted(v) if isinstance(v, frozenset) else v
                           for v in values]).encode())
    return cache_dir() / f"plan-{found.hexdigest()}.json"


def get_plan(entries: Sequence[Entry], origin: str = "") -> Any:
    """The plan (plain data) an earlier run of this user stored for a matcher of `entries`;
    `origin`, if given, says what they are (`Matcher`)."""
    try:
        data = user_cache.read_own(_plan_path(entries, origin))
        return None if data is None else json.loads(data)
    except Exception:  # missing, unreadable, corrupt or from elsewhere: work it out afresh
        return None


def put_plan(entries: Sequence[Entry], plan: Any, origin: str = "") -> None:
    with contextlib.suppress(OSError, RuntimeError):
        write_json(_plan_path(entries, origin), plan)


# Every edit of a pack, and every upgrade of transcheck, leaves files that no run will
# read again (about 5 MB for the shipped packs); a directory keeps its newest 64 MB.
KEEP_BYTES = 64 * 1024 * 1024


def write_json(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path` in one step, in a directory of this user's alone."""
    user_cache.make_private(path.parent)
    if user_cache.trusted(path.parent):
        user_cache.write_json(path, data)
        _prune(path.parent)


@cache
def _prune(folder: Path) -> None:
    """Delete the oldest files of `folder` beyond its newest `KEEP_BYTES`, once a process:
    a run that writes anything may write hundreds of files (programs)."""
    with contextlib.suppress(OSError):
        with os.scandir(folder) as found:
            files = [(e.stat().st_mtime, e.stat().st_size, e.path) for e in found
                     if e.is_file(follow_symlinks=False) and e.name.endswith(".json")]
        kept = 0
        for _, size, name in sorted(files, reverse=True):
            kept += size
            if kept > KEEP_BYTES:
                with contextlib.suppress(OSError):  # another run pruned it first
                    os.unlink(name)


def _encode(pack: Pack) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, frozenset):
            return sorted(value)
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return getattr(value, "value", value)  # an enum (Severity) by its value

    return {k: plain(v) for k, v in asdict(pack).items()}


def _decode(data: dict[str, Any]) -> Pack:
    """The pack `_encode` wrote; a file of any other shape raises."""
    from transcheck.diagnostics import Severity
    from transcheck.packs.format import Entry, Pack

    entries = tuple(_typed(Entry, e) for e in data.pop("entries"))
    data["severity"] = Severity(data["severity"])
    return _typed(Pack, {**data, "entries": entries})


def _typed(cls: type[T], data: dict[str, Any]) -> T:
    """`cls(**data)`, with JSON's lists made the tuples and frozensets `cls` declares."""
    sets, tuples, nested = _collections(cast(Any, cls))
    values = dict(data)
    for name in sets:
        values[name] = frozenset(values[name])
    for name in tuples:  # 700 entries a run: `tuple` of a list, not a generator
        values[name] = tuple(values[name])
    for name in nested:  # a tuple of pairs (an entry's lookups) is a tuple of tuples
        values[name] = tuple(map(tuple, values[name]))
    return cls(**values)


@cache
def _collections(cls: Any) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields of the dataclass `cls` that are frozensets, tuples (of plain values),
    and tuples of tuples."""
    kinds = {f.name: str(f.type) for f in fields(cls)}
    return (tuple(n for n, t in kinds.items() if t.startswith("frozenset")),
            tuple(n for n, t in kinds.items()
                  if t.startswith("tuple") and not t.startswith("tuple[tuple")),
            tuple(n for n, t in kinds.items() if t.startswith("tuple[tuple")))
