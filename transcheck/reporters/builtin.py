"""Registers the built-in output formats through the same hook plugins use.

Each format's module is imported when that format is asked for: a run prints one.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TextIO

from transcheck.hookspecs import hookimpl
from transcheck.reporters import Report, Reporter

_FORMATS = {
    "text": ("text", "write_text"),
    "json": ("json_format", "write_json"),
    "jsonl": ("jsonl", "write_jsonl"),
    "concise": ("concise", "write_concise"),
    "github": ("github", "write_github"),
    "gitlab": ("gitlab", "write_gitlab"),
    "junit": ("junit", "write_junit"),
    "sarif": ("sarif", "write_sarif"),
}


def _lazy(module: str, function: str) -> Reporter:
    def write(report: Report, out: TextIO) -> None:
        reporter: Reporter = getattr(
            importlib.import_module(f"transcheck.reporters.{module}"), function)
        reporter(report, out)

    return write


@hookimpl
def transcheck_output_formats() -> Mapping[str, Reporter]:
    return {name: _lazy(module, function) for name, (module, function) in _FORMATS.items()}
