"""What rules report (`Finding`, by offset) and what users see (`Diagnostic`, by line)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from collections.abc import Callable


class Severity(str, enum.Enum):
    """How serious a finding is; ordered so that `--fail-on` can compare."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# slots: a large file may have 100,000s of findings; init=False: see `__init__`.
@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One problem a rule saw: a span of `Document.text` (end exclusive).

    `fix` is the replacement text for the span when a safe fix is known.
    `code`, `name`, `severity` and `category` are left None to take the rule's
    own; only backends that bridge many foreign rules (LanguageTool) set them.
    """

    start: int
    end: int
    message: str
    fix: str | None = None
    code: str | None = None
    name: str | None = None
    severity: Severity | None = None
    category: str | None = None

    def __init__(self, start: int, end: int, message: str, fix: str | None = None,
                 code: str | None = None, name: str | None = None,
                 severity: Severity | None = None, category: str | None = None) -> None:
        # A frozen dataclass's own __init__ writes each of the 8 fields with a call to
        # object.__setattr__ (1.1 µs a finding); here the object is a `_WritableFinding`
        # (the same slots) for plain writes, then a Finding again (0.4 µs).
        if type(self) is not Finding:  # a subclass may have slots of its own
            for field_name, value in zip(Finding.__slots__, (
                    start, end, message, fix, code, name, severity, category), strict=True):
                object.__setattr__(self, field_name, value)
            return
        object.__setattr__(self, "__class__", _WritableFinding)
        writable: Any = self
        writable.start, writable.end, writable.message, writable.fix = start, end, message, fix
        writable.code, writable.name = code, name
        writable.severity, writable.category = severity, category
        writable.__class__ = Finding


class _WritableFinding:
    """A `Finding` while `Finding.__init__` writes its fields."""

    __slots__ = Finding.__slots__


class Positions(Protocol):
    """What places a span in a file (a `Document`): the lines and columns of its ends."""

    def positions(self, start: int, end: int) -> tuple[int, int, int, int]: ...


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """A finding placed in the text: 1-based lines and columns in code points, end exclusive.

    `start` and `end` keep the finding's offsets in `Document.text`, so that what
    comes after (suppression, fixes, fingerprints, reporters) never converts back.
    `keys` are further exact selectors that name it (a bridge's category, `LT-TYPOS`).
    `unit` is the id of the unit of a bilingual file it lies in, where the format has ids.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    category: str
    message: str
    fix: str | None = None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    keys: tuple[str, ...] = field(default=(), compare=False)
    unit: str | None = field(default=None, compare=False)

    @classmethod
    def located(cls, doc: Positions, start: int, end: int, *, code: str, name: str,
                severity: Severity, category: str, message: str,
                fix: str | None = None, keys: tuple[str, ...] = (),
                unit: str | None = None) -> Diagnostic:
        """A diagnostic of `[start, end)` in `doc`."""
        return cls.at(doc.positions(start, end), start, end, code=code, name=name,
                      severity=severity, category=category, message=message, fix=fix,
                      keys=keys, unit=unit)

    @classmethod
    def at(cls, position: tuple[int, int, int, int], start: int, end: int, code: str,
           name: str, severity: Severity, category: str, message: str,
           fix: str | None = None, keys: tuple[str, ...] = (),
           unit: str | None = None) -> Diagnostic:
        """A diagnostic of `[start, end)` at `position`, what `Positions.positions` gives
        for that span (`Document.positions_in_order` gives many at once). The engine
        passes its arguments by position: keywords cost a tenth of a diagnostic."""
        if cls is not Diagnostic:  # a subclass may add fields or checks of its own
            return cls(*position, code, name, severity, category, message, fix, start, end,
                       keys, unit)
        return diagnostic_at(position, start, end, code, name, severity, category, message,
                             fix, keys, unit)

    def to_dict(self) -> dict[str, Any]:
        # Written out: `dataclasses.asdict` deep-copies, 12 µs a diagnostic.
        data: dict[str, Any] = {
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "code": self.code, "name": self.name,
            "severity": self.severity.value, "category": self.category,
            "message": self.message, "fix": self.fix,
        }
        if self.unit is not None:
            data["unit"] = self.unit
        return data


class _Unfrozen:
    """A `Diagnostic` being made by `Diagnostic.at`: its slots, writable.

    A frozen dataclass writes each field with a call to `object.__setattr__`, most of the
    cost of placing a finding (100,000s in a large file); here they are plain writes,
    after which the object becomes the `Diagnostic` it holds (the same slots, in order).
    """

    __slots__ = Diagnostic.__slots__

    def __init__(self, position: tuple[int, int, int, int], start: int, end: int, code: str,
                 name: str, severity: Severity, category: str, message: str,
                 fix: str | None, keys: tuple[str, ...], unit: str | None) -> None:
        self.line, self.column, self.end_line, self.end_column = position
        self.code, self.name, self.severity, self.category = code, name, severity, category
        self.message, self.fix, self.start, self.end = message, fix, start, end
        self.keys, self.unit = keys, unit
        self.__class__ = Diagnostic  # type: ignore[assignment]


# `Diagnostic.at` without the call of the classmethod, every argument given by position:
# the engine places 100,000s of findings, and each call is a tenth of a diagnostic's cost.
diagnostic_at = cast("Callable[[tuple[int, int, int, int], int, int, str, str, Severity, str, "
                     "str, str | None, tuple[str, ...], str | None], Diagnostic]", _Unfrozen)
