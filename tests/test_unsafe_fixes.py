"""Fixes that delete text (a repeated sentence or title) are applied with --unsafe-fixes only."""

from __future__ import annotations

from pathlib import Path

INSTRUCTIONS = """\
Installing the printer driver

Windows

Open the settings panel and choose the printer from the list of devices.

macOS

Open the settings panel and choose the printer from the list of devices.
"""


def test_plain_fix_keeps_repeated_instructions(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "install.txt"
    page.write_text(INSTRUCTIONS, encoding="utf-8")
    checked = run_cli(str(page))
    assert "TC202" in checked.stdout
    assert "[*] 1 fixable with `transcheck --fix --unsafe-fixes`." in checked.stdout
    assert run_cli("--diff", str(page)).stdout == ""
    run_cli("--fix", str(page))
    assert page.read_text(encoding="utf-8") == INSTRUCTIONS
    run_cli("--fix", "--unsafe-fixes", str(page))
    assert page.read_text(encoding="utf-8").count("Open the settings panel") == 1


def test_explain_says_which_fixes_are_safe(run_cli) -> None:
    assert "Fix: unsafe, applied only with --fix --unsafe-fixes" in run_cli(
        "explain", "repeated-sentence").stdout
    assert "Fix: safe, applied by --fix" in run_cli("explain", "doubled-word").stdout
    listed = {line.split()[1]: line for line in run_cli("rules").stdout.splitlines()}
    assert " fix! " in listed["repeated-sentence"] and " fix " in listed["doubled-word"]


def test_statistics_mark_unsafe_fixes_apart(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "install.txt"
    page.write_text(INSTRUCTIONS.replace("devices.", "devices ."), encoding="utf-8")
    lines = run_cli("--statistics", str(page)).stdout.splitlines()
    assert any("TC202\t[-] repeated-sentence" in line for line in lines)
    assert any("[*]" in line for line in lines)
