"""`--format html`: one self-contained page with each file's text and its findings marked.

The page loads nothing: its style and script are inline, allowed by their hashes in a
Content-Security-Policy that forbids every other source, and all the checked text is
escaped. Without script it still shows every highlight; the script adds details on
click, keyboard navigation (j/k) and filters, reading what it needs from the markup.

The page is written file by file as the run reports them: the summary, the filters and
the rules' explanations come last, and CSS lays them out first.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from typing import TextIO

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document, Unit
from transcheck.reporters import FileResult, Run, write_in_batches
from transcheck.rule import Rule

_SEVERITIES = sorted(Severity, key=lambda s: -s.rank)
# Characters an HTML parser would drop or change (NUL, a lone CR, other controls) shown
# as one visible character each, so the page's text keeps every offset of the file.
_VISIBLE = str.maketrans({**{code: 0x2400 + code for code in range(32) if code not in (9, 10, 13)},
                          0x7F: 0x2421, **{code: 0xFFFD for code in range(0x80, 0xA0)}})


def _asset(name: str) -> str:
    return resources.files("transcheck.reporters").joinpath(name).read_text(encoding="utf-8")


@cache
def _assets() -> tuple[str, str, str]:
    """The style, the script and the policy that allows exactly those two."""
    style, script = _asset("html_report.css"), _asset("html_report.js")

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    policy = (f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    return style, script, policy


def shown(text: str) -> str:
    """`text` escaped for HTML, its controls visible, a CR kept as a CR."""
    escaped = html.escape(text.translate(_VISIBLE), quote=True)
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


class HtmlReporter:
    """The report page, written as files come."""

    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.rules = run.rules
        self.tool_version = run.tool_version
        self.files = 0
        self.findings = 0
        self.counts: Counter[tuple[str, Severity]] = Counter()  # (category, severity)
        self.per_code: Counter[str] = Counter()
        self.fired: dict[str, tuple[str, Rule | None]] = {}  # code: (name, rule)
        self.begun = False

    def _begin(self) -> None:
        """The page's head, once something is reported (a run may end before that)."""
        if self.begun:
            return
        self.begun = True
        style, _, policy = _assets()
        self.out.write(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>transcheck report</title>\n<style>{style}</style></head>\n"
            "<body><main id=\"files\">\n")

    def file(self, result: FileResult) -> None:
        self._begin()
        doc, found = result.document, result.diagnostics
        first = self.findings
        self.files += 1
        self.findings += len(found)
        for d in found:
            self.counts[d.category, d.severity] += 1
            self.per_code[d.code] += 1
            self.fired.setdefault(d.code, (d.name, self._rule_of(d.code)))
        spans = [(first + i, d) for i, d in enumerate(found)]
        noun = "finding" if len(found) == 1 else "findings"
        self.out.write(
            f"<section class=\"file\" id=\"file-{self.files}\">"
            f"<h2><span class=\"path\">{shown(result.path)}</span> "
            f"<span class=\"count\">{len(found)} {noun}</span></h2>\n")
        if doc.units:
            self._write_units(doc, spans)
        else:
            self.out.write("<div class=\"text\">")
            # Joined: `writelines` writes each piece, a system call each with PYTHONUNBUFFERED.
            self.out.write("".join(_highlighted(doc.raw, 0, len(doc.raw), spans)))
            self.out.write("</div>\n")
        if found:
            self.out.write(f"<details class=\"list\" open><summary>{len(found)} {noun} "
                           "in this file</summary><ol>\n")
            write_in_batches(self.out, (self._item(doc, i, d) for i, d in spans))
            self.out.write("</ol></details>\n")
        self.out.write("</section>\n")

    def error(self, message: str, path: str | None) -> None:
        """A file that could not be checked: a section of its own, where it would be."""
        self._begin()
        self.out.write(f"<section class=\"file\"><h2><span class=\"path\">{shown(path or '')}"
                       f"</span> <span class=\"count\">not checked</span></h2>\n"
                       f"<p>{shown(message)}</p></section>\n")

    def finish(self) -> None:
        self._begin()
        _, script, _ = _assets()
        write = self.out.write
        write("</main>\n<aside id=\"side\">\n<header><h1>transcheck report</h1>"
              f"<p>{self.findings} finding{'s' if self.findings != 1 else ''} in {self.files} "
              f"file{'s' if self.files != 1 else ''} · transcheck {shown(self.tool_version)}</p>"
              "</header>\n")
        write(_chart(self.counts))
        write(self._filters())
        write("<p class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> next/previous finding, "
              "<kbd>Esc</kbd> close; click a highlight for its details.</p>\n</aside>\n")
        write("<section id=\"rules\"><h2>Rules that reported</h2>\n")
        for code, (name, rule) in sorted(self.fired.items()):
            write(self._rule_section(code, name, rule))
        write("</section>\n<div id=\"detail\" hidden></div>\n"
              f"<script>{script}</script>\n</body></html>\n")

    def _rule_of(self, code: str) -> Rule | None:
        """The rule behind `code`; a bridge's sub-code (`LT-EN_A_VS_AN`) has the bridge's."""
        return next((r for r in self.rules
                     if code == r.code or code.startswith(f"{r.code}-")), None)

    def _item(self, doc: Document, index: int, d: Diagnostic) -> str:
        fix = "" if d.fix is None else (
            f"<p class=\"fix\">Fix: {_fix(doc.raw[d.start:d.end], d.fix)}</p>")
        return (
            f"<li class=\"finding {d.severity.value}\" data-f=\"{index}\" "
            f"data-severity=\"{d.severity.value}\" data-category=\"{shown(d.category)}\" "
            f"data-rule=\"{shown(d.code)}\">"
            f"<a href=\"#\" class=\"where\">{d.line}:{d.column}</a> "
            f"<span class=\"severity\">{d.severity.value}</span> "
            f"<code class=\"code\">{shown(d.code)}</code> "
            f"<span class=\"name\">{shown(d.name)}</span> "
            f"<span class=\"category\">{shown(d.category)}</span>"
            f"<p class=\"message\">{shown(d.message)}</p>{fix}</li>\n")

    def _write_units(self, doc: Document, spans: list[tuple[int, Diagnostic]]) -> None:
        """A bilingual file: each unit's source beside its target, as written in the file.

        Text between units is shown only where a finding lies in it."""
        self.out.write("<table class=\"units\"><thead><tr><th>Unit</th><th>Source</th>"
                       "<th>Translation</th></tr></thead><tbody>\n")
        ranges = _ranges(doc)
        for (start, end, unit), inside in zip(ranges, _distribute(doc, ranges, spans),
                                              strict=True):
            if unit is None and not inside:
                continue
            label, source = (shown(unit.id or ""), shown(unit.source or "")) if unit else ("", "")
            row = " class=\"gap\"" if unit is None else ""
            self.out.write(f"<tr{row}><th>{label}</th><td class=\"source\"><div class=\"text\">"
                           f"{source}</div></td><td class=\"target\"><div class=\"text\">")
            self.out.write("".join(_highlighted(doc.raw, start, end, inside)))
            self.out.write("</div></td></tr>\n")
        self.out.write("</tbody></table>\n")

    def _filters(self) -> str:
        severities = Counter[Severity]()
        categories = Counter[str]()
        for (category, severity), n in self.counts.items():
            severities[severity] += n
            categories[category] += n
        def boxes(title: str, key: str, rows: Iterable[tuple[str, str, int]]) -> str:
            items = "".join(
                f"<label><input type=\"checkbox\" checked data-filter=\"{key}\" "
                f"value=\"{shown(value)}\"> {label} <span class=\"n\">{n}</span></label>"
                for value, label, n in rows)
            return f"<fieldset><legend>{title}</legend>{items}</fieldset>\n"

        return (
            "<form id=\"filters\">\n"
            + boxes("Severity", "severity", (
                (s.value, f"<span class=\"swatch {s.value}\"></span>{s.value}", severities[s])
                for s in _SEVERITIES if severities[s]))
            + boxes("Category", "category", (
                (c, shown(c), n) for c, n in sorted(categories.items())))
            + boxes("Rule", "rule", (
                (code, f"<code>{shown(code)}</code> {shown(name)}", self.per_code[code])
                for code, (name, _) in sorted(self.fired.items())))
            + "</form>\n")

    def _rule_section(self, code: str, name: str, rule: Rule | None) -> str:
        summary = explanation = ""
        if rule is not None:
            summary = f"<p class=\"summary\">{shown(rule.summary)}</p>" if rule.summary else ""
            explanation = _markdown(rule.explanation.strip()) if code == rule.code else ""
        return (f"<section class=\"rule\" data-rule=\"{shown(code)}\">"
                f"<h3><code>{shown(code)}</code> {shown(name)}</h3>{summary}"
                f"<div class=\"explain\">{explanation}</div></section>\n")


