"""transcheck: a linter for machine-translation artifacts in English text."""

from __future__ import annotations

__version__ = "0.1.0"

from transcheck.api import check_text
from transcheck.diagnostics import Diagnostic, Severity

__all__ = ["Diagnostic", "Severity", "__version__", "check_text"]
