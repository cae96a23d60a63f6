"""`--jobs` workers end with the main process, however it is ended."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux /proc")

PARAGRAPH = ("The harbour authority postponed the spring timetable after a long debate , "
             "because the costs had risen . It was about time , the mayor said .\n\n")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killing_the_main_process_ends_its_workers(tmp_path: Path, sig: int) -> None:
    for n in range(4):
        (tmp_path / f"part{n}.txt").write_text(PARAGRAPH * 6000, encoding="utf-8")
    main = subprocess.Popen([sys.executable, "-m", "transcheck", "-j2", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            workers = _children(main.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool did not start"
        time.sleep(0.5)  # the workers are checking files now
        os.kill(main.pid, sig)
        main.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:  # a failed test leaves nothing running
        if main.poll() is None:
            main.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
