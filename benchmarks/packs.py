"""How much the rule packs cost: 10 phrases against 10,000, and the shipped packs
against the foundation's quote and punctuation rules (TC1), on 1 MB of text, both
inside one process (`Engine.check`, the cost per megabyte, which the budget of +1/3
applies to) and as whole runs of the `transcheck` command (which adds what a run pays
once: building the matchers).

The text is the clean prose of tests/data/clean, its paragraphs shuffled and
repeated to 1 MB, with an artifact for the packs planted in about one paragraph in
ten. The synthetic packs are made of invented two- and three-word phrases, a few of
which are planted too, so that every pack has something to find.

Usage (from the repository root): python benchmarks/packs.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from transcheck.config import Settings
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.packs.format import parse_pack
from transcheck.packs.plugin import PackRule

REPO = Path(__file__).resolve().parents[1]
SIZE = 1_000_000
BUDGET = 1 / 3  # the packs may add at most this much to the foundation's time
PLANTED = [
    "Officials tried to pass on the fires as if they were accidents.",
    "He leads the museum since three years.",
    "In the frame of the project, the school got new computers.",
    "We made a photo of the bridge at sunset.",
    "Tourism fell sharply during the new crown epidemic.",
    "Share this article",
    "The hotel disposes of 120 rooms and a pool.",
    "The ministers discussed about the budget until late.",
]


def corpus(seed: int = 7) -> str:
    """About 1 MB of clean prose with pack artifacts planted in one paragraph in ten."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for path in sorted((REPO / "tests" / "data" / "clean").glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < SIZE:
        batch = paragraphs[:]
        rng.shuffle(batch)
        for paragraph in batch:
            if rng.random() < 0.1:
                paragraph = f"{paragraph} {rng.choice(PLANTED)}"
            out.append(paragraph)
            size += len(paragraph) + 2
    return "\n\n".join(out)


def synthetic_pack(count: int, seed: int = 11) -> PackRule:
    rng = random.Random(seed)
    words = {"".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9)))
             for _ in range(count * 3)}
    vocabulary = sorted(words)
    phrases = sorted({" ".join(rng.sample(vocabulary, rng.randint(2, 3))) for _ in range(count)})
    data = {
        "code": "XX399", "name": "synthetic", "summary": "s", "explanation": "e",
        "category": "Style/Awkward", "language": "en",
        "entry": [{"phrase": p, "message": p, "examples": {"flag": [p], "accept": ["-"]}}
                  for p in phrases[:count]],
    }
    return PackRule(parse_pack(data, f"synthetic-{count}.toml"), source_lang=None)


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def scaling(text: str, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for count in (10, 100, 1_000, 10_000):
        compile_start = time.perf_counter()
        rule = synthetic_pack(count)
        compiled = time.perf_counter() - compile_start
        phrases = [entry.texts[0] for entry in rule.pack.entries]
        planted = text + "\n\n" + ". ".join(phrases[:: max(1, count // 20)]) + "."
        # A fresh document each time: a document remembers its anchor scan.
        seconds, findings = best_of(repeat, lambda: list(rule.check(Document(planted))))  # noqa: B023
        rows.append({"phrases": count, "compile_s": compiled, "scan_s": seconds,
                     "findings": len(findings)})
    return rows


def engine_time(text: str, select: list[str], repeat: int) -> tuple[float, int]:
    engine = Engine(Settings(select=tuple(select)))
    engine.check(Document(text[:1000]))  # build the rules and compile the packs first
    return best_of(repeat, lambda: len(engine.check(Document(text))))


def command_time(path: Path, select: str, repeat: int) -> float:
    """Wall time of a whole `transcheck` run: start-up, loading the rules, output."""
    command = [sys.executable, "-m", "transcheck", "-q", "--select", select, str(path)]
    seconds, _ = best_of(repeat, lambda: subprocess.run(command, capture_output=True))
    return seconds


def overhead(text: str, repeat: int) -> dict[str, Any]:
    foundation, found_f = engine_time(text, ["TC1"], repeat)
    with_packs, found_p = engine_time(text, ["TC1", "TC3"], repeat)
    packs_alone, found_a = engine_time(text, ["TC3"], repeat)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        run_foundation = command_time(path, "TC1", repeat)
        run_with_packs = command_time(path, "TC1,TC3", repeat)
    added = with_packs / foundation - 1
    run_added = run_with_packs / run_foundation - 1
    return {"foundation_s": foundation, "foundation_findings": found_f,
            "with_packs_s": with_packs, "with_packs_findings": found_p,
            "packs_alone_s": packs_alone, "packs_findings": found_a,
            "added": added, "run_foundation_s": run_foundation,
            "run_with_packs_s": run_with_packs, "run_added": run_added,
            "within_budget": added <= BUDGET}


def render(result: dict[str, Any]) -> str:
    lines = [f"# Rule packs on {result['chars'] / 1e6:.2f} MB of text",
             "", "## One matcher per pack: 10 phrases against 10,000", "",
             "| phrases | compile (s) | scan (s) | findings |", "| ---: | ---: | ---: | ---: |"]
    for row in result["scaling"]:
        lines.append(f"| {row['phrases']:,} | {row['compile_s']:.3f} | {row['scan_s']:.3f} "
                     f"| {row['findings']} |")
    o = result["overhead"]
    lines += ["", "## The shipped packs against the foundation's rules (TC1)", "",
              "| rules | check (s) | whole run (s) | findings |", "| --- | ---: | ---: | ---: |",
              f"| TC1 (foundation) | {o['foundation_s']:.3f} | {o['run_foundation_s']:.3f} "
              f"| {o['foundation_findings']} |",
              f"| TC1 + TC3 (packs) | {o['with_packs_s']:.3f} | {o['run_with_packs_s']:.3f} "
              f"| {o['with_packs_findings']} |",
              f"| TC3 alone | {o['packs_alone_s']:.3f} | | {o['packs_findings']} |",
              "", f"Per megabyte checked, the packs add {100 * o['added']:.1f}% to the "
              f"foundation's time (budget {100 * BUDGET:.0f}%): "
              f"{'within' if o['within_budget'] else 'OVER'} budget. A whole run takes "
              f"{100 * o['run_added']:.1f}% longer, which includes what is paid once per run "
              "however long the text (building the matchers, compiling what the text needs).",
              "", "Timings vary with the machine's load: compare runs made one after the other."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per measurement (best).")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = parser.parse_args(argv)
    text = corpus()
    result = {"chars": len(text), "scaling": scaling(text, args.repeat),
              "overhead": overhead(text, args.repeat)}
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0 if result["overhead"]["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
