"""Shards of a corpus: finding them, reading their documents in batches, writing outputs.

A shard is a JSON Lines file (`.jsonl`, `.ndjson`, either gzipped) or a Parquet file
(`.parquet`, `.pq`) of documents: a `text` column, and optional `id`, `source`,
`source_lang` and `lang`. It is read a batch at a time, so memory is bounded by a batch,
and every output is written to a hidden temporary file that replaces the real one only
when complete: a reader never sees half a file.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from transcheck.errors import ConfigError, InputError

BATCH_ROWS = 1000
JSONL = (".jsonl", ".ndjson")
PARQUET = (".parquet", ".pq")
_NEEDS_EXTRA = "pip install 'transcheck[corpus]'"


def shard_kind(path: Path) -> str | None:
    """"jsonl" or "parquet" by the file's name; None for neither."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if suffixes and suffixes[-1] in JSONL:
        return "jsonl"
    if suffixes and suffixes[-1] in PARQUET and not path.name.lower().endswith(".gz"):
        return "parquet"
    return None


def shard_stem(path: Path) -> str:
    """The name without the format's suffixes: `web-00.jsonl.gz` → `web-00`."""
    name = path.name
    for suffix in (".gz", *JSONL, *PARQUET):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def find_shards(patterns: Sequence[str]) -> tuple[list[Path], list[InputError]]:
    """The shards `patterns` name (files, directories of shards, or globs), in order,
    each once; and an error for each pattern that names none."""
    found: dict[Path, None] = {}
    errors: list[InputError] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = [Path(p) for p in sorted(glob.glob(pattern, recursive=True))]
        elif Path(pattern).is_dir():
            matches = sorted(p for p in Path(pattern).iterdir() if shard_kind(p))
        else:
            matches = [Path(pattern)]
        shards = [p for p in matches if p.is_file() and shard_kind(p)]
        for path in matches:
            if not path.exists():
                errors.append(InputError(f"{path}: no such file or directory"))
            elif path.is_file() and not shard_kind(path):
                errors.append(InputError(
                    f"{path}: not a shard (expected .jsonl, .ndjson, .parquet or .pq, "
                    "JSON Lines gzipped or not)"))
        if not matches:
            errors.append(InputError(f"{pattern}: no shard matches"))
        found.update(dict.fromkeys(shards))
    return list(found), errors


@dataclass
class Batch:
    """Rows of a shard: `records[i]` is row `first + i` (1-based), or the problem with it.

    `lines` (JSON Lines) or `table` (Parquet) hold the rows as read, to copy the
    ones a filter keeps without changing them.
    """

    first: int
    records: list[dict[str, Any] | str]
    lines: list[bytes] = field(default_factory=list)
    table: Any = None


def read_batches(path: Path, rows: int = BATCH_ROWS) -> Iterator[Batch]:
    """The shard's rows, `rows` at a time. A shard that cannot be read at all raises
    `InputError`; a bad row is reported in its place and the others are read."""
    try:
        if shard_kind(path) == "parquet":
            yield from _parquet_batches(path, rows)
        else:
            yield from _jsonl_batches(path, rows)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _jsonl_batches(path: Path, rows: int) -> Iterator[Batch]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        batch = Batch(1, [])
        for number, line in enumerate(handle, 1):
            if len(batch.records) == rows:
                yield batch
                batch = Batch(number, [])
            batch.lines.append(line)
            batch.records.append(_json_record(line, path, number))
        if batch.records:
            yield batch


def _json_record(line: bytes, path: Path, number: int) -> dict[str, Any] | str:
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return f"{path}:{number}: not a JSON object: {exc}"
    if not isinstance(record, dict):
        return f"{path}:{number}: not a JSON object"
    return record


def _parquet_batches(path: Path, rows: int) -> Iterator[Batch]:
    pq = _pyarrow_parquet()
    import pyarrow

    try:
        handle = pq.ParquetFile(path)
    except pyarrow.ArrowException as exc:
        raise InputError(f"{path}: not a Parquet file: {exc}") from None
    if "text" not in handle.schema_arrow.names:
        raise InputError(f"{path}: no 'text' column")
    first = 1
    for table in handle.iter_batches(batch_size=rows):
        yield Batch(first, table.to_pylist(), table=table)
        first += table.num_rows
    if first == 1:  # no rows: the filtered copy still needs the schema
        yield Batch(1, [], table=handle.schema_arrow.empty_table())


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError(f"Parquet needs pyarrow: {_NEEDS_EXTRA}") from None
    return pq


# ------------------------------------------------------------------ writing


FINDING_COLUMNS = {
    "id": "string", "line": "int64", "column": "int64", "end_line": "int64",
    "end_column": "int64", "code": "string", "name": "string", "severity": "string",
    "category": "string", "message": "string", "fix": "string",
}
SUMMARY_COLUMNS = {
    "id": "string", "words": "int64", "findings": "int64", "score": "float64",
    "by_rule": "counts", "by_category": "counts", "by_severity": "counts",
}


class _Atomic:
    """A file written to a hidden temporary file first: `commit` puts it in place
    (atomically), `discard` removes it."""

    def __init__(self, path: Path, token: str) -> None:
        self.path = path
        self.temporary = path.with_name(f".{path.name}.{token}.tmp")
        self._handle: IO[bytes] | None = None
        self._writer: Any = None  # a Parquet writer

    def commit(self) -> None:
        self._close()
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        self._close()
        self.temporary.unlink(missing_ok=True)

    def _open(self) -> IO[bytes]:
        if self._handle is None:
            self._handle = open(self.temporary, "wb")  # noqa: SIM115 (closed by _close)
        return self._handle

    def _close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class Output(_Atomic):
    """Rows (dicts) of the given columns, as JSON Lines or Parquet."""

    def __init__(self, path: Path, fmt: str, columns: dict[str, str], token: str) -> None:
        super().__init__(path, token)
        self._schema = None
        if fmt == "parquet":
            self._schema = _schema(columns)
            self._writer = _pyarrow_parquet().ParquetWriter(self.temporary, self._schema)
        else:
            self._open()

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self._writer is not None:
            import pyarrow

            if rows:
                self._writer.write_table(pyarrow.Table.from_pylist(rows, self._schema))
        else:
            self._open().writelines(
                (json.dumps(row, ensure_ascii=False) + "\n").encode() for row in rows)


class Filtered(_Atomic):
    """The rows of a shard that a filter keeps, copied as read, in the shard's format."""

    def keep(self, batch: Batch, kept: list[bool]) -> None:
        if batch.table is not None:
            import pyarrow

            if self._writer is None:
                self._writer = _pyarrow_parquet().ParquetWriter(self.temporary,
                                                                batch.table.schema)
            self._writer.write(batch.table.filter(pyarrow.array(kept, pyarrow.bool_())))
            return
        handle = self._open()
        for line, keep in zip(batch.lines, kept, strict=True):
            if keep:
                handle.write(line if line.endswith(b"\n") else line + b"\n")

    def commit(self) -> None:
        if self._writer is None:
            self._open()  # a shard without rows still gets its (empty) copy
        super().commit()


def _schema(columns: dict[str, str]) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "counts": pa.map_(pa.string(), pa.int64())}
    return pa.schema([(name, types[kind]) for name, kind in columns.items()])
