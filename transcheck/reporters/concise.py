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
        lines = []
        for d in result.diagnostics:
            where = paint(f"{escaped(result.path)}:{d.line}:{d.column}:", self.color, bold=True)
            code = paint(d.code, self.color, fg=SEVERITY_COLOR[d.severity], bold=True)
            lines.append(f"{where} {code} {printable(d.message)}\n")
        self.out.write("".join(lines))  # one write a file, as the text format does

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: this format holds findings only

    def finish(self) -> None:
        pass
