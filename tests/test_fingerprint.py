"""`transcheck.fingerprint`: what changes a finding's identity and what does not."""

from __future__ import annotations

import pytest

from transcheck.config import Settings
from transcheck.engine import Engine
from transcheck.fingerprint import fingerprint


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings(select=("TC111",)))


def _prints(engine: Engine, text: str, path: str = "docs/a.txt") -> list[str]:
    doc = engine.read(text, path)
    return [fingerprint(path, doc, d) for d in engine.check(doc)]


BASE = "The harbour opened in May.\n\nThe pier , long closed, reopens on Friday with new lights.\n"


def test_survives_moves_rewraps_and_line_endings(engine: Engine) -> None:
    [base] = _prints(engine, BASE)
    moved = "A new first paragraph.\n\n" + BASE
    rewrapped = BASE.replace(" long closed,", "\nlong closed,")
    crlf = BASE.replace("\n", "\r\n")
    far_edit = BASE.replace("new lights", "brighter lamps")  # beyond the neighbourhood
    for text in (moved, rewrapped, crlf, far_edit):
        assert _prints(engine, text) == [base], text


def test_changes_with_the_span_its_neighbourhood_and_the_path(engine: Engine) -> None:
    [base] = _prints(engine, BASE)
    [near_edit] = _prints(engine, BASE.replace("long closed", "shut for years"))
    [other_path] = _prints(engine, BASE, "docs/b.txt")
    assert len({base, near_edit, other_path}) == 3


def test_same_mark_in_different_sentences_differs(engine: Engine) -> None:
    text = "The pier , long closed, reopens.\n\nThe museum , also closed, reopens.\n"
    first, second = _prints(engine, text)
    assert first != second


def test_path_spelling_does_not_matter(engine: Engine) -> None:
    assert _prints(engine, BASE, "./docs/a.txt") == _prints(engine, BASE, "docs/a.txt")