def _fix(old: str, new: str) -> str:
    """What a fix does, its texts quoted (spaces and all)."""
    before, after = (f"<code class=\"quoted\">{shown(text)}</code>" for text in (old, new))
    if not new:
        return f"remove {before}"
    return f"insert {after}" if not old else f"replace {before} with {after}"


def _markdown(text: str) -> str:
    """A rule's explanation (Markdown) as HTML; any HTML in it is escaped, not kept."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render(text) if text else ""


def _highlighted(raw: str, low: int, high: int,
                 spans: Sequence[tuple[int, Diagnostic]]) -> Iterator[str]:
    """`raw[low:high]` as HTML, each run of characters inside findings in one `<mark>`.

    A run lists every finding it belongs to (`data-f`) and the ones that start there
    (`data-first`); where findings overlap it takes the most serious one's colour. An
    empty finding (an insertion point) is an empty mark. `spans`, the findings in the
    range sorted by start (as `Engine.check` returns them), are numbered for the page.
    """
    cuts = sorted({low, high, *(max(low, d.start) for _, d in spans),
                   *(min(high, d.end) for _, d in spans)})
    opening: dict[int, list[tuple[int, Diagnostic]]] = {}
    for i, d in spans:
        opening.setdefault(max(low, d.start), []).append((i, d))
    active: list[tuple[int, Diagnostic]] = []
    for start, end in itertools.pairwise(cuts):
        new = opening.get(start, [])
        yield from (_mark([(i, d)], "", {i}, point=True) for i, d in new if d.start == d.end)
        active = [(i, d) for i, d in active if d.end > start] + [
            (i, d) for i, d in new if d.end > d.start]
        text = shown(raw[start:end])
        yield _mark(active, text, {i for i, _ in new}) if active else text
    yield from (_mark([(i, d)], "", {i}, point=True)
                for i, d in opening.get(high, []) if d.start == d.end)


def _ranges(doc: Document) -> list[tuple[int, int, Unit | None]]:
    """The file cut into its units and the (non-empty) gaps between them, in order."""
    ranges: list[tuple[int, int, Unit | None]] = []
    position = 0
    for unit in doc.units:
        if unit.start > position:
            ranges.append((position, unit.start, None))
        ranges.append((unit.start, unit.end, unit))
        position = max(position, unit.end)
    if position < len(doc.raw):
        ranges.append((position, len(doc.raw), None))
    return ranges


def _distribute(doc: Document, ranges: Sequence[tuple[int, int, Unit | None]],
                spans: Sequence[tuple[int, Diagnostic]]) -> list[list[tuple[int, Diagnostic]]]:
    """The findings each of `ranges` (sorted, adjoining) shows: those that overlap it;
    an empty finding goes to the unit it is at, else to the range it is in."""
    starts = [start for start, _, _ in ranges]
    of_unit = {id(unit): index for index, (_, _, unit) in enumerate(ranges) if unit is not None}
    shares: list[list[tuple[int, Diagnostic]]] = [[] for _ in ranges]
    for i, d in spans:
        index = max(0, bisect.bisect_right(starts, d.start) - 1)
        if d.start == d.end:
            unit = doc.unit_at(d.start)
            shares[of_unit[id(unit)] if unit is not None else index].append((i, d))
            continue
        while index < len(ranges) and ranges[index][0] < d.end:
            if ranges[index][1] > d.start:
                shares[index].append((i, d))
            index += 1
    return shares


def _mark(active: list[tuple[int, Diagnostic]], text: str, starting: set[int],
          point: bool = False) -> str:
    """A run of `active` findings; a run where one starts is a stop for the Tab key."""
    worst = max((d.severity for _, d in active), key=lambda s: s.rank)
    ids = " ".join(str(i) for i, _ in active)
    title = shown("\n".join(f"{d.code} {d.name}: {d.message}" for _, d in active))
    kind = " point" if point else ""
    stop = " tabindex=\"0\"" if starting.intersection(i for i, _ in active) else ""
    return (f"<mark class=\"hl {worst.value}{kind}\" data-f=\"{ids}\"{stop} "
            f"title=\"{title}\">{text}</mark>")


def _chart(counts: Counter[tuple[str, Severity]]) -> str:
    """Findings per category as bars (a label above each), each bar split by severity."""
    totals = Counter[str]()
    for (category, _), n in counts.items():
        totals[category] += n
    if not totals:
        return "<p class=\"none\">No findings.</p>\n"
    width, bar_width, row = 300, 250, 32
    most = max(totals.values())
    rows = []
    for index, (category, total) in enumerate(
            sorted(totals.items(), key=lambda item: (-item[1], item[0]))):
        y, x = index * row, 0
        bars = []
        for severity in _SEVERITIES:
            n = counts[category, severity]
            if n:
                length = max(3, round(bar_width * n / most))
                bars.append(f"<rect class=\"{severity.value}\" x=\"{x}\" y=\"{y + 16}\" "
                            f"width=\"{length}\" height=\"11\"><title>{n} "
                            f"{severity.value}</title></rect>")
                x += length
        rows.append(f"<g><text x=\"0\" y=\"{y + 12}\">{shown(category)}</text>{''.join(bars)}"
                    f"<text x=\"{x + 5}\" y=\"{y + 26}\">{total}</text></g>")
    height = row * len(totals)
    return (f"<figure id=\"chart\"><figcaption>Findings by category</figcaption>"
            f"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
            f"viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"
            f"<title>Findings by category</title>{''.join(rows)}</svg></figure>\n")
