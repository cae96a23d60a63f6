"""Registers the built-in output formats through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Mapping

from transcheck.hookspecs import hookimpl
from transcheck.reporters import Reporter
from transcheck.reporters.concise import write_concise
from transcheck.reporters.github import write_github
from transcheck.reporters.gitlab import write_gitlab
from transcheck.reporters.json_format import write_json
from transcheck.reporters.jsonl import write_jsonl
from transcheck.reporters.junit import write_junit
from transcheck.reporters.sarif import write_sarif
from transcheck.reporters.text import write_text


@hookimpl
def transcheck_output_formats() -> Mapping[str, Reporter]:
    return {
        "text": write_text,
        "json": write_json,
        "jsonl": write_jsonl,
        "concise": write_concise,
        "github": write_github,
        "gitlab": write_gitlab,
        "junit": write_junit,
        "sarif": write_sarif,
    }
