"""Third-party plugins load from the `transcheck` entry-point group and run like built-ins."""

from __future__ import annotations

import json
import sys
import textwrap
import zipfile
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

from transcheck.config import Settings
from transcheck.engine import Engine, _may_declare_plugins, plugin_manager

PLUGIN = textwrap.dedent('''
    """A house-style plugin: flags "lorem ipsum" left in an article."""
    import re

    from transcheck.diagnostics import Finding
    from transcheck.hookspecs import hookimpl
    from transcheck.rule import Rule


    class NoLoremIpsum(Rule):
        code = "HS001"
        name = "no-lorem-ipsum"
        category = "Other"
        summary = "Placeholder text left in the article."
        explanation = "## What it does\\nFinds lorem ipsum."

        def check(self, doc):
            for m in re.finditer(r"lorem ipsum", doc.text, re.I):
                yield Finding(m.start(), m.end(), "Placeholder text", fix="")


    @hookimpl
    def transcheck_rules(settings):
        return [NoLoremIpsum(settings.options_for(NoLoremIpsum))]
''')


@pytest.fixture
def installed_plugin(tmp_path: Path) -> Path:
    """A plugin 'installed' the way pip does: a module plus a dist-info with entry points."""
    (tmp_path / "house_style.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "house_style-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-style\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[transcheck]\nhouse-style = house_style\n",
                                           encoding="utf-8")
    return tmp_path


def test_entry_point_plugin_rule_runs(run_cli, installed_plugin: Path) -> None:
    article = installed_plugin / "article.txt"
    article.write_text("The council met. Lorem ipsum dolor.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(installed_plugin)}
    result = run_cli("--format", "json", str(article), env=env)
    assert result.returncode == 1, result.stderr
    [item] = json.loads(result.stdout)
    assert (item["code"], item["column"], item["end_column"]) == ("HS001", 18, 29)
    listed = json.loads(run_cli("rules", "--format", "json", env=env).stdout)
    assert "HS001" in {r["code"] for r in listed}
    assert run_cli("explain", "no-lorem-ipsum", env=env).stdout.startswith("# HS001")


def test_entry_point_plugin_in_process(installed_plugin: Path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(installed_plugin))
    engine = Engine(Settings(select=("HS",)), plugin_manager())
    doc = engine.read("Lorem ipsum.", "x.txt")
    assert [d.code for d in engine.check(doc)] == ["HS001"]


def test_no_declared_plugin_without_our_group(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    """Where the cheap look finds no plugin, importlib.metadata finds none either."""
    from importlib.metadata import entry_points

    other = tmp_path / "other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[pytest11]\ntranscheck = x\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    monkeypatch.setattr(sys, "meta_path", [PathFinder])  # other tests may add finders
    assert not _may_declare_plugins()
    assert not list(entry_points(group="transcheck"))


def test_a_declared_plugin_is_looked_for(monkeypatch: pytest.MonkeyPatch,
                                         installed_plugin: Path) -> None:
    monkeypatch.syspath_prepend(str(installed_plugin))
    assert _may_declare_plugins()


def test_a_zip_on_the_path_is_left_to_importlib_metadata(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("house_style-0.1.dist-info/entry_points.txt",
                     "[transcheck]\nhouse-style = house_style\n")
    monkeypatch.syspath_prepend(str(archive))
    assert _may_declare_plugins()
