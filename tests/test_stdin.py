"""Standard input is read a chunk at a time: binary data is refused at once, and an
endless stream stops at a size limit with one line, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _check(*args: str, stdin: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "transcheck", *args, "-"], stdin=stdin,
                          capture_output=True, timeout=60)


def test_endless_zeros_are_refused_as_binary_at_once() -> None:
    with open("/dev/zero", "rb") as zeros:
        done = _check(stdin=zeros)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "transcheck: error: -: binary file (contains NUL bytes), not checked\n")


def test_an_endless_text_stops_at_the_limit(tmp_path: Path) -> None:
    producer = subprocess.Popen(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('word ' * 1000)"],
        stdout=subprocess.PIPE)
    try:
        done = _check("--max-stdin-mb", "2", stdin=producer.stdout)
    finally:
        producer.kill()
        producer.wait()
    assert done.returncode == 2
    assert done.stderr.decode() == ("transcheck: error: -: standard input is larger than 2 MB, "
                                    "not checked (see max-stdin-mb)\n")


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    (tmp_path / "transcheck.toml").write_text("max-stdin-mb = 1\n", encoding="utf-8")
    text = tmp_path / "long.txt"
    text.write_text("The plan is good. " * 100_000, encoding="utf-8")
    with text.open("rb") as handle:
        done = subprocess.run([sys.executable, "-m", "transcheck", "-"], stdin=handle,
                              capture_output=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and b"larger than 1 MB" in done.stderr
    (tmp_path / "transcheck.toml").write_text("max-stdin-mb = 0\n", encoding="utf-8")
    with text.open("rb") as handle:
        done = subprocess.run([sys.executable, "-m", "transcheck", "-"], stdin=handle,
                              capture_output=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and b"'max-stdin-mb' must be" in done.stderr
