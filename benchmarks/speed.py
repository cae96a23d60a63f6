"""How long transcheck makes you wait, side by side with the tools a user would otherwise pick.

Measures, in one run and on the same machine:

- transcheck with its default rules in one process (`--jobs 1`), on one file;
- transcheck with `--jobs` (all cores), on the same corpus split into files;
- proselint 0.16 (`proselint check FILE`);
- Translate Toolkit's pofilter, on the corpus as a PO file (msgid: the clean paragraph,
  msgstr: the paragraph as written; the `unchanged` test is excluded because source
  and target are both English here);

on a synthetic corpus of our own prose with planted artifacts (benchmarks/corpus.py)
at 1, 10 and 100 MB: wall time, throughput (MB of text per second), peak memory
(resident set, summed over the process tree) and how both grow with the size.
Then the contract: transcheck (one process) against proselint on 1.5 MB of real
MT output (the targets of ../shared/eval/mqm-dev.jsonl, repeated), and start-up
time (`transcheck --version`).

Peers are installed with pip into a virtualenv under the cache directory on first
use (`--peers-venv`), so the environment under test stays as users have it.

Usage (from the repository root): python benchmarks/speed.py [--sizes 1,10,100] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:
    import psutil
except ImportError:  # then the largest single process's peak (from wait4) is all we know
    psutil = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # the sibling module: benchmarks/ is not a package

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MT_DATA = REPO.parent / "shared" / "eval" / "mqm-dev.jsonl"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "transcheck-bench"
PEERS = ("proselint==0.16.0", "translate-toolkit==3.20.4")
MB = 1_000_000
MT_SIZE = 1_500_000
# transcheck (default rules, one process) against proselint on the 1.5 MB of MT output.
REQUIRED, GOAL = 6, 8
# And a 6 KB article checked, start-up included, in this much wall time (median of 20 runs).
ARTICLE_CHARS, ARTICLE_SECONDS = 6_000, 0.15
CORPUS_VERSION = "1"  # bump when corpus.py changes, so cached corpora are rebuilt


@dataclass
class Run:
    tool: str
    corpus: str
    size_mb: float
    seconds: float | None = None
    cpu_seconds: float | None = None  # user + system of the process tree, least of the runs
    peak_mb: float | None = None
    status: str = "ok"  # ok, timed out, failed, skipped
    note: str = ""
    runs: int = 0

    @property
    def throughput(self) -> float | None:
        return self.size_mb / self.seconds if self.seconds else None


@dataclass
class Results:
    machine: dict[str, object]
    runs: list[Run] = field(default_factory=list)
    startup_ms: dict[str, float] = field(default_factory=dict)
    contract: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- measuring


def _tree_rss(pid: int) -> int:
    if psutil is None:
        return 0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.Error):  # it may have ended meanwhile
            total += proc.memory_info().rss
    return total


def measure(command: Sequence[str], time_limit: float
            ) -> tuple[float, float, int | None, float]:
    """Run `command`; return wall seconds, peak resident MB of its process tree, exit code
    (None: killed at the time limit) and CPU seconds (user + system, of the process and
    the children it waited for: what other load on a shared machine stretches least).

    The tree is sampled every 20 ms (psutil); the largest single process's exact peak
    (from wait4) is a floor for short spikes between samples.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    peak = 0
    code: int | None = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            seconds = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code  # reaped here: stop Popen from waiting again
            peak = max(peak, usage.ru_maxrss * 1024)
            return seconds, peak / MB, code, usage.ru_utime + usage.ru_stime
        if time.perf_counter() - start > time_limit:
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            return time.perf_counter() - start, peak / MB, None, 0.0
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)


def best_of(tool: str, corpus: str, size_mb: float, command: Sequence[str], repeat: int,
            time_limit: float, ok_codes: Sequence[int] = (0, 1)) -> Run:
    """The fastest of `repeat` runs (the least disturbed by other load) and the largest peak."""
    run = Run(tool, corpus, size_mb)
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        seconds, peak, code, cpu_seconds = measure(command, time_limit)
        run.peak_mb = max(run.peak_mb or 0.0, peak)
        run.runs += 1
        if code is None:
            run.status = "timed out"
            run.note = f"stopped after {time_limit:.0f} s"
            return run
        if code not in ok_codes:
            run.status = "failed"
            run.note = f"exit status {code}: {' '.join(command)}"
            return run
        times.append(seconds)
        cpu.append(cpu_seconds)
    run.seconds = min(times)
    run.cpu_seconds = min(cpu)
    return run


