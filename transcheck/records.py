"""`Record`: a read-only class of named values, what `@dataclass(frozen=True)` makes,
without making it when its module is imported.

A dataclass writes the source of its methods and compiles it as its module is
imported: 0.5-1.5 ms a class, paid by every run (30 classes were a sixth of checking a
short article). A record's methods are written once, here, and read its `FIELDS`.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Values named by `FIELDS` (set by `__init__` with `_set`), compared, hashed and
    shown by them, and read-only as a frozen dataclass is."""

    FIELDS: ClassVar[tuple[str, ...]] = ()

    def _set(self, **values: Any) -> None:
        """Give the fields their values (in `__init__`: they cannot be assigned)."""
        self.__dict__.update(values)

    def _values(self) -> tuple[Any, ...]:
        return tuple(map(self.__dict__.__getitem__, self.FIELDS))

    def replace(self: R, **changes: Any) -> R:
        """A copy with `changes` made (`dataclasses.replace`)."""
        unknown = changes.keys() - set(self.FIELDS)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a {type(self).__name__}")
