"""Number, date, time, currency and ordinal formats (TC431-TC437): true positives, near misses."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transcheck.builtin import charset, formats
from transcheck.document import Document

from . import helpers


def found(text: str, select: str, language: str = "en-US") -> list[tuple[str, str | None]]:
    return helpers.found(text, select, {"language": language})


@pytest.mark.parametrize("text, expected", [
    ("The project cost 3,5 million euros.", [("3,5", "3.5")]),
    ("Inflation reached 12,75 percent.", [("12,75", "12.75")]),
    ("The bill came to 1.234,56 in total.", [("1.234,56", "1,234.56")]),
    ("A coffee is 2,40 at the station.", [("2,40", "2.40")]),
])
def test_decimal_comma(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC431") == expected


@pytest.mark.parametrize("text", [
    "The hall seats 1,000 people, and 12,500 came.",
    "The rate is 1.5 percent.",
    "Pick numbers 1,2,3 and 4 from the list.",
    "The point (3,5) lies on the line.",
    "Between 2019, 20 schools closed.",
    "Scores were 10 000 and 25 000 in SI style.",
])
def test_no_decimal_comma(text: str) -> None:
    assert found(text, "TC431") == []


@pytest.mark.parametrize("text, expected", [
    ("The city has 1.200.000 inhabitants.", [("1.200.000", "1,200,000")]),
    ("The budget is 25.500.000 dollars.", [("25.500.000", "25,500,000")]),
])
def test_thousands_dot(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC432") == expected


@pytest.mark.parametrize("text", [
    "The value is 1.500 exactly, to three decimals.",
    "Connect to 192.168.100.200 first.",
    "Upgrade to version 2.10.3 today.",
    "About 1,200,000 people live there.",
])
def test_no_thousands_dot(text: str) -> None:
    assert found(text, "TC432") == []


def test_space_before_percent() -> None:
    assert found("Unemployment fell to 5 % in March.", "TC433") == [(" %", "%")]
    assert found("It rose by 2,5\u00a0% in a year.", "TC433") == [("\u00a0%", "%")]


@pytest.mark.parametrize("text", [
    "Unemployment fell to 5% in March.",
    "Use the %s placeholder with care.",
    "The modulo operator is written a % b.",
    "The grade is 100 %% sure in the template.",
])
def test_no_space_before_percent(text: str) -> None:
    assert found(text, "TC433") == []


@pytest.mark.parametrize("text, expected", [
    ("The doors open at 19.30 Uhr sharp.", [("19.30 Uhr", "19:30")]),
    ("We meet at 9 Uhr in the lobby.", [("9 Uhr", "9:00")]),
    ("The concert starts at 20h15.", [("20h15", "20:15")]),
    ("The train leaves at 7 h 05 daily.", [("7 h 05", "7:05")]),
])
def test_foreign_time_format(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC434") == expected


@pytest.mark.parametrize("text", [
    "The doors open at 19.30 and close at 23:00.",
    "The race took 2h30m in the heat.",
    "The flight lasts 5 h 30 min with a stop.",
    "Take the 14h bus from the square.",
])
def test_no_foreign_time_format(text: str) -> None:
    assert found(text, "TC434") == []


@pytest.mark.parametrize("text, expected", [
    ("The contract was signed on 24.11.2026.", [("24.11.2026", "November 24, 2026")]),
    ("The law took effect on 2026.03.01 in Seoul.", [("2026.03.01", "March 1, 2026")]),
    ("Please reply by 24/11/2026.", [("24/11/2026", "November 24, 2026")]),
    ("Please reply by 31-01-2027.", [("31-01-2027", "January 31, 2027")]),
    ("The note is dated 24/11/26.", [("24/11/26", None)]),
])
def test_foreign_date_format_us(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(text, "TC435") == expected


@pytest.mark.parametrize("text, expected", [
    ("The contract was signed on 24.11.2026.", [("24.11.2026", "24 November 2026")]),
    ("Please reply by 11/24/2026.", [("11/24/2026", "24 November 2026")]),
])
def test_foreign_date_format_gb(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC435", language="en-GB") == expected


@pytest.mark.parametrize("text, language", [
    ("Please reply by 11/24/2026.", "en-US"),
    ("Please reply by 24/11/2026.", "en-GB"),
    ("The meeting is on 05/06/2026.", "en-US"),
    ("The meeting is on 05/06/2026.", "en-GB"),
    ("The ISO date 2026-11-24 is fine.", "en-US"),
    ("Open 24/7/365, the sign said.", "en-US"),
    ("Upgrade from 3.11.2 to 3.12.1 now.", "en-US"),
])
def test_no_foreign_date_format(text: str, language: str) -> None:
    assert found(text, "TC435", language=language) == []


def test_date_order_follows_the_lang_option(
    run_cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path,
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Reply by 24/11/2026 or 11/25/2026.\n", encoding="utf-8")
    fixes = {}
    for language in ("en-US", "en-GB"):
        result = run_cli("--select", "TC435", "--lang", language, "--format", "json", str(page))
        fixes[language] = [d["fix"] for d in json.loads(result.stdout)]
    assert fixes == {"en-US": ["November 24, 2026"], "en-GB": ["25 November 2026"]}


@pytest.mark.parametrize("text, expected", [
    ("A ticket costs 12 € for adults.", [("12 €", "€12")]),
    ("Lunch is 9€ with coffee.", [("9€", "€9")]),
    ("The fare is 300 ₽ one way.", [("300 ₽", "₽300")]),
    ("It cost 5 $ at the kiosk.", [("5 $", "$5")]),
    ("A bag costs 3,50 € here.", [("3,50 €", None)]),
])
def test_currency_after_amount(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(text, "TC436") == expected


@pytest.mark.parametrize("text", [
    "A ticket costs €12 for adults.",
    "It costs 12 EUR or 12 euros.",
    "In $x + 5$ the sign delimits mathematics.",
    "The price is US$5 or £4.",
])
def test_no_currency_after_amount(text: str) -> None:
    assert found(text, "TC436") == []


@pytest.mark.parametrize("text, expected", [
    ("The museum reopens on 1. May this year.", [("1.", "1st")]),
    ("Offices close from 22. December.", [("22.", "22nd")]),
    ("It was built in the 20. century.", [("20.", "20th")]),
    ("They celebrate their 13. anniversary.", [("13.", "13th")]),
    ("We moved to the 3. floor.", [("3.", "3rd")]),
])
def test_ordinal_dot(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "TC437") == expected


@pytest.mark.parametrize("text", [
    "1. May is a holiday in many countries.",
    "The museum reopens on 1 May this year.",
    "Chapter 20. Centuries of trade.",
    "Sales rose in 2019. May was the best month.",
    "She came 3rd in the race, on the 21st floor.",
])
def test_no_ordinal_dot(text: str) -> None:
    assert found(text, "TC437") == []


# (pattern, the character it starts with, whether a space may stand between the number
# and it, whether the pattern itself looks behind for the number)
_NUMBER_PATTERNS = [
    (formats.DecimalComma._comma, ",", False, True),
    (formats.ThousandsDot._groups, ".", False, True),
    (formats.ForeignTimeFormat._uhr, "U", True, False),
    (formats.ForeignTimeFormat._h, "h", True, True),
    (formats.ForeignDateFormat._day_month_year, ".", False, True),
    (formats.ForeignDateFormat._year_month_day, ".", False, True),
    *((pattern, sep, False, True) for sep, pattern in formats.ForeignDateFormat._numeric),
    (formats.OrdinalDot._day_dot, ".", False, True),
    (formats.OrdinalDot._number_dot, ".", False, True),
    *((pattern, symbol, True, False)
      for symbol, pattern in formats.CurrencyAfterAmount._symbols.items()),
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["1", "12", "2026", "٣", "²", ".", ",", "/", "-", " ", "\u00a0",
                                 "h", "Uhr", "30", "May", "floor", "x", "min", "€", "$"]),
                max_size=12))
@example(["1", " ", "h", "30", " ", "h", "30"])
@example(["14", ".", "30", "\u00a0", "Uhr", ",", "1", "Uhr", "5", " ", "€", "5", "$", "€"])
@example(["2026", ".", "12", ".", "30", " ", "1", ".", " ", "May"])
@example(["1", ".", "000", ".", "000", ".", "000"])
@example(["12", "/", "30", "/", "2026", "-", "12", "-", "30", "1", ",", "30"])
def test_number_formats_are_tried_where_the_whole_text_search_finds_them(
        pieces: list[str]) -> None:
    """Each pattern tried at the ends of numbers alone finds what `finditer` finds there
    (where its rule looks for a number before it)."""
    text = "".join(pieces)
    doc = Document(text)
    for pattern, first, spaced, looks_behind in _NUMBER_PATTERNS:
        starts = (formats._after_number(doc, first) if spaced
                  else doc.memo(formats.number_ends).get(first, []))
        assert [m.span() for m in charset.matches_at(pattern, text, starts)] == [
            m.span() for m in pattern.compiled.finditer(text) if m.start() in starts
        ], (pattern.pattern, text)
        if looks_behind:
            assert all(m.start() in starts for m in pattern.compiled.finditer(text))
