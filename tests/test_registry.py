"""One registry: every built-in rule listed once, plugins checked on the way in."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import transcheck.builtin
from transcheck.builtin.rules import BUILTIN_RULES
from transcheck.config import Settings
from transcheck.engine import Engine, plugin_manager
from transcheck.errors import ConfigError, PluginError
from transcheck.hookspecs import hookimpl
from transcheck.rule import Rule


def _rule_classes() -> set[type[Rule]]:
    found: set[type[Rule]] = set()
    for info in pkgutil.iter_modules(transcheck.builtin.__path__, "transcheck.builtin."):
        module = importlib.import_module(info.name)
        found.update(cls for _, cls in inspect.getmembers(module, inspect.isclass)
                     if issubclass(cls, Rule) and cls.__module__ == module.__name__
                     and cls.code and not inspect.isabstract(cls))
    return found


def test_every_builtin_rule_class_is_registered() -> None:
    missing = {cls.__name__ for cls in _rule_classes()} - {cls.__name__ for cls in BUILTIN_RULES}
    missing.discard("LanguageTool")  # the bridge registers through its own plugin
    assert missing == set()
    assert len(set(BUILTIN_RULES)) == len(BUILTIN_RULES)


class _Rule(Rule):
    summary = "A rule of a test plugin."

    def check(self, doc):  # type: ignore[no-untyped-def]
        return ()


def _engine_with(*rules: Rule, settings: Settings | None = None) -> Engine:
    pm = plugin_manager()

    class Plugin:
        @hookimpl
        def transcheck_rules(self, settings: Settings) -> list[Rule]:
            return list(rules)

    pm.register(Plugin(), name="house-style")
    return Engine(settings or Settings(), pm)


def _rule(code: str, name: str) -> Rule:
    return type("R", (_Rule,), {"code": code, "name": name})()


@pytest.mark.parametrize(("code", "name", "problem"), [
    ("TC111", "no-lorem", "codes starting with TC are transcheck's own"),
    ("HS111", "space-before-punctuation", "'space-before-punctuation' is already used by TC111"),
    ("hs1", "no-lorem", "the code must be capital letters then digits"),
    ("HS111", "No Lorem", "the name must be kebab-case"),
])
def test_plugin_rules_are_checked(code: str, name: str, problem: str) -> None:
    with pytest.raises(PluginError) as raised:
        _ = _engine_with(_rule(code, name)).all_rules
    message = str(raised.value)
    assert message.startswith("plugin 'house-style': rule ") and problem in message
    assert "\n" not in message


def test_plugin_rule_options_must_be_kebab_case() -> None:
    rule = type("R", (_Rule,), {"code": "HS101", "name": "no-lorem",
                                "options": {"max_words": 3}})()
    with pytest.raises(PluginError, match="option 'max_words' must be kebab-case"):
        _ = _engine_with(rule).all_rules


def test_two_rules_of_one_plugin_may_not_share_a_code() -> None:
    with pytest.raises(PluginError, match=re.escape("'HS101' is already used by HS101 (one)")):
        _ = _engine_with(_rule("HS101", "one"), _rule("HS101", "two")).all_rules


def test_a_well_formed_plugin_rule_is_registered() -> None:
    engine = _engine_with(_rule("HS101", "no-lorem"))
    assert engine.find_rule("hs101") is engine.find_rule("no-lorem") is not None


@pytest.mark.parametrize(("table", "problem"), [
    ({"TC999": {"x": 1}}, "rules.TC999: no rule has this code or name"),
    ({"LT": {"x": 1}}, "rules.LT: rule LT (languagetool) has no options"),
    ({"unclosed-quote": {}}, "rules.unclosed-quote: rule TC102 (unclosed-quote) has no options"),
    ({"unclosed-quote": {"x": 1}}, "rule TC102 (unclosed-quote) has no option 'x'"),
])
def test_options_for_an_unknown_or_optionless_rule_are_an_error(
        table: dict[str, dict[str, int]], problem: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _ = Engine(Settings(rule_options=table)).all_rules
    assert problem in str(raised.value)


def test_options_table_for_unknown_rule_exits_2(run_cli, tmp_path: Path) -> None:
    (tmp_path / "transcheck.toml").write_text("[rules.TC999]\nwidth = 3\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("rules.TC999: no rule has this code or name "
                                          "(see `transcheck rules`)")


def test_plugin_reusing_a_builtin_code_exits_2_with_one_line(run_cli, tmp_path: Path) -> None:
    plugin = ("from transcheck.hookspecs import hookimpl\nfrom transcheck.rule import Rule\n"
              "class Copy(Rule):\n    code = 'TC111'\n    name = 'copy'\n"
              "    def check(self, doc):\n        return ()\n"
              "@hookimpl\ndef transcheck_rules(settings):\n    return [Copy()]\n")
    (tmp_path / "copycat.py").write_text(plugin, encoding="utf-8")
    info = tmp_path / "copycat-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: copycat\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[transcheck]\ncopycat = copycat\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = run_cli("a.txt", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "transcheck: error: plugin 'copycat': rule TC111 (copy): codes starting with TC are "
        "transcheck's own; choose another prefix"]


def test_registered_rule_objects_are_those_listed() -> None:
    engine = Engine(Settings())
    builtin = {type(rule) for rule in engine.all_rules} & set(BUILTIN_RULES)
    assert builtin == set(BUILTIN_RULES)
