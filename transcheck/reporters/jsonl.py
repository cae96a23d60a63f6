"""`--format jsonl`: one JSON object per line, with the fields of `--format json`."""

from __future__ import annotations

import itertools
import json
from typing import TextIO

from transcheck.reporters import FileResult, Run, escaped

_BATCH = 1000  # lines written at once


class JsonLinesReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        path = escaped(result.path)
        lines = (json.dumps({"path": path, **diagnostic.to_dict()}, ensure_ascii=False) + "\n"
                 for diagnostic in result.diagnostics)
        # A write per `_BATCH` lines: with PYTHONUNBUFFERED set, each write is a system call.
        while batch := "".join(itertools.islice(lines, _BATCH)):
            self.out.write(batch)

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: this format holds findings only

    def finish(self) -> None:
        pass
