"""Checking files: discover, read, decode, parse and check each one, in parallel when it pays.

Results come back in discovery order whatever the number of processes, so the
output of `--jobs 4` is the output of `--jobs 1`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard, TypeVar

from transcheck import document
from transcheck.config import Settings
from transcheck.diagnostics import Finding
from transcheck.document import Piece
from transcheck.engine import Engine, PieceChecker
from transcheck.errors import FatalError, InputError, TranscheckError
from transcheck.factory import make_engine
from transcheck.inputs import (
    MEGABYTE,
    STDIN,
    Skipped,
    Source,
    bom_of,
    decode,
    discover,
    read_bytes,
)
from transcheck.reporters import FileResult

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")

# Below this much text a process pool does not repay its cost (start-up, an engine per
# worker, documents sent back): on 2 idle cores, 260 KB in 130 files took 0.91 of the time
# of one process for 1.38 times the CPU, 600 KB in 300 files 0.80 (benchmarks/jobs.py).
PARALLEL_MIN_BYTES = 512 * 1024
# What one task of a worker checks at most: enough to outweigh its messages, little
# enough that the workers share the files evenly.
BATCH_BYTES = 64 * 1024
BATCH_FILES = 64


Outcome = FileResult | Skipped | TranscheckError
Discovered = Source | InputError | Skipped


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_source(engine: Engine, source: Source, elsewhere: PieceChecker | None = None
                 ) -> Outcome:
    """Read, decode, parse and check one file; bad input becomes an error, not an exception.

    `elsewhere` (see `Engine.check`) checks the pieces of a long file in other processes.
    """
    try:
        data = read_bytes(source, engine.settings.max_stdin_mb * MEGABYTE)
        result = check_text(engine, decode(data, source.path), source.path, elsewhere)
        if isinstance(result, FileResult):  # what --fix needs to write it back as it was
            result = result.replace(from_stdin=source.location is None, bom=bom_of(data))
        return result
    except FatalError:
        raise
    except TranscheckError as exc:
        return exc.about(source.path)


def check_text(engine: Engine, text: str, path: str, elsewhere: PieceChecker | None = None
               ) -> FileResult | Skipped:
    """Parse and check `text`, the content of the file `path`: the one way the command
    and the language server check a file. Raises `TranscheckError` for bad input."""
    if not text or text.isspace():  # not `strip`: a copy of the text
        return Skipped(path, "empty file, nothing to check")
    doc = engine.read(text, path)
    source_file = engine.settings.plugin_options.get("source-file")
    if source_file:
        from transcheck.bilingual.pairs import article_pair

        original = Source(source_file, Path(source_file))
        doc = article_pair(doc, decode(read_bytes(original), source_file),
                           engine.settings, source_file)
    if doc.target_lang and not doc.target_lang.startswith("en"):
        return Skipped(path, f"translated into '{doc.target_lang}', not English: not checked")
    diagnostics = engine.check(doc, elsewhere)
    doc.forget_analyses()  # a run that fixes keeps every document until it reports
    return FileResult(path, doc, diagnostics)


def check_paths(
    engine: Engine, paths: Sequence[str], jobs: int = 1, stdin_name: str = STDIN
) -> Iterator[Outcome]:
    """Check every file `paths` name, yielding one outcome per file in discovery order.

    With `jobs` > 1 and enough text, files are checked by a pool of processes, each
    building its own engine from `engine.settings` (with the plugins installed as entry
    points; plugins registered by hand stay in this process). With fewer files than
    processes, a file long enough to be cut into pieces is checked here, its pieces by
    the pool.
    """
    settings = engine.settings
    items = list(discover(paths, engine.include, engine.exclude, stdin_name,
                          settings.respect_gitignore))
    files = [item for item in items if _is_file(item)]
    long = {item for item in files if len(files) < jobs and _long(item)}
    workers = jobs if long else min(jobs, len(files))
    if workers < 2 or engine.single_process or _total_size(files) < PARALLEL_MIN_BYTES:
        for item in items:
            yield check_source(engine, item) if isinstance(item, Source) else item
        return
    # Imported here: a single file, the common case, should not pay for multiprocessing.
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(settings,))
    try:
        # Files go to the workers in batches: a task per tiny file costs more in
        # messages than checking it (100,000 of them were slower with -j2 than -j1).
        placed: dict[int, tuple[Future[_InWorker[list[Outcome]]], int]] = {}
        for batch in _batches([(i, item) for i, item in enumerate(items)
                               if _is_file(item) and item not in long]):
            future = pool.submit(_check_batch_in_worker, [source for _, source in batch])
            placed.update((index, (future, position))
                          for position, (index, _) in enumerate(batch))
        for index, item in enumerate(items):
            if not isinstance(item, Source):
                yield item
            elif index not in placed:  # standard input, or a long file: checked here
                yield check_source(engine, item, _pieces_in(pool, engine, item.path))
            else:
                future, position = placed.pop(index)
                yield _result(engine, item, future, position)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(files: list[tuple[int, Source]]) -> list[list[tuple[int, Source]]]:
    """Runs of consecutive `files` of at most `BATCH_BYTES` or `BATCH_FILES`."""
    batches: list[list[tuple[int, Source]]] = []
    size = 0
    for index, source in files:
        length = _size(source)
        if not batches or size + length > BATCH_BYTES or len(batches[-1]) >= BATCH_FILES:
            batches.append([])
            size = 0
        batches[-1].append((index, source))
        size += length
    return batches


def _result(engine: Engine, source: Source, future: Future[_InWorker[list[Outcome]]],
            position: int) -> Outcome:
    try:
        return _received(engine, source.path, future)[position]
    except TranscheckError as exc:
        return exc


def _pieces_in(pool: ProcessPoolExecutor, engine: Engine, path: str) -> PieceChecker:
    """Check the pieces of a long document in the pool (see `Engine.check`)."""

    def check(pieces: Iterator[Piece], codes: list[str]) -> Iterator[tuple[str, Finding]]:
        futures = [pool.submit(_check_piece_in_worker, piece, codes) for piece in pieces]
        return (found for future in futures for found in _received(engine, path, future))

    return check


def _received(engine: Engine, path: str, future: Future[_InWorker[T]]) -> T:
    """What a worker sent back for `path`; its warnings (a rule unavailable there) join
    the run's."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        result, warnings = future.result()
    except BrokenProcessPool:
        raise TranscheckError(f"{path}: the process checking it died; try --jobs 1"
                              ).about(path) from None
    engine.warnings.extend(w for w in warnings if w not in engine.warnings)
    return result


