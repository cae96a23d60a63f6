"""What `transcheck corpus` costs: documents per second per core, 1 and 2 workers, and
the projected core-hours and cost of 100 GB.

The corpus is real MT output: each system's translation of each document of
`../shared/eval/mqm-dev.jsonl` is one row (as a crawl or a vendor's delivery holds
whole documents), the set repeated until `--size-mb`, written as `--shards` JSON Lines
shards in the cache (never committed). Each run writes to a fresh directory, so no
shard is skipped as done before. Timings vary with the machine's load: runs alternate
and the best of `--repeat` counts.

Usage (from the repository root): python benchmarks/corpus_speed.py [--size-mb 8] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import DEFAULT_CACHE, DEFAULT_MT_DATA, MB  # the sibling module

HOURS = 3600


def write_shards(data: Path, folder: Path, size: int, shards: int) -> tuple[int, int]:
    """The shards, and their documents and bytes of text."""
    documents: dict[str, list[tuple[int, str]]] = {}
    for line in data.open(encoding="utf-8"):
        if line.strip():
            item = json.loads(line)
            key = f"{item['dataset']}/{item['doc']}/{item['system']}"
            documents.setdefault(key, []).append((item["seg_id"], item["target"]))
    texts = ["\n\n".join(t for _, t in sorted(segments)) for _, segments in
             sorted(documents.items())]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    handles = [(folder / f"part-{i:03d}.jsonl").open("w", encoding="utf-8")
               for i in range(shards)]
    count = total = 0
    while total < size:
        text = texts[count % len(texts)]
        row = {"id": f"doc-{count}", "text": text, "lang": "en"}
        handles[count % shards].write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
        total += len(text.encode())
    for handle in handles:
        handle.close()
    return count, total


def run(shards: Path, engine: str, jobs: int) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the whole process tree (workers included)."""
    out = Path(tempfile.mkdtemp(prefix="transcheck-corpus-bench-"))
    command = [sys.executable, "-m", "transcheck", "corpus", str(shards), "--out", str(out),
               "--engine", engine, "--jobs", str(jobs), "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(out, ignore_errors=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_MT_DATA)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--size-mb", type=float, default=8.0)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--price", type=float, default=0.05,
                        help="dollars per core-hour for the projected cost (default 0.05, "
                             "about an on-demand cloud vCPU)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = args.cache_dir / "corpus-shards"
    documents, size = write_shards(args.data, folder, int(args.size_mb * MB), args.shards)
    # One short document per shard: what a run costs besides its documents (start-up,
    # engines in every worker, a cluster's processes), to project a large corpus from.
    empty = args.cache_dir / "corpus-shards-start-up"
    write_shards(args.data, empty, args.shards * 4000, args.shards)
    setups = [("local", 1), ("local", 2), ("dask", 2)]
    times: dict[tuple[str, int], list[tuple[float, float]]] = {setup: [] for setup in setups}
    fixed: dict[tuple[str, int], list[tuple[float, float]]] = {setup: [] for setup in setups}
    for _ in range(args.repeat):
        for engine, jobs in setups:
            print(f"measuring --engine {engine} --jobs {jobs} ...", file=sys.stderr)
            times[engine, jobs].append(run(folder, engine, jobs))
            fixed[engine, jobs].append(run(empty, engine, jobs))
    rows = []
    for (engine, jobs), values in times.items():
        seconds, cpu = min(values)
        start_up = min(c for _, c in fixed[engine, jobs])
        # Per core: by CPU time, which another process's load on a shared machine does not
        # stretch as it stretches the wall time; a large corpus pays the start-up once.
        per_core = size / max(cpu - start_up, 1e-9)
        core_hours = 100e9 / per_core / HOURS
        rows.append({"engine": engine, "workers": jobs, "seconds": round(seconds, 2),
                     "cpu_seconds": round(cpu, 2), "start_up_cpu_seconds": round(start_up, 2),
                     "documents_per_s": round(documents / seconds, 1),
                     "documents_per_cpu_s": round(documents / (cpu - start_up), 1),
                     "mb_per_cpu_s": round(per_core / MB, 2),
                     "core_hours_per_100gb": round(core_hours),
                     "dollars_per_100gb": round(core_hours * args.price, 2)})
    if args.json:
        print(json.dumps({"documents": documents, "mb": size / MB, "cores": os.cpu_count(),
                          "rows": rows}, indent=2))
        return 0
    print(f"{documents:,} documents, {size / MB:.1f} MB of real MT output in {args.shards} "
          f"JSON Lines shards; Parquet out; {os.cpu_count()} cores; best of {args.repeat}\n")
    print("| engine | workers | wall (s) | documents/s | CPU (s) | of which start-up "
          "| documents per core-second | MB per core-second | core-hours per 100 GB "
          "| cost per 100 GB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['engine']} | {r['workers']} | {r['seconds']:.2f} | {r['documents_per_s']:,} "
              f"| {r['cpu_seconds']:.2f} | {r['start_up_cpu_seconds']:.2f} "
              f"| {r['documents_per_cpu_s']:,} | {r['mb_per_cpu_s']:.2f} "
              f"| {r['core_hours_per_100gb']:,} | ${r['dollars_per_100gb']:.2f} |")
    print(f"\nPer core-second: CPU time less the start-up (a run of one short document per "
          f"shard), which 100 GB pays once. Cost at ${args.price:.2f} per core-hour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
