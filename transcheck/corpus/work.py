"""Checking one shard, in whichever process or machine runs it: its documents are read
a batch at a time, checked, and their findings and summaries written; a marker written
last says the shard is finished, so that a later run skips it."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from transcheck import __version__
from transcheck.config import LANGUAGES, Settings
from transcheck.corpus import shards
from transcheck.document import Document, Unit
from transcheck.engine import Engine
from transcheck.errors import FatalError, InputError, TranscheckError
from transcheck.factory import make_engine

# The artifact score of a document: findings per 1,000 words, an error counting twice
# and a note (info) half.
SCORE_WEIGHTS = {"error": 2.0, "warning": 1.0, "info": 0.5}
MAX_MESSAGES = 10  # errors kept per shard; the others are counted


@dataclass(frozen=True)
class Task:
    """One shard to check, and how."""

    shard: str
    out_dir: str
    out_format: str  # "parquet" or "jsonl"
    settings: Settings
    max_score: float | None = None
    token: str = "run"  # names this run's temporary files

    @cached_property
    def settings_key(self) -> str:
        return settings_key(self.settings)

    @property
    def stem(self) -> str:
        return shards.shard_stem(Path(self.shard))

    def output(self, kind: str) -> Path:
        """`findings`, `summary`, `filtered` (in the shard's own format) or `done`."""
        if kind == "done":
            return Path(self.out_dir) / f"{self.stem}.done.json"
        ext = self.out_format
        if kind == "filtered":
            ext = "parquet" if shards.shard_kind(Path(self.shard)) == "parquet" else "jsonl"
        return Path(self.out_dir) / f"{self.stem}.{kind}.{ext}"

    @property
    def outputs(self) -> list[Path]:
        kinds = ["findings", "summary"] + (["filtered"] if self.max_score is not None else [])
        return [self.output(kind) for kind in kinds]

    def fingerprint(self) -> str:
        """What the outputs depend on: the shard as it is now, the settings, the version."""
        stat = Path(self.shard).stat()
        key = [__version__, self.settings_key, self.out_format, self.max_score, stat.st_size,
               stat.st_mtime_ns]
        return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()


@dataclass
class Outcome:
    """What checking a shard gave (or gave before, `resumed`)."""

    shard: str
    size: int = 0
    documents: int = 0
    not_english: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    resumed: bool = False
    failed: str | None = None  # the shard could not be checked: nothing was written

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_MESSAGES:
            self.errors.append(message)


def settings_key(settings: Settings) -> str:
    """The settings as text: equal for equal settings, whichever process made them."""
    values = {name: getattr(settings, name) for name in settings.FIELDS}
    return json.dumps(values, sort_keys=True, default=str)


def finished(task: Task) -> Outcome | None:
    """The outcome an earlier run recorded for the task, if its outputs are all there
    and were made from the same shard with the same settings."""
    try:
        marker = json.loads(task.output("done").read_text(encoding="utf-8"))
        if marker.pop("fingerprint") != task.fingerprint():
            return None
        outcome = Outcome(**marker)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(path.is_file() for path in task.outputs):
        return None
    outcome.resumed = True
    return outcome


def check_shard(task: Task) -> Outcome:
    """Check every document of the shard and write its outputs; bad input in the shard
    is reported in the outcome, not raised."""
    started = time.perf_counter()
    outcome = Outcome(task.shard, size=Path(task.shard).stat().st_size)
    task.output("done").unlink(missing_ok=True)
    files: list[shards.Output | shards.Filtered] = []
    try:
        findings = shards.Output(task.output("findings"), task.out_format,
                                 shards.FINDING_COLUMNS, task.token)
        files.append(findings)
        summary = shards.Output(task.output("summary"), task.out_format,
                                shards.SUMMARY_COLUMNS, task.token)
        files.append(summary)
        filtered = None
        if task.max_score is not None:
            filtered = shards.Filtered(task.output("filtered"), task.token)
            files.append(filtered)
        for batch in shards.read_batches(Path(task.shard)):
            found, summaries, kept = _check_batch(task, batch, outcome)
            findings.write(found)
            summary.write(summaries)
            if filtered is not None:
                filtered.keep(batch, kept)
        for file in files:
            file.commit()
    except InputError as exc:
        outcome.failed = str(exc)
        return outcome
    finally:
        for file in files:
            file.discard()  # after a commit there is nothing left to discard
    outcome.seconds = time.perf_counter() - started
    marker = {**asdict(outcome), "fingerprint": task.fingerprint()}
    del marker["resumed"]
    done = shards.Output(task.output("done"), "jsonl", {}, task.token)
    try:
        done.write([marker])
        done.commit()
    finally:
        done.discard()
    return outcome


def _check_batch(task: Task, batch: shards.Batch, outcome: Outcome
                 ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[bool]]:
    """The batch's finding rows, summary rows, and which of its rows the filter keeps."""
    found: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    kept: list[bool] = []
    for number, record in enumerate(batch.records, batch.first):
        keep = False
        if isinstance(record, str):
            outcome.error(record)
        else:
            try:
                summary = _check_record(task, record, number, found, outcome)
            except TranscheckError as exc:
                if isinstance(exc, FatalError):
                    raise
                outcome.error(f"{task.shard}:{number}: {exc}")
            else:
                if summary is not None:
                    summaries.append(summary)
                    keep = task.max_score is not None and summary["score"] <= task.max_score
        kept.append(keep)
    return found, summaries, kept


def _check_record(task: Task, record: dict[str, Any], number: int,
                  found: list[dict[str, Any]], outcome: Outcome) -> dict[str, Any] | None:
    """Check one row; add its findings to `found` and return its summary (None: a row
    in another language than English, not checked)."""
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}")
    identity = str(number) if record.get("id") is None else str(record["id"])
    language = _variety(record.get("lang"), task.settings.language)
    if language is None:
        outcome.not_english += 1
        return None
    source_lang = _source_lang(record.get("source_lang"), task.settings.source_lang)
    engine = _engine(task, source_lang, language)
    outcome.documents += 1
    source = record.get("source")
    units = (Unit(0, len(text), identity, source, source_lang, language),) if isinstance(
        source, str) else ()
    path = f"{task.shard}#{identity}"
    doc = Document(text, path, units=units, source_lang=source_lang, target_lang=language)
    diagnostics = engine.check(doc) if text.strip() else []
    for message in engine.warnings:
        if message not in outcome.warnings:
            outcome.warnings.append(message)
    by_rule: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for d in diagnostics:
        found.append({"id": identity, **d.to_dict()})
        by_rule[d.code] += 1
        by_category[d.category] += 1
        by_severity[d.severity.value] += 1
    outcome.findings += len(diagnostics)
    for severity, count in by_severity.items():
        outcome.by_severity[severity] = outcome.by_severity.get(severity, 0) + count
    words = len(text.split())
    weighted = sum(SCORE_WEIGHTS[severity] * n for severity, n in by_severity.items())
    return {"id": identity, "words": words, "findings": len(diagnostics),
            "score": round(1000 * weighted / words, 3) if words else 0.0,
            "by_rule": dict(by_rule), "by_category": dict(by_category),
            "by_severity": dict(by_severity)}


