"""`--format json`: one JSON array of diagnostics."""

from __future__ import annotations

import json
from typing import Any, TextIO

from transcheck.reporters import Report


def write_json(report: Report, out: TextIO) -> None:
    items: list[dict[str, Any]] = [
        {"path": result.path, **diagnostic.to_dict()} for result, diagnostic in report.diagnostics
    ]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
