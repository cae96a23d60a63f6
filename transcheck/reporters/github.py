"""`--format github`: workflow commands that GitHub Actions shows as annotations on the diff."""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.reporters import FileResult, Run, escaped, write_in_batches

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        write_in_batches(self.out, (workflow_command(result.path, d) for d in result.diagnostics))

    def error(self, message: str, path: str | None) -> None:
        where = f"file={escape_property(escaped(PurePath(path).as_posix()))}," if path else ""
        self.out.write(f"::error {where}title=transcheck::{escape_data(escaped(message))}\n")

    def finish(self) -> None:
        pass


def workflow_command(path: str, d: Diagnostic) -> str:
    properties = {
        "file": escaped(PurePath(path).as_posix()),
        "line": d.line,
        "col": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
        "title": d.code,
    }
    fields = ",".join(f"{key}={escape_property(str(value))}"
                      for key, value in properties.items())
    return f"::{_COMMAND[d.severity]} {fields}::{escape_data(f'{d.message} ({d.name})')}\n"


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus the `:` and `,` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
