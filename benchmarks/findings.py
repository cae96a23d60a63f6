"""Every finding transcheck makes on the reference inputs, to show a change left them alone.

A refactoring or a speed-up must not drop or add a finding. This script checks, with
the default rules:

- `examples/` (each file as the CLI reads it);
- `../shared/eval/mqm-dev.jsonl`, each segment alone (with its source language) and
  each system's document as one article (segments joined by blank lines);
- the synthetic 1 MB corpus of `benchmarks/corpus.py` and the 1.5 MB of real MT
  output that `benchmarks/speed.py` builds;

and writes one line per input set: its name, the number of findings and a SHA-256
of every finding (input, code, start, end, message, fix). Only digests are written,
never the text, so the file can be kept beside a change.

Usage (from the repository root):
    python benchmarks/findings.py --out before.json      # on the old code
    python benchmarks/findings.py --compare before.json  # on the new: exit 1 if any set differs
    python benchmarks/findings.py --against main         # both at once: the old code is the
                                                         # revision main, in a temporary copy
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import DEFAULT_CACHE, MB, corpus_dir, mt_corpus  # the sibling module

from transcheck.config import Settings
from transcheck.engine import Engine

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "mqm-dev.jsonl"

Input = tuple[str, str, str | None]  # (name, text, source language)


def examples() -> Iterator[Input]:
    for path in sorted((REPO / "examples").iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            yield path.name, path.read_text(encoding="utf-8"), None


def eval_items(data: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.open(encoding="utf-8") if line.strip()]


def segments(items: list[dict[str, Any]]) -> Iterator[Input]:
    for item in items:
        yield item["id"], item["target"], item.get("source_lang")


def articles(items: list[dict[str, Any]]) -> Iterator[Input]:
    documents: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for item in items:
        documents.setdefault((item["dataset"], item["doc"], item["system"]), []).append(item)
    for key, group in sorted(documents.items()):
        group.sort(key=lambda i: i["seg_id"])
        yield "/".join(key), "\n\n".join(i["target"] for i in group), group[0].get("source_lang")


def corpora(cache: Path, data: Path) -> Iterator[Input]:
    folder = corpus_dir(cache, MB, 16)
    yield "synthetic-1MB", (folder / "corpus.txt").read_text(encoding="utf-8"), None
    if data.is_file():
        _, single = mt_corpus(Path(tempfile.mkdtemp()), data)
        yield "mt-1.5MB", single.read_text(encoding="utf-8"), None


_engines: dict[str | None, Engine] = {}


def _engine(source_lang: str | None) -> Engine:
    if source_lang not in _engines:
        _engines[source_lang] = Engine(Settings(source_lang=source_lang))
    return _engines[source_lang]


def digest(inputs: Iterator[Input]) -> dict[str, Any]:
    sha = hashlib.sha256()
    count = 0
    for name, text, source_lang in inputs:
        engine = _engine(source_lang)
        path = name if Path(name).suffix in (".txt", ".md", ".html") else name + ".txt"
        for d in engine.check(engine.read(text, path)):
            count += 1
            sha.update(json.dumps([name, d.code, d.line, d.column, d.end_line, d.end_column,
                                   d.message, d.fix], ensure_ascii=False).encode())
    return {"findings": count, "sha256": sha.hexdigest()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, help="write the digests here")
    parser.add_argument("--compare", type=Path, help="compare with digests written before")
    parser.add_argument("--quick", action="store_true", help="examples and eval only")
    parser.add_argument("--against", metavar="REV",
                        help="compare with the findings of the git revision REV (main, HEAD~1), "
                             "made on the same inputs by its code in a temporary copy")
    args = parser.parse_args()
    if args.against:
        return _against(args)
    result: dict[str, Any] = {"examples": digest(examples())}
    if args.data.is_file():
        items = eval_items(args.data)
        result["eval-segments"] = digest(segments(items))
        result["eval-articles"] = digest(articles(items))
    if not args.quick:
        for name, text, lang in corpora(args.cache, args.data):
            result[name] = digest(iter([(name, text, lang)]))
    import transcheck

    print(f"(transcheck of {Path(transcheck.__file__).parent.parent})")
    for name, value in result.items():
        print(f"{name}: {value['findings']} findings, {value['sha256'][:16]}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        changed = [k for k in result if k in before and before[k] != result[k]]
        for name in changed:
            print(f"CHANGED {name}: {before[name]['findings']} -> {result[name]['findings']}")
        return 1 if changed else 0
    return 0


def _against(args: argparse.Namespace) -> int:
    """Digest the inputs with the code of revision `args.against`, then with this one."""
    with tempfile.TemporaryDirectory(prefix="transcheck-findings-") as folder:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.against],
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        before = Path(folder) / "before.json"
        options = [f"--data={args.data}", f"--cache={args.cache}"]
        options += ["--quick"] if args.quick else []
        print(f"findings of {args.against}:")
        # This script and its inputs, that revision's transcheck (first on the path).
        subprocess.run([sys.executable, __file__, *options, f"--out={before}"], check=True,
                       env={**os.environ, "PYTHONPATH": folder})
        print("findings of this checkout:")
        return subprocess.run([sys.executable, __file__, *options, f"--compare={before}"],
                              check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
