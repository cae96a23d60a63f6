"""Safe fixes: `--fix` and `--diff`, the fix loop, and atomic writes."""

from __future__ import annotations

import itertools
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic, Severity
from transcheck.engine import Engine
from transcheck.fixes import Edit, apply, edits, fix, unified_diff

from .conftest import ROOT

ARTICLE = ROOT / "examples" / "article-mt.txt"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings())


def _codes(run_cli, path: Path, *args: str) -> list[dict[str, object]]:
    return json.loads(run_cli("--format", "json", *args, str(path)).stdout)


def test_fix_applies_every_safe_fix_of_the_article(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE.read_bytes())
    before = _codes(run_cli, article)
    fixable = sorted({str(d["code"]) for d in before if d["fix"] is not None})
    assert len(fixable) >= 5
    result = run_cli("--fix", str(article))
    assert result.returncode == 1  # findings without a fix remain
    assert "transcheck: applied" in result.stderr
    after = _codes(run_cli, article, "--select", ",".join(fixable))
    # Deleting a repeated sentence or title is left to --unsafe-fixes.
    assert {d["code"] for d in after} <= {"TC201", "TC202"}
    # The remaining findings were printed after fixing, as a fresh check reports them.
    remaining = _codes(run_cli, article)
    assert all(f"{article}:{d['line']}:{d['column']}: {d['code']}" in result.stdout
               for d in remaining)
    assert run_cli("--diff", str(article)).stdout == ""  # a second --fix would change nothing
    run_cli("--fix", "--unsafe-fixes", str(article))
    assert _codes(run_cli, article, "--select", ",".join(fixable)) == []


def test_diff_prints_the_fixes_and_changes_nothing(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "note.txt"
    page.write_text("The plan , said he ( twice ).\nAll good.\n", encoding="utf-8")
    result = run_cli("--diff", str(page))
    assert result.returncode == 1
    assert result.stdout == (
        f"--- {page}\n+++ {page}\n@@ -1,2 +1,2 @@\n"
        "-The plan , said he ( twice ).\n+The plan, said he (twice).\n All good.\n"
    )
    assert page.read_text(encoding="utf-8").startswith("The plan , said")
    assert run_cli("--diff", str(tmp_path / "missing.txt")).returncode == 2


def test_fix_keeps_permissions_and_bom_and_leaves_no_temporary_file(
    run_cli, tmp_path: Path
) -> None:
    page = tmp_path / "note.txt"
    page.write_bytes(b"\xef\xbb\xbfThe plan , said he.\r\n")
    os.chmod(page, 0o640)
    assert run_cli("--fix", str(page)).returncode == 0
    assert page.read_bytes() == b"\xef\xbb\xbfThe plan, said he.\r\n"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


def test_fix_from_stdin_prints_the_fixed_text(run_cli) -> None:
    result = run_cli("--fix", "--stdin-filename", "a.md", "-",
                     stdin="Use `a , b` here , now ( twice ).\n")
    assert result.stdout == "Use `a , b` here, now (twice).\n"
    assert result.returncode == 0


def test_fixes_never_touch_markup(engine: Engine) -> None:
    doc = engine.read("Use `a , b` and `c` , now ( twice ).\n", "a.md")
    assert fix(engine, doc).document.raw == "Use `a , b` and `c`, now (twice).\n"
    inside_code = Diagnostic.located(doc, 6, 7, code="TC111", name="space-before-punctuation",
                                     severity=Severity.WARNING, category="Fluency/Punctuation",
                                     message="Space before “,”", fix="")
    assert edits(doc, [inside_code]) == []


def test_overlapping_fixes_wait_for_the_next_pass(engine: Engine) -> None:
    doc = engine.read("Prices rose ,, and fell.\n", "a.txt")
    chosen = edits(doc, engine.check(doc))
    assert all(a.end <= b.start and a.start != b.start for a, b in itertools.pairwise(chosen))
    assert fix(engine, doc).document.raw == "Prices rose, and fell.\n"


def test_removing_a_glued_title_leaves_no_trailing_space(engine: Engine) -> None:
    title = "Harbor Town Votes to Rebuild Its Old Pier"
    doc = engine.read(f"{title}\n\nThe vote was close.{title}\n\nWork starts in June.\n",
                      "a.txt")
    assert fix(engine, doc, unsafe=True).document.raw == (  # removing a title is unsafe
        f"{title}\n\nThe vote was close.\n\nWork starts in June.\n")


def test_fixing_the_article_leaves_no_trailing_space(engine: Engine) -> None:
    source = ARTICLE.read_text(encoding="utf-8")
    for unsafe in (False, True):
        fixed = fix(engine, engine.read(source, "article.txt"), unsafe=unsafe).document.raw
        assert [line for line in fixed.splitlines() if line != line.rstrip()] == []


def test_apply_only_changes_each_span() -> None:
    source = "abcdef"
    assert apply(source, [Edit(1, 2, "X"), Edit(3, 3, "-"), Edit(4, 6, "")]) == "aXc-d"


def test_unified_diff_marks_a_missing_final_newline() -> None:
    assert unified_diff("a", "x ,", "x,").endswith("+x,\n\\ No newline at end of file\n")


PUNCTUATED = st.lists(st.sampled_from([*"ab ,.;:!?()[]\"'“”‘’`*\n\t", "..", ",,", "word"]),
                      max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(PUNCTUATED, st.text(max_size=60)), suffix=st.sampled_from([".txt", ".md"]))
def test_fixing_is_idempotent_and_never_raises(engine: Engine, text: str, suffix: str) -> None:
    once = fix(engine, engine.read(text, "x" + suffix))
    twice = fix(engine, engine.read(once.document.raw, "x" + suffix))
    assert twice.applied == 0
    assert twice.document.raw == once.document.raw


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PUNCTUATED)
def test_each_fix_changes_only_its_span(engine: Engine, text: str) -> None:
    doc = engine.read(text, "x.txt")
    for edit in edits(doc, engine.check(doc)):
        fixed = apply(text, [edit])
        assert fixed[:edit.start] == text[:edit.start]
        assert fixed[edit.start + len(edit.replacement):] == text[edit.end:]