def startup_ms(command: Sequence[str], repeat: int = 20) -> float:
    """Median wall time of a command that does (almost) nothing."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def short_run(command: Sequence[str], repeat: int = 20) -> tuple[float, float, float]:
    """Median and best wall seconds, and median CPU seconds (user + system), of a short
    command run `repeat` times: timed by waiting for it, not by sampling it as `measure`."""
    walls, cpus = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped here
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


# ---------------------------------------------------------------- corpora and tools


def corpus_dir(cache: Path, size: int, parts: int) -> Path:
    folder = cache / f"corpus-v{CORPUS_VERSION}-{size // MB}MB-{parts}parts"
    if not (folder / "done").is_file():
        print(f"writing {size // MB} MB corpus to {folder} ...", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, size, parts)
    return folder


def mt_corpus(cache: Path, data: Path) -> tuple[Path, Path]:
    """Real MT output, 1.5 MB: the targets of the MQM data, in two layouts.

    As MT output comes, one file per system and document (the segments in order, one
    paragraph each), the whole set repeated in further copies until 1.5 MB; and the same
    text as one file. Built at run time in the cache, never committed.
    """
    documents: dict[str, list[tuple[int, str]]] = {}
    for line in data.open(encoding="utf-8"):
        if line.strip():
            item = json.loads(line)
            key = f"{item['dataset']}__{item['doc']}__{item['system']}"
            documents.setdefault(key, []).append((item["seg_id"], item["target"]))
    folder = cache / "mt-1.5MB-files"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts: list[str] = []
    size = 0
    copy = 0
    while size < MT_SIZE:
        copy += 1
        for key, segments in sorted(documents.items()):
            text = "\n\n".join(target for _, target in sorted(segments)) + "\n"
            name = "".join(c if c.isalnum() or c in "._-" else "_" for c in key)
            (folder / f"{name}__copy{copy}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= MT_SIZE:
                break
    single = cache / "mt-1.5MB.txt"
    single.write_text("\n".join(texts), encoding="utf-8")
    return folder, single


def mt_article(folder: Path, cache: Path) -> Path:
    """About 6 KB of one system's MT output: the longest document of the first copy that
    is not a reference translation, cut at the first paragraph break after 6,000 characters."""
    longest = max((p for p in folder.iterdir() if "__copy1" in p.name and "__ref" not in p.name),
                  key=lambda p: (p.stat().st_size, p.name))
    text = longest.read_text(encoding="utf-8")
    cut = text.find("\n\n", ARTICLE_CHARS)
    article = cache / "mt-article-6KB.txt"
    article.write_text(text[:cut if cut >= 0 else len(text)] + "\n", encoding="utf-8")
    return article


def peers_bin(venv: Path, install: bool) -> Path | None:
    """The bin folder of the peers' virtualenv, created and filled on first use."""
    bin_dir = venv / "bin"
    if (bin_dir / "proselint").exists() and (bin_dir / "pofilter").exists():
        return bin_dir
    if not install:
        return None
    print(f"installing {', '.join(PEERS)} into {venv} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", *PEERS],
                   check=True)
    return bin_dir


def proselint(bin_dir: Path, cache: Path) -> list[str]:
    """`proselint check`, told to report every error: by default it stops after 1,000,
    and so stops checking, which on a large corpus would measure less work."""
    config = cache / "proselint-all-errors.json"
    config.write_text(json.dumps({"max_errors": 10**9}), encoding="utf-8")
    return [str(bin_dir / "proselint"), "check", "--config", str(config)]


def installed_transcheck() -> list[str]:
    """The installed `transcheck` command. Not `python -m transcheck`: run from a checkout,
    that imports the checkout's sources instead, compiled afresh each run where bytecode
    is not written (PYTHONDONTWRITEBYTECODE), which is not what users run."""
    script = Path(sys.executable).parent / "transcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "transcheck"]


def transcheck(*args: str) -> list[str]:
    return [*installed_transcheck(), "check", *args]


# ---------------------------------------------------------------- the run


def run_sizes(args: argparse.Namespace, results: Results, bin_dir: Path | None) -> None:
    jobs = args.jobs
    for size_mb in args.sizes:
        folder = corpus_dir(args.cache_dir, size_mb * MB, args.parts)
        text = str(folder / "corpus.txt")
        repeat = args.repeat if size_mb < 100 else 1
        label = f"synthetic {size_mb} MB"
        print(f"measuring {label} ...", file=sys.stderr)
        results.runs.append(best_of("transcheck", label, size_mb,
                                    transcheck("--jobs", "1", text), repeat, args.time_limit))
        results.runs.append(best_of(f"transcheck --jobs {jobs}", label, size_mb,
                                    transcheck("--jobs", str(jobs), str(folder / "parts")),
                                    repeat, args.time_limit))
        if bin_dir is None:
            continue
        results.runs.append(_peer("proselint 0.16", label, size_mb,
                                  [*proselint(bin_dir, args.cache_dir), text],
                                  repeat, args, results))
        out = args.cache_dir / "pofilter-out.po"
        results.runs.append(_peer("pofilter", label, size_mb,
                                  [str(bin_dir / "pofilter"), "--progress=none",
                                   "--excludefilter=unchanged", "--language=en",
                                   str(folder / "corpus.po"), str(out)],
                                  repeat, args, results))


