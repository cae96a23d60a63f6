"""Which rules run: `select`, `extend-select` and `ignore`, by code, code prefix or name.

The sub-codes of a bridge rule (`LT-EN_A_VS_AN`, see `transcheck.bridge`) are selected
the same way, finding by finding, with `reports`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from transcheck.bridge import BridgeRule
from transcheck.diagnostics import Finding
from transcheck.errors import ConfigError
from transcheck.rule import Rule


def _specificity(selector: str, code: str, name: str, keys: Sequence[str] = ()) -> int | None:
    """How precisely `selector` names a code (higher wins), or None if it does not."""
    if selector == "ALL":
        return 0
    if selector == name:
        return 1000
    if code.startswith(selector.upper()) or selector.upper() in keys:
        return len(selector)
    return None


def _names_subcode(selector: str, rule: Rule) -> bool:
    return isinstance(rule, BridgeRule) and selector.upper().startswith(rule.code + "-")


def names(selector: str, code: str, name: str, keys: Sequence[str] = ()) -> bool:
    """Whether `selector` names the code (or name, or one of the exact `keys`) of a finding."""
    return _specificity(selector, code, name, keys) is not None


def known(selector: str, rules: Sequence[Rule]) -> bool:
    """Whether `selector` names any of `rules` (or a sub-code of a bridge among them)."""
    return any(names(selector, rule.code, rule.name) or _names_subcode(selector, rule)
               for rule in rules)


def validate(selectors: Iterable[str], rules: Sequence[Rule], option: str) -> None:
    """Raise `ConfigError` for a selector that names no rule."""
    for selector in selectors:
        if not known(selector, rules):
            raise ConfigError(f"{option}: unknown rule code or name '{selector}'")


def is_enabled(
    rule: Rule,
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
) -> bool:
    """The most specific selector wins; on a tie, `ignore` wins (as in ruff).

    Selecting a sub-code of a bridge rule runs the bridge; ignoring one is left to `reports`.
    """

    def specificity(selector: str) -> int | None:
        found = _specificity(selector, rule.code, rule.name)
        return len(selector) if found is None and _names_subcode(selector, rule) else found

    positive = [s for sel in (*(select or ()), *extend_select)
                if (s := specificity(sel)) is not None]
    negative = [s for sel in ignore if (s := _specificity(sel, rule.code, rule.name)) is not None]
    return _wins(positive, negative, select is None and rule.default_enabled)


def reports(
    rule: BridgeRule,
    finding: Finding,
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
) -> bool:
    """Whether a finding a bridge reports under its own sub-code is selected (same rules)."""
    code, name = finding.code or rule.code, finding.name or rule.name
    keys = rule.selector_keys(finding)
    positive = [s for sel in (*(select or ()), *extend_select)
                if (s := _specificity(sel, code, name, keys)) is not None]
    negative = [s for sel in ignore if (s := _specificity(sel, code, name, keys)) is not None]
    return _wins(positive, negative, select is None and rule.default_enabled)


def _wins(positive: list[int], negative: list[int], by_default: bool) -> bool:
    if by_default:
        positive.append(-1)
    if not positive:
        return False
    return not negative or max(positive) > max(negative)
