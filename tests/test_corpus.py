"""`transcheck corpus`: shards in, findings and summaries out, the same whichever engine."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transcheck.config import Settings
from transcheck.corpus import engines
from transcheck.corpus.work import Outcome, Task
from transcheck.progress import Progress

from .helpers import interruptible, on_a_terminal

SENTENCES = [
    "The museum opens at nine , and the café an hour later.",
    "Our guide said that the the bridge was built in 1887.",
    "“Tickets are sold at the door, she added.",
    "The harbour is quiet in winter.",
    "Fresh bread is baked every morning in the old oven.",
    "He wrote to the council,but nobody answered.",
    "Visitors may not take photographs inside the chapel.",
    "The train to the coast leaves every hour on weekdays.",
]


def _documents(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(1, 4))]
        row: dict[str, Any] = {"id": f"doc-{seed}-{number}", "text": "\n\n".join(paragraphs)}
        if number % 5 == 0:
            row["source_lang"] = "de"
        if number % 7 == 0:
            row["lang"] = "en-GB"
        documents.append(row)
    return documents


def _write_shards(folder: Path, kind: str, shards: int = 3, rows: int = 40) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(shards):
        documents = _documents(rows, number)
        path = folder / f"part-{number}.{kind}"
        if kind == "jsonl":
            path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents),
                            encoding="utf-8")
        else:
            columns = ("id", "text", "source_lang", "lang")
            pq.write_table(pa.Table.from_pylist(
                [{c: d.get(c) for c in columns} for d in documents]), path)
        paths.append(path)
    return paths


def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        rows = pq.read_table(path).to_pylist()
        # Maps come back from Parquet as lists of pairs.
        return [{k: dict(v) if isinstance(v, list) else v for k, v in row.items()}
                for row in rows]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _outputs(folder: Path, kinds: tuple[str, ...] = ("findings", "summary")
             ) -> dict[str, list[dict[str, Any]]]:
    return {p.name.rsplit(".", 1)[0]: _rows(p) for p in sorted(folder.iterdir())
            if p.name.split(".")[-2] in kinds}


def test_jsonl_and_parquet_twins_give_the_same_rows(run_cli, tmp_path: Path) -> None:
    _write_shards(tmp_path / "jsonl", "jsonl")
    _write_shards(tmp_path / "parquet", "parquet")
    results = {}
    for kind in ("jsonl", "parquet"):
        out = tmp_path / f"out-{kind}"
        done = run_cli("corpus", str(tmp_path / kind), "--out", str(out), "--jobs", "1")
        assert done.returncode == 1, done.stderr
        assert "3 shards, 120 documents" in done.stderr
        results[kind] = _outputs(out)
    assert results["jsonl"] == results["parquet"]
    findings = [row for rows in results["jsonl"].values() for row in rows if "code" in row]
    assert {"TC111", "TC207", "TC113"} <= {row["code"] for row in findings}
    assert set(findings[0]) == {"id", "line", "column", "end_line", "end_column", "code", "name",
                                "severity", "category", "message", "fix"}


def test_summary_counts_and_score(run_cli, tmp_path: Path) -> None:
    shard = tmp_path / "one.jsonl"
    shard.write_text(json.dumps({"id": 7, "text": "The the harbour is quiet , in winter."}) + "\n"
                     + json.dumps({"text": "The harbour is quiet in winter."}) + "\n",
                     encoding="utf-8")
    done = run_cli("corpus", str(shard), "--out", str(tmp_path / "out"), "--out-format", "jsonl")
    assert done.returncode == 1, done.stderr
    first, second = _rows(tmp_path / "out" / "one.summary.jsonl")
    assert first["id"] == "7" and second["id"] == "2"  # the row number when there is no id
    assert first["by_rule"] == {"TC207": 1, "TC111": 1}
    assert first["by_severity"] == {"warning": 2} and first["words"] == 8
    assert first["score"] == 250.0  # two warnings in 8 words: 2 * 1000 / 8
    assert second == {"id": "2", "words": 6, "findings": 0, "score": 0.0, "by_rule": {},
                      "by_category": {}, "by_severity": {}}


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_max_score_copies_the_rows_under_it_unchanged(run_cli, tmp_path: Path, kind: str) -> None:
    (shard,) = _write_shards(tmp_path / "in", kind, shards=1)
    out = tmp_path / "out"
    assert run_cli("corpus", str(shard), "--out", str(out), "--max-score", "40").returncode == 1
    scores = {row["id"]: row["score"] for row in _rows(out / "part-0.summary.parquet")}
    kept = _rows(out / f"part-0.filtered.{kind}")
    assert [row["id"] for row in kept] == [i for i, score in scores.items() if score <= 40]
    assert 0 < len(kept) < len(scores)
    original = {row["id"]: row for row in _rows(shard)}
    assert all(row == original[row["id"]] for row in kept)


def test_a_process_pool_gives_the_rows_of_one_process(run_cli, tmp_path: Path) -> None:
    _write_shards(tmp_path / "in", "jsonl", shards=4)
    for jobs in ("1", "2"):
        done = run_cli("corpus", str(tmp_path / "in" / "*.jsonl"), "--out",
                       str(tmp_path / jobs), "--jobs", jobs, "--out-format", "jsonl")
        assert done.returncode == 1, done.stderr
    assert _outputs(tmp_path / "1") == _outputs(tmp_path / "2")


@pytest.fixture(scope="module")
def dask_scheduler() -> Any:
    """A real Dask cluster on this machine: a scheduler and two worker processes."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_a_dask_cluster_gives_the_rows_of_one_process(run_cli, tmp_path: Path, kind: str,
                                                     dask_scheduler: str) -> None:
    _write_shards(tmp_path / "in", kind, shards=4)
    single = run_cli("corpus", str(tmp_path / "in"), "--out", str(tmp_path / "single"),
                     "--jobs", "1", "--max-score", "30")
    cluster = run_cli("corpus", str(tmp_path / "in"), "--out", str(tmp_path / "cluster"),
                      "--engine", "dask", "--scheduler", dask_scheduler, "--max-score", "30")
    assert single.returncode == cluster.returncode == 1, cluster.stderr
    kinds = ("findings", "summary", "filtered")
    assert _outputs(tmp_path / "single", kinds) == _outputs(tmp_path / "cluster", kinds)
    assert len(_outputs(tmp_path / "cluster", kinds)) == 12