def _peer(tool: str, label: str, size_mb: float, command: list[str], repeat: int,
          args: argparse.Namespace, results: Results) -> Run:
    """A peer's run; skipped (and extrapolated) once it has timed out at a smaller size."""
    earlier = [r for r in results.runs if r.tool == tool]
    if earlier and earlier[-1].status in ("timed out", "skipped"):
        run = Run(tool, label, size_mb, status="skipped", note="timed out at a smaller size")
    else:
        run = best_of(tool, label, size_mb, command, repeat, args.time_limit)
    if run.seconds is None:
        done = [r for r in earlier if r.seconds]
        if done:
            rate = done[-1].seconds / done[-1].size_mb  # type: ignore[operator]
            run.note += f"; ~{rate * size_mb:.0f} s extrapolated from {done[-1].size_mb:g} MB"
    return run


def run_contract(args: argparse.Namespace, results: Results, bin_dir: Path | None) -> None:
    if not args.mt_data.is_file():
        results.contract = {"status": f"skipped: {args.mt_data} not found"}
        return
    folder, single = mt_corpus(args.cache_dir, args.mt_data)
    files = sorted(str(p) for p in folder.iterdir())
    size_mb = single.stat().st_size / MB
    print("measuring the contract on real MT output ...", file=sys.stderr)
    layouts = {f"MT output, {len(files)} files": files, "MT output, one file": [str(single)]}
    for label, paths in layouts.items():
        ours = best_of("transcheck", label, size_mb, transcheck("--jobs", "1", *paths),
                       args.repeat, args.time_limit)
        results.runs.append(ours)
        if bin_dir is None:
            results.contract[label] = "skipped: proselint not installed"
            continue
        theirs = best_of("proselint 0.16", label, size_mb,
                         [*proselint(bin_dir, args.cache_dir), *paths], args.repeat,
                         args.time_limit)
        results.runs.append(theirs)
        if ours.seconds and theirs.seconds:
            ratio = theirs.seconds / ours.seconds
            results.contract[label] = (
                f"transcheck {ours.seconds:.2f} s, proselint {theirs.seconds:.2f} s: "
                f"{ratio:.1f}× ({'pass' if ratio >= REQUIRED else 'FAIL'}, {REQUIRED}× required, "
                f"{GOAL}× the goal)")
            if ours.cpu_seconds and theirs.cpu_seconds:
                results.contract[label] += (
                    f"; CPU time {ours.cpu_seconds:.2f} s against {theirs.cpu_seconds:.2f} s: "
                    f"{theirs.cpu_seconds / ours.cpu_seconds:.1f}×")
        else:
            results.contract[label] = "incomplete: a run failed or timed out"
    results.contract["corpus"] = (
        f"the targets of {args.mt_data.name} ({size_mb:.2f} MB with repeats), one file per "
        "system and document as MT output comes, and the same text as one file")
    article = mt_article(folder, args.cache_dir)
    wall, best, cpu = short_run(transcheck(str(article)))
    results.contract["6 KB article"] = (
        f"{article.stat().st_size / 1000:.1f} KB of one system's output ({article}): "
        f"{wall:.3f} s wall time, start-up included (median of 20; best {best:.3f} s), "
        f"{cpu:.3f} s CPU: {'pass' if wall <= ARTICLE_SECONDS else 'FAIL'} "
        f"({ARTICLE_SECONDS} s required)")


