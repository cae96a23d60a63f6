"""Fixes: choose them, apply them until the text is stable, show them as a diff, write them.

A rule's fixes are safe unless it says otherwise (`Rule.unsafe_fix`: they may change
what the text says, such as deleting a repeated sentence); unsafe ones are applied
only with `--unsafe-fixes`, as ruff does.

A fix replaces exactly the span of its diagnostic (`Diagnostic.fix`, end
exclusive) and nothing else. Fixes are applied from the end of the text to the
start so earlier offsets stay valid; of two fixes that overlap, the first one
is applied and the other waits for the next pass, after the text is checked
again, as ruff does. A fix on markup (a code span, a tag) is never applied.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from transcheck.atomic import replacing
from transcheck.diagnostics import Diagnostic
from transcheck.document import Document
from transcheck.errors import InputError
from transcheck.inputs import bom_of, codec_of, encode
from transcheck.reporters import FileResult, escaped

if TYPE_CHECKING:
    from transcheck.engine import Engine

# Fixing can expose a new finding (removing `,,` leaves `word ,`): check again, a few times.
MAX_PASSES = 8


@dataclass(frozen=True, order=True)
class Edit:
    """Replace `[start, end)` of the source with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fixed:
    """A document after fixing: the last version, its remaining diagnostics, the fixes made."""

    document: Document
    diagnostics: list[Diagnostic]
    applied: int


def edits(doc: Document, diagnostics: Sequence[Diagnostic],
          unsafe: Collection[str] = ()) -> list[Edit]:
    """The fixes of `diagnostics` that can be applied together, in source order; those of
    the codes `unsafe` are left out."""
    candidates = sorted(
        Edit(d.start, d.end, d.fix)
        for d in diagnostics if d.fix is not None and d.code not in unsafe
    )
    chosen: list[Edit] = []
    for edit in candidates:
        if doc.raw[edit.start:edit.end] == edit.replacement or _on_markup(doc, edit):
            continue
        last = chosen[-1] if chosen else None
        # Two edits at one point (or overlapping) have no agreed order: keep the first.
        if last and (edit.start < last.end or edit.start == last.start):
            continue
        if last and last.end == edit.start and _ends_line(doc, edit):
            # A space inserted before text that another fix deletes to the end of its line
            # (a glued title after `season.`) would be left trailing.
            chosen[-1] = Edit(last.start, last.end, last.replacement.rstrip(" \t"))
        chosen.append(edit)
    return chosen


def _ends_line(doc: Document, edit: Edit) -> bool:
    """Whether `edit` deletes text up to the end of its line."""
    return not edit.replacement and doc.raw[edit.end:edit.end + 1] in ("", "\n", "\r")


def _on_markup(doc: Document, edit: Edit) -> bool:
    return any(
        start < edit.end and edit.start < end if edit.end > edit.start else start < edit.start < end
        for start, end in doc.markup
    )


def apply(source: str, chosen: Sequence[Edit]) -> str:
    """`source` with the non-overlapping, ordered `chosen` edits made."""
    pieces: list[str] = []
    position = 0
    for edit in chosen:
        pieces += [source[position:edit.start], edit.replacement]
        position = edit.end
    pieces.append(source[position:])
    return "".join(pieces)


def unsafe_codes(engine: Engine) -> frozenset[str]:
    """The codes of the rules whose fixes are applied only with `--unsafe-fixes`."""
    return frozenset(rule.code for rule in engine.all_rules if rule.unsafe_fix)


def fix(engine: Engine, doc: Document, diagnostics: Sequence[Diagnostic] | None = None,
        *, unsafe: bool = False) -> Fixed:
    """Apply safe fixes (and with `unsafe`, the others too) to `doc` and check again,
    until none is left (or `MAX_PASSES`).

    `diagnostics` are `doc`'s, if already known.
    """
    found = list(engine.check(doc) if diagnostics is None else diagnostics)
    left_out = frozenset() if unsafe else unsafe_codes(engine)
    applied = 0
    for _ in range(MAX_PASSES):
        chosen = edits(doc, found, left_out)
        if not chosen:
            break
        doc = engine.read(apply(doc.raw, chosen), doc.path)
        found = engine.check(doc)
        applied += len(chosen)
    return Fixed(doc, found, applied)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff from `old` to `new`, as `diff -u` prints it (apply with `patch -p0`)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=escaped(path), tofile=escaped(path),
    )
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


class ReadOnly(InputError):
    """A file without write permission: not rewritten, even by a user who could."""


def write_fixed(path: Path, text: str) -> None:
    """Replace the contents of the file at `path` with `text`, as its own encoding and
    byte-order mark spell it, keeping its permissions, owner and hard links.

    The text replaces the file in one step (`atomic.replacing`): a reader sees the old
    file or the new, never half. A file with other hard links, or whose owner this user
    cannot give the new file, is written in place instead, as ruff and black write every
    file: replacing it would split its links or take it over. A read-only file is
    refused (`ReadOnly`).
    """
    target = path.resolve()  # a symbolic link stays a link to the fixed file
    info = target.stat()
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ReadOnly(f"{path}: read-only, the fixes are not written; make it writable "
                       "to fix it")
    with target.open("rb") as handle:
        bom = bom_of(handle.read(4))
    if info.st_nlink > 1 or not _may_give(info):
        with target.open("r+b") as handle:
            handle.write(encode(text, bom))
            handle.truncate()
        return
    with replacing(target, codec_of(bom)) as new:
        new.stream.write("\ufeff" + text if bom else text)  # the mark, in the file's codec
        new.commit()


def _may_give(info: os.stat_result) -> bool:
    """Whether this user can give a new file the owner and group `info` has."""
    if not hasattr(os, "geteuid"):  # no POSIX owners (Windows)
        return True
    return os.geteuid() == 0 or (info.st_uid == os.geteuid() and (
        info.st_gid == os.getegid() or info.st_gid in os.getgroups()))


def _print(stdout: TextIO, text: str, bom: bytes) -> None:
    """Fixed standard input to `stdout`, in its encoding and with its byte-order mark."""
    binary = getattr(stdout, "buffer", None)
    if binary is None:  # a text stream only (editors' wrappers): the text, and its mark
        stdout.write(("\ufeff" if bom else "") + text)
        return
    stdout.flush()
    binary.write(encode(text, bom))
    binary.flush()


def fix_files(
    engine: Engine, results: Sequence[FileResult], *, diff: TextIO | None,
    stdout: TextIO, unsafe: bool = False,
) -> tuple[list[FileResult], int, list[InputError]]:
    """Fix each checked file: write it (standard input: print it), or with `diff`, only
    print the diff there. Returns what is left to report, the number of fixes, and the
    files that could not be written."""
    left: list[FileResult] = []
    errors: list[InputError] = []
    total = 0
    for result in results:
        fixed = fix(engine, result.document, result.diagnostics, unsafe=unsafe)
        old, new = result.document.raw, fixed.document.raw
        if diff is not None:
            if new != old:
                diff.write(unified_diff(result.path, old, new))
        elif result.from_stdin:
            _print(stdout, new, result.bom)
        elif new != old:
            try:
                write_fixed(Path(result.path), new)
            except (OSError, ReadOnly) as exc:
                errors.append(exc if isinstance(exc, ReadOnly) else InputError(
                    f"{result.path}: cannot write the fixes: {exc.strerror or exc}"))
                left.append(result)
                continue
        total += fixed.applied
        left.append(FileResult(result.path, fixed.document, fixed.diagnostics,
                               from_stdin=result.from_stdin, bom=result.bom))
    return left, total, errors