def test_bad_input_is_reported_and_the_rest_checked(run_cli, tmp_path: Path) -> None:
    (good,) = _write_shards(tmp_path, "jsonl", shards=1)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "The harbour is quiet , in winter."}\nnot json\n{"text": 3}\n'
                   '{"text": "Das Museum ist heute geschlossen.", "lang": "de"}\n',
                   encoding="utf-8")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    done = run_cli("corpus", str(good), str(bad), str(broken), str(tmp_path / "gone.jsonl"),
                   str(tmp_path / "notes.txt"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if "error:" in line]
    assert any("gone.jsonl: no such file" in line for line in errors)
    assert any(f"{bad}:2: not a JSON object" in line for line in errors)
    assert any(f"{bad}:3: 'text' must be a string" in line for line in errors)
    assert any(f"{broken}: not a Parquet file" in line for line in errors)
    assert "Traceback" not in done.stderr
    assert "1 rows in another language skipped" in done.stderr
    assert len(_rows(tmp_path / "out" / "bad.findings.parquet")) == 1
    assert not list((tmp_path / "out").glob("broken.*"))


def _finished(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir()}


def test_a_finished_shard_is_not_checked_again(run_cli, tmp_path: Path) -> None:
    shards = _write_shards(tmp_path / "in", "jsonl", shards=3)
    out = tmp_path / "out"
    assert run_cli("corpus", str(tmp_path / "in"), "--out", str(out)).returncode == 1
    before = _finished(out)
    # As if the run had stopped before the last shard was done; and a shard edited since.
    (out / "part-2.done.json").unlink()
    shards[1].write_text(shards[1].read_text(encoding="utf-8") + json.dumps(
        {"text": "One more row , here."}) + "\n", encoding="utf-8")
    again = run_cli("corpus", str(tmp_path / "in"), "--out", str(out))
    assert again.returncode == 1
    assert "(1 done before)" in again.stderr
    after = _finished(out)
    assert all(after[name] == before[name] for name in before if name.startswith("part-0"))
    assert all(after[name] != before[name] for name in after if not name.startswith("part-0"))
    # Other settings are another result: nothing is reused.
    other = run_cli("corpus", str(tmp_path / "in"), "--out", str(out), "--select", "TC1")
    assert "done before" not in other.stderr


def test_ctrl_c_stops_workers_and_leaves_no_partial_file(tmp_path: Path) -> None:
    _write_shards(tmp_path / "in", "jsonl", shards=6, rows=400)
    out = tmp_path / "out"
    script = Path(sys.executable).parent / "transcheck"
    command = [str(script), "corpus", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"]
    # Its own process group, as a terminal's job: Ctrl-C signals every process in it.
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=interruptible)
    deadline = time.monotonic() + 120
    while not list(out.glob("*.done.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    deadline = time.monotonic() + 10  # helpers (a resource tracker) exit as the pipe closes
    with pytest.raises(ProcessLookupError):  # no worker outlived the run
        while time.monotonic() < deadline:
            os.killpg(process.pid, 0)
            time.sleep(0.1)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    done = {p.name.split(".")[0] for p in out.glob("*.done.json")}
    assert done and len(done) < 6
    for stem in done:  # what is there is whole
        assert len(_rows(out / f"{stem}.summary.parquet")) == 400
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1
    assert f"({len(done)} done before)" in resumed.stderr


def test_a_failing_shard_is_tried_again_then_reported(monkeypatch, tmp_path: Path) -> None:
    calls: list[str] = []

    def flaky(task: Task) -> Outcome:
        calls.append(task.shard)
        if task.shard == "bad" or len(calls) == 1:
            raise OSError("disk full")
        return Outcome(task.shard)

    monkeypatch.setattr(engines, "check_shard", flaky)
    tasks = [Task(name, str(tmp_path), "jsonl", Settings()) for name in ("good", "bad")]
    outcomes = [o for o in engines.in_process(tasks) if o is not None]
    assert calls == ["good", "good", "bad", "bad"]
    assert outcomes[0].failed is None
    assert outcomes[1].failed == "bad: failed 2 times: disk full"


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.text, self.tty = "", tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_on_a_terminal() -> None:
    for tty, enabled in ((True, True), (False, True), (True, False)):
        out = _Terminal(tty)
        progress = Progress(4, 4_000_000, "shards", enabled, out)  # type: ignore[arg-type]
        progress.advance(1_000_000, 10, resumed=False)
        progress.close()
        if tty and enabled:
            assert "1/4 shards" in out.text and "1.0/4.0 MB" in out.text
            assert "MB/s" in out.text and "ETA" in out.text and out.text.endswith("\r\x1b[K")
        else:
            assert out.text == ""


def test_check_and_corpus_draw_progress_on_a_terminal_only(run_cli, tmp_path: Path) -> None:
    _write_shards(tmp_path / "in", "jsonl", shards=2)
    script = str(Path(sys.executable).parent / "transcheck")
    drawn = on_a_terminal([script, "corpus", str(tmp_path / "in"), "--out",
                           str(tmp_path / "out")], "stderr")
    assert "2/2 shards" in drawn and "ETA" in drawn and "\x1b[K" in drawn
    texts = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in texts:
        path.write_text("The harbour is quiet , in winter.\n", encoding="utf-8")
    drawn = on_a_terminal([script, *map(str, texts)], "stderr")
    assert "2/2 files" in drawn and "MB/s" in drawn
    quiet = on_a_terminal([script, "--quiet", *map(str, texts)], "stderr")
    assert "files" not in quiet
    piped = run_cli(*map(str, texts))
    assert "files" not in piped.stderr and "\x1b" not in piped.stderr
