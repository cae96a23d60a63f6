"""Writing a file in one step: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class Replacement:
    """A file's new text, written to `stream` (UTF-8, line breaks as written).

    It goes to a temporary file in the same directory, which `commit` renames over the
    file (`os.replace`); `close` without a commit removes it, leaving the file as it was.
    An existing file keeps its permissions; a new one gets the umask's.
    """

    def __init__(self, path: Path) -> None:
        self.target = path.resolve()  # a symbolic link stays a link, to the new file
        try:
            self.mode = stat.S_IMODE(self.target.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        descriptor, self.temporary = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.")
        self.stream = os.fdopen(descriptor, "w", encoding="utf-8", newline="")
        self.committed = False

    def commit(self) -> None:
        self.stream.close()
        os.chmod(self.temporary, self.mode)
        os.replace(self.temporary, self.target)
        self.committed = True

    def close(self) -> None:
        if not self.committed:
            self.stream.close()
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Replacement]:
    """A `Replacement` of `path`, removed at the end of the block unless committed."""
    replacement = Replacement(path)
    try:
        yield replacement
    finally:
        replacement.close()
