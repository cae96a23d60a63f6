"""`--format jsonl`: one JSON object per line, with the fields of `--format json`."""

from __future__ import annotations

import json
from typing import TextIO

from transcheck.reporters import Report


def write_jsonl(report: Report, out: TextIO) -> None:
    for result, diagnostic in report.diagnostics:
        item = {"path": result.path, **diagnostic.to_dict()}
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