# ---------------------------------------------------------------- output


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def render(results: Results) -> str:
    m = results.machine
    lines = [
        "# transcheck speed",
        "",
        f"Machine: {m['cpus']} cores, Python {m['python']}, {m['platform']}. "
        "Best of the repeated runs; peak memory is the resident set of the whole process tree.",
        "",
        "| corpus | tool | time (s) | CPU (s) | MB/s | peak memory (MB) | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results.runs:
        status = "" if r.status == "ok" else f"{r.status}; "
        lines.append(f"| {r.corpus} | {r.tool} | {_fmt(r.seconds, '.2f')} "
                     f"| {_fmt(r.cpu_seconds, '.2f')} | {_fmt(r.throughput, '.2f')} "
                     f"| {_fmt(r.peak_mb, '.0f')} "
                     f"| {(status + r.note).strip('; ')} |")
    lines += ["", "## Ratios (how many times faster transcheck is; peers' time / ours)", ""]
    lines += _ratios(results.runs)
    lines += ["", "## Growth from the smallest to the largest size", ""]
    lines += _growth(results.runs)
    lines += ["", "## Start-up (median of 20 runs)", ""]
    lines += [f"- `{name}`: {ms:.0f} ms" for name, ms in results.startup_ms.items()]
    lines += ["", f"## Contract: transcheck (one process) ≥ {REQUIRED}× faster than proselint "
              "0.16 on 1.5 MB of real MT output", ""]
    lines += [f"- {key}: {value}" for key, value in results.contract.items()]
    lines += ["", "MT output: targets of the MQM data from google/wmt-mqm-human-evaluation "
              "(Freitag et al. 2021, arXiv:2104.14478), used only to measure."]
    return "\n".join(lines)


def _ratios(runs: Sequence[Run]) -> list[str]:
    rows = ["| corpus | vs proselint 0.16 | vs pofilter | --jobs vs one process |",
            "| --- | ---: | ---: | ---: |"]
    for corpus in dict.fromkeys(r.corpus for r in runs):
        by_tool = {r.tool.split(" --jobs")[0] + (" jobs" if "--jobs" in r.tool else ""): r
                   for r in runs if r.corpus == corpus}
        ours = by_tool.get("transcheck")
        if ours is None or not ours.seconds:
            continue

        def ratio(other: Run | None, base: Run = ours) -> str:
            if other is None or not other.seconds or not base.seconds:
                return "-" if other is None or other.status != "timed out" else "> limit"
            return f"{other.seconds / base.seconds:.1f}×"

        jobs = by_tool.get("transcheck jobs")
        speedup = f"{ours.seconds / jobs.seconds:.2f}×" if jobs and jobs.seconds else "-"
        rows.append(f"| {corpus} | {ratio(by_tool.get('proselint 0.16'))} "
                    f"| {ratio(by_tool.get('pofilter'))} | {speedup} |")
    return rows


def _growth(runs: Sequence[Run]) -> list[str]:
    rows = ["| tool | sizes | size × | time × | memory × |", "| --- | --- | ---: | ---: | ---: |"]
    for tool in dict.fromkeys(r.tool for r in runs):
        done = [r for r in runs if r.tool == tool and r.seconds and r.corpus.startswith("synth")]
        if len(done) < 2:
            continue
        small, large = done[0], done[-1]
        rows.append(f"| {tool} | {small.size_mb:g} → {large.size_mb:g} MB "
                    f"| {large.size_mb / small.size_mb:.0f} "
                    f"| {large.seconds / small.seconds:.1f} "  # type: ignore[operator]
                    f"| {_fmt((large.peak_mb or 0) / (small.peak_mb or 1), '.1f')} |")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    # pip compiles an installed package's bytecode; a shell that forbids writing it
    # (PYTHONDONTWRITEBYTECODE) would time Python's compiler on every run of every tool.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100",
                        type=lambda s: [int(x) for x in s.split(",") if x.strip()],
                        help="Corpus sizes in MB (default 1,10,100; 1,10 for a quick run).")
    parser.add_argument("--repeat", type=int, default=3,
                        help="Runs per measurement below 100 MB; the fastest counts (default 3).")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="--jobs for the parallel transcheck run (default: all cores).")
    parser.add_argument("--parts", type=int, default=16,
                        help="Files the corpus is split into for the --jobs run (default 16).")
    parser.add_argument("--time-limit", type=float, default=600,
                        help="Seconds after which a run is stopped; a peer stopped at one "
                             "size is skipped (and extrapolated) at larger ones (default 600).")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE,
                        help=f"Corpora and the peers' virtualenv (default {DEFAULT_CACHE}).")
    parser.add_argument("--peers-venv", type=Path,
                        help="Virtualenv with proselint and pofilter (default: CACHE/peers, "
                             "created with pip on first use).")
    parser.add_argument("--no-peers", action="store_true", help="Measure transcheck only.")
    parser.add_argument("--mt-data", type=Path, default=DEFAULT_MT_DATA,
                        help=f"MQM JSON Lines file for the contract (default {DEFAULT_MT_DATA}).")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args(argv)
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    bin_dir = None if args.no_peers else peers_bin(
        args.peers_venv or args.cache_dir / "peers", install=args.peers_venv is None)
    import platform

    results = Results(machine={"cpus": len(os.sched_getaffinity(0)),
                               "python": platform.python_version(),
                               "platform": platform.platform(terse=True)})
    results.startup_ms["transcheck --version"] = startup_ms([*installed_transcheck(),
                                                             "--version"])
    if bin_dir is not None:
        results.startup_ms["proselint version"] = startup_ms([str(bin_dir / "proselint"),
                                                              "version"])
    run_sizes(args, results, bin_dir)
    run_contract(args, results, bin_dir)
    if args.json:
        print(json.dumps({**asdict(results),
                          "runs": [{**asdict(r), "mb_per_s": r.throughput} for r in results.runs]},
                         indent=2))
    else:
        print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
