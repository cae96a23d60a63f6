"""`html.parser` tries a construct that never ends again at every later `<`, each time to
the end of the text; and it raises on some declarations. The reader guards it."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from transcheck import check_text
from transcheck.readers.html import read_html


@pytest.mark.parametrize(("unit", "method"), [
    ("<!--", "parse_comment"), ("<a ", "parse_starttag"), ("</", "parse_endtag"),
    ("<a b='", "parse_starttag"), ("<?", "parse_pi")])
def test_a_construct_that_never_ends_is_tried_once_not_at_every_later_start(
        monkeypatch: pytest.MonkeyPatch, unit: str, method: str) -> None:
    calls = []
    original = getattr(HTMLParser, method)

    def counted(self: HTMLParser, i: int) -> int:
        calls.append(i)
        return int(original(self, i))

    monkeypatch.setattr(HTMLParser, method, counted)
    doc = read_html("<p>The text before.</p>" + unit * 3000, "page.html")
    assert len(calls) < 10
    assert "The text before." in doc.text
    assert not doc.text[30:].strip()  # the rest belongs to the construct, not to the prose


def test_prose_before_an_unclosed_comment_is_checked() -> None:
    doc = read_html("<p>The the cat sat.</p><!-- a note that never ends <p>Not prose.",
                    "page.html")
    assert doc.text.startswith("   The the cat sat.")
    assert "Not prose" not in doc.text


def test_a_declaration_html_parser_chokes_on_is_no_traceback() -> None:
    doc = read_html("<p>The the cat.</p><![<![ and text\n", "page.html")
    assert "The the cat." in doc.text
    assert [d.code for d in check_text(doc.text, select=["TC207"])] == ["TC207"]
