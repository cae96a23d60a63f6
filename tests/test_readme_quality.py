"""The README's Quality section is what `benchmarks/quality.py` prints on this checkout."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

DATA = ROOT.parent / "shared" / "eval" / "mqm-dev.jsonl"


@pytest.mark.skipif(not DATA.is_file(), reason=f"evaluation data not found at {DATA}")
def test_readme_quality_table_is_current() -> None:
    printed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "quality.py"), str(DATA)],
        capture_output=True, text=True, check=True, timeout=600,
    ).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in printed.splitlines() if line.startswith("| ")]
    assert rows, printed
    stale = [row for row in rows if row not in readme]
    assert stale == [], "README's Quality table is out of date: re-run benchmarks/quality.py"
