"""Patterns that could backtrack catastrophically are refused when their pack loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from transcheck.config import Settings
from transcheck.engine import Engine
from transcheck.errors import ConfigError
from transcheck.packs import safety
from transcheck.packs.format import load_pack
from transcheck.packs.plugin import UNANCHORED_WARNING

from .test_packs import VALID

CATASTROPHIC = [
    r"(?:\w+\s?)+!$",  # minutes on fourteen words
    r"(?:a+)+$",  # doubles with every letter
    r"(?:\d+)*z",
    r"(?:a?)*b",
    r"(?:x|x)*y",
    r"(?:ab|\wb)+c",
    r"\w+\s*\w+!",  # quadratic on every position
    r".*.*=",
    r"(?=(?:a+)+)x",  # inside a lookaround too
    r"(?i:(?:A|ab)+)Z",
]
SAFE = [
    r"(?:\w+\s)+!",  # iterations end with a space and start with a letter
    r"\bto (?: \w+){0,4}? until\b",
    r"(?:ab|cd)+e",
    r"(?:a|ab)*c",  # `re` takes the common 'a' out: no choice left
    r"\bfoo\b.*\bbar\b",
    r"^[^\S\n]*Tags[^\S\n]*:[^\n]{0,120}$",
    r"[^\n]{0,80}[^\S\n]*$",
    r"\d[\d,.]* collaborators\b",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_catastrophic_pattern_is_refused(pattern: str) -> None:
    with pytest.raises(safety.UnsafePattern):
        safety.check(pattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_a_pattern_of_linear_cost_is_accepted(pattern: str) -> None:
    safety.check(pattern)


def test_refusal_names_the_pack_and_entry(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text(VALID.format(second="pattern = '(?:\\w+\\s?)+!$'"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_pack(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: entry 2 ('(?:\\\\w+\\\\s?)+!$')")
    assert "could take forever" in message and "\n" not in message


def test_a_pull_request_cannot_hang_ci_with_a_pattern(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "house.toml").write_text(VALID.format(second="pattern = '(?:\\w+\\s?)+!$'"),
                                      encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.transcheck]\nrules-dirs = ["rules"]\n',
                                             encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("one two three four five six seven eight nine ten eleven twelve "
                      "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "transcheck", str(victim)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "house.toml: entry 2" in done.stderr


def test_many_unanchored_patterns_are_announced_when_loaded(tmp_path: Path) -> None:
    entries = "\n".join(
        f"[[entry]]\npattern = 'zq{n}x'\nmessage = 'M.'\nexamples.flag = ['zq{n}x']\n"
        f"examples.accept = ['b']\n" for n in range(UNANCHORED_WARNING))
    pack = VALID.split("[[entry]]")[0].replace("HS301", "HS302").replace(
        "house-style", "slow-style")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.toml").write_text(pack + entries, encoding="utf-8")
    engine = Engine(Settings(rules_dirs=(rules,)))
    _ = engine.all_rules
    assert [w for w in engine.warnings if "slow.toml" in w] == [
        f"{rules / 'slow.toml'}: {UNANCHORED_WARNING} patterns without 'anchors' are each "
        "tried at every position of the text, which makes checking slow; give them anchor "
        "words (see the packs' README)"]
