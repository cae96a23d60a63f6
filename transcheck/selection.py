"""Which rules run: `select`, `extend-select` and `ignore`, by code, code prefix or name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from transcheck.errors import ConfigError
from transcheck.rule import Rule


def _specificity(selector: str, rule: Rule) -> int | None:
    """How precisely `selector` names `rule` (higher wins), or None if it does not."""
    if selector == "ALL":
        return 0
    if selector == rule.name:
        return 1000
    if rule.code.startswith(selector.upper()):
        return len(selector)
    return None


def validate(selectors: Iterable[str], rules: Sequence[Rule], option: str) -> None:
    """Raise `ConfigError` for a selector that names no rule."""
    for selector in selectors:
        if not any(_specificity(selector, rule) is not None for rule in rules):
            raise ConfigError(f"{option}: unknown rule code or name '{selector}'")


def is_enabled(
    rule: Rule,
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
) -> bool:
    """The most specific selector wins; on a tie, `ignore` wins (as in ruff)."""
    positive: list[int] = [
        s for sel in (*(select or ()), *extend_select)
        if (s := _specificity(sel, rule)) is not None
    ]
    if select is None and rule.default_enabled:
        positive.append(-1)
    negative = [s for sel in ignore if (s := _specificity(sel, rule)) is not None]
    if not positive:
        return False
    return not negative or max(positive) > max(negative)
