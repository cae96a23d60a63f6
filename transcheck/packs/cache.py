"""Validated rule packs on disk, so that a run need not parse and check them again.

Decoding the TOML of the shipped packs and validating their 400 entries (compiling
every pattern) takes about 0.07 s, a fifth of a run's start-up. A validated pack is
stored under a hash of its bytes, of the code that reads packs and of the Python
version: an edited pack, or another transcheck, misses the cache and is read afresh.

The cache is `$XDG_CACHE_HOME/transcheck/packs` (by default `~/.cache/transcheck/packs`),
the user's own, like pip's: it holds pickles, which only their owner can write. Reading
and writing are best effort (a read-only home just pays the 0.07 s) and writes atomic,
so concurrent runs may share it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transcheck.packs.format import Pack


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "transcheck" / "packs"


@lru_cache(maxsize=1)
def _code_hash() -> bytes:
    """What a cached pack depends on besides its bytes: the code that validated it."""
    from transcheck.packs import format as packs_format

    digest = hashlib.sha256(sys.version.encode())
    for module in (packs_format, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.digest()


def _path(raw: bytes) -> Path:
    return cache_dir() / f"{hashlib.sha256(_code_hash() + raw).hexdigest()}.pickle"


def get(raw: bytes) -> Pack | None:
    """The pack validated from the bytes `raw`, if an earlier run stored it."""
    from transcheck.packs.format import Pack

    try:
        pack = pickle.loads(_path(raw).read_bytes())
    except Exception:  # missing, unreadable or from elsewhere: read the pack afresh
        return None
    return pack if isinstance(pack, Pack) else None


def put(raw: bytes, pack: Pack) -> None:
    """Store `pack`, validated from the bytes `raw`."""
    # RuntimeError: no home directory to put a cache in (`Path.home()`).
    with contextlib.suppress(OSError, RuntimeError):
        path = _path(raw)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(pack, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            os.unlink(temporary)
            raise
