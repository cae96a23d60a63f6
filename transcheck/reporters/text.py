"""`--format text`: `path:line:col: CODE message`, the line with a caret, and `help:`."""

from __future__ import annotations

import functools
import json
from collections import Counter
from typing import Any, TextIO

import click

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.reporters import FileResult, Run, escaped, printable

# Long lines (a whole paragraph on one line is common) are shown as a window around the span.
_CONTEXT = 60
_LONGEST = 400  # of a span: a longer one is shown cut, with its first characters


# The colour of a finding's code and caret, by severity (as ruff and compilers colour them).
SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def paint(text: str, color: bool, **style: Any) -> str:
    """`text` in `style` (click.style's keywords) if `color`, else as it is."""
    return click.style(text, **style) if color else text


class TextReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.color = run.color
        self.count = self.fixable = self.hidden = self.files = self.errors = 0
        self.unsafe = {rule.code for rule in run.rules if rule.unsafe_fix}

    def file(self, result: FileResult) -> None:
        path = escaped(result.path)
        # One write a file: with PYTHONUNBUFFERED set (as in many containers), each
        # write is a system call, and a large file has 10,000s of findings.
        self.out.write("".join([format_diagnostic(path, result.document, diagnostic, self.color)
                                for diagnostic in result.diagnostics]))
        for diagnostic in result.diagnostics:
            if diagnostic.fix is not None:
                if diagnostic.code in self.unsafe:
                    self.hidden += 1
                else:
                    self.fixable += 1
        self.count += len(result.diagnostics)
        self.files += bool(result.diagnostics)

    def error(self, message: str, path: str | None) -> None:
        self.errors += 1  # on standard error already

    def finish(self) -> None:
        if self.count:
            noun = "problem" if self.count == 1 else "problems"
            files = f"{self.files} file{'s' if self.files != 1 else ''}"
            self.out.write(paint(f"Found {self.count} {noun} in {files}.", self.color,
                                 bold=True) + "\n")
            star = f"[{paint('*', self.color, fg='cyan')}]"
            if self.fixable:  # as ruff says it
                more = f"; {self.hidden} more with --unsafe-fixes" if self.hidden else ""
                self.out.write(f"{star} {self.fixable} fixable with `transcheck --fix` "
                               f"(`--diff` shows the fixes){more}.\n")
            elif self.hidden:
                self.out.write(f"{star} {self.hidden} fixable with "
                               "`transcheck --fix --unsafe-fixes`.\n")
        elif not self.errors:
            self.out.write(paint("All checks passed!", self.color, fg="green", bold=True) + "\n")


def format_diagnostic(path: str, doc: Document, d: Diagnostic, color: bool = False) -> str:
    """`d` in `doc` as the text format shows it; `path` as shown (`escaped`)."""
    # The styles' codes, not `paint` calls: a large file has 100,000s of findings.
    bold, end_bold, hue, end_hue, blue, end_blue = _styles(color, d.severity) if color else _PLAIN
    shown, caret_at, width = _excerpt(doc, d)
    line = str(d.line)
    gutter = f"  {' ' * len(line)}"
    text = (f"{bold}{path}:{line}:{d.column}:{end_bold} {hue}{d.code}{end_hue} "
            f"{printable(d.message)}\n"
            f"{blue}  {line} |{end_blue} {shown}\n"
            f"{blue}{gutter} |{end_blue} {' ' * caret_at}{hue}{'^' * width}{end_hue}\n")
    if d.fix is not None:
        text += (f"{blue}{gutter} ={end_blue} {bold}help:{end_bold} "
                 f"{printable(describe_fix(doc, d))}\n")
    return text


_PLAIN = ("",) * 6  # what `_styles` gives without colour, without the look-up


@functools.lru_cache(maxsize=8)
def _styles(color: bool, severity: Severity) -> tuple[str, str, str, str, str, str]:
    """What `format_diagnostic` writes before and after bold text, text in the colour of
    `severity`, and the blue gutter."""
    return (*_codes(color, None), *_codes(color, SEVERITY_COLOR[severity]),
            *_codes(color, "blue", bold=False))


@functools.lru_cache(maxsize=16)
def _codes(color: bool, fg: str | None, bold: bool = True) -> tuple[str, str]:
    """What `paint(text, color, fg=fg, bold=bold)` writes before and after `text`."""
    if not color:
        return "", ""
    before, _, after = click.style("\0", fg=fg, bold=bold).partition("\0")
    return before, after


def _excerpt(doc: Document, d: Diagnostic) -> tuple[str, int, int]:
    """The part of the finding's line shown, where its caret starts and how wide it is.

    Only that part of the line is read: a file of one long line may have thousands
    of findings, and each must cost the same whatever the line's length.
    """
    starts, raw, line = doc.line_starts, doc.raw, d.line
    line_start = starts[line - 1]
    line_end = starts[line] if line < len(starts) else len(raw)
    while line_end > line_start and raw[line_end - 1] in "\r\n":
        line_end -= 1
    length = line_end - line_start
    column = d.column - 1
    # Comparisons, not min() and max() calls: this runs for each of 100,000s of findings.
    span_end = d.end_column - 1 if d.end_line == line else length
    if span_end > column + _LONGEST:
        span_end = column + _LONGEST
    left = column - _CONTEXT if column > _CONTEXT else 0
    right = span_end + _CONTEXT if span_end + _CONTEXT < length else length
    shown = printable(raw[line_start + left:line_start + right].replace("\t", " "))
    if left:
        shown = "…" + shown
    if right < length:
        shown += "…"
    return shown, column - left + (1 if left else 0), span_end - column if span_end > column else 1


def describe_fix(doc: Document, d: Diagnostic) -> str:
    old = doc.raw[d.start:d.end]
    if d.fix == "":
        return "remove the space" if old.isspace() else f"remove `{old}`"
    if not old:
        return f"insert `{d.fix}`"
    return f"replace `{old}` with `{d.fix}`"


class StatisticsReporter:
    """`--statistics`: one line per code, most frequent first (as ruff prints it), and the
    total; with `--format json`, the same as one JSON object."""

    def __init__(self, run: Run, out: TextIO, as_json: bool = False) -> None:
        self.out, self.as_json = out, as_json
        self.counts: Counter[tuple[str, str]] = Counter()
        self.fixable: Counter[str] = Counter()
        self.unsafe = {rule.code for rule in run.rules if rule.unsafe_fix}

    def file(self, result: FileResult) -> None:
        self.counts.update((d.code, d.name) for d in result.diagnostics)
        self.fixable.update(d.code for d in result.diagnostics if d.fix is not None)

    def error(self, message: str, path: str | None) -> None:
        pass  # on standard error: statistics count findings

    def finish(self) -> None:
        rows = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        total, fixable = sum(self.counts.values()), sum(self.fixable.values())
        if self.as_json:
            json.dump({"rules": [{"code": code, "name": name, "count": n,
                                  "fixable": self.fixable[code],
                                  "unsafe-fix": code in self.unsafe}
                                 for (code, name), n in rows],
                       "total": total, "fixable": fixable}, self.out, indent=2)
            self.out.write("\n")
            return
        for (code, name), n in rows:
            # As ruff marks them: [*] a safe fix, [-] one applied with --unsafe-fixes only.
            mark = ("[-]" if code in self.unsafe else "[*]") if self.fixable[code] else "   "
            self.out.write(f"{n:>5}\t{code}\t{mark} {name}\n")
        self.out.write(f"{total:>5}\tin total ({fixable} fixable)\n")
