"""Turning command-line paths into decoded texts: file discovery, decoding, bad-input errors."""

from __future__ import annotations

import codecs
import fnmatch
import functools
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from transcheck.errors import InputError
from transcheck.records import Record

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

STDIN = "-"
_BINARY_SNIFF = 8192
MEGABYTE = 1024 * 1024
DEFAULT_STDIN_LIMIT = 256 * MEGABYTE  # more is a mistake (`- < /dev/urandom`), not a text
_CHUNK = MEGABYTE
# Byte-order marks and their codecs; UTF-32's before UTF-16's, whose mark starts it.
_BOMS = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",
         codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le",
         codecs.BOM_UTF16_BE: "utf-16-be"}


class Source(Record):
    """A file to check: its display path and where to read it from."""

    FIELDS = ("path", "location")
    path: str
    location: Path | None  # None: standard input

    def __init__(self, path: str, location: Path | None) -> None:
        self._set(path=path, location=location)


class Skipped(Record):
    """A file or directory with nothing to check: a warning, not an error."""

    FIELDS = ("path", "reason")
    path: str
    reason: str

    def __init__(self, path: str, reason: str) -> None:
        self._set(path=path, reason=reason)


class NothingFound(Skipped):
    """A directory without a file to check: a warning among other paths; an error if no
    path gave anything to check."""


def discover(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str],
    stdin_name: str = STDIN, respect_gitignore: bool = True,
) -> Iterator[Source | InputError | Skipped]:
    """Yield each file to check, or an error for a path that gives none, in argument order.

    Files named explicitly are checked whatever their suffix and wherever they are, as
    ruff does; directories are searched recursively for files matching `include`,
    skipping what matches `exclude` (names or relative paths of files and directories)
    and, with `respect_gitignore`, what git ignores.
    Standard input is named `stdin_name` (`--stdin-filename`), which picks its reader.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source(stdin_name, None)
            continue
        path = Path(raw)
        try:
            info = path.stat()
        except FileNotFoundError:
            yield InputError(f"{raw}: no such file or directory").about(raw)
            continue
        except OSError as exc:  # a directory on the way that cannot be entered
            yield InputError(f"{raw}: cannot read: {exc.strerror or exc}").about(raw)
            continue
        if stat.S_ISREG(info.st_mode):
            yield Source(raw, path)
        elif stat.S_ISDIR(info.st_mode):
            ignore = GitIgnore(path) if respect_gitignore else None
            found, unreadable = _files_in(path, include, exclude, ignore)
            yield from unreadable
            if not found and not unreadable:
                yield NothingFound(raw, f"no files matching {', '.join(include)} in this "
                                        "directory (besides excluded and git-ignored ones)")
            for file in found:
                yield Source(str(file), file)
        else:
            yield InputError(f"{raw}: not a regular file").about(raw)


def _files_in(directory: Path, include: Sequence[str], exclude: Sequence[str],
              ignore: GitIgnore | None) -> tuple[list[Path], list[InputError]]:
    """The files under `directory` to check, sorted; and an error for each directory
    below it that cannot be read (its files would be skipped without a word)."""
    unreadable: list[InputError] = []

    def refused(exc: OSError) -> None:
        unreadable.append(InputError(f"{exc.filename}: cannot read this directory: "
                                     f"{exc.strerror or exc}"))

    def skipped(path: Path, is_dir: bool) -> bool:
        return matches_globs(path, directory, exclude) or (
            ignore is not None and ignore.ignores(path, is_dir))

    found = []
    for folder, subfolders, names in os.walk(directory, onerror=refused):
        # Pruned in place: an excluded or ignored directory is not entered at all.
        subfolders[:] = [d for d in subfolders if not skipped(Path(folder, d), True)]
        for name in names:
            file = Path(folder, name)
            if (matches_globs(file, directory, include) and file.is_file()
                    and not skipped(file, False)):
                found.append(file)
    return sorted(found), unreadable


def matches_globs(file: Path, base: Path, globs: Sequence[str]) -> bool:
    """Globs match the file's name or its path relative to `base` (as given if outside it)."""
    if not globs:
        return False
    regex = _one_regex(tuple(globs))
    if regex.match(os.path.normcase(file.name)):
        return True
    try:
        relative = file.relative_to(base).as_posix()
    except ValueError:
        relative = file.as_posix()
    return regex.match(os.path.normcase(relative)) is not None


@functools.lru_cache(maxsize=64)
def _one_regex(globs: tuple[str, ...]) -> re.Pattern[str]:
    """`globs` as one regex, as `fnmatch.fnmatch` reads each: a directory of 100,000 files
    was tested against the default excludes one glob at a time, in the main process,
    and took as long as checking the files."""
    return re.compile("|".join(fnmatch.translate(os.path.normcase(g)) for g in globs))


