"""Baselines: record today's findings, then report only the ones that are new.

The file is JSON, written in a stable order so that it diffs well in review::

    {
      "transcheck-baseline": 1,
      "findings": [
        {"path": "news/flood.md", "code": "TC111", "count": 1,
         "fingerprint": "9f2c…", "message": "Space before “,”"}
      ]
    }

A finding is known by its fingerprint (`transcheck.fingerprint`: path, code and
the text in and around it, not its line), so edits elsewhere in the file keep
it known. `count` is how many findings share the fingerprint (the same mistake
twice in one sentence): a third one is new. Paths are relative to the project
root (the directory of the configuration file, else the current one).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from transcheck.errors import ConfigError
from transcheck.fingerprint import fingerprint
from transcheck.reporters import FileResult, escaped

VERSION = 1
_KEY = "transcheck-baseline"


def entries(results: Sequence[FileResult], root: Path) -> list[dict[str, Any]]:
    """One entry per distinct fingerprint, sorted by path, code and fingerprint."""
    counts: Counter[str] = Counter()
    first: dict[str, dict[str, Any]] = {}
    for result in results:
        path = _project_path(result.path, root)
        for d in result.diagnostics:
            key = fingerprint(path, result.document, d)
            counts[key] += 1
            first.setdefault(key, {"path": escaped(path), "code": d.code, "message": d.message})
    rows = [{**first[key], "fingerprint": key, "count": n} for key, n in counts.items()]
    return sorted(rows, key=lambda row: (row["path"], row["code"], row["fingerprint"]))


def write(file: Path, results: Sequence[FileResult], root: Path) -> int:
    """Write the baseline of `results` to `file`; returns the number of findings in it."""
    rows = entries(results, root)
    text = json.dumps({_KEY: VERSION, "findings": rows}, ensure_ascii=False, indent=2)
    try:
        file.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from None
    return sum(row["count"] for row in rows)


def load(file: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline `file` allows."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{file}: not a transcheck baseline (invalid JSON: {exc})") from None
    except RecursionError:
        raise ConfigError(f"{file}: not a transcheck baseline (nested too deeply)") from None
    if not isinstance(data, dict) or data.get(_KEY) != VERSION or not isinstance(
        data.get("findings"), list
    ):
        raise ConfigError(f"{file}: not a transcheck baseline (version {VERSION})")
    allowed: Counter[str] = Counter()
    for row in data["findings"]:
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise ConfigError(f"{file}: a finding without a fingerprint: {row!r}")
        count = row.get("count", 1)
        allowed[row["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
    return allowed


class Allowance:
    """The findings a baseline allows, used up file by file as the run reports them."""

    def __init__(self, allowed: Counter[str], root: Path) -> None:
        self.left = Counter(allowed)
        self.root = root

    def new_findings(self, result: FileResult) -> FileResult:
        """`result` without the findings the baseline (still) allows."""
        path = _project_path(result.path, self.root)
        diagnostics = []
        for d in result.diagnostics:
            key = fingerprint(path, result.document, d)
            if self.left[key] > 0:
                self.left[key] -= 1
            else:
                diagnostics.append(d)
        return result.replace(diagnostics=diagnostics)

    @property
    def unused(self) -> int:
        """How many of the baseline's findings did not occur (so far)."""
        return sum(self.left.values())


def _project_path(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()