def _variety(lang: Any, default: str) -> str | None:
    """The variety of English a row's `lang` names (`en-GB`, `en_gb`; `en` or none:
    `default`); None for another language."""
    if lang is None or lang == "":
        return default
    code = str(lang).replace("_", "-").lower()
    if code != "en" and not code.startswith("en-"):
        return None
    return next((known for known in LANGUAGES if known.lower() == code), default)


def _source_lang(value: Any, default: str | None) -> str | None:
    if value is None or value == "":
        return default
    if not isinstance(value, str) or not value.replace("-", "").replace("_", "").isalpha():
        raise InputError(f"'source_lang' must be a language code such as 'de', got {value!r}")
    return value.replace("_", "-").lower()


_engines: dict[tuple[str, str | None, str], Engine] = {}


def _engine(task: Task, source_lang: str | None, language: str) -> Engine:
    """This process's engine for the task's settings and a row's languages, built once."""
    key = (task.settings_key, source_lang, language)
    engine = _engines.get(key)
    if engine is None:
        from multiprocessing import util

        engine = make_engine(settings=task.settings.with_overrides(
            source_lang=source_lang, language=language))
        _ = engine.rules  # a bad selection fails here, before any row
        # Plugins may hold servers (LanguageTool): release them when the process exits.
        util.Finalize(None, engine.finish, exitpriority=10)
        _engines[key] = engine
    return engine
