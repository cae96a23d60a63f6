"""`--fix` changes a file's text and nothing else, as ruff and black do: its owner, hard
links, permissions and encoding stay; a read-only file is refused; no temporary file is
left; standard input keeps its byte-order mark."""

from __future__ import annotations

import codecs
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

DIRTY = "The plan , said he.\n"
FIXED = "The plan, said he.\n"


def _fix(*args: str, stdin: bytes | None = None, cwd: Path | None = None
         ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "transcheck", "--fix", *args], input=stdin,
                          capture_output=True, cwd=cwd, timeout=120)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another user")
def test_the_owner_stays(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    os.chown(page, 65534, 65534)
    _fix(str(page))
    assert page.read_text(encoding="utf-8") == FIXED
    assert (page.stat().st_uid, page.stat().st_gid) == (65534, 65534)


def test_hard_links_stay_linked(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    other = tmp_path / "other.txt"
    os.link(page, other)
    _fix(str(page))
    assert other.read_text(encoding="utf-8") == FIXED
    assert page.stat().st_ino == other.stat().st_ino


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    page.chmod(0o444)
    done = _fix(str(page))
    assert done.returncode == 2
    assert f"{page}: read-only, the fixes are not written" in done.stderr.decode()
    assert page.read_text(encoding="utf-8") == DIRTY
    assert stat.S_IMODE(page.stat().st_mode) == 0o444


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(DIRTY, encoding="utf-8")
    # The process is terminated just before the temporary file takes the file's place.
    script = (
        "import os, signal, sys\n"
        "real = os.replace\n"
        "def replace(a, b):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(a, b)\n"
        "os.replace = replace\n"
        "from transcheck.cli import main\n"
        "sys.argv = ['transcheck', '--fix', sys.argv[1]]\n"
        "main()\n")
    done = subprocess.run([sys.executable, "-c", script, str(page)], capture_output=True,
                          timeout=120)
    assert done.returncode == 128 + signal.SIGTERM
    assert "transcheck: error: terminated" in done.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]
    assert page.read_text(encoding="utf-8") == DIRTY


def test_a_file_named_like_stdin_is_written(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(DIRTY, encoding="utf-8")
    done = _fix("--stdin-filename", "a.txt", "-", "a.txt", stdin=DIRTY.encode(), cwd=tmp_path)
    assert done.stdout.decode() == FIXED
    assert page.read_text(encoding="utf-8") == FIXED
    assert "applied 2 fixes" in done.stderr.decode()


def test_stdin_named_with_a_path_finds_its_config(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "transcheck.toml").write_text('ignore = ["TC111"]\n',
                                                       encoding="utf-8")
    done = _fix("--stdin-filename", str(tmp_path / "docs" / "a.txt"), "-",
                stdin=DIRTY.encode())
    assert done.stdout.decode() == DIRTY  # the config in docs/ turned the rule off


def test_stdin_keeps_its_byte_order_mark() -> None:
    done = _fix("-", stdin=codecs.BOM_UTF8 + DIRTY.encode())
    assert done.stdout == codecs.BOM_UTF8 + FIXED.encode()


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"),
                                            (codecs.BOM_UTF16_BE, "utf-16-be"),
                                            (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_utf16_with_a_byte_order_mark_is_checked_and_fixed_as_it_is(
        tmp_path: Path, bom: bytes, codec: str) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(bom + DIRTY.encode(codec))
    checked = subprocess.run([sys.executable, "-m", "transcheck", str(page)],
                             capture_output=True, timeout=120)
    assert checked.returncode == 1 and b"TC111" in checked.stdout, checked.stderr
    _fix(str(page))
    assert page.read_bytes() == bom + FIXED.encode(codec)
