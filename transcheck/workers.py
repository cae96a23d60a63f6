"""Worker processes that end with the process that started them.

A CI runner that times out, `subprocess.run(timeout=…)` or a plain `kill` ends the
main process only; a worker left alive holds the run's output pipes open, and the
job hangs. Every pool's workers call `die_with_parent` when they start.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_SECONDS = 0.5


def die_with_parent() -> None:
    """End this process, at once, when its parent process ends, however it ends; and on
    SIGTERM, whatever the parent does with it (it cleans up, see `cli`)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = multiprocessing.parent_process()
    expected = parent.pid if parent is not None and parent.pid else os.getppid()
    if not _linux_death_signal():
        threading.Thread(target=_watch, args=(expected,), daemon=True,
                         name="transcheck-watch-parent").start()
    if os.getppid() != expected:  # the parent ended before the death signal was set
        os._exit(1)


def _linux_death_signal() -> bool:
    """Ask Linux to send SIGKILL to this process when its parent ends."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    return False


def _watch(parent: int) -> None:
    """Elsewhere, notice that the parent has gone: this process is then re-parented."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)
