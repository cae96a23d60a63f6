"""The rule packs' regexes, compiled once per user rather than once per run.

A pack's regexes are made when a text needs them (`matcher.py`), and Python's `re`
takes 0.1-10 ms to compile each: on a megabyte of MT output the 300 a run needs cost
0.1 s, the largest single cost of the packs. What `re` makes of a pattern is a program,
a list of integers that `_sre.compile` turns into the pattern object. This module keeps
programs in the user's cache (`packs/programs`, plain data in `marshal`'s format with a
checksum, read only when this user alone can write it, as validated packs are), under a
hash of the pattern, its flags and the exact Python build, and builds the pattern
objects from them. A pattern that takes long to write out (a phrase's slots) is kept
with its program under a name that says what it is made from (`compiled_as`).

It uses the internals of CPython's `re` (its parser and code generator, `_sre.compile`,
which checks a program before it runs one). Anything unexpected there, and any cache
file that cannot be read or used, falls back to `re.compile`: the same pattern, made the
slow way.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from transcheck.packs import cache as packs_cache


def compiled(pattern: str, flags: int = re.M) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from this user's cache of programs when it has it."""
    engine = _engine()
    if engine is None:
        return re.compile(pattern, flags)
    path = _path(engine, pattern, flags)
    with contextlib.suppress(Exception):  # missing, damaged or not ours: compile afresh
        stored = packs_cache.read(path)
        if stored is not None:
            return _built(engine, pattern, stored)
    return _compiled_afresh(engine, pattern, flags, path, named=False)


def compiled_as(name: str, write: Callable[[], str], flags: int = re.M) -> re.Pattern[str]:
    """`re.compile(write(), flags)`, kept in this user's cache under `name` with its
    pattern, so that a run that finds it there need not write the pattern again (the
    packs' phrase regexes, written slot by slot, took 10 ms a megabyte). `name` must say
    everything the pattern depends on."""
    engine = _engine()
    if engine is None:
        return re.compile(write(), flags)
    path = _path(engine, f"named\0{name}", flags, prefix="named-")
    with contextlib.suppress(Exception):  # missing, damaged or not ours: write it afresh
        stored = packs_cache.read(path)
        if stored is not None:
            pattern, program = stored
            if isinstance(pattern, str):
                return _built(engine, pattern, program)
    return _compiled_afresh(engine, write(), flags, path, named=True)


def _compiled_afresh(engine: SimpleNamespace, pattern: str, flags: int, path: Path,
                     named: bool) -> re.Pattern[str]:
    """`pattern` compiled, its program kept in `path` (with the pattern, if `named`)."""
    try:
        program = _program(engine, pattern, flags)
        found = _built(engine, pattern, program)
    except Exception:  # an `re` this module does not know
        return re.compile(pattern, flags)
    with contextlib.suppress(OSError, RuntimeError):
        packs_cache.write(path, [pattern, program] if named else program)
    return found


@lru_cache(maxsize=1)
def _engine() -> SimpleNamespace | None:
    """CPython's regex parser, code generator and compiler, if this Python has them."""
    try:
        if sys.version_info >= (3, 11):
            parser, generator = (importlib.import_module(f"re.{name}")
                                 for name in ("_parser", "_compiler"))
        else:  # pragma: no cover - exercised on Python 3.10 only
            parser, generator = (importlib.import_module(name)
                                 for name in ("sre_parse", "sre_compile"))
        sre = importlib.import_module("_sre")
        return SimpleNamespace(parse=parser.parse, code=generator._code, compile=sre.compile,
                               magic=sre.MAGIC)
    except (ImportError, AttributeError):
        return None


def _path(engine: SimpleNamespace, what: str, flags: int, prefix: str = "") -> Path:
    """The cache file of the program of `what` (a pattern, or a name), for this build."""
    key = f"{sys.version}\0{engine.magic}\0{flags}\0{what}".encode()
    return _folder() / f"{prefix}{hashlib.sha256(key).hexdigest()}{packs_cache.SUFFIX}"


def _folder() -> Path:
    return _programs_in(packs_cache.cache_dir())


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
    # Plain ints: the code holds `re`'s named opcodes, an int subclass `marshal` refuses.
    return [int(flags | parsed.state.flags), list(map(int, engine.code(parsed, flags))),
            parsed.state.groups - 1, dict(groups), names]


def _built(engine: SimpleNamespace, pattern: str, program: list[Any]) -> re.Pattern[str]:
    flags, code, groups, groupindex, names = program
    found: re.Pattern[str] = engine.compile(pattern, flags, code, groups, groupindex,
                                            tuple(names))
    return found
