"""Registers the built-in output formats through the same hook plugins use.

Each format's module is imported when that format is asked for: a run prints one.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TextIO

from transcheck.hookspecs import hookimpl
from transcheck.reporters import Reporter, ReporterFactory, Run

FORMATS = {
    "text": ("text", "TextReporter"),
    "json": ("json_format", "JsonReporter"),
    "jsonl": ("jsonl", "JsonLinesReporter"),
    "concise": ("concise", "ConciseReporter"),
    "github": ("github", "GithubReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
    "junit": ("junit", "JunitReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "html": ("html", "HtmlReporter"),
}


def _lazy(module: str, name: str) -> ReporterFactory:
    def make(run: Run, out: TextIO) -> Reporter:
        factory: ReporterFactory = getattr(
            importlib.import_module(f"transcheck.reporters.{module}"), name)
        return factory(run, out)

    return make


@hookimpl
def transcheck_output_formats() -> Mapping[str, ReporterFactory]:
    return {name: _lazy(module, cls) for name, (module, cls) in FORMATS.items()}
