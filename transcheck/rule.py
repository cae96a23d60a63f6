"""The `Rule` base class: one check, one code, declared by attributes (as Weblate's checks are)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.errors import ConfigError
from transcheck.regex_programs import compiled

if TYPE_CHECKING:
    from typing_extensions import Self

    from transcheck.config import Settings

CODE_PATTERN = compiled(r"^[A-Z]{2,}[0-9A-Za-z_-]*$")


class Rule:
    """Subclass, set the attributes, implement `check`.

    `code`: stable, `TC` + three digits, the first digit naming the family.
    `name`: kebab-case, also accepted wherever a code is.
    `category`: the MQM error category the rule detects, e.g. `Fluency/Punctuation`.
    `summary`: one line. `explanation`: Markdown with "What it does", "Why is this
    bad", an example and the fix, shown by `transcheck explain`.
    `options`: per-rule options and their defaults, set from configuration
    (`[tool.transcheck.rules.NAME]`), kebab-case like every configuration key; values
    must keep the default's type.
    `unsafe_fix`: the rule's fixes may change what the text says (they delete a sentence
    the writer may have meant to repeat): applied only with `--unsafe-fixes`, as ruff does.
    `source_languages`: ISO 639-1 codes of the source languages the rule is about;
    empty means any source.
    `scope`: "paragraph" if a finding in a paragraph depends on that paragraph and
    the ones right before and after it only; such a rule sees a long document piece
    by piece (`Document.pieces`), which bounds its memory. "document" (the default)
    sees the whole document at once.
    """

    code: str = ""
    name: str = ""
    summary: str = ""
    explanation: str = ""
    category: str = "Other"
    severity: Severity = Severity.WARNING
    fixable: bool = False
    unsafe_fix: bool = False
    default_enabled: bool = True
    source_languages: frozenset[str] = frozenset()
    options: Mapping[str, Any] = {}
    scope: Literal["document", "paragraph"] = "document"

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        merged = dict(type(self).options)
        for key, value in (options or {}).items():
            if key not in merged:
                kebab = key.replace("_", "-")
                hint = f"; options are kebab-case: '{kebab}'" if kebab in merged else ""
                raise ConfigError(f"rule {self.code} ({self.name}) has no option '{key}'{hint}")
            default = merged[key]
            if not _same_type(default, value):
                raise ConfigError(
                    f"rule {self.code} option '{key}' must be {type(default).__name__}, "
                    f"got {value!r}"
                )
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = _number(self.code, key, default, value)
            merged[key] = value
        self.options = merged

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        """The rule with its options from `settings` (override to read other settings)."""
        return cls(settings.options_for(cls))

    def check(self, doc: Document) -> Iterable[Finding]:
        """Yield findings for `doc`. Pure: no printing, no file access."""
        raise NotImplementedError

    def applies_to(self, source_lang: str | None) -> bool:
        """Whether the rule runs when translating from `source_lang` (None: unknown)."""
        return source_lang is None or not self.source_languages or (
            source_lang.split("-")[0].lower() in self.source_languages
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


# Options count words, characters or probabilities: a larger number is a typo.
_LARGEST_OPTION = 10**9


def _number(code: str, key: str, default: float, value: float) -> float:
    """`value` checked as a finite number of sane size, whole if `default` is."""
    if not math.isfinite(value) or abs(value) > _LARGEST_OPTION:
        raise ConfigError(f"rule {code} option '{key}' must be a finite number of at most "
                          f"{_LARGEST_OPTION:,}, got {value!r}")
    if isinstance(default, int):
        if value != int(value):
            raise ConfigError(f"rule {code} option '{key}' must be a whole number, got {value!r}")
        return int(value)
    return value


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))
