"""Regexes compiled once per user rather than once per run: the rule packs' and the rules'.

A pack's regexes are made when a text needs them (`packs/matcher.py`), and Python's `re`
takes 0.1-10 ms to compile each: on a megabyte of MT output the 300 a run needs cost
0.1 s, the largest single cost of the packs. The rules' own hundred regexes (compiled at
import, or when first used: `lazy.py`) cost every run another 90M instructions, an
eighth of checking a 6 KB article. What `re` makes of a pattern is a program, a list of
integers that `_sre.compile` turns into the pattern object. This module keeps programs
(the integers as the bytes of an array, for this byte order) in the user's cache
(`programs`, plain data in `marshal`'s format with a checksum, read only when this user
alone can write it, as validated packs are), under a hash of the pattern, its flags and
the exact Python build, and builds the pattern objects from them. A pattern that takes
long to write out (a phrase's slots) is kept with its program under a name that says
what it is made from (`compiled_as`).

Opening, checking and reading a file per program took 0.01 s of a run over a megabyte
(300 files), so the programs a run used are also kept together, in one file per Python
build (`Bundle`) that a run reads once. It is written when a run ends
(`transcheck_session_finish`, `keep_bundles`) if the run used a program it did not hold.
A program's own file is still written when it is made: a process that never ends a run
(`check_text`, a worker killed) keeps its programs all the same, and the next run that
ends adds them to the bundle.

It uses the internals of CPython's `re` (its parser and code generator, `_sre.compile`,
which checks a program before it runs one). Anything unexpected there, and any cache
file that cannot be read or used, falls back to `re.compile`: the same pattern, made the
slow way.
"""

from __future__ import annotations

import array
import binascii
import contextlib
import importlib
import marshal
import re
import sys
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from transcheck import user_cache
from transcheck.user_cache import hasher

# A bundle that outgrows this holds only what the last run used: programs of texts long
# gone would otherwise cost every run the reading.
BUNDLE_BYTES = 8 * 1024 * 1024


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from this user's cache of programs when it has it."""
    engine = re_engine()
    if engine is None:
        return re.compile(pattern, flags)
    key = f"{flags}\0{pattern}"
    path = partial(_path, engine, pattern, flags)
    with contextlib.suppress(Exception):  # missing, damaged or not ours: compile afresh
        stored = _bundle(engine).find(key, path)
        if stored is not None:
            return _built(engine, pattern, stored)
    return _compiled_afresh(engine, pattern, flags, path, key, named=False)


def compiled_as(name: str, write: Callable[[], str], flags: int = re.M) -> re.Pattern[str]:
    """`re.compile(write(), flags)`, kept in this user's cache under `name` with its
    pattern, so that a run that finds it there need not write the pattern again (the
    packs' phrase regexes, written slot by slot, took 10 ms a megabyte). `name` must say
    everything the pattern depends on."""
    engine = re_engine()
    if engine is None:
        return re.compile(write(), flags)
    key = f"{flags}\0named\0{name}"
    path = partial(_path, engine, f"named\0{name}", flags, prefix="named-")
    with contextlib.suppress(Exception):  # missing, damaged or not ours: write it afresh
        stored = _bundle(engine).find(key, path)
        if stored is not None:
            pattern, program = stored
            if isinstance(pattern, str):
                return _built(engine, pattern, program)
    return _compiled_afresh(engine, write(), flags, path, key, named=True)


def _compiled_afresh(engine: SimpleNamespace, pattern: str, flags: int,
                     path: Callable[[], Path], key: str, named: bool) -> re.Pattern[str]:
    """`pattern` compiled, its program kept in `path()` (with the pattern, if `named`) and
    in the bundle under `key`."""
    try:
        program = _program(engine, pattern, flags)
        found = _built(engine, pattern, program)
    except Exception:  # an `re` this module does not know
        return re.compile(pattern, flags)
    stored = [pattern, program] if named else program
    # RuntimeError: no home directory to put a cache in (`Path.home()`).
    with contextlib.suppress(OSError, RuntimeError):
        _bundle(engine).add(key, stored)
        user_cache.write(path(), stored)
    return found


