"""How often transcheck is right, measured on MT output whose errors professionals marked.

Runs `transcheck.check_text` over every target of a JSON Lines file in the format of
`../shared/eval/README.md` (MQM error spans, Freitag et al. 2021) and prints:

- per rule: its diagnostics, the share that overlap a human-marked error span
  (precision), and the share of error-free segments it flags (false alarms);
- per MQM category a target-only linter can see: the share of the marked spans
  that any diagnostic touches (recall).

`--categories Style/Awkward,Fluency/Grammar` scores recall on those categories (and on
all of them together) instead of the visible ones; `--half build|report` keeps the
documents of one half of a split of the documents (in sha256 order of
`<dataset>/<doc>`, each to the smaller half), so that rules tuned on one half are
scored on the other.

Usage (from the repository root): python benchmarks/quality.py [FILE] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from transcheck import check_text
from transcheck.errors import TranscheckError

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "mqm-dev.jsonl"
CITATION = (
    "Data: MQM annotations of WMT21 TED and WMT23 general zh-en output by professional "
    "translators, from google/wmt-mqm-human-evaluation (Freitag et al. 2021, "
    "'Experts, Errors, and Context', arXiv:2104.14478)."
)
# Categories whose errors show in the English target alone; the rest (mistranslation,
# omission, terminology, most of style) need the source to judge.
VISIBLE_CATEGORIES = (
    "Fluency/Punctuation",
    "Fluency/Spelling",
    "Fluency/Grammar",
    "Fluency/Character encoding",
    "Fluency/Text-Breaking",
    "Fluency/Inconsistency",
    "Fluency/Register",
    "Locale convention/Date format",
    "Locale convention/Name format",
    "Locale convention/Currency format",
    "Accuracy/Untranslated text",
    "Non-translation",
    "Terminology/Inconsistent use of terminology",
)
# Categories that need the source to judge: scored too, since `--with-source` gives it.
SOURCE_CATEGORIES = (
    "Accuracy/Omission",
    "Accuracy/Addition",
    "Accuracy/Mistranslation",
    "Terminology/Inappropriate for context",
)
# A finding that covers (nearly) the whole target is about the unit, not a place in it
# (something of the source is missing; the unit is not translated; it is twice as long as
# its source): it would touch every span of the segment. It is judged by the segment
# instead: right if a rater marked an error of the finding's own category there, in the
# target or in the source, and it counts for those spans only.
WHOLE = 0.9
# The spans of the measure: accuracy, locale conventions and untranslated text.
ACCURACY_FAMILIES = ("Accuracy/", "Locale convention/", "Non-translation")


@dataclass(frozen=True)
class Range:
    start: int
    end: int

    def touches(self, other: Range) -> bool:
        """Half-open ranges intersect; a zero-width one touches if it lies within the other."""
        if self.start == self.end:
            return other.start <= self.start <= other.end
        if other.start == other.end:
            return self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass
class RuleScore:
    code: str
    name: str
    diagnostics: int = 0
    on_span: int = 0
    clean_flagged: int = 0
    precision: float | None = None
    false_alarm_rate: float | None = None


@dataclass
class CategoryScore:
    category: str
    spans: int = 0
    touched: int = 0
    major: int = 0
    major_touched: int = 0
    recall: float | None = None
    major_recall: float | None = None
    by_rule: dict[str, int] = field(default_factory=dict)


@dataclass
class Result:
    data: str
    citation: str
    segments: int
    clean_segments: int
    options: dict[str, Any]
    rules: list[RuleScore]
    total: RuleScore
    categories: list[CategoryScore]
    accuracy: CategoryScore


def read_items(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{number}: not JSON: {exc}") from None


Found = tuple[str, str, Range, str]  # code, name, offsets in the target, category


def diagnose(
    target: str, select: Sequence[str] | None, ignore: Sequence[str] | None,
    source_lang: str | None, source: str | None = None,
) -> list[Found]:
    """(code, name, offsets, category) of every diagnostic on `target`."""
    config = {"source-lang": source_lang} if source_lang else None
    return [
        (d.code, d.name, Range(d.start, d.end), d.category)
        for d in check_text(target, source=source, select=select, ignore=ignore, config=config)
    ]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def diagnosed(
    items: Iterable[dict[str, Any]], select: Sequence[str] | None,
    ignore: Sequence[str] | None, use_source_lang: bool, mode: str, with_source: bool = False,
) -> Iterator[tuple[dict[str, Any], list[Found]]]:
    """Each item with its diagnostics, at offsets in its own target.

    `mode` "segments": each target checked alone. "articles": each system's document
    checked as one text, its segments in order as paragraphs; a diagnostic belongs to
    the segment where it starts (and is cut at that segment's end). `with_source`: the
    source is given too (the segment's, or the document's sources as paragraphs).
    """
    def lang(item: dict[str, Any]) -> str | None:
        return item.get("source_lang") if use_source_lang else None

    def run(target: str, item: dict[str, Any], source: str | None) -> list[Found]:
        try:
            return diagnose(target, select, ignore, lang(item),
                            source if with_source else None)
        except TranscheckError as exc:
            raise SystemExit(f"quality.py: error: {item.get('id')}: {exc}") from None

    if mode == "segments":
        for item in items:
            yield item, run(item["target"], item, item.get("source"))
        return
    documents: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for item in items:
        documents.setdefault((item["dataset"], item["doc"], item["system"]), []).append(item)
    for _, group in sorted(documents.items()):
        group.sort(key=lambda i: i["seg_id"])
        starts, offset = [], 0
        for item in group:
            starts.append(offset)
            offset += len(item["target"]) + 2
        found = run("\n\n".join(i["target"] for i in group), group[0],
                    "\n\n".join(i["source"] for i in group))
        for index, item in enumerate(group):
            start, end = starts[index], starts[index] + len(item["target"])
            yield item, [
                (code, name, Range(where.start - start, min(where.end, end) - start), category)
                for code, name, where, category in found
                if start <= where.start < end + 2 - (index == len(group) - 1)
            ]


def halves(items: Sequence[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Each document (`dataset`, `doc`) in the "build" or the "report" half: taken in
    sha256 order of `<dataset>/<doc>`, each goes to the half that holds fewer items so
    far (as ../shared/eval splits dev from held-out), so a whole document is on one side."""
    sizes: dict[tuple[str, str], int] = {}
    for item in items:
        key = (item["dataset"], item["doc"])
        sizes[key] = sizes.get(key, 0) + 1
    held = {"build": 0, "report": 0}
    side: dict[tuple[str, str], str] = {}
    for key in sorted(sizes, key=lambda k: hashlib.sha256(f"{k[0]}/{k[1]}".encode()).digest()):
        half = min(held, key=lambda h: (held[h], h))
        side[key] = half
        held[half] += sizes[key]
    return side


def evaluate(
    pairs: Iterable[tuple[dict[str, Any], list[Found]]],
    category_names: Sequence[str] | None = None,
) -> tuple[int, int, dict[str, RuleScore], RuleScore, dict[str, CategoryScore], CategoryScore]:
    rules: dict[str, RuleScore] = {}
    total = RuleScore("ALL", "all rules together")
    names = category_names or (*VISIBLE_CATEGORIES, *SOURCE_CATEGORIES)
    categories = {c: CategoryScore(c) for c in names}
    accuracy = CategoryScore("accuracy, locale and untranslated (all of them)")
    # Asked-for categories are also scored together (Style/Awkward + Fluency/Grammar).
    together = CategoryScore(" + ".join(names)) if category_names and len(names) > 1 else None
    segments = clean = 0
    for item, found in pairs:
        segments += 1
        marked = item["annotations"]
        spans = [(Range(a["start"], a["end"]), a) for a in marked if a.get("start") is not None]
        in_source = [a for a in marked if a.get("start") is None]
        length = len(item["target"].strip())
        whole = {(code, category) for code, _, where, category in found
                 if length and where.end - where.start >= WHOLE * length}
        is_clean = not marked
        clean += is_clean
        flagged: set[str] = set()
        for code, name, where, category in found:
            score = rules.setdefault(code, RuleScore(code, name))
            if (code, category) in whole:
                hit = any(a["category"] == category for a in marked)
            else:
                hit = any(where.touches(span) for span, _ in spans)
            for s in (score, total):
                s.diagnostics += 1
                s.on_span += hit
            flagged.add(code)
        if is_clean:
            for code in flagged:
                rules[code].clean_flagged += 1
            total.clean_flagged += bool(flagged)
        for annotation in in_source:
            touching = {code for code, category in whole if category == annotation["category"]}
            _count(categories.get(annotation["category"]), accuracy, annotation, touching)
            if together is not None and annotation["category"] in categories:
                _add(together, annotation, touching)
        for span, annotation in spans:
            touching = {code for code, _, where, category in found
                        if (code, category) not in whole and where.touches(span)}
            touching |= {code for code, category in whole if category == annotation["category"]}
            _count(categories.get(annotation["category"]), accuracy, annotation, touching)
            if together is not None and annotation["category"] in categories:
                _add(together, annotation, touching)
    for s in [*rules.values(), total]:
        s.precision = _ratio(s.on_span, s.diagnostics)
        s.false_alarm_rate = _ratio(s.clean_flagged, clean)
    if together is not None:
        categories[together.category] = together
    for c in [*categories.values(), accuracy]:
        c.recall = _ratio(c.touched, c.spans)
        c.major_recall = _ratio(c.major_touched, c.major)
    return segments, clean, rules, total, categories, accuracy


def _count(category: CategoryScore | None, accuracy: CategoryScore,
           annotation: dict[str, Any], touching: set[str]) -> None:
    """Count one marked span in its category (and in the accuracy total, if of its
    families) as touched by the rules `touching`."""
    wanted = [category] if category is not None else []
    if annotation["category"].startswith(ACCURACY_FAMILIES):
        wanted.append(accuracy)
    for score in wanted:
        _add(score, annotation, touching)


def _add(score: CategoryScore, annotation: dict[str, Any], touching: set[str]) -> None:
    major = annotation.get("severity") == "Major"
    score.spans += 1
    score.major += major
    if touching:
        score.touched += 1
        score.major_touched += major
        for code in touching:
            score.by_rule[code] = score.by_rule.get(code, 0) + 1


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def render(result: Result) -> str:
    lines = [
        f"# transcheck quality on {result.data}",
        "",
        f"{result.segments} segments, {result.clean_segments} judged error-free by every rater.",
        "",
        "## Per rule",
        "",
        "| rule | name | diagnostics | on a marked span (precision) "
        "| error-free segments flagged (false alarms) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for s in [*result.rules, result.total]:
        code = f"**{s.code}**" if s is result.total else s.code
        lines.append(
            f"| {code} | {s.name} | {s.diagnostics} | {s.on_span} ({_pct(s.precision)}) "
            f"| {s.clean_flagged} ({_pct(s.false_alarm_rate)}) |"
        )
    lines += [
        "",
        "## Per MQM category (recall)",
        "",
        "| category | spans | touched (recall) | Major spans | Major touched | rules touching |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for c in [*result.categories, result.accuracy]:
        by_rule = ", ".join(f"{k} {v}" for k, v in sorted(c.by_rule.items())) or "-"
        lines.append(
            f"| {c.category} | {c.spans} | {c.touched} ({_pct(c.recall)}) | {c.major} "
            f"| {c.major_touched} ({_pct(c.major_recall)}) | {by_rule} |"
        )
    lines += ["", result.citation]
    return "\n".join(lines)


def _codes(values: Sequence[str] | None) -> list[str] | None:
    codes = [c.strip() for v in values or () for c in v.split(",") if c.strip()]
    return codes or None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                        help=f"JSON Lines file (default: {DEFAULT_DATA})")
    parser.add_argument("--select", action="append", help="Rules to run (as transcheck --select).")
    parser.add_argument("--ignore", action="append", help="Rules not to run.")
    parser.add_argument("--no-source-lang", action="store_true",
                        help="Do not tell transcheck each segment's source language.")
    parser.add_argument("--mode", choices=("segments", "articles"), default="segments",
                        help="Check each segment alone (default), or each system's document "
                             "as one article with its segments as paragraphs.")
    parser.add_argument("--with-source", action="store_true",
                        help="Give transcheck each segment's source (the document's sources "
                             "as paragraphs with --mode articles): source-aware rules run.")
    parser.add_argument("--categories", help="Comma-separated MQM categories to score recall "
                        "on, and on all of them together (default: the usual ones).")
    parser.add_argument("--half", choices=("build", "report"),
                        help="Only the documents of this half of a split of the documents "
                             "by sha256 of <dataset>/<doc>.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"quality.py: error: {args.data}: no such file", file=sys.stderr)
        return 2
    select, ignore = _codes(args.select), _codes(args.ignore)
    names = [c.strip() for c in args.categories.split(",")] if args.categories else None
    items = list(read_items(args.data))
    if args.half:
        side = halves(items)
        items = [item for item in items if side[(item["dataset"], item["doc"])] == args.half]
    segments, clean, rules, total, categories, accuracy = evaluate(diagnosed(
        items, select, ignore, not args.no_source_lang, args.mode, args.with_source), names)
    data_name = Path(os.path.relpath(args.data.resolve(), REPO)).as_posix()
    result = Result(
        data=data_name,
        citation=CITATION,
        segments=segments,
        clean_segments=clean,
        options={"select": select, "ignore": ignore, "source_lang": not args.no_source_lang,
                 "mode": args.mode, "with_source": args.with_source, "half": args.half},
        rules=sorted(rules.values(), key=lambda s: s.code),
        total=total,
        categories=list(categories.values()),
        accuracy=accuracy,
    )
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
