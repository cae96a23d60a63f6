"""transcheck: a linter for machine-translation artifacts in English text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from transcheck.api import check_text
    from transcheck.diagnostics import Diagnostic, Severity

__all__ = ["Diagnostic", "Severity", "__version__", "check_text"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the API pulls in the engine and its plugins, which
    # `transcheck --version` and every `import transcheck.<module>` should not wait for.
    if name == "check_text":
        from transcheck.api import check_text

        return check_text
    if name in ("Diagnostic", "Severity"):
        from transcheck import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'transcheck' has no attribute {name!r}")
