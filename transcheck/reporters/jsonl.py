"""`--format jsonl`: one JSON object per line, with the fields of `--format json`."""

from __future__ import annotations

import json
from typing import TextIO

from transcheck.reporters import FileResult, Run, escaped, write_in_batches


class JsonLinesReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        path = escaped(result.path)
        write_in_batches(self.out, (
            json.dumps({"path": path, **diagnostic.to_dict()}, ensure_ascii=False) + "\n"
            for diagnostic in result.diagnostics))

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: this format holds findings only

    def finish(self) -> None:
        pass
