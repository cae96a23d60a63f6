"""A one-line progress bar on standard error: files (or shards) and bytes done, rate, ETA."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Redrawn in place (`\\r`) on a terminal; silent on anything else."""

    def __init__(self, total: int, size: int, unit: str, enabled: bool,
                 out: TextIO | None = None) -> None:
        self.out = out or sys.stderr
        self.enabled = enabled and self.out.isatty()
        self.total, self.size, self.unit = total, size, unit
        self.done = self.done_size = self.documents = 0
        self.started = time.monotonic()
        self._checked = 0  # bytes checked in this run (resumed shards cost nothing)

    def advance(self, size: int, documents: int = 0, resumed: bool = False) -> None:
        """One more file or shard of `size` bytes done (`resumed`: by an earlier run)."""
        self.done += 1
        self.done_size += size
        self.documents += documents
        if not resumed:
            self._checked += size
        self.draw()

    def draw(self) -> None:
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self._checked / elapsed
        left = self.size - self.done_size
        eta = _clock(left / rate) if rate and self._checked else "--:--"
        share = self.done_size / self.size if self.size else 1.0
        text = (f" {self.done}/{self.total} {self.unit}  {_mb(self.done_size)}/"
                f"{_mb(self.size)} MB  ETA {eta}  {_mb(rate)} MB/s")
        if self.documents:
            text += f"  {self.documents / elapsed:,.0f} docs/s"
        import shutil  # here: it imports the compression modules, which a pipe never needs

        width = shutil.get_terminal_size((80, 24)).columns
        bar = max(10, min(30, width - len(text) - 3))
        filled = int(bar * share)
        line = f"[{'#' * filled}{'.' * (bar - filled)}]{text}"
        self.out.write("\r" + line[: width - 1] + "\x1b[K")
        self.out.flush()

    def close(self) -> None:
        """Clear the bar, so that what comes next starts on a clean line."""
        if self.enabled:
            self.out.write("\r\x1b[K")
            self.out.flush()


def _mb(size: float) -> str:
    return f"{size / 1e6:,.1f}"


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
