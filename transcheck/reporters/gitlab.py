"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePath
from typing import Any, TextIO

from transcheck.diagnostics import Severity
from transcheck.fingerprint import fingerprint
from transcheck.reporters import Report

_SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def write_gitlab(report: Report, out: TextIO) -> None:
    seen: Counter[str] = Counter()
    issues: list[dict[str, Any]] = []
    for result, d in report.diagnostics:
        path = PurePath(result.path).as_posix()
        base = fingerprint(path, result.document, d)
        # GitLab merges issues that share a fingerprint: number identical findings apart.
        repeat = seen[base]
        seen[base] += 1
        unique = base if not repeat else hashlib.sha256(f"{base}:{repeat}".encode()).hexdigest()
        issues.append({
            "description": d.message,
            "check_name": d.code,
            "fingerprint": unique,
            "severity": _SEVERITY[d.severity],
            "location": {"path": path, "lines": {"begin": d.line}},
        })
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")
