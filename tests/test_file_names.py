"""File names that are not UTF-8, or hold controls, reach no output raw: every format
stays valid, and nothing a terminal would obey is printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from .test_output_formats import SARIF_SCHEMA

DIRTY = "The cat sat on the the mat , they said.\n"
NAMES = [b"bad\xff\xfe.txt", b"esc\x1b[31mred.txt", b"cr\rand\nlf.txt",
         "rlo\u202etxt.md".encode(), b"tab\tand\x07bell.txt"]
# What no output may hold raw: controls other than the line breaks of the format itself,
# bidirectional overrides, bytes that are not UTF-8.
FORBIDDEN = ["\x1b", "\r", "\x07", "\u202e", "\t"]


@pytest.fixture
def folder(tmp_path: Path) -> bytes:
    for name in NAMES:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(DIRTY.encode())
    return os.fsencode(tmp_path)


def _run(folder: bytes, *args: str) -> tuple[str, str]:
    names = [os.path.join(folder, name) for name in NAMES]
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"transcheck",
                           *(a.encode() for a in args), *names],
                          capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr
    # Valid UTF-8 whatever the names (raises otherwise).
    return done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


@pytest.mark.parametrize("output_format",
                         ["text", "concise", "json", "jsonl", "github", "gitlab", "junit",
                          "sarif"])
def test_every_format_escapes_the_names(folder: bytes, output_format: str) -> None:
    out, err = _run(folder, "--format", output_format, "--select", "TC2,TC1")
    assert "Traceback" not in err
    if output_format in ("text", "concise", "github"):
        assert not any(mark in out for mark in FORBIDDEN)
    if output_format in ("json", "gitlab", "sarif"):
        data = json.loads(out)
        out = "\n".join(_strings(data))
    if output_format == "jsonl":
        out = "\n".join(json.loads(line)["path"] for line in out.splitlines())
    assert "bad\\xff\\xfe.txt" in out or "bad%FF%FE.txt" in out
    assert not any(mark in out for mark in FORBIDDEN)
    if output_format == "junit":
        root = ET.fromstring(out)
        names = {case.get("name") for case in root.iter("testcase")}
        assert "esc\\x1b[31mred.txt" in {Path(str(n)).name for n in names}
    if output_format == "sarif":
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(data)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in data["runs"][0]["results"]}
        assert any(uri.endswith("bad%FF%FE.txt") for uri in uris)


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [s for item in data for s in _strings(item)] if isinstance(data, list) else []


def test_baseline_and_errors_escape_the_names(folder: bytes, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    names = [os.path.join(folder, name) for name in NAMES]
    done = subprocess.run([sys.executable, "-m", "transcheck", "--write-baseline",
                           str(baseline), *map(os.fsdecode, names)], capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    paths = {row["path"] for row in json.loads(baseline.read_text("utf-8"))["findings"]}
    assert any(p.endswith("bad\\xff\\xfe.txt") for p in paths)
    missing = os.path.join(folder, b"gone\x1b[2J\xff.txt")
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"transcheck", missing],
                          capture_output=True, timeout=120)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "gone\\x1b[2J\\xff.txt: no such file" in err
    assert "\x1b" not in err


def test_bidi_controls_in_the_text_are_shown_like_controls(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("The cat sat on the the mat \u202eit said\u202c today.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "transcheck", "--select", "doubled-word",
                           str(page)], capture_output=True, timeout=120)
    out = done.stdout.decode("utf-8")
    assert "the the" in out and "\u202e" not in out and "\u202c" not in out
    assert "\ufffdit said\ufffd" in out
