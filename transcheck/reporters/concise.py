"""`--format concise`: one `path:line:col: CODE message` line per diagnostic, nothing else."""

from __future__ import annotations

from typing import TextIO

from transcheck.reporters import Report, printable


def write_concise(report: Report, out: TextIO) -> None:
    for result, d in report.diagnostics:
        out.write(f"{result.path}:{d.line}:{d.column}: {d.code} {printable(d.message)}\n")
