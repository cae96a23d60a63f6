"""`benchmarks/quality.py`, which makes the README's Quality tables: its counts on labelled
lines of our own (everywhere), and the README against the real data (where it is)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import DATA as TEST_DATA
from .conftest import ROOT

DATA = ROOT.parent / "shared" / "eval" / "mqm-dev.jsonl"
# Eight segments written and labelled for this test, in the format of the real data: a
# space before a comma on a marked span and another on an error-free segment (TC111:
# one of two on a span, one of three error-free segments flagged), a doubled word marked
# Major (TC207), a decimal comma (TC431), and a missing comma marked as an insertion
# point that no rule touches (punctuation recall: one of two).
FIXTURE = TEST_DATA / "quality" / "labelled.jsonl"
EXPECTED_ROWS = [
    "| TC111 | space-before-punctuation | 2 | 1 (50.0%) | 1 (33.3%) |",
    "| TC207 | doubled-word | 1 | 1 (100.0%) | 0 (0.0%) |",
    "| TC431 | decimal-comma | 1 | 1 (100.0%) | 0 (0.0%) |",
    "| **ALL** | all rules together | 4 | 3 (75.0%) | 1 (33.3%) |",
    "| Fluency/Punctuation | 2 | 1 (50.0%) | 0 | 0 (-) | TC111 1 |",
    "| Fluency/Grammar | 1 | 1 (100.0%) | 1 | 1 (100.0%) | TC207 1 |",
    "| Locale convention/Currency format | 1 | 1 (100.0%) | 0 | 0 (-) | TC431 1 |",
    # Of the categories about accuracy, locale and untranslated text, only the currency one.
    "| accuracy, locale and untranslated (all of them) | 1 | 1 (100.0%) | 0 | 0 (-) | TC431 1 |",
]


def quality(*args: str) -> str:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "quality.py"), *args],
                          capture_output=True, text=True, check=True, timeout=600).stdout


@pytest.mark.parametrize("mode", ["segments", "articles"])
def test_quality_counts_on_our_own_labelled_lines(mode: str) -> None:
    printed = quality(str(FIXTURE), "--mode", mode, "--select", "TC1,TC2,TC4")
    assert "8 segments, 3 judged error-free by every rater." in printed
    rows = [line for line in printed.splitlines()
            if line.startswith("| ") and not line.startswith(("| rule ", "| category ", "| --- "))
            and " 0 | 0 (-) | 0 | 0 (-) | - |" not in line]
    assert rows == EXPECTED_ROWS


@pytest.mark.skipif(not DATA.is_file(), reason=f"evaluation data not found at {DATA}")
def test_readme_quality_table_is_current() -> None:
    printed = quality(str(DATA))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in printed.splitlines() if line.startswith("| ")]
    assert rows, printed
    stale = [row for row in rows if row not in readme]
    assert stale == [], "README's Quality table is out of date: re-run benchmarks/quality.py"
