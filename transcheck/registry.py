"""The registry of rules: every rule of a run, from whichever plugin, checked on the way in.

Built-in rules, rule packs, the LanguageTool bridge and third-party plugins all
register through the `transcheck_rules` hook; the registry asks each plugin in turn,
so that a malformed, duplicate or colliding code or name is refused with one line
naming the plugin, instead of a rule silently never running or shadowing another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pluggy

from transcheck.errors import ConfigError, PluginError
from transcheck.regex_programs import compiled
from transcheck.rule import CODE_PATTERN, Rule

NAME_PATTERN = compiled(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Codes starting with this belong to transcheck itself (its built-in plugins and shipped
# packs); third-party plugins and user packs choose another prefix (`HS101`).
RESERVED_PREFIX = "TC"
BUILTIN_PREFIX = "transcheck."


class Registry:
    """The rules of a run by code, and the plugin that registered each."""

    def __init__(self) -> None:
        self._by_key: dict[str, tuple[Rule, str]] = {}
        self.rules: list[Rule] = []

    @classmethod
    def collect(cls, pm: pluggy.PluginManager, settings: Any) -> Registry:
        """Ask every plugin for its rules (see `hookspecs.transcheck_rules`)."""
        registry = cls()
        for impl in pm.hook.transcheck_rules.get_hookimpls():
            provided: Any = impl.function(settings=settings)
            registry.add(impl.plugin_name, provided or ())
        registry.rules.sort(key=lambda r: r.code)
        return registry

    def add(self, plugin: str, rules: Iterable[Any]) -> None:
        for rule in rules:
            self._check(plugin, rule)
            for key in (rule.code, rule.name):
                self._by_key[key] = (rule, plugin)
            self.rules.append(rule)

    def _check(self, plugin: str, rule: Rule) -> None:
        def refuse(problem: str) -> PluginError:
            return PluginError(f"plugin '{plugin}': rule {rule.code or '?'} "
                               f"({rule.name or '?'}): {problem}")

        if not isinstance(rule, Rule):
            raise refuse(f"{rule!r} is not a transcheck.rule.Rule")
        if not CODE_PATTERN.match(rule.code):
            raise refuse("the code must be capital letters then digits, e.g. 'HS101'")
        if not NAME_PATTERN.match(rule.name):
            raise refuse("the name must be kebab-case, e.g. 'no-lorem-ipsum'")
        for option in rule.options:
            if not NAME_PATTERN.match(option):
                raise refuse(f"option '{option}' must be kebab-case, as configuration keys "
                             "are, e.g. 'min-words'")
        if rule.code.startswith(RESERVED_PREFIX) and not plugin.startswith(BUILTIN_PREFIX):
            raise refuse(f"codes starting with {RESERVED_PREFIX} are transcheck's own; "
                         "choose another prefix")
        for key in (rule.code, rule.name):
            if key in self._by_key:
                other, owner = self._by_key[key]
                raise refuse(f"'{key}' is already used by {other.code} ({other.name}) "
                             f"of plugin '{owner}'")

    def find(self, code_or_name: str) -> Rule | None:
        """The rule with this code or name, in any case."""
        key = code_or_name.strip()
        found = (self._by_key.get(key) or self._by_key.get(key.upper())
                 or self._by_key.get(key.lower()))
        return found[0] if found else None

    def check_options(self, tables: Mapping[str, Mapping[str, Any]], origin: str) -> None:
        """Refuse an options table (`[rules.X]`) for a rule that does not exist or has none."""
        for key in tables:
            rule = self.find(key)
            if rule is None:
                raise ConfigError(f"{origin}: rules.{key}: no rule has this code or name "
                                  "(see `transcheck rules`)")
            if not rule.options:
                raise ConfigError(f"{origin}: rules.{key}: rule {rule.code} ({rule.name}) "
                                  "has no options")
