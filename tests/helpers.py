"""What several test modules ask: which spans a rule flags, with what fix or message; what a
command writes to a terminal."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
from collections.abc import Mapping, Sequence
from typing import Any

from transcheck import check_text
from transcheck.document import Document
from transcheck.rule import Rule


def found(text: str, select: str, config: Mapping[str, Any] | None = None
          ) -> list[tuple[str, str | None]]:
    """(flagged text, fix) of each diagnostic of `select` (a code, prefix or name) in `text`.

    `config` has the keys of `[tool.transcheck]` (`{"language": "en-GB"}`).
    """
    return [(text[d.start:d.end], d.fix) for d in check_text(text, select=[select], config=config)]


def found_messages(text: str, select: str, config: Mapping[str, Any] | None = None
                   ) -> list[tuple[str, str]]:
    """(flagged text, message) of each diagnostic of `select` in `text`."""
    return [(text[d.start:d.end], d.message)
            for d in check_text(text, select=[select], config=config)]


def assert_blocks_read_as_whole(rule: Rule, text: str) -> None:
    """`rule` finds the same in `text` read block by block as read whole."""
    from transcheck.blocks import lower_blocks

    read_whole = Document(text)
    read_whole._memo[lower_blocks] = None  # the whole-text path, as for a long document
    assert list(rule.check(Document(text))) == list(rule.check(read_whole))


def on_a_terminal(command: Sequence[str], stream: str, env: Mapping[str, str] | None = None
                  ) -> str:
    """What `command` writes to its `stream` ("stdout" or "stderr") when that is a
    (pseudo-)terminal; the other output is discarded."""
    leader, follower = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: follower}
    process = subprocess.Popen(list(command), **streams,
                               env=None if env is None else {**os.environ, **env})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode()


def interruptible() -> None:
    """A child's Ctrl-C as a terminal's job has it (`preexec_fn`): a suite started in the
    background (`nohup pytest &`) ignores SIGINT, and its children would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
