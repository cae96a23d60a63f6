"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePath
from typing import Any, TextIO

from transcheck.diagnostics import Severity
from transcheck.fingerprint import fingerprint
from transcheck.reporters import FileResult, Run, escaped

_SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


class GitlabReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.seen: Counter[str] = Counter()
        self.issues: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        path = PurePath(result.path).as_posix()
        for d in result.diagnostics:
            base = fingerprint(path, result.document, d)
            # GitLab merges issues that share a fingerprint: number identical findings apart.
            repeat = self.seen[base]
            self.seen[base] += 1
            unique = base if not repeat else hashlib.sha256(
                f"{base}:{repeat}".encode()).hexdigest()
            self.issues.append({
                "description": d.message,
                "check_name": d.code,
                "fingerprint": unique,
                "severity": _SEVERITY[d.severity],
                "location": {"path": escaped(path), "lines": {"begin": d.line}},
            })

    def error(self, message: str, path: str | None) -> None:
        where = escaped(PurePath(path).as_posix()) if path else "."
        message = escaped(message)
        self.issues.append({
            "description": message,
            "check_name": "error",
            "fingerprint": hashlib.sha256(f"{where}:{message}".encode()).hexdigest(),
            "severity": "blocker",  # the file was not checked at all
            "location": {"path": where, "lines": {"begin": 1}},
        })

    def finish(self) -> None:
        # One write, as the JSON report (`json_format.py`).
        self.out.write(json.dumps(self.issues, ensure_ascii=False, indent=2) + "\n")
