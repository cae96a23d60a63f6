"""`Diagnostic.located` makes the same diagnostic as the dataclass's own constructor, and
`Finding`'s constructor (plain writes, not a frozen dataclass's) the same finding."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from transcheck.diagnostics import Diagnostic, Finding, Severity, diagnostic_at
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


def test_the_engines_constructor_makes_what_at_makes() -> None:
    arguments = ((1, 5, 2, 5), 4, 21, "TC999", "test-rule", Severity.INFO, "Fluency",
                 "a message", "", ("KEY",), "u1")
    made, at = diagnostic_at(*arguments), Diagnostic.at(*arguments)
    assert type(made) is Diagnostic and made == at == _located()
    assert [getattr(made, name) for name in Diagnostic.__slots__] == [
        getattr(at, name) for name in Diagnostic.__slots__]


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


def test_a_finding_holds_every_field_it_was_given() -> None:
    values = (3, 9, "a message", "fix", "TC999", "test-rule", Severity.INFO, "Fluency")
    finding = Finding(*values)
    assert type(finding) is Finding
    assert tuple(getattr(finding, f.name) for f in dataclasses.fields(Finding)) == values
    assert Finding(3, 9, "a message") == Finding(start=3, end=9, message="a message",
                                                 fix=None, code=None)
    assert hash(finding) == hash(Finding(*values))
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert dataclasses.replace(finding, start=4) == Finding(4, *values[1:])
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 2  # type: ignore[misc]


def test_a_subclass_of_finding_is_made_as_itself() -> None:
    class Plain(Finding):
        __slots__ = ()

    @dataclasses.dataclass(frozen=True, slots=True)
    class Extended(Finding):
        extra: int = 0

    plain = Plain(1, 2, "m", fix="")
    assert type(plain) is Plain and (plain.start, plain.end, plain.fix) == (1, 2, "")
    extended = Extended(1, 2, "m", extra=5)
    assert type(extended) is Extended and (extended.message, extended.extra) == ("m", 5)