def excluded(file: Path, base: Path, exclude: Sequence[str]) -> bool:
    """Whether `file` or a directory on its way from `base` matches `exclude`."""
    try:
        parts = file.relative_to(base).parts
    except ValueError:
        return matches_globs(file, base, exclude)
    return any(matches_globs(base.joinpath(*parts[:n]), base, exclude)
               for n in range(1, len(parts) + 1))


class GitIgnore:
    """What git ignores under one directory: the `.gitignore` files from the repository's
    root (the nearest directory above with `.git`, else the directory itself) down, a
    deeper file's verdict over a shallower one's, then `.git/info/exclude`."""

    def __init__(self, top: Path) -> None:
        self._given = top
        self._top = top.resolve()
        self._root = next((d for d in (self._top, *self._top.parents) if (d / ".git").exists()),
                          self._top)
        self._specs: dict[Path, GitIgnoreSpec | None] = {}

    def ignores(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores `path`, a file or directory found under the top directory."""
        full = self._top / path.relative_to(self._given)  # no system call per file
        for folder in full.parents:
            spec = self._spec(folder, ".gitignore")
            if spec is not None:
                verdict = spec.check_file(_relative(full, folder, is_dir)).include
                if verdict is not None:
                    return verdict
            if folder == self._root:
                break
        exclude = self._spec(self._root / ".git" / "info", "exclude")
        return bool(exclude and exclude.match_file(_relative(full, self._root, is_dir)))

    def _spec(self, folder: Path, name: str) -> GitIgnoreSpec | None:
        key = folder / name
        if key not in self._specs:
            try:
                lines = key.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:  # none there (most directories), or not readable
                lines = []
            self._specs[key] = _gitignore_spec(lines) if lines else None
        return self._specs[key]


def _gitignore_spec(lines: list[str]) -> GitIgnoreSpec:
    # Imported here: only a directory scan that meets a .gitignore pays for it.
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _relative(path: Path, folder: Path, is_dir: bool) -> str:
    """`path` relative to `folder`, as gitignore patterns match it (a directory with `/`)."""
    return path.relative_to(folder).as_posix() + ("/" if is_dir else "")


def read_bytes(source: Source, stdin_limit: int = DEFAULT_STDIN_LIMIT) -> bytes:
    """The bytes of `source`; of standard input at most `stdin_limit`."""
    if source.location is None:
        return _read_stdin(source.path, stdin_limit)
    try:
        return source.location.read_bytes()
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read: {exc.strerror or exc}") from None


def _read_stdin(name: str, limit: int) -> bytes:
    """Standard input read a chunk at a time: binary data (`- < /dev/zero`) is refused
    from its first chunk, and more than `limit` bytes before they fill the memory."""
    if sys.stdin is None:  # `transcheck - <&-`
        raise InputError(f"{name}: standard input is closed")
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := sys.stdin.buffer.read(_CHUNK):
            if not chunks:
                _refuse_binary(chunk, name)
            total += len(chunk)
            if total > limit:
                raise InputError(f"{name}: standard input is larger than "
                                 f"{limit // MEGABYTE} MB, not checked (see max-stdin-mb)")
            chunks.append(chunk)
    except OSError as exc:
        raise InputError(f"{name}: cannot read standard input: {exc.strerror or exc}") from None
    return b"".join(chunks)


def bom_of(data: bytes) -> bytes:
    """The byte-order mark `data` starts with (UTF-8, -16 or -32), or b""."""
    return next((bom for bom in _BOMS if data.startswith(bom)), b"")


def codec_of(bom: bytes) -> str:
    """The codec of a file that starts with the byte-order mark `bom` (`bom_of`)."""
    return _BOMS.get(bom, "utf-8")


def encode(text: str, bom: bytes) -> bytes:
    """`text` in the encoding its file had, known by its byte-order mark (`bom_of`)."""
    return bom + text.encode(_BOMS.get(bom, "utf-8"))


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8, or UTF-16 or -32 with a byte-order mark (which is dropped); refuse
    binary data and invalid bytes."""
    bom = bom_of(data)
    codec = _BOMS.get(bom, "utf-8")
    _refuse_binary(data, path)  # again: a file is read whole
    try:
        return data[len(bom):].decode(codec)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise InputError(
            f"{path}: invalid {codec[:6].upper()} at byte offset {offset} "
            f"(byte 0x{data[offset]:02x}); save the file as UTF-8"
        ) from None


def _refuse_binary(data: bytes, path: str) -> None:
    """Refuse NUL bytes near the start, unless UTF-16 or -32 (which are full of them)."""
    if _BOMS.get(bom_of(data), "utf-8") == "utf-8" and b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not checked")
