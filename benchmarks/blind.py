"""How transcheck's phrasing rules do on sentences written by someone who never saw them.

Reads a folder of JSON Lines files with the fields `text`, `span` (the odd words, as a
string found in `text`, or `[start, end]`) and `source_lang`:

- `calques.jsonl`: calques and false friends; each must be found;
- `odd.jsonl`: other unidiomatic English; each must be found;
- `near_misses.jsonl`: correct English with the same words; each must be left alone.

A sentence is found when a diagnostic of the selected rules (family TC3 by default)
touches its span; a near miss is left alone when no diagnostic of those rules is on it.
Prints the share per file and per source language; `--misses` lists what went wrong.
The sentences are read at run time and never copied anywhere.

Usage (from the repository root): python benchmarks/blind.py FOLDER [--select TC3] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from transcheck import check_text
from transcheck.document import Document

FILES = {"calques.jsonl": "found", "odd.jsonl": "found", "near_misses.jsonl": "left alone"}


def span_of(item: dict[str, Any]) -> tuple[int, int] | None:
    span, text = item.get("span"), item["text"]
    if isinstance(span, list) and len(span) == 2:
        return int(span[0]), int(span[1])
    if isinstance(span, str) and span and span in text:
        start = text.index(span)
        return start, start + len(span)
    return None


def offsets(text: str, select: Sequence[str], lang: str | None) -> list[tuple[int, int, str]]:
    doc = Document(text)
    config = {"source-lang": lang} if lang else None
    found = []
    for d in check_text(text, select=list(select), config=config):
        start = getattr(d, "start", None)
        end = getattr(d, "end", None)
        if start is None or end is None:
            start, end = doc.offset(d.line, d.column), doc.offset(d.end_line, d.end_column)
        found.append((start, end, d.code))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--select", default="TC3", help="Rules that count (default TC3).")
    parser.add_argument("--no-source-lang", action="store_true",
                        help="Do not tell transcheck each sentence's source language.")
    parser.add_argument("--misses", action="store_true", help="List what went wrong.")
    args = parser.parse_args(argv)
    select = [c.strip() for c in args.select.split(",") if c.strip()]
    rows = []
    for name, goal in FILES.items():
        path = args.folder / name
        if not path.is_file():
            continue
        good, total, by_lang = 0, 0, Counter[tuple[str, bool]]()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            lang = None if args.no_source_lang else item.get("source_lang")
            if lang in ("any", "", "-"):  # unidiomatic English from no one language
                lang = None
            found = offsets(item["text"], select, lang)
            span = span_of(item)
            touched = [f for f in found if span is None
                       or (f[0] < span[1] and span[0] < f[1])]
            ok = bool(touched) if goal == "found" else not found
            good += ok
            total += 1
            by_lang[(item.get("source_lang") or "-", ok)] += 1
            if args.misses and not ok:
                print(f"MISS {name} [{item.get('source_lang')}] {item['text']!r} "
                      f"span={item.get('span')!r} found={found}", file=sys.stderr)
        langs = sorted({lang for lang, _ in by_lang})
        per_lang = ", ".join(f"{lang} {by_lang[(lang, True)]}/"
                             f"{by_lang[(lang, True)] + by_lang[(lang, False)]}"
                             for lang in langs)
        rows.append(f"| {name} | {goal} | {good}/{total} "
                    f"({100 * good / total if total else 0:.0f}%) | {per_lang} |")
    if not rows:
        print(f"blind.py: error: {args.folder}: none of {', '.join(FILES)}", file=sys.stderr)
        return 2
    print("| file | goal | share | per source language |\n| --- | --- | ---: | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
