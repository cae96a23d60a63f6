"""The user's own cache directory, `$XDG_CACHE_HOME/transcheck` (`~/.cache/transcheck`).

What is read from it steers a run (validated packs; the key that signs LanguageTool's
answers), so a directory or file that another user owns or may write is never trusted,
and directories are created private (0700) whatever the umask. Plain data (validated
packs, regex programs) is kept in `marshal`'s format after a CRC-32 of it (`write`, `read`).
"""

from __future__ import annotations

import binascii
import contextlib
import functools
import importlib
import json
import marshal
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hashlib import blake2b

_PRIVATE = 0o700
_KEY_BYTES = 32
SUFFIX = ".marshal"


def directory() -> Path:
    """The cache directory (`Path.home()` raises RuntimeError without a home)."""
    return _directory(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=8)
def _directory(base: str | None, home: str | None) -> Path:
    """Worked out once per setting: a run asks for it with each of hundreds of cached
    files, and `Path.home()` is slow. `home` ($HOME, which `Path.home()` reads) keys it."""
    return Path(base or Path.home() / ".cache") / "transcheck"


def own(info: os.stat_result) -> bool:
    """Whether only this user can change what `info` describes."""
    if not hasattr(os, "geteuid"):  # no POSIX owners (Windows): the user's profile is private
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted(folder: Path) -> bool:
    """Whether `folder` and the cache directories above it are this user's alone."""
    try:
        return all(own(os.stat(d)) for d in _chain(folder, directory()))
    except OSError:
        return False


@functools.lru_cache(maxsize=64)
def _chain(folder: Path, top: Path) -> tuple[Path, ...]:
    """`folder` and its parents up to `top`: each is looked at on every read (a run reads
    hundreds of cached files), but worked out once."""
    return (folder, *[p for p in folder.parents if top in (p, *p.parents)])


def make_private(folder: Path) -> None:
    """Create `folder` and the cache directories above it, each 0700; one level at a time,
    as `parents=True` would create the upper ones with the umask's mode."""
    top = directory()
    for level in [*reversed([p for p in folder.parents if top in p.parents or p == top
                             or p == top.parent]), folder]:
        with contextlib.suppress(FileExistsError):
            level.mkdir(mode=_PRIVATE)


def read_own(path: Path) -> bytes | None:
    """The bytes of `path`, if it and its directories are this user's alone."""
    if not trusted(path.parent):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read() if own(os.fstat(handle.fileno())) else None


def secret() -> bytes | None:
    """This user's random key (created on first use), to sign what is cached where others
    may write, such as a project's LanguageTool cache; None if there can be none."""
    try:
        return _secret_in(directory())
    except RuntimeError:  # no home directory
        return None


@functools.lru_cache(maxsize=4)
def _secret_in(folder: Path) -> bytes | None:
    try:
        path = folder / "key"
        found = read_own(path)
        if found is not None and len(found) == _KEY_BYTES:
            return found
        make_private(path.parent)
        if not trusted(path.parent):
            return None
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # damaged, or not ours: a new key (old signatures lapse)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            key = os.urandom(_KEY_BYTES)  # what `secrets.token_bytes` returns
            out.write(key)
        return key
    except OSError:  # a read-only home, or a race lost
        return None


def write_json(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path` in one step (readers see the old file or the new)."""
    # ASCII (other characters escaped): decoded faster than UTF-8 where a cached text is
    # not all ASCII (LanguageTool's matches of translated text).
    write_bytes(path, json.dumps(data, ensure_ascii=True).encode("ascii"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` in one step (readers see the old file or the new)."""
    import tempfile  # brings shutil and the compression modules: only a run that writes

    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)
        raise


def hasher(data: bytes = b"") -> blake2b:
    """A hash of `data` (more with `update`) that names what the cache holds: BLAKE2b of
    32 bytes, from CPython's own module. `hashlib` would load OpenSSL to hash with SHA-256
    (10M instructions of every run), and the 150 KB of code and word lists a run hashes
    take 8M instructions with CPython's own SHA-256, 3M with BLAKE2b."""
    return _blake2b(data, digest_size=32)


def _python_blake2b() -> type[blake2b]:
    with contextlib.suppress(ImportError, AttributeError):
        found: type[blake2b] = importlib.import_module("_blake2").blake2b
        return found
    import hashlib  # pragma: no cover - a Python without it: the same digests

    return hashlib.blake2b  # pragma: no cover


_blake2b = _python_blake2b()


# Every edit of a pack, and every upgrade of transcheck, leaves files that no run will
# read again (about 5 MB for the shipped packs); a directory keeps its newest 64 MB.
KEEP_BYTES = 64 * 1024 * 1024
_CHECKSUM_BYTES = 4


def read(path: Path, whole: bool = True) -> Any:
    """What `write` stored in `path`; None if there is no such file of this user's alone.
    Raises ValueError (or what `marshal` raises) if the file is damaged; not `whole`: a
    caller that checks each part it uses (a bundle of programs) need not pay for the
    checksum of the whole file."""
    data = read_own(path)
    if data is None:
        return None
    checksum, payload = data[:_CHECKSUM_BYTES], memoryview(data)[_CHECKSUM_BYTES:]
    if whole and checksum != binascii.crc32(payload).to_bytes(_CHECKSUM_BYTES, "big"):
        raise ValueError(f"{path}: damaged")
    return marshal.loads(payload)


def write(path: Path, data: Any) -> None:
    """Store `data` (plain values: strings, numbers, tuples, lists, dicts and sets) in
    `path` in one step, in a directory of this user's alone."""
    payload = marshal.dumps(data)
    checksum = binascii.crc32(payload).to_bytes(_CHECKSUM_BYTES, "big")
    make_private(path.parent)
    if trusted(path.parent):
        write_bytes(path, checksum + payload)
        _prune(path.parent)


@functools.cache
def _prune(folder: Path) -> None:
    """Delete the oldest files of `folder` beyond its newest `KEEP_BYTES`, once a process:
    a run that writes anything may write hundreds of files (programs)."""
    with contextlib.suppress(OSError):
        with os.scandir(folder) as found:
            files = [(e.stat().st_mtime, e.stat().st_size, e.path) for e in found
                     if e.is_file(follow_symlinks=False) and e.name.endswith((".json", SUFFIX))]
        kept = 0
        for _, size, name in sorted(files, reverse=True):
            kept += size
            if kept > KEEP_BYTES:
                with contextlib.suppress(OSError):  # another run pruned it first
                    os.unlink(name)
