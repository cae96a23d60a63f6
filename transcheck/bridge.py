"""`BridgeRule`: one rule object that reports the findings of a foreign checker (LanguageTool).

A foreign checker has hundreds of rules of its own, unknown until it answers, so they
cannot be `Rule` objects. The bridge reports each finding under a sub-code of its own
code, `CODE-<foreign id>` (`LT-EN_A_VS_AN`), and the engine treats sub-codes like codes:

- `select`, `extend-select`, `ignore` and `per-file-ignores` accept them, by code or
  code prefix, and `selector_keys` may add exact ones (a foreign category, `LT-TYPOS`);
  a selector naming a sub-code turns the bridge on, ignoring one only drops its findings;
- a finding the bridge marks as a `duplicate` of a transcheck code is dropped when a
  transcheck rule reported that code on an overlapping span: one problem, one diagnostic;
- files are checked in one process while an active bridge runs, since it talks to one
  external checker for the whole run (one server, one rate limit, its own concurrent
  requests).
"""

from __future__ import annotations

from transcheck.diagnostics import Finding
from transcheck.rule import Rule


class BridgeRule(Rule):
    """Subclass, set `code`, and give each `Finding` its own `code` (`CODE-<foreign id>`).

    `active` is False when the foreign checker is not configured: the bridge then reports
    nothing (it still exists, so that its codes are known to `select` and `ignore`).
    """

    active: bool = True

    def selector_keys(self, finding: Finding) -> tuple[str, ...]:
        """Selectors besides its code that name `finding` exactly (upper case)."""
        return ()

    def duplicates(self, finding: Finding) -> tuple[str, ...]:
        """Codes of transcheck rules that report the same problem as `finding`."""
        return ()
