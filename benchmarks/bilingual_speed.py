"""How long source-aware checking takes: a large XLIFF and PO file made from the MQM dev data.

In one run, on the same machine, side by side:

- `transcheck --jobs 1 --ignore TC5 FILE`: every rule but the source-aware ones (the
  target-only run, as if the file had no sources);
- `transcheck --jobs 1 FILE`: every default rule, the source-aware family included;
- `pofilter FILE.po out.po` (Translate Toolkit, its default checks, which all compare
  each msgstr with its msgid), on the same PO file.

The files: every segment of `../shared/eval/mqm-dev.jsonl` (Chinese source, English
target) as a unit, the whole repeated `--copies` times (3: about 20,000 units, 9 MB of
PO). pofilter is installed as in `speed.py`, in a virtualenv of its own.

Usage (from the repository root): python benchmarks/bilingual_speed.py [--copies N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import DEFAULT_CACHE, MB, Run, best_of, peers_bin, transcheck

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "mqm-dev.jsonl"


def _items(data: Path, copies: int) -> list[tuple[str, str, str]]:
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    return [(f"{copy}/{row['id']}", row["source"], row["target"])
            for copy in range(copies) for row in rows]


def write_po(items: list[tuple[str, str, str]], path: Path) -> None:
    import polib

    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en",
                        "X-Source-Language": "zh"}
    for ident, source, target in items:
        catalog.append(polib.POEntry(msgctxt=ident, msgid=source, msgstr=target))
    catalog.save(str(path))


def write_xliff(items: list[tuple[str, str, str]], path: Path) -> None:
    units = "".join(
        f'<trans-unit id="{escape(ident, {chr(34): "&quot;"})}">\n'
        f"  <source>{escape(source)}</source>\n  <target>{escape(target)}</target>\n"
        "</trans-unit>\n" for ident, source, target in items)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="zh" target-language="en" datatype="plaintext" original="mqm">'
        f"\n<body>\n{units}</body>\n</file>\n</xliff>\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--copies", type=int, default=3, help="Repeat the data this often.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the best counts.")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--no-peers", action="store_true", help="Measure transcheck only.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"bilingual_speed.py: error: {args.data}: no such file", file=sys.stderr)
        return 2
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    items = _items(args.data, args.copies)
    po, xlf = args.cache_dir / "mqm.po", args.cache_dir / "mqm.xlf"
    write_po(items, po)
    write_xliff(items, xlf)
    bin_dir = None if args.no_peers else peers_bin(args.cache_dir / "peers", install=True)
    runs: list[Run] = []
    for path in (po, xlf):
        size = path.stat().st_size / MB
        label = f"{path.suffix[1:]} {len(items)} units"
        print(f"measuring {label} ...", file=sys.stderr)
        runs.append(best_of("transcheck, target only", label, size,
                            transcheck("--jobs", "1", "--ignore", "TC5", str(path)),
                            args.repeat, 1800))
        runs.append(best_of("transcheck, source-aware", label, size,
                            transcheck("--jobs", "1", str(path)), args.repeat, 1800))
        if bin_dir is not None and path is po:
            runs.append(best_of("pofilter", label, size,
                                [str(bin_dir / "pofilter"), "--progress=none",
                                 "--language=en", str(po), str(args.cache_dir / "out.po")],
                                args.repeat, 1800, ok_codes=(0,)))
    if args.json:
        print(json.dumps([asdict(r) for r in runs], indent=2))
        return 0
    print("| file | tool | MB | seconds (best) | peak MB |")
    print("| --- | --- | ---: | ---: | ---: |")
    for r in runs:
        seconds = f"{r.seconds:.2f}" if r.seconds is not None else r.status
        print(f"| {r.corpus} | {r.tool} | {r.size_mb:.1f} | {seconds} | {r.peak_mb or 0:.0f} |")
    print()
    for corpus in dict.fromkeys(r.corpus for r in runs):
        by = {r.tool: r.seconds for r in runs if r.corpus == corpus and r.seconds}
        plain, aware = by.get("transcheck, target only"), by.get("transcheck, source-aware")
        if plain and aware:
            print(f"{corpus}: source-aware / target-only = {aware / plain:.2f}")
        if aware and by.get("pofilter"):
            print(f"{corpus}: pofilter / transcheck source-aware = {by['pofilter'] / aware:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
