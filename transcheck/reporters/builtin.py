"""Registers the built-in output formats through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Mapping

from transcheck.hookspecs import hookimpl
from transcheck.reporters import Reporter
from transcheck.reporters.json_format import write_json
from transcheck.reporters.text import write_text


@hookimpl
def transcheck_output_formats() -> Mapping[str, Reporter]:
    return {"text": write_text, "json": write_json}
