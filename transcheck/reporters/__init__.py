"""Reporters turn a run's results into one output format. They never see rules run."""

from __future__ import annotations

from collections.abc import Sequence
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


@dataclass
class Report:
    """What a reporter receives: every file's result, and the rules that ran."""

    files: Sequence[FileResult]
    rules: Sequence[Rule]
    tool_version: str

    @property
    def diagnostics(self) -> list[tuple[FileResult, Diagnostic]]:
        return [(f, d) for f in self.files for d in f.diagnostics]


# Control characters shown as their Unicode pictures (␇, ␛, ...), one column each: a
# checked file must not move a terminal's cursor or colour its output.
_PICTURES = str.maketrans({**{code: 0x2400 + code for code in range(32) if code != 9},
                           0x7F: 0x2421, **{code: 0xFFFD for code in range(0x80, 0xA0)}})


def printable(text: str) -> str:
    """`text` for a terminal: its control characters (but tab) as visible symbols."""
    # Control characters are never printable: most text needs no (slow) translate.
    return text if text.isprintable() else text.translate(_PICTURES)


class Reporter(Protocol):
    def __call__(self, report: Report, out: TextIO) -> None:
        """Write `report` to `out`."""