def _long(item: Discovered) -> bool:
    """A file that may be cut into pieces (it has more bytes than an uncut document
    may have characters)."""
    return _is_file(item) and _size(item) > document.UNCUT_PIECES * document.PIECE_CHARS


def _is_file(item: Discovered) -> TypeGuard[Source]:
    """A file on disk, as opposed to an error or standard input."""
    return isinstance(item, Source) and item.location is not None


def _total_size(files: Sequence[Source]) -> int:
    return sum(map(_size, files))


def _size(source: Source) -> int:
    with contextlib.suppress(OSError):  # reported when the file is read
        return source.location.stat().st_size if source.location else 0
    return 0


_worker_engine: Engine | None = None


def _start_worker(settings: Settings) -> None:
    from multiprocessing import util

    from transcheck.workers import die_with_parent

    die_with_parent()
    global _worker_engine
    _worker_engine = make_engine(settings=settings)
    # Plugins may hold servers (LanguageTool): release them when the worker exits.
    util.Finalize(None, _worker_engine.finish, exitpriority=10)


_InWorker = tuple[T, list[str]]  # a worker's result, and the warnings raised making it


def _check_batch_in_worker(sources: list[Source]) -> _InWorker[list[Outcome]]:
    return _with_warnings(lambda engine: [check_source(engine, s) for s in sources])


def _check_piece_in_worker(piece: Piece, codes: list[str]) -> _InWorker[list[tuple[str, Finding]]]:
    """The findings of the rules `codes` that `piece` owns."""

    def check(engine: Engine) -> list[tuple[str, Finding]]:
        rules = [rule for rule in engine.all_rules if rule.code in codes]
        return [(rule.code, finding) for rule, finding in engine.piece_findings(piece, rules)]

    return _with_warnings(check)


def _with_warnings(work: Callable[[Engine], T]) -> _InWorker[T]:
    """`work` done with this worker's engine, and the warnings it raised."""
    assert _worker_engine is not None, "worker started without its engine"
    before = len(_worker_engine.warnings)
    result = work(_worker_engine)
    return result, _worker_engine.warnings[before:]
