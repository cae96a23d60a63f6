"""What the TC4xx (source-language leftovers) rules cost on 1 MB of English prose.

Builds about 1 MB of English written for this benchmark (paragraphs that are
hard on the rules: loanwords, foreign names, numbers such as `1,000`, `1.5` and
`10 000`, dates, percentages), once clean and once with a planted leftover in
every tenth paragraph, and times the installed `transcheck` command on each
(best of three runs):

- the foundation's rules alone (`--select TC1`),
- the foundation's rules and the TC4xx family (`--select TC1,TC4`),
- every default rule (other families included),

then prints the ratio to the foundation's time, the TC4xx findings on clean
paragraphs (false alarms: should be 0) and the kinds of planted leftover found.

Usage (from the repository root): python benchmarks/leftovers.py [--size-mb 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLEAN = [
    "The council met on Tuesday to discuss the new bus routes. About 1,200 residents had "
    "signed a petition, and the mayor said the plan would cost roughly $1.5 million over "
    "three years. “We have listened,” she told reporters, “and the route through the old "
    "market will stay.”",
    "Kindergarten places remain scarce in the northern districts, where the waiting list "
    "grew by 14% last year. Parents described a strange feeling of déjà vu as the same "
    "promises were made again. The Bundestag is expected to debate the funding rules in "
    "the autumn.",
    "Angela Merkel, Emmanuel Macron and Pedro Sánchez appeared together in Aachen, where "
    "the treaty was signed. Their speeches were short, and the press conference ended "
    "before noon. Several journalists asked about the 10 000 extra troops mentioned in an "
    "earlier draft.",
    "The bakery on Rue Cler sells croissants, pain au chocolat and a famous crème brûlée. "
    "Its owner, Zoë, opened the shop in 1998 with a loan of €20,000; today it employs "
    "eleven people and closes at 7:30 p.m. on weekdays.",
    "Engineers inspected the bridge on 3 March 2026 and again on March 17, 2026. The second "
    "report, a 45-page document, found that the steel cables had lost 2.5 percent of "
    "their strength since the last survey, well within the safety margin.",
    "In the 19th century the valley was known for its mills. The river powered more than "
    "thirty of them, and the last one closed in 1961. A small museum now shows the wheels, "
    "the grinding stones and a model of the village as it was around 1900.",
    "The hospital’s new scanner, which cost £2.4 million, produces an image in under ten "
    "seconds. Doctors say waiting times for patients with suspected fractures have fallen "
    "from five days to one. The trust plans to buy a second machine next year.",
    "Schadenfreude is an unattractive trait, the columnist wrote, but it is hard to avoid "
    "when a rival’s grand plan collapses. She then listed the zeitgeist words of the "
    "decade, from “doppelgänger” to “wanderlust”, and asked readers to send their own.",
    "Sales of electric bicycles rose by a third in the first quarter, to 48,000 units. "
    "Retailers blamed the shortage of batteries for the long delivery times, which now "
    "average six weeks, and expect prices to fall once a new factory opens in 2027.",
    "The ferry leaves the harbour at 06:45 and reaches the island about ninety minutes "
    "later. Tickets cost €12 for adults and €6 for children; bicycles travel free. In "
    "winter the service runs only twice a day, weather permitting.",
]

PLANTED = [
    "Der Eintritt ist für Kinder bis zwölf Jahre frei.",
    "Le musée est fermé le lundi et les jours fériés.",
    "The project cost 3,5 million euros in the end.",
    "The city now has 1.200.000 inhabitants.",
    "The meeting is at 14.30 Uhr in the town hall.",
    "The contract was signed on 24.11.2026 in Bonn.",
    "A ticket costs 12 € for adults.",
    "It’s the cafÃ© where we met.",
    "Your order {0} has shipped.",
    "The delegation flew to M\u043escow on Monday.",
    "Fans can follow the account \u7f8e\u98df\u65e5\u8bb0 for news.",
    "Press <b>Save before closing the window.",
]


def build(size: int, planted: bool, seed: int = 7) -> str:
    """About `size` bytes of paragraphs; with `planted`, every tenth ends with a leftover."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = rng.choice(CLEAN)
        if planted and len(paragraphs) % 10 == 9:
            paragraph += " " + PLANTED[len(paragraphs) // 10 % len(PLANTED)]
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n"


def timed(args: list[str], path: Path, runs: int = 3) -> tuple[float, list[dict[str, object]]]:
    command = [str(Path(sys.executable).with_name("transcheck")), *args,
               "--format", "json", "--exit-zero", str(path)]
    best = float("inf")
    output = ""
    for _ in range(runs):
        started = time.perf_counter()
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        best = min(best, time.perf_counter() - started)
    return best, json.loads(output)


def measure(text: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        foundation, _ = timed(["--select", "TC1"], path)
        family, found = timed(["--select", "TC1,TC4"], path)
        default, _ = timed([], path)
    lines = text.split("\n")
    leftovers = [d for d in found if str(d["code"]).startswith("TC4")]
    planted_in = [[p for p in PLANTED if p in lines[int(str(d["line"])) - 1]] for d in leftovers]
    return {
        "size_mb": len(text.encode("utf-8")) / 1_000_000,
        "seconds_foundation": foundation, "seconds_with_tc4": family, "seconds_default": default,
        "ratio_tc4": family / foundation, "ratio_default": default / foundation,
        "tc4_findings": len(leftovers),
        "tc4_findings_on_clean_paragraphs": sum(not p for p in planted_in),
        "planted_kinds_found": len({p for ps in planted_in for p in ps}),
        "false_alarms": [f"{d['code']} {d['message']}" for d, p in zip(leftovers, planted_in,
                                                                      strict=True) if not p],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    size = int(args.size_mb * 1_000_000)
    results = {name: measure(build(size, planted=name == "planted"))
               for name in ("clean", "planted")}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("| corpus | MB | foundation (--select TC1) s | + TC4xx s | × | all default rules s | × "
          "| TC4xx findings | on clean paragraphs | planted kinds found |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(f"| {name} | {r['size_mb']:.2f} | {r['seconds_foundation']:.2f} "
              f"| {r['seconds_with_tc4']:.2f} | {r['ratio_tc4']:.2f} "
              f"| {r['seconds_default']:.2f} | {r['ratio_default']:.2f} | {r['tc4_findings']} "
              f"| {r['tc4_findings_on_clean_paragraphs']} "
              f"| {r['planted_kinds_found'] if name == 'planted' else '-'} of {len(PLANTED)} |")
    for name, r in results.items():
        for alarm in list(r["false_alarms"])[:10]:  # type: ignore[call-overload]
            print(f"  false alarm ({name}): {alarm}")


if __name__ == "__main__":
    main()
