"""`--format jsonl`: one JSON object per line, with the fields of `--format json`."""

from __future__ import annotations

import json
from typing import TextIO

from transcheck.reporters import FileResult, Run, escaped


class JsonLinesReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            item = {"path": escaped(result.path), **diagnostic.to_dict()}
            self.out.write(json.dumps(item, ensure_ascii=False) + "\n")

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: this format holds findings only

    def finish(self) -> None:
        pass
