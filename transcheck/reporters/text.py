"""`--format text`: `path:line:col: CODE message`, the line with a caret, and `help:`."""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

import click

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.reporters import FileResult, Run, escaped, printable, write_in_batches

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
        write_in_batches(self.out, map(_Formatter(path, result.document, self.color).format,
                                       result.diagnostics))
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


def format_diagnostics(path: str, doc: Document, diagnostics: Iterable[Diagnostic],
                       color: bool = False) -> list[str]:
    """Each of `diagnostics` in `doc` as the text format shows it; `path` as shown
    (`escaped`). Sorted by line, as a `FileResult` holds them, a short line is read, and
    checked for what cannot be printed, once for all its diagnostics."""
    return list(map(_Formatter(path, doc, color).format, diagnostics))


# A line up to this long is read whole, once for all its findings; a longer one only
# in the window each finding shows, so that a finding costs the same on any line.
_WHOLE = 2 * _CONTEXT + _LONGEST


class _Formatter:
    """Formats the diagnostics of one file, keeping the line of the last one."""

    def __init__(self, path: str, doc: Document, color: bool) -> None:
        self.path, self.doc, self.color = path, doc, color
        self.number = 0  # the line read last (0: none yet)
        self.start = self.length = 0  # where it starts in `doc.raw`, its length (no break)
        self.text: str | None = None  # its text if no longer than `_WHOLE`
        self.clean = False  # whether `text` is all printable (so holds no tab either)

    def format(self, d: Diagnostic) -> str:
        # The styles' codes, not `paint` calls: a large file has 100,000s of findings.
        bold, end_bold, hue, end_hue, blue, end_blue = (
            _styles(self.color, d.severity) if self.color else _PLAIN)
        shown, caret_at, width = self._excerpt(d)
        line = str(d.line)
        gutter = f"  {' ' * len(line)}"
        text = (f"{bold}{self.path}:{line}:{d.column}:{end_bold} {hue}{d.code}{end_hue} "
                f"{printable(d.message)}\n"
                f"{blue}  {line} |{end_blue} {shown}\n"
                f"{blue}{gutter} |{end_blue} {' ' * caret_at}{hue}{'^' * width}{end_hue}\n")
        if d.fix is not None:
            text += (f"{blue}{gutter} ={end_blue} {bold}help:{end_bold} "
                     f"{self._help(d, d.fix)}\n")
        return text

    def _read(self, number: int) -> None:
        """Make line `number` the one kept."""
        starts, raw = self.doc.line_starts, self.doc.raw
        start = starts[number - 1]
        end = starts[number] if number < len(starts) else len(raw)
        while end > start and raw[end - 1] in "\r\n":
            end -= 1
        self.number, self.start, self.length = number, start, end - start
        self.text = raw[start:end] if end - start <= _WHOLE else None
        self.clean = self.text is not None and self.text.isprintable()

    def _excerpt(self, d: Diagnostic) -> tuple[str, int, int]:
        """The part of the finding's line shown, where its caret starts and how wide it is.

        Of a long line, only that part is read: a file of one long line may have
        thousands of findings, and each must cost the same whatever the line's length.
        """
        if d.line != self.number:
            self._read(d.line)
        length, column = self.length, d.column - 1
        # Comparisons, not min() and max() calls: this runs for each of 100,000s of findings.
        span_end = d.end_column - 1 if d.end_line == d.line else length
        if span_end > column + _LONGEST:
            span_end = column + _LONGEST
        left = column - _CONTEXT if column > _CONTEXT else 0
        right = span_end + _CONTEXT if span_end + _CONTEXT < length else length
        if self.text is not None and right >= left:
            shown = self.text[left:right]
            if not self.clean:
                shown = printable(shown.replace("\t", " "))
        else:
            start = self.start
            shown = printable(self.doc.raw[start + left:start + right].replace("\t", " "))
        if left:
            shown = "…" + shown
        if right < length:
            shown += "…"
        width = span_end - column if span_end > column else 1
        return shown, column - left + (1 if left else 0), width

    def _help(self, d: Diagnostic, fix: str) -> str:
        """`describe_fix`, printable; the replaced text taken from the line kept."""
        low, high = d.start - self.start, d.end - self.start
        if self.text is not None and 0 <= low <= high <= self.length:
            described = _describe(self.text[low:high], fix)
            return described if self.clean and fix.isprintable() else printable(described)
        return printable(_describe(self.doc.raw[d.start:d.end], fix))


_PLAIN = ("",) * 6  # what `_styles` gives without colour, without the look-up


@functools.lru_cache(maxsize=8)
def _styles(color: bool, severity: Severity) -> tuple[str, str, str, str, str, str]:
    """What `format_diagnostics` writes before and after bold text, text in the colour of
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


def describe_fix(doc: Document, d: Diagnostic) -> str:
    return _describe(doc.raw[d.start:d.end], d.fix)


def _describe(old: str, fix: str | None) -> str:
    """What replacing `old` with `fix` does, in words."""
    if fix == "":
        return "remove the space" if old.isspace() else f"remove `{old}`"
    if not old:
        return f"insert `{fix}`"
    return f"replace `{old}` with `{fix}`"


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
            self.out.write(json.dumps({"rules": [{"code": code, "name": name, "count": n,
                                                  "fixable": self.fixable[code],
                                                  "unsafe-fix": code in self.unsafe}
                                                 for (code, name), n in rows],
                                       "total": total, "fixable": fixable}, indent=2) + "\n")
            return
        for (code, name), n in rows:
            # As ruff marks them: [*] a safe fix, [-] one applied with --unsafe-fixes only.
            mark = ("[-]" if code in self.unsafe else "[*]") if self.fixable[code] else "   "
            self.out.write(f"{n:>5}\t{code}\t{mark} {name}\n")
        self.out.write(f"{total:>5}\tin total ({fixable} fixable)\n")
