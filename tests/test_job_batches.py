"""With --jobs, files go to the workers in batches: a task per tiny file cost more in
messages than checking it (100,000 tiny files were slower with -j2 than -j1)."""

from __future__ import annotations

import fnmatch
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcheck.config import Settings
from transcheck.engine import Engine
from transcheck.inputs import matches_globs
from transcheck.reporters import FileResult
from transcheck import runner
from transcheck.runner import BATCH_FILES, check_paths


def test_tiny_files_go_to_the_workers_in_batches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)  # 300 KB would be checked here
    count = 400
    for n in range(count):
        (tmp_path / f"note{n:04d}.txt").write_text(
            f"Note {n}: the council met on Tuesday , and approved the plan. " * 12 + "\n",
            encoding="utf-8")
    tasks: list[Any] = []
    submit = ProcessPoolExecutor.submit

    def counted(self: ProcessPoolExecutor, *args: Any, **kwargs: Any) -> Any:
        tasks.append(args[0])
        return submit(self, *args, **kwargs)

    engine = Engine(Settings())
    serial = list(check_paths(engine, [str(tmp_path)], jobs=1))
    monkeypatch.setattr(ProcessPoolExecutor, "submit", counted)
    outcomes = list(check_paths(engine, [str(tmp_path)], jobs=2))
    assert [Path(o.path).name for o in outcomes if isinstance(o, FileResult)] == [
        f"note{n:04d}.txt" for n in range(count)]
    assert [o.diagnostics for o in outcomes if isinstance(o, FileResult)] == [
        o.diagnostics for o in serial if isinstance(o, FileResult)]
    assert count // BATCH_FILES <= len(tasks) <= count // 4


@given(st.lists(st.sampled_from(["*.txt", "*.md", "docs/*", "a?c.txt", "[ab]*.py", "*/x/*",
                                 ".git", "node_modules", "*.min.*", "build", "[!a]*"]),
                min_size=1, max_size=5),
       st.sampled_from(["a.txt", "abc.txt", "docs/readme.md", "x/y/z.py", "b1.py", "build",
                        "node_modules", "sub/.git", "app.min.js", "deep/x/file", "c.md"]))
def test_globs_matched_as_one_regex_match_as_fnmatch_does(globs: list[str], name: str) -> None:
    """Discovery tests each file against every glob at once (the main process discovers
    100,000 files while the workers wait)."""
    base = Path("/project")
    file = base / name
    expected = any(fnmatch.fnmatch(file.name, g) or fnmatch.fnmatch(name, g) for g in globs)
    assert matches_globs(file, base, globs) == expected
