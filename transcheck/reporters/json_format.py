"""`--format json`: one JSON array of diagnostics."""

from __future__ import annotations

import json
from typing import Any, TextIO

from transcheck.reporters import FileResult, Run, escaped


class JsonReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.items: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        path = escaped(result.path)
        self.items.extend({"path": path, **d.to_dict()} for d in result.diagnostics)

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: this format holds findings only

    def finish(self) -> None:
        # One write: `json.dump` writes each of its 100,000s of pieces, and with
        # PYTHONUNBUFFERED set (as in many containers) each is a system call.
        self.out.write(json.dumps(self.items, ensure_ascii=False, indent=2) + "\n")
