"""Homoglyphs, other scripts, full-width punctuation (TC411-TC413): true positives, near misses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import check_text
from transcheck.document import Document

from .helpers import found


@pytest.mark.parametrize("text, expected", [
    ("The delegation flew to M\u043escow on Monday.", [("M\u043escow", "Moscow")]),
    ("Our \u0441\u043emputer crashed.", [("\u0441\u043emputer", "computer")]),
    ("The \u039flympic flame arrived.", [("\u039flympic", "Olympic")]),
    ("A Cyrillic \u0440\u0430ssword.", [("\u0440\u0430ssword", "password")]),
])
def test_homoglyph(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC411") == expected


def test_homoglyph_without_a_latin_twin_has_no_fix() -> None:
    # Cyrillic в has no Latin look-alike; the word still mixes scripts through its к and а.
    word = "Mos\u043a\u0432\u0430"
    assert found(f"He said {word} twice.", "TC411") == [(word, None)]


@pytest.mark.parametrize("text", [
    "The cell is 5 \u03bcm wide and \u0394T was 3 K.",
    "An \u03b1-helix and \u03b2-sheet fold the protein.",
    "The city of \u041c\u043e\u0441\u043a\u0432\u0430 lies on a river.",
    "Plain Latin words, like Moscow and computer.",
])
def test_no_homoglyph(text: str) -> None:
    assert found(text, "TC411") == []


@pytest.mark.parametrize("text, expected", [
    ("Fans can follow the account \u7f8e\u98df\u65e5\u8bb0 for new videos.",
     ["\u7f8e\u98df\u65e5\u8bb0"]),
    ("The sign read \u0412\u0445\u043e\u0434 \u0437\u0430\u043f\u0440\u0435\u0449\u0451\u043d "
     "in red.", ["\u0412\u0445\u043e\u0434 \u0437\u0430\u043f\u0440\u0435\u0449\u0451\u043d"]),
    ("The shop \u3057\u3087\u3046\u3056\u3093 opened.", ["\u3057\u3087\u3046\u3056\u3093"]),
    ("Her note said \u0634\u0643\u0631\u0627 only.", ["\u0634\u0643\u0631\u0627"]),
    ("The word \u03bb\u03cc\u03b3\u03bf\u03c2 is Greek.", ["\u03bb\u03cc\u03b3\u03bf\u03c2"]),
    ("The stall sold \ud55c\uad6d food.", ["\ud55c\uad6d"]),
])
def test_foreign_script(text: str, expected: list[str]) -> None:
    assert [t for t, _ in found(text, "TC412")] == expected


def test_foreign_script_names_the_script() -> None:
    [diagnostic] = check_text("Follow \u7f8e\u98df\u65e5\u8bb0 today.", select=["TC412"])
    assert "Chinese (Han)" in diagnostic.message


@pytest.mark.parametrize("text", [
    "The capital, Tokyo (\u6771\u4eac), is vast.",
    "They chanted \u201c\u0441\u043b\u0430\u0432\u0430\u201d (glory) all night.",
    "The menu lists *\u5c0f\u7b3c\u5305* among the starters.",
    "Angles \u03b1 and \u03b2 add up to \u03c0 minus \u03b3.",
    "The resistance was 40 \u03a9 at 20 \u00b0C.",
    "An emoji 😀 and an arrow \u2192 are symbols, not a script.",
])
def test_no_foreign_script(text: str) -> None:
    assert found(text, "TC412") == []


@pytest.mark.parametrize("text, expected", [
    ("The plant opens in May\uff08after the holiday\uff09\uff0csays the firm\u3002",
     [("\uff08", " ("), ("\uff09\uff0c", "), "), ("\u3002", ".")]),
    ("Note\uff1athe office is closed.", [("\uff1a", ": ")]),
    ("The book \u300aRed Sorghum\u300b is famous.", [("\u300a", "“"), ("\u300b", "”")]),
    ("The label \u3010new\u3011 was added.", [("\u3010", "["), ("\u3011", "]")]),
    ("It costs \uff15\uff10\uff05 more.", [("\uff15\uff10\uff05", "50%")]),
    ("Red\u3001green and blue.", [("\u3001", ", ")]),
])
def test_full_width_punctuation(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC413") == expected


@pytest.mark.parametrize("text", [
    "The plant opens in May (after the holiday), says the firm.",
    "The slogan \u4e00\u5e26\u4e00\u8def\u3002 stays in Chinese here.",
    "Use \u201ccurly\u201d quotes and an en dash \u2013 freely.",
])
def test_no_full_width_punctuation(text: str) -> None:
    assert found(text, "TC413") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aé оΩ漢字，。-’·\n", max_size=30))
def test_matches_found_from_their_first_characters_are_those_of_finditer(text: str) -> None:
    from transcheck.builtin import scripts
    from transcheck.builtin.charset import finditer

    for pattern, first in ((scripts._NON_LATIN_RUN, scripts._NON_LATIN),
                           (scripts._FULL_WIDTH_RUN, scripts._FULL_WIDTH_CHAR),
                           (scripts._GREEK_OR_CYRILLIC, scripts._GREEK_OR_CYRILLIC)):
        assert [m.span() for m in finditer(Document(text), pattern, first)] == [
            m.span() for m in pattern.finditer(text)]


def test_the_script_of_every_code_point_is_the_one_confusable_homoglyphs_gives() -> None:
    """`script_of` reads the library's table itself (its module imports urllib.request)."""
    from confusable_homoglyphs import categories

    from transcheck.builtin.scripts import script_of

    differ = [code for code in range(0, 0x110000, 7)
              if script_of.__wrapped__(chr(code)) != categories.alias(chr(code))]
    assert differ == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Tokyo (東京)", "东京", "“Wir” (we)", "(a", ")", "x", " ", "\n",
                                 "\n\n"]), max_size=8))
def test_is_marked_asks_each_paragraph_text_once_and_answers_for_each_copy(parts: list[str]
                                                                           ) -> None:
    """Glosses found once per paragraph text (copies share them) and placed at the copy
    asked about: the same answers as each paragraph's own parentheses and glosses."""
    from transcheck.builtin.marked_foreign import _PARENTHESIS, _QUOTED_THEN_GLOSS, is_marked

    doc = Document("".join(parts))
    for paragraph in doc.paragraphs:
        spans = [m.span(group) for pattern, group in ((_PARENTHESIS, 0), (_QUOTED_THEN_GLOSS, 1))
                 for m in pattern.finditer(doc.text, paragraph.start, paragraph.end)]
        for start in range(paragraph.start, paragraph.end):
            for end in range(start + 1, paragraph.end + 1):
                assert is_marked(doc, start, end) == any(
                    low <= start and end <= high for low, high in spans)
