"""`--format concise`: one `path:line:col: CODE message` line per diagnostic, nothing else."""

from __future__ import annotations

from typing import TextIO

from transcheck.reporters import FileResult, Run, escaped, printable
from transcheck.reporters.text import SEVERITY_COLOR, paint


class ConciseReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.color = run.color

    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            where = paint(f"{escaped(result.path)}:{d.line}:{d.column}:", self.color, bold=True)
            code = paint(d.code, self.color, fg=SEVERITY_COLOR[d.severity], bold=True)
            self.out.write(f"{where} {code} {printable(d.message)}\n")

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: this format holds findings only

    def finish(self) -> None:
        pass