class Bundle:
    """The programs of one Python build in one file: those it held when this process
    first asked for it, each kept as its bytes until a run needs it, and those this
    process used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._held: dict[str, bytes] = {}
        with contextlib.suppress(Exception):  # missing, damaged or not ours: none held
            # Each program is checked when used (`_unsealed`), not the whole file: a short
            # text's run uses 30 of the 250 programs of its 2 MB (7M instructions).
            found = user_cache.read(path, whole=False)
            if isinstance(found, dict) and all(isinstance(v, bytes) for v in found.values()):
                self._held = found
        self._used: dict[str, bytes] = {}
        self._grown = False

    def get(self, key: str) -> Any:
        """The program (plain data) held under `key`, noted as used; None if none is.
        Raises ValueError (or what `marshal` raises) if it is damaged."""
        data = self._held.get(key)
        if data is None:
            return None
        stored = marshal.loads(_unsealed(key, data))
        self._used[key] = data
        return stored

    def find(self, key: str, path: Callable[[], Path]) -> Any:
        """The program held under `key`, or else the one kept in its own file `path()`
        (held from now on); None if neither has it. Raises if it is damaged."""
        stored = self.get(key)
        if stored is None:
            stored = user_cache.read(path())
            if stored is not None:
                self.add(key, stored)
        return stored

    def add(self, key: str, stored: Any) -> None:
        """Hold `stored` (the plain data of a program) under `key` from now on."""
        self._used[key] = _sealed(key, marshal.dumps(stored))
        self._grown = True

    def write(self) -> None:
        """Store what it held and what this process used, if this process added a
        program (only what it used, if all would make it too large)."""
        if not self._grown:
            return
        held = {**self._held, **self._used}
        if sum(map(len, held.values())) > BUNDLE_BYTES:
            held = dict(self._used)
        with contextlib.suppress(OSError, RuntimeError):
            user_cache.write(self.path, held)
        self._held, self._grown = held, False


def _sealed(key: str, data: bytes) -> bytes:
    """`data` (a bundle's program) after a CRC-32 of it and the `key` it is held under."""
    return _checksum(key, data).to_bytes(4, "big") + data


def _unsealed(key: str, sealed: bytes) -> bytes:
    """The data `_sealed` sealed under `key`; ValueError if it was damaged or moved."""
    data = sealed[4:]
    if sealed[:4] != _checksum(key, data).to_bytes(4, "big"):
        raise ValueError(f"program {key[:40]!r}: damaged")
    return data


def _checksum(key: str, data: bytes) -> int:
    return binascii.crc32(data, binascii.crc32(key.encode("utf-8", "surrogatepass")))


# The bundles this process read, by cache directory and `re` (tests change directory).
_BUNDLES: dict[tuple[Path, int], Bundle] = {}


def _bundle(engine: SimpleNamespace) -> Bundle:
    folder = _folder()
    bundle = _BUNDLES.get((folder, engine.magic))
    if bundle is None:
        # Sealed: programs each with their checksum (a bundle of unsealed ones is not read).
        key = f"{sys.version}\0{sys.byteorder}\0{engine.magic}\0sealed".encode()
        name = f"bundle-{hasher(key).hexdigest()}{user_cache.SUFFIX}"
        bundle = _BUNDLES[folder, engine.magic] = Bundle(folder / name)
    return bundle


def keep_bundles() -> None:
    """Write each bundle this process added a program to (when a run ends)."""
    for bundle in _BUNDLES.values():
        bundle.write()


@lru_cache(maxsize=1)
def re_engine() -> SimpleNamespace | None:
    """CPython's regex parser (and the constants of what it parses into), code generator
    and compiler, if this Python has them (also read by `first_chars`)."""
    try:
        if sys.version_info >= (3, 11):
            parser, generator, constants = (importlib.import_module(f"re.{name}")
                                            for name in ("_parser", "_compiler", "_constants"))
        else:  # pragma: no cover - exercised on Python 3.10 only
            parser, generator, constants = (importlib.import_module(name) for name in (
                "sre_parse", "sre_compile", "sre_constants"))
        sre = importlib.import_module("_sre")
        # The array type of `re`'s code words: a program's code is kept as their bytes.
        code_type = next(t for t in "IL" if array.array(t).itemsize == sre.CODESIZE)
        return SimpleNamespace(parse=parser.parse, code=generator._code, compile=sre.compile,
                               magic=sre.MAGIC, constants=constants, code_type=code_type)
    except (ImportError, AttributeError, StopIteration):
        return None


def _path(engine: SimpleNamespace, what: str, flags: int, prefix: str = "") -> Path:
    """The cache file of the program of `what` (a pattern, or a name), for this build."""
    # Lone surrogates too (a pattern of what may not be printed).
    key = f"{sys.version}\0{sys.byteorder}\0{engine.magic}\0{flags}\0{what}".encode(
        "utf-8", "surrogatepass")
    return _folder() / f"{prefix}{hasher(key).hexdigest()}{user_cache.SUFFIX}"


def _folder() -> Path:
    return _programs_in(user_cache.directory())


@lru_cache(maxsize=8)  # asked for with each regex a run reads
def _programs_in(folder: Path) -> Path:
    return folder / "programs"


def _program(engine: SimpleNamespace, pattern: str, flags: int) -> list[Any]:
    """What `re.compile` hands `_sre.compile`, as plain data."""
    parsed = engine.parse(pattern, flags)
    groups = parsed.state.groupdict
    names = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    # The code as the bytes of its words: `marshal` reads them back in one piece, where a
    # list of ints took it 60 instructions an int (350,000 ints on a megabyte).
    code = array.array(engine.code_type, map(int, engine.code(parsed, flags))).tobytes()
    return [int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groups),
            names]


def _built(engine: SimpleNamespace, pattern: str, program: list[Any]) -> re.Pattern[str]:
    flags, code, groups, groupindex, names = program
    words = array.array(engine.code_type, code).tolist()  # `_sre.compile` takes a list
    found: re.Pattern[str] = engine.compile(pattern, flags, words, groups, groupindex,
                                            tuple(names))
    return found
