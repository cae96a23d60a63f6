"""Writing a file in one step: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class Replacement:
    """A file's new text, written to `stream` (UTF-8 unless told, line breaks as written).

    It goes to a temporary file in the same directory, which `commit` renames over the
    file (`os.replace`); `close` without a commit removes it, leaving the file as it was.
    An existing file keeps its permissions and owner (`commit` raises PermissionError if
    this user cannot give it that owner); a new one gets the umask's permissions.
    """

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.target = path.resolve()  # a symbolic link stays a link, to the new file
        self.owner: tuple[int, int] | None = None
        try:
            info = self.target.stat()
            self.mode = stat.S_IMODE(info.st_mode)
            self.owner = info.st_uid, info.st_gid
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        # Imported here: tempfile brings shutil and the compression modules, which a run
        # that writes no file need not load.
        import tempfile

        descriptor, self.temporary = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.")
        self.stream = os.fdopen(descriptor, "w", encoding=encoding, newline="")
        self.committed = False

    def commit(self) -> None:
        self.stream.close()
        os.chmod(self.temporary, self.mode)
        if self.owner is not None and hasattr(os, "chown"):
            new = os.stat(self.temporary)
            if (new.st_uid, new.st_gid) != self.owner:
                os.chown(self.temporary, *self.owner)
        os.replace(self.temporary, self.target)
        self.committed = True

    def close(self) -> None:
        if not self.committed:
            self.stream.close()
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)


@contextlib.contextmanager
def replacing(path: Path, encoding: str = "utf-8") -> Iterator[Replacement]:
    """A `Replacement` of `path`, removed at the end of the block unless committed."""
    replacement = Replacement(path, encoding)
    try:
        yield replacement
    finally:
        replacement.close()
