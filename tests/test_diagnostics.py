"""`Diagnostic.located` makes the same diagnostic as the dataclass's own constructor."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document

DOC = Document("The mayor spoke.\nThe council voted on Tuesday.\n")


def _located() -> Diagnostic:
    return Diagnostic.located(DOC, 4, 21, code="TC999", name="test-rule",
                              severity=Severity.INFO, category="Fluency", message="a message",
                              fix="", keys=("KEY",), unit="u1")


def test_located_sets_every_field_as_the_constructor_does() -> None:
    made = Diagnostic(1, 5, 2, 5, "TC999", "test-rule", Severity.INFO, "Fluency", "a message",
                      "", 4, 21, ("KEY",), "u1")
    located = _located()
    assert type(located) is Diagnostic
    assert [getattr(located, f.name) for f in dataclasses.fields(Diagnostic)] == [
        getattr(made, f.name) for f in dataclasses.fields(Diagnostic)]
    assert located == made and hash(located) == hash(made)
    assert pickle.loads(pickle.dumps(located)) == located
    assert dataclasses.replace(located, line=3).line == 3


def test_a_located_diagnostic_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _located().line = 2  # type: ignore[misc]


def test_a_subclass_is_located_as_itself() -> None:
    @dataclasses.dataclass(frozen=True, order=True, slots=True)
    class Marked(Diagnostic):
        pass

    located = Marked.located(DOC, 0, 3, code="TC999", name="test-rule", severity=Severity.INFO,
                             category="Fluency", message="m")
    assert type(located) is Marked and (located.line, located.end_column) == (1, 4)
