"""The user's own cache directory, `$XDG_CACHE_HOME/transcheck` (`~/.cache/transcheck`).

What is read from it steers a run (validated packs; the key that signs LanguageTool's
answers), so a directory or file that another user owns or may write is never trusted,
and directories are created private (0700) whatever the umask.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
from pathlib import Path
from typing import Any

_PRIVATE = 0o700
_KEY_BYTES = 32


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
