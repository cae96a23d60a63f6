"""Suppression comments in Markdown and HTML, and TC901/TC902 about the comments themselves."""

from __future__ import annotations

import pytest

from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic
from transcheck.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings(select=("TC1", "TC9")))


def check(engine: Engine, source: str, path: str = "a.md") -> list[tuple[int, str]]:
    diagnostics: list[Diagnostic] = engine.check(engine.read(source, path))
    return [(d.line, d.code) for d in diagnostics]


def test_disable_and_enable_a_code(engine: Engine) -> None:
    source = (
        "One , two.\n\n"
        "<!-- transcheck-disable TC111 -->\n"
        "Three , four ( five ).\n\n"
        "<!-- transcheck-enable TC111 -->\n"
        "Six , seven.\n"
    )
    assert check(engine, source) == [(1, "TC111"), (4, "TC112"), (4, "TC112"), (7, "TC111")]


def test_disable_everything_until_the_end(engine: Engine) -> None:
    source = "One , two.\n\n<!-- transcheck-disable -->\n\nThree , four ( five ).\n"
    assert check(engine, source) == [(1, "TC111")]


def test_disable_next_line_only(engine: Engine) -> None:
    source = ("<!-- transcheck-disable-next-line TC111, space-inside-brackets -->\n"
              "One , two ( three ).\n"
              "Four , five.\n")
    assert check(engine, source) == [(3, "TC111")]


def test_codes_may_be_prefixes_names_and_lists(engine: Engine) -> None:
    source = ("<!-- transcheck-disable-next-line TC11 -->\nOne , two ( three ).\n\n"
              "<!-- transcheck-disable-next-line space-before-punctuation TC112 -->\n"
              "One , two ( three ).\n")
    assert check(engine, source) == []


def test_all_is_a_selector_as_in_ignore(engine: Engine) -> None:
    source = ("One , two.\n\n<!-- transcheck-disable ALL -->\n\nThree , four ( five ).\n\n"
              "<!-- transcheck-enable ALL -->\n\nSix , seven.\n")
    assert check(engine, source) == [(1, "TC111"), (9, "TC111")]


def test_a_bridge_category_is_a_selector() -> None:
    from transcheck.diagnostics import Severity
    from transcheck.suppression import apply

    engine = Engine(Settings())
    doc = engine.read("<!-- transcheck-disable-next-line LT-TYPOS -->\nTeh end.\n", "a.md")
    typo = Diagnostic.located(doc, 48, 51, code="LT-MORFOLOGIK_RULE_EN_US", name="languagetool",
                              severity=Severity.WARNING, category="Fluency/Spelling",
                              message="Possible spelling mistake", keys=("LT-TYPOS",))
    assert apply(doc, [typo], engine.all_rules, {"TC901"}) == []


def test_inline_comment_in_html(engine: Engine) -> None:
    source = ("<p><!-- transcheck-disable-next-line --></p>\n<p>One , two.</p>\n"
              "<p>Three , four.</p>\n")
    assert check(engine, source, "a.html") == [(3, "TC111")]


def test_unused_suppression_is_reported(engine: Engine) -> None:
    source = ("<!-- transcheck-disable-next-line TC111 -->\nA clean line.\n\n"
              "<!-- transcheck-enable TC112 -->\n")
    assert check(engine, source) == [(1, "TC901"), (4, "TC901")]


def test_partly_used_suppression_names_the_unused_codes(engine: Engine) -> None:
    doc = engine.read("<!-- transcheck-disable-next-line TC111 TC112 -->\nOne , two.\n", "a.md")
    [diagnostic] = engine.check(doc)
    assert (diagnostic.code, diagnostic.message) == (
        "TC901", "Suppression `TC112` suppresses nothing")
    assert (diagnostic.line, diagnostic.column, diagnostic.end_column) == (1, 1, 50)


def test_unknown_code_and_misspelled_directive(engine: Engine) -> None:
    source = ("<!-- transcheck-disable-next-line TC1111 -->\nOne , two.\n\n"
              "<!-- transcheck-disabled TC111 -->\nThree , four.\n")
    assert check(engine, source) == [(1, "TC902"), (2, "TC111"), (4, "TC902"), (5, "TC111")]


def test_ordinary_comments_and_code_are_not_directives(engine: Engine) -> None:
    source = ("<!-- a note for editors -->\n\n"
              "```\n<!-- transcheck-disable -->\n```\n\n"
              "Use `<!-- transcheck-disable -->` to silence it.\nOne , two.\n")
    assert check(engine, source) == [(8, "TC111")]


def test_plain_text_has_no_directives(engine: Engine) -> None:
    source = "<!-- transcheck-disable -->\nOne , two.\n"
    assert check(engine, source, "a.txt") == [(2, "TC111")]


def test_meta_rules_follow_selection() -> None:
    quiet = Engine(Settings(select=("TC1",)))
    source = "<!-- transcheck-disable-next-line TC999 -->\nA clean line.\n"
    assert check(quiet, source) == []


def test_meta_rules_are_listed_and_explained(run_cli) -> None:
    listed = run_cli("rules").stdout
    assert "TC901" in listed and "TC902" in listed
    explained = run_cli("explain", "unused-suppression")
    assert explained.returncode == 0 and "## What it does" in explained.stdout
