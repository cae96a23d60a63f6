"""Reporters turn a run's results into one output format. They never see rules run.

A reporter is made for one run (`Run`: the rules, the tool's version) and one output
stream, receives each checked file as soon as it is checked (`Reporter.file`, in
discovery order) and then `finish`es. Line formats (text, jsonl, github, concise)
write each file at once, so a run holds no document longer than it takes to report
it; a format that is one whole document (json, sarif, junit, gitlab) keeps what it
needs of each file, never the file itself, and writes at `finish`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from transcheck.diagnostics import Diagnostic
from transcheck.lazy import LazyPattern
from transcheck.records import Record

if TYPE_CHECKING:
    from transcheck.document import Document
    from transcheck.rule import Rule


class FileResult(Record):
    """One checked file: its path, its document and what was found in it."""

    FIELDS = ("path", "document", "diagnostics", "from_stdin", "bom")
    path: str
    document: Document
    diagnostics: list[Diagnostic]
    from_stdin: bool  # standard input, whatever `--stdin-filename` named it
    bom: bytes  # the byte-order mark the file started with (also its encoding)

    def __init__(self, path: str, document: Document, diagnostics: list[Diagnostic] | None = None,
                 from_stdin: bool = False, bom: bytes = b"") -> None:
        self._set(path=path, document=document,
                  diagnostics=[] if diagnostics is None else diagnostics,
                  from_stdin=from_stdin, bom=bom)


class Run(Record):
    """What every reporter knows from the start: the rules that ran, the tool's version."""

    FIELDS = ("rules", "tool_version", "color")
    rules: Sequence[Rule]
    tool_version: str
    color: bool  # formats for people may colour their output (`--color`)

    def __init__(self, rules: Sequence[Rule], tool_version: str, color: bool = False) -> None:
        self._set(rules=rules, tool_version=tool_version, color=color)


class Reporter(Protocol):
    """One output format being written for one run."""

    def file(self, result: FileResult) -> None:
        """Report one checked file (called in discovery order, once per file)."""

    def error(self, message: str, path: str | None) -> None:
        """Report a file that could not be checked (missing, binary, not UTF-8), or a path
        that gave nothing to check. `message` is one line, naming `path` (None: no file);
        it is on standard error too, so formats read by people may leave it there. A CI
        format must not: its reader sees no standard error."""

    def finish(self) -> None:
        """Write what is left: a summary, or the whole output of a collecting format."""


# What `transcheck_output_formats` maps each `--format` name to (a reporter class will do).
ReporterFactory = Callable[[Run, TextIO], Reporter]


def write_report(make: ReporterFactory, run: Run, results: Iterable[FileResult],
                 out: TextIO) -> None:
    """Report `results` with a new reporter of the format `make`."""
    reporter = make(run, out)
    for result in results:
        reporter.file(result)
    reporter.finish()


# Bidirectional controls: they reorder what a terminal or a review shows ("Trojan Source").
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# Control characters shown as their Unicode pictures (␇, ␛, ...), one column each, C1 and
# bidirectional controls as �: a checked file must not move a terminal's cursor, colour
# its output or reorder it.
_PICTURES = str.maketrans({**{code: 0x2400 + code for code in range(32) if code != 9},
                           0x7F: 0x2421, **{code: 0xFFFD for code in range(0x80, 0xA0)},
                           **{code: 0xFFFD for code in _BIDI}})
# What a file name must not carry into any output: controls (tab too), bidirectional
# controls, and the bytes that are not UTF-8 (which Python decodes as lone surrogates).
_UNSAFE_IN_NAMES = LazyPattern("[\x00-\x1f\x7f-\x9f" + "".join(map(chr, _BIDI))
                              + "\udc80-\udcff]")


BATCH = 1000  # pieces of a report (findings, lines) written at once (`write_in_batches`)


def write_in_batches(out: TextIO, pieces: Iterable[str]) -> None:
    """Write `pieces` to `out` `BATCH` at a time: with PYTHONUNBUFFERED set (as in many
    containers and CI jobs) each write is a system call, and a large file has 10,000s of
    findings; but a report held whole took 12 MB (text, then its UTF-8) for 8,000."""
    pieces = iter(pieces)
    while batch := "".join(itertools.islice(pieces, BATCH)):
        out.write(batch)


def printable(text: str) -> str:
    """`text` for a terminal: its control characters (but tab) as visible symbols."""
    # Control characters are never printable: most text needs no (slow) translate.
    return text if text.isprintable() else text.translate(_PICTURES)


def escaped(name: str) -> str:
    """A file name (or a message that holds one) as every output format can carry it:
    controls as `\\x1b` or `\\u202e`, a byte that is not UTF-8 as `\\xff`."""
    return _UNSAFE_IN_NAMES.sub(_escape, name) if _UNSAFE_IN_NAMES.search(name) else name


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # the byte `code - 0xDC00`, as surrogateescape decoded it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
