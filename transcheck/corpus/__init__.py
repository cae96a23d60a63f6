"""`transcheck corpus`: check a corpus of documents in shards, for data pipelines.

Each shard (JSON Lines or Parquet) is one task, checked by a process of this machine or
a worker of a Dask cluster, which writes the shard's outputs itself: `<stem>.findings`,
`<stem>.summary`, `<stem>.filtered` with `--max-score`, and last `<stem>.done.json`,
which lets a later run skip the shard. See the README's "Corpus mode".
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from transcheck.config import Settings
from transcheck.corpus import engines
from transcheck.corpus.shards import find_shards, shard_stem
from transcheck.corpus.work import Outcome, Task, finished
from transcheck.diagnostics import Severity
from transcheck.errors import ConfigError
from transcheck.progress import Progress

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
Echo = Callable[[str], None]


def run(patterns: Sequence[str], out_dir: Path, settings: Settings, *, out_format: str,
        engine: str = "local", scheduler: str | None = None, jobs: int = 1,
        max_score: float | None = None, quiet: bool = False,
        error: Echo, note: Echo) -> int:
    """Check the shards `patterns` name into `out_dir`; the exit status of `check`."""
    shards, missing = find_shards(patterns)
    for problem in missing:
        error(str(problem))
    stems: dict[str, Path] = {}
    for shard in shards:
        other = stems.setdefault(shard_stem(shard), shard)
        if other != shard:
            raise ConfigError(f"{other} and {shard} would write the same outputs "
                              f"({shard_stem(shard)}.*): rename one")
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"{out_dir}: not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    if engine == "dask":  # workers elsewhere, in other working directories
        shards, out_dir = [shard.absolute() for shard in shards], out_dir.absolute()
    tasks = [Task(str(shard), str(out_dir), out_format, settings, max_score, token)
             for shard in shards]
    for task in tasks:
        _remove_temporaries(task, "*")  # left by a run that was killed
    outcomes: dict[str, Outcome] = {}
    todo = []
    for task in tasks:
        earlier = finished(task)
        if earlier is None:
            todo.append(task)
        else:
            outcomes[task.shard] = earlier
    progress = Progress(len(tasks), sum(Path(t.shard).stat().st_size for t in tasks),
                        "shards", enabled=not quiet)
    for earlier in outcomes.values():
        progress.advance(earlier.size, earlier.documents, resumed=True)
    try:
        for outcome in _outcomes(todo, engine, jobs, scheduler):
            if outcome is None:
                progress.draw()
                continue
            outcomes[outcome.shard] = outcome
            progress.advance(outcome.size, outcome.documents, resumed=False)
    except KeyboardInterrupt:
        progress.close()
        for task in todo:
            _remove_temporaries(task, token)
        error("interrupted: finished shards are kept, a new run checks the others")
        return EXIT_INTERRUPTED
    progress.close()
    return _report([outcomes[t.shard] for t in tasks if t.shard in outcomes],
                   bool(missing), settings.fail_on, quiet, error, note, out_dir)


def _outcomes(tasks: Sequence[Task], engine: str, jobs: int, scheduler: str | None
              ) -> Iterator[Outcome | None]:
    if engine == "dask":
        return engines.dask_cluster(tasks, jobs, scheduler) if tasks else iter(())
    if scheduler:
        raise ConfigError("--scheduler needs --engine dask")
    if jobs < 2 or len(tasks) < 2:
        return engines.in_process(tasks)
    return engines.local_pool(tasks, jobs)


def _remove_temporaries(task: Task, token: str) -> None:
    for path in [*task.outputs, task.output("done")]:
        for temporary in path.parent.glob(f".{path.name}.{token}.tmp"):
            temporary.unlink(missing_ok=True)


def _report(outcomes: Sequence[Outcome], failed: bool, fail_on: Severity | None,
            quiet: bool, error: Echo, note: Echo, out_dir: Path) -> int:
    warnings: dict[str, None] = {}
    for outcome in outcomes:
        if outcome.failed:
            error(outcome.failed)
        for message in outcome.errors:
            error(message)
        if outcome.error_count > len(outcome.errors):
            error(f"{outcome.shard}: {outcome.error_count - len(outcome.errors)} more "
                  "rows could not be checked")
        failed = failed or bool(outcome.failed or outcome.error_count)
        warnings.update(dict.fromkeys(outcome.warnings))
    if not quiet:
        for message in warnings:
            note(f"warning: {message}")
        documents = sum(o.documents for o in outcomes)
        findings = sum(o.findings for o in outcomes)
        resumed = sum(o.resumed for o in outcomes)
        other = sum(o.not_english for o in outcomes)
        note(f"{len(outcomes)} shard{'s' if len(outcomes) != 1 else ''}"
             + (f" ({resumed} done before)" if resumed else "")
             + f", {documents:,} documents, {findings:,} findings"
             + (f", {other:,} rows in another language skipped" if other else "")
             + f": {out_dir}")
    if failed:
        return EXIT_ERROR
    threshold = fail_on.rank if fail_on else 0
    return EXIT_FINDINGS if any(
        Severity(severity).rank >= threshold and count
        for o in outcomes for severity, count in o.by_severity.items()) else EXIT_OK
