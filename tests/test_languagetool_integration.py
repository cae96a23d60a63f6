"""Against a real LanguageTool, when one is reachable; skipped otherwise.

Set `TRANSCHECK_LANGUAGETOOL_URL` to a LanguageTool server (e.g. the Docker image's
`http://localhost:8010`), or install LanguageTool where language-tool-python finds it.
What LanguageTool reports depends on its version and configuration, so these tests check
only that its answers become well-formed diagnostics, never which ones.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from transcheck.config import Settings
from transcheck.diagnostics import Severity
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.languagetool.server import installed_version


def _real_languagetool() -> dict[str, Any] | None:
    url = os.environ.get("TRANSCHECK_LANGUAGETOOL_URL")
    if url:
        return {"languagetool-url": url}
    try:
        installed_version().get_jar_path()
    except (OSError, ValueError):
        return None
    return {"languagetool": True}


REAL = _real_languagetool()
pytestmark = pytest.mark.skipif(
    REAL is None,
    reason="no LanguageTool reachable: set TRANSCHECK_LANGUAGETOOL_URL to a LanguageTool "
           "server, or install LanguageTool with language-tool-python",
)

TEXT = ("The committee have decided to postpone there meeting untill next week.\n\n"
        "Café owners in Zürich 😀 said the new rules was confusing , and costly.\n")


def test_real_answers_become_well_formed_diagnostics(tmp_path: Path) -> None:
    assert REAL is not None
    engine = Engine(Settings(root=tmp_path, source_lang="de", plugin_options=REAL))
    doc = Document(TEXT, "article.txt")
    try:
        diagnostics = engine.check(doc)
        again = Engine(Settings(root=tmp_path, source_lang="de", plugin_options=REAL))
        assert again.check(Document(TEXT, "article.txt")) == diagnostics  # from the cache
        again.finish()
    finally:
        engine.finish()
    for d in diagnostics:
        if d.code.startswith("LT"):
            assert re.fullmatch(r"LT-[A-Z0-9_]+", d.code)
            assert isinstance(d.severity, Severity)
            start, end = doc.offset(d.line, d.column), doc.offset(d.end_line, d.end_column)
            assert 0 <= start <= end <= len(TEXT)
            assert d.message
