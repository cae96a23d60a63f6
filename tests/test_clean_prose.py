"""Precision: well-edited English written for this project gives no finding from any default rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcheck import check_text

from .conftest import DATA, ROOT

CLEAN = sorted((DATA / "clean").glob("*.txt")) + [ROOT / "examples" / "article-clean.txt"]


def test_corpus_is_substantial() -> None:
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in CLEAN)
    assert words > 3000


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_no_findings_on_clean_prose(path: Path) -> None:
    diagnostics = check_text(path.read_text(encoding="utf-8"))
    assert [f"{d.line}:{d.column} {d.code} {d.message}" for d in diagnostics] == []
