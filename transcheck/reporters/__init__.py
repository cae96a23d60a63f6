"""Reporters turn a run's results into one output format. They never see rules run.

A reporter is made for one run (`Run`: the rules, the tool's version) and one output
stream, receives each checked file as soon as it is checked (`Reporter.file`, in
discovery order) and then `finish`es. Line formats (text, jsonl, github, concise)
write each file at once, so a run holds no document longer than it takes to report
it; a format that is one whole document (json, sarif, junit, gitlab) keeps what it
needs of each file, never the file itself, and writes at `finish`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from transcheck.diagnostics import Diagnostic

if TYPE_CHECKING:
    from transcheck.document import Document
    from transcheck.rule import Rule


@dataclass
class FileResult:
    """One checked file: its path, its document and what was found in it."""

    path: str
    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Run:
    """What every reporter knows from the start: the rules that ran, the tool's version."""

    rules: Sequence[Rule]
    tool_version: str


class Reporter(Protocol):
    """One output format being written for one run."""

    def file(self, result: FileResult) -> None:
        """Report one checked file (called in discovery order, once per file)."""

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


# Control characters shown as their Unicode pictures (␇, ␛, ...), one column each: a
# checked file must not move a terminal's cursor or colour its output.
_PICTURES = str.maketrans({**{code: 0x2400 + code for code in range(32) if code != 9},
                           0x7F: 0x2421, **{code: 0xFFFD for code in range(0x80, 0xA0)}})


def printable(text: str) -> str:
    """`text` for a terminal: its control characters (but tab) as visible symbols."""
    # Control characters are never printable: most text needs no (slow) translate.
    return text if text.isprintable() else text.translate(_PICTURES)
