"""Hostile shapes of input: does every output format stay linear in the input?

For each shape (one long line, minified HTML, one sentence per line, emphasis-heavy
Markdown, one long sentence ending in a rule of marks, many findings per line) the same
prose is also written as ordinary paragraphs (blank-line separated, lines of normal
length). Both are checked at two sizes, in this process, and then every output format
(and the baseline, written and compared) is timed on the results. Printed per shape and
step:

- `vs paragraphs`: the shape's time over the paragraph version's, same size
  (the contract: at most 5);
- `growth`: its time at the larger size over the smaller (linear: the size ratio, 4).

A user pack of catastrophic patterns (`(?:\\w+\\s?)+!$`, `(?:a+)+$`, ...) is then
loaded and run on text made to hurt them: it must be refused or finish in 60 s.

Usage (from the repository root): python benchmarks/hostile.py [--size 250000] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import paragraph_pairs  # the sibling module: benchmarks/ is not a package

from transcheck import baseline
from transcheck.config import Settings
from transcheck.engine import Engine
from transcheck.reporters import FileResult, Run, write_report
from transcheck.reporters.builtin import transcheck_output_formats

FORMATS = ("text", "concise", "json", "jsonl", "github", "gitlab", "junit", "sarif", "html")
GROWTH = 4
LIMIT_VS_PARAGRAPHS = 5.0


def _paragraphs(size: int) -> list[str]:
    """Dirty paragraphs of the synthetic corpus (about one artifact in ten sentences)."""
    found, total = [], 0
    for _, dirty in paragraph_pairs():
        found.append(dirty)
        total += len(dirty) + 2
        if total >= size:
            return found
    raise AssertionError("unreachable: paragraph_pairs is endless")


def _emphasis(paragraph: str, r: random.Random) -> str:
    words = paragraph.split(" ")
    return " ".join(f"*{w}*" if r.random() < 0.3 and w.isalpha() else
                    f"**{w}**" if r.random() < 0.2 and w.isalpha() else w for w in words)


def _many_findings(paragraph: str) -> str:
    """Every comma spaced before: dozens of findings on each line."""
    return paragraph.replace(", ", " , ").replace(". ", " . ")


# Each shape: (suffix, the hostile text, the same prose as ordinary paragraphs).
SHAPES: dict[str, Callable[[list[str]], tuple[str, str, str]]] = {
    "one long line": lambda ps: (".txt", " ".join(ps) + "\n", "\n\n".join(ps) + "\n"),
    "minified HTML": lambda ps: (
        ".html",
        "<html><body>" + "".join(f"<p>{p}</p>" for p in ps) + "</body></html>",
        "<html><body>\n" + "\n".join(f"<p>{p}</p>" for p in ps) + "\n</body></html>\n"),
    "one sentence per line": lambda ps: (
        ".txt", "\n".join(s if s.endswith(".") else s + "." for p in ps
                          for s in p.split(". ")) + "\n",
        "\n\n".join(ps) + "\n"),
    "emphasis-heavy Markdown": lambda ps: (
        ".md", " ".join(_emphasis(p, random.Random(i)) for i, p in enumerate(ps)) + "\n",
        "\n\n".join(_emphasis(p, random.Random(i)) for i, p in enumerate(ps)) + "\n"),
    # One sentence as long as the input, ending in a rule of marks a quarter as long:
    # counted word by word (run-on-sentence), the marks must be read once.
    "one long sentence and a rule of marks": lambda ps: (
        ".txt", " ".join(ps).replace(". ", ", ") + " " + "=" * (sum(map(len, ps)) // 4) + "\n",
        "\n\n".join(ps) + "\n"),
    "many findings per line": lambda ps: (
        ".txt", " ".join(_many_findings(p) for p in ps) + "\n",
        "\n\n".join(_many_findings(p) for p in ps) + "\n"),
}


def _time(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(engine: Engine, text: str, suffix: str) -> dict[str, float]:
    """Seconds to check `text` and to write each output format of the results."""
    path = f"input{suffix}"
    times: dict[str, float] = {}
    holder: list[FileResult] = []

    def check() -> None:
        doc = engine.read(text, path)
        holder.append(FileResult(path, doc, engine.check(doc)))

    times["check"] = _time(check)
    run = Run(engine.rules, "bench")
    reporters = transcheck_output_formats()
    for name in FORMATS:
        times[name] = _time(
            lambda name=name: write_report(reporters[name], run, holder, io.StringIO()))
    root = Path.cwd()
    rows: list[dict[str, object]] = []
    times["write-baseline"] = _time(lambda: rows.extend(baseline.entries(holder, root)))
    allowed = Counter({str(row["fingerprint"]): int(str(row["count"])) for row in rows})
    times["baseline"] = _time(
        lambda: list(map(baseline.Allowance(allowed, root).new_findings, holder)))
    times["findings"] = len(holder[0].diagnostics)
    return times


def hostile_regexes() -> tuple[float, str]:
    """Load a user pack of catastrophic patterns and check text made to hurt them, in a
    child process: seconds until it was refused or finished, and how it ended."""
    entries = [r"(?:\w+\s?)+!$", r"(?:a+)+$", r"(?:x|x)*y", r"(?:\d+)*z"]
    pack = ['code = "HX301"', 'name = "hostile"', 'summary = "Hostile."',
            'explanation = "Hostile."', 'category = "Style"', 'language = "en"']
    for pattern in entries:
        pack += ["[[entry]]", f"pattern = '{pattern}'", 'message = "Hostile."',
                 'examples.flag = ["aaa!"]', 'examples.accept = ["b"]']
    with tempfile.TemporaryDirectory() as folder:
        rules = Path(folder, "rules")
        rules.mkdir()
        (rules / "hostile.toml").write_text("\n".join(pack) + "\n", encoding="utf-8")
        text = Path(folder, "victim.txt")
        text.write_text(("word " * 30 + "a" * 40 + " " + "1" * 40 + " " + "x" * 40 + "\n") * 50,
                        encoding="utf-8")
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "transcheck", "--rules-dir", str(rules), str(text)],
                capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            return 60.0, "still running after 60 s"
        line = (done.stderr.strip().splitlines() or ["finished"])[0]
        return time.perf_counter() - start, f"exit {done.returncode}: {line[:110]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=250_000,
                        help="characters of the smaller input (the larger is 4 times it)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    engine = Engine(Settings())
    _ = engine.rules
    measure(engine, "Warm up , please.\n", ".txt")
    results: dict[str, dict[str, dict[str, float]]] = {}
    for shape, make in SHAPES.items():
        for size in (args.size, args.size * GROWTH):
            suffix, hostile, plain = make(_paragraphs(size))
            results.setdefault(shape, {})[f"{size} hostile"] = measure(engine, hostile, suffix)
            results[shape][f"{size} paragraphs"] = measure(engine, plain, suffix)
    seconds, outcome = hostile_regexes()
    if args.json:
        print(json.dumps({"shapes": results, "hostile regexes": [seconds, outcome]}, indent=2))
        return
    large = args.size * GROWTH
    worst = 0.0
    for shape, runs in results.items():
        big, small, plain = runs[f"{large} hostile"], runs[f"{args.size} hostile"], \
            runs[f"{large} paragraphs"]
        print(f"\n### {shape} ({large:,} characters, {int(big['findings'])} findings)\n")
        print("| step | seconds | vs paragraphs | growth (linear: 4) |")
        print("|---|---:|---:|---:|")
        steps = [k for k in big if k != "findings"]
        total = {k: sum(r[s] for s in steps) for k, r in
                 (("big", big), ("small", small), ("plain", plain))}
        for step, value in [*((s, big[s]) for s in steps), ("total", total["big"])]:
            base = plain[step] if step != "total" else total["plain"]
            before = small[step] if step != "total" else total["small"]
            vs = value / max(base, 1e-3)
            growth = value / max(before, 1e-3)
            if step == "total":
                worst = max(worst, vs)
            print(f"| {step} | {value:.3f} | {vs:.2f} | {growth:.2f} |")
    print(f"\nWorst whole-run ratio to the paragraph version: {worst:.2f} "
          f"(limit {LIMIT_VS_PARAGRAPHS:.0f})")
    print(f"Catastrophic patterns in a user pack: {seconds:.1f} s, {outcome}")


if __name__ == "__main__":
    main()
