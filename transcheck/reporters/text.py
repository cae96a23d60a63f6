"""`--format text`: `path:line:col: CODE message`, the line with a caret, and `help:`."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from transcheck.diagnostics import Diagnostic
from transcheck.document import Document
from transcheck.reporters import Report, printable

# Long lines (a whole paragraph on one line is common) are shown as a window around the span.
_CONTEXT = 60


def write_text(report: Report, out: TextIO) -> None:
    found = report.diagnostics
    for result, diagnostic in found:
        out.write(format_diagnostic(result.path, result.document, diagnostic))
    if found:
        count = len(found)
        fixable = sum(1 for _, d in found if d.fix is not None)
        files = sum(1 for f in report.files if f.diagnostics)
        noun = "problem" if count == 1 else "problems"
        out.write(f"Found {count} {noun} in {files} file{'s' if files != 1 else ''}"
                  f" ({fixable} fixable).\n")


def format_diagnostic(path: str, doc: Document, d: Diagnostic) -> str:
    lines = [f"{path}:{d.line}:{d.column}: {d.code} {printable(d.message)}"]
    source = printable(doc.line_text(d.line).replace("\t", " "))
    end_column = d.end_column if d.end_line == d.line else len(source) + 1
    left = max(0, d.column - 1 - _CONTEXT)
    right = min(len(source), end_column - 1 + _CONTEXT)
    shown = ("…" if left else "") + source[left:right] + ("…" if right < len(source) else "")
    caret_at = d.column - 1 - left + (1 if left else 0)
    width = max(1, end_column - d.column)
    gutter = " " * len(str(d.line))
    lines.append(f"  {d.line} | {shown}")
    lines.append(f"  {gutter} | {' ' * caret_at}{'^' * width}")
    if d.fix is not None:
        lines.append(f"  {gutter} = help: {printable(describe_fix(doc, d))}")
    return "\n".join(lines) + "\n"


def describe_fix(doc: Document, d: Diagnostic) -> str:
    old = doc.raw[d.start:d.end]
    if d.fix == "":
        return "remove the space" if old.isspace() else f"remove `{old}`"
    if not old:
        return f"insert `{d.fix}`"
    return f"replace `{old}` with `{d.fix}`"


def write_statistics(report: Report, out: TextIO) -> None:
    """`--statistics`: one line per code, most frequent first (as ruff prints it)."""
    counts = Counter((d.code, d.name) for _, d in report.diagnostics)
    fixable = {d.code for _, d in report.diagnostics if d.fix is not None}
    for (code, name), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if code in fixable else "   "
        out.write(f"{n:>5}\t{code}\t{mark} {name}\n")
