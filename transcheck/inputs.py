"""Turning command-line paths into decoded texts: file discovery, decoding, bad-input errors."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from transcheck.errors import InputError

STDIN = "-"
_BINARY_SNIFF = 8192


@dataclass(frozen=True)
class Source:
    """A file to check: its display path and where to read it from."""

    path: str
    location: Path | None  # None: standard input


def discover(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str],
    stdin_name: str = STDIN,
) -> Iterator[Source | InputError]:
    """Yield each file to check, or an error for a path that gives none, in argument order.

    Files named explicitly are checked whatever their suffix, as ruff does;
    directories are searched recursively for files matching `include`.
    Standard input is named `stdin_name` (`--stdin-filename`), which picks its reader.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source(stdin_name, None)
            continue
        path = Path(raw)
        if path.is_file():
            yield Source(raw, path)
        elif path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and matches_globs(p, path, include)
                and not matches_globs(p, path, exclude)
            )
            if not found:
                patterns = ", ".join(include)
                yield InputError(f"{raw}: no files matching {patterns} in this directory")
            for file in found:
                yield Source(str(file), file)
        elif path.exists():
            yield InputError(f"{raw}: not a regular file")
        else:
            yield InputError(f"{raw}: no such file or directory")


def matches_globs(file: Path, base: Path, globs: Sequence[str]) -> bool:
    """Globs match the file's name or its path relative to `base` (as given if outside it)."""
    try:
        relative = file.relative_to(base).as_posix()
    except ValueError:
        relative = file.as_posix()
    return any(fnmatch.fnmatch(file.name, g) or fnmatch.fnmatch(relative, g) for g in globs)


def read_bytes(source: Source) -> bytes:
    if source.location is None:
        return sys.stdin.buffer.read()
    try:
        return source.location.read_bytes()
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (a BOM is dropped); refuse binary data and invalid bytes."""
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not checked")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: invalid UTF-8 at byte offset {exc.start} "
            f"(byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
