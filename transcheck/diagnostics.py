"""What rules report (`Finding`, by offset) and what users see (`Diagnostic`, by line)."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any


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


@dataclass(frozen=True, slots=True)  # slots: a large file may have 100,000s of findings
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


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """A finding placed in the text: 1-based lines and columns in code points, end exclusive."""

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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
