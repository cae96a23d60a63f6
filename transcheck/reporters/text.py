"""`--format text`: `path:line:col: CODE message`, the line with a caret, and `help:`."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from transcheck.diagnostics import Diagnostic
from transcheck.document import Document
from transcheck.reporters import FileResult, Run, escaped, printable

# Long lines (a whole paragraph on one line is common) are shown as a window around the span.
_CONTEXT = 60
_LONGEST = 400  # of a span: a longer one is shown cut, with its first characters


class TextReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.count = self.fixable = self.hidden = self.files = 0
        self.unsafe = {rule.code for rule in run.rules if rule.unsafe_fix}

    def file(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.out.write(format_diagnostic(escaped(result.path), result.document,
                                             diagnostic))
            if diagnostic.fix is not None:
                if diagnostic.code in self.unsafe:
                    self.hidden += 1
                else:
                    self.fixable += 1
        self.count += len(result.diagnostics)
        self.files += bool(result.diagnostics)

    def finish(self) -> None:
        if self.count:
            noun = "problem" if self.count == 1 else "problems"
            more = f"; {self.hidden} more with --unsafe-fixes" if self.hidden else ""
            self.out.write(f"Found {self.count} {noun} in {self.files} "
                           f"file{'s' if self.files != 1 else ''} ({self.fixable} fixable"
                           f"{more}).\n")


def format_diagnostic(path: str, doc: Document, d: Diagnostic) -> str:
    """`d` in `doc` as the text format shows it; `path` as shown (`escaped`)."""
    lines = [f"{path}:{d.line}:{d.column}: {d.code} {printable(d.message)}"]
    shown, caret_at, width = _excerpt(doc, d)
    gutter = " " * len(str(d.line))
    lines.append(f"  {d.line} | {shown}")
    lines.append(f"  {gutter} | {' ' * caret_at}{'^' * width}")
    if d.fix is not None:
        lines.append(f"  {gutter} = help: {printable(describe_fix(doc, d))}")
    return "\n".join(lines) + "\n"


def _excerpt(doc: Document, d: Diagnostic) -> tuple[str, int, int]:
    """The part of the finding's line shown, where its caret starts and how wide it is.

    Only that part of the line is read: a file of one long line may have thousands
    of findings, and each must cost the same whatever the line's length.
    """
    line_start = doc.line_starts[d.line - 1]
    line_end = doc.line_starts[d.line] if d.line < len(doc.line_starts) else len(doc.raw)
    while line_end > line_start and doc.raw[line_end - 1] in "\r\n":
        line_end -= 1
    length = line_end - line_start
    column = d.column - 1
    span_end = min(d.end_column - 1 if d.end_line == d.line else length, column + _LONGEST)
    left = max(0, column - _CONTEXT)
    right = min(length, span_end + _CONTEXT)
    window = printable(doc.raw[line_start + left:line_start + right].replace("\t", " "))
    shown = ("…" if left else "") + window + ("…" if right < length else "")
    return shown, column - left + (1 if left else 0), max(1, span_end - column)


def describe_fix(doc: Document, d: Diagnostic) -> str:
    old = doc.raw[d.start:d.end]
    if d.fix == "":
        return "remove the space" if old.isspace() else f"remove `{old}`"
    if not old:
        return f"insert `{d.fix}`"
    return f"replace `{old}` with `{d.fix}`"


class StatisticsReporter:
    """`--statistics`: one line per code, most frequent first (as ruff prints it)."""

    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.counts: Counter[tuple[str, str]] = Counter()
        self.fixable: set[str] = set()
        self.unsafe = {rule.code for rule in run.rules if rule.unsafe_fix}

    def file(self, result: FileResult) -> None:
        self.counts.update((d.code, d.name) for d in result.diagnostics)
        self.fixable.update(d.code for d in result.diagnostics if d.fix is not None)

    def finish(self) -> None:
        for (code, name), n in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
            # As ruff marks them: [*] a safe fix, [-] one applied with --unsafe-fixes only.
            mark = ("[-]" if code in self.unsafe else "[*]") if code in self.fixable else "   "
            self.out.write(f"{n:>5}\t{code}\t{mark} {name}\n")
