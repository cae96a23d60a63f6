"""The README installs and pins what exists: the current release's tag, never a bare
`pip install transcheck` (no package index serves it)."""

from __future__ import annotations

import re

from transcheck import __version__

from .conftest import ROOT


def test_install_lines_and_pre_commit_rev_name_the_current_release() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pinned = re.findall(r"git\+<repository-url>@v([\w.]+)", readme)
    revs = re.findall(r"^\s*rev: v([\w.]+)", readme, re.M)
    wheels = re.findall(r"transcheck-([\w.]+)-py3-none-any\.whl", readme)
    assert pinned and revs and wheels
    assert set(pinned + revs + wheels) == {__version__}
    assert not re.search(r"pip install transcheck\b(?!\[)", readme)
