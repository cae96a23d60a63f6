"""`--format concise`: one `path:line:col: CODE message` line per diagnostic, nothing else."""

from __future__ import annotations

from typing import TextIO

from transcheck.reporters import FileResult, Run, escaped, printable


class ConciseReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            self.out.write(f"{escaped(result.path)}:{d.line}:{d.column}: {d.code} "
                           f"{printable(d.message)}\n")

    def finish(self) -> None:
        pass
