"""`--format sarif`: a SARIF 2.1.0 log, as GitHub code scanning and other SARIF viewers read it."""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.fingerprint import fingerprint
from transcheck.reporters import FileResult, Run, escaped
from transcheck.reporters.text import describe_fix
from transcheck.rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.run, self.out = run, out
        self.descriptors = {rule.code: _rule_descriptor(rule) for rule in run.rules}
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            # Codes a bridging rule reports on behalf of another tool (LanguageTool) are
            # not rules of their own: describe them from what the diagnostic knows.
            self.descriptors.setdefault(d.code, _foreign_descriptor(d))
            self.results.append(_result(result.path, result.document, d))

    def error(self, message: str, path: str | None) -> None:
        notification: dict[str, Any] = {"level": "error",
                                        "message": {"text": escaped(message)}}
        if path:
            notification["locations"] = [
                {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}]
        self.notifications.append(notification)

    def finish(self) -> None:
        index = {code: i for i, code in enumerate(self.descriptors)}
        for result in self.results:
            result["ruleIndex"] = index[result["ruleId"]]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "transcheck",
                    "version": self.run.tool_version,
                    "rules": list(self.descriptors.values()),
                }},
                # Columns count code points, not the UTF-16 units SARIF assumes by default.
                "columnKind": "unicodeCodePoints",
                # Files that could not be checked: code scanning lists them as tool errors.
                "invocations": [{
                    "executionSuccessful": not self.notifications,
                    "toolExecutionNotifications": self.notifications,
                }],
                "results": self.results,
            }],
        }
        # One write, as the JSON report (`json_format.py`).
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = rule.explanation.strip() or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity],
                                 "enabled": rule.default_enabled},
        "properties": {"tags": [rule.category], "fixable": rule.fixable},
    }


def _foreign_descriptor(d: Diagnostic) -> dict[str, Any]:
    return {
        "id": d.code,
        "name": d.name,
        "defaultConfiguration": {"level": _LEVEL[d.severity]},
        "properties": {"tags": [d.category]},
    }


def _result(path: str, doc: Document, d: Diagnostic) -> dict[str, Any]:
    location = {"uri": _uri(path)}
    region = {"startLine": d.line, "startColumn": d.column,
              "endLine": d.end_line, "endColumn": d.end_column}
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": 0,  # set at the end, when every rule's place is known
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {"transcheck/v1": fingerprint(path, doc, d)},
    }
    if d.fix is not None:
        result["fixes"] = [{
            "description": {"text": describe_fix(doc, d)},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": d.fix}}],
            }],
        }]
    return result


def _uri(path: str) -> str:
    """A relative path stays relative (viewers resolve it against the checkout)."""
    pure = PurePath(path)
    # The file system's bytes, percent-encoded: a name that is not UTF-8 stays exact.
    return pure.as_uri() if pure.is_absolute() else quote(os.fsencode(pure.as_posix()))
