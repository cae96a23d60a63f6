"""What `--jobs` costs and saves: wall time of `--jobs 1` against `--jobs N` on the shapes
of input a run meets, measured side by side (alternating) so that load falls on both.

    python benchmarks/jobs.py                    # the corpora of CORPORA
    python benchmarks/jobs.py --repeat 7 --jobs 2 --only small

Prints a Markdown table: per corpus, the median wall time and the median CPU time (of
the whole process tree) of each, and the ratios N/1 of the medians. Wall time shows what
a user waits on this machine now; CPU time, which other load does not stretch, shows the
pool's cost: on an idle machine with N cores `--jobs N` takes at least its CPU time / N.
`transcheck.runner.default_jobs` and the pool's threshold (`PARALLEL_MIN_BYTES`) are
chosen from these figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus  # the sibling module: benchmarks/ is not a package

KB = 1024
MB = KB * KB
# name: (total bytes, files)
CORPORA = {
    "130 small files (2 KB)": (260 * KB, 130),
    "300 small files (2 KB)": (600 * KB, 300),
    "100 files (10 KB)": (1 * MB, 100),
    "30 files (100 KB)": (3 * MB, 30),
    "8 files (1 MB)": (8 * MB, 8),
    "one 5 MB file": (5 * MB, 1),
}


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the command and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code not in (0, 1):
        sys.exit(f"exit status {code}: {' '.join(command)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="the pool's size to compare")
    parser.add_argument("--only", default="", help="the corpora whose name has this word")
    args = parser.parse_args()
    tool = shutil.which("transcheck", path=str(Path(sys.executable).parent)) or "transcheck"
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="transcheck-jobs-") as tmp:
        for name, (size, files) in CORPORA.items():
            if args.only not in name:
                continue
            folder = Path(tmp, str(files))
            write_corpus(folder, size, files)
            target = str(folder / "parts") if files > 1 else str(folder / "corpus.txt")
            runs: dict[int, list[tuple[float, float]]] = {1: [], args.jobs: []}
            measure([tool, "--jobs", "1", target])  # warm the pack cache and the page cache
            for _ in range(args.repeat):
                for jobs, done in runs.items():
                    done.append(measure([tool, "--jobs", str(jobs), "--quiet", target]))
            (wall_1, cpu_1), (wall_n, cpu_n) = (
                (statistics.median(w for w, _ in done), statistics.median(c for _, c in done))
                for done in runs.values())
            rows.append(f"| {name} | {wall_1:.2f} / {cpu_1:.2f} | {wall_n:.2f} / {cpu_n:.2f} "
                        f"| {wall_n / wall_1:.2f} | {cpu_n / cpu_1:.2f} "
                        f"| {cpu_n / args.jobs / wall_1:.2f} |")
            print(rows[-1], file=sys.stderr)
    n = args.jobs
    print(f"| corpus | --jobs 1: wall / CPU, s | --jobs {n}: wall / CPU, s | wall {n}/1 "
          f"| CPU {n}/1 | idle bound: CPU({n}) / {n} / wall(1) |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
