"""Family TC4, formats: numbers, dates, times, currencies and ordinals written the source's way."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from transcheck.builtin.charset import characters, matches_at, places
from transcheck.config import Settings
from transcheck.diagnostics import Finding
from transcheck.document import Document
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

_SPACES = " \u00a0\u202f"  # a space, a no-break space, a narrow one
_SPACE = f"[{_SPACES}]"
# Each pattern starts with the character that follows a number (a comma, a dot, a
# symbol); the number before it is found by `_before`, which also makes sure it stands
# alone.
_NOT_AFTER_NUMBER = r"(?![.,]?\d)(?![\w)\]}])"


def _before(text: str, end: int, pattern: re.Pattern[str] | LazyPattern,
            glued: str = ".,/:-([{") -> re.Match[str] | None:
    """`pattern` (which ends in `\\Z`) matched right before `end`, with no letter, digit or
    `glued` character right before the match."""
    m = pattern.search(text, max(0, end - 16), end)
    if m is None:
        return None
    previous = text[m.start() - 1] if m.start() else " "
    return None if previous.isalnum() or previous == "_" or previous in glued else m


# Most number formats start right after a number, or one space after it: their rules
# try their patterns at the ends of the text's numbers alone (`number_ends`), not at
# each of the text's dots, commas and letters h, which `re` would try one by one.
_DIGIT = compiled(r"\d")


def number_ends(doc: Document) -> dict[str, list[int]]:
    """Where each run of digits of `doc.text` ends, by the character that follows it
    (`doc.memo`)."""
    text = doc.text
    digits = places(doc, _DIGIT)  # found by `str.find`: a pattern would try every place
    ends: dict[str, list[int]] = {}
    # A run ends at a digit that the next one does not follow.
    for end in [digit + 1 for digit, following in zip(digits, [*digits[1:], -1], strict=False)
                if following != digit + 1]:
        ends.setdefault(text[end:end + 1], []).append(end)
    return ends


def _after_number(doc: Document, char: str) -> list[int]:
    """Where `char` stands right after a number, or after a number and one space."""
    ends = doc.memo(number_ends)
    spaced = (end + 1 for space in _SPACES for end in ends.get(space, ())
              if doc.text.startswith(char, end + 1))
    return sorted((*ends.get(char, ()), *spaced))


def _english_number(number: str) -> str:
    """`1.234,5` → `1,234.5`."""
    return number.replace(".", "\0").replace(",", ".").replace("\0", ",")


class DecimalComma(Rule):
    code = "TC431"
    scope = "paragraph"
    name = "decimal-comma"
    category = "Locale convention/Number format"
    fixable = True
    summary = "A decimal comma (`3,5 million`, `1.234,56`) in English text."
    explanation = """
## What it does
Reports numbers written with a comma before one or two decimals (`3,5`,
`12,75`), with or without dots between thousands (`1.234,56`). A comma before
three digits (`1,000`) is the English thousands separator and is not
reported, nor are lists (`1,2,3`) and pairs in brackets (`(3,5)`).

## Why is this bad
Most of continental Europe and Latin America write decimals with a comma; an
English reader takes `3,5 million` for a typo or a list.

## Example
```
The project cost 3,5 million euros.
```

## Fix
Write a decimal point, and commas between thousands (this rule's fix does it):
```
The project cost 3.5 million euros.
```
"""
    _comma = LazyPattern(r",(?<=\d,)\d{1,2}" + _NOT_AFTER_NUMBER)
    _integer = LazyPattern(r"(?:\d{1,3}(?:\.\d{3})+|\d+)\Z")

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in matches_at(self._comma, doc.text, doc.memo(number_ends).get(",", ())):
            integer = _before(doc.text, m.start(), self._integer)
            if integer is None:
                continue
            number = doc.text[integer.start():m.end()]
            fixed = _english_number(number)
            yield Finding(integer.start(), m.end(),
                          f"Decimal comma in “{number}”; English writes {fixed}", fix=fixed)


class ThousandsDot(Rule):
    code = "TC432"
    scope = "paragraph"
    name = "thousands-dot"
    category = "Locale convention/Number format"
    fixable = True
    summary = "Dots between thousands (`1.000.000`) in English text."
    explanation = """
## What it does
Reports whole numbers with two or more dot-separated groups of three digits
(`1.000.000`, `25.500.000`). A single group (`1.500`) could be a decimal and
is not reported; nor are IP addresses (four groups up to 255) and version
numbers, whose groups are not all three digits long. Spaces between thousands (`10 000`) are the SI
style some English publishers use, and are not reported either.

## Why is this bad
German, Spanish, Italian and many other languages separate thousands with a
dot; in English a dot is the decimal point.

## Example
```
The city has 1.200.000 inhabitants.
```

## Fix
Use commas between thousands (this rule's fix does it):
```
The city has 1,200,000 inhabitants.
```
"""
    _groups = LazyPattern(r"\.(?<=\d\.)\d{3}(?:\.\d{3})+" + _NOT_AFTER_NUMBER)
    _lead = LazyPattern(r"\d{1,3}\Z")

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in matches_at(self._groups, doc.text, doc.memo(number_ends).get(".", ())):
            lead = _before(doc.text, m.start(), self._lead)
            if lead is None:
                continue
            number = doc.text[lead.start():m.end()]
            groups = number.split(".")
            if len(groups) == 4 and groups[-1] != "000" and all(int(g) <= 255 for g in groups):
                continue  # an IP address
            fixed = number.replace(".", ",")
            yield Finding(lead.start(), m.end(),
                          f"Dots between thousands in “{number}”; English writes {fixed}",
                          fix=fixed)


class SpaceBeforePercent(Rule):
    code = "TC433"
    scope = "paragraph"
    name = "space-before-percent"
    category = "Locale convention/Number format"
    fixable = True
    summary = "A space between a number and the percent sign (`5 %`)."
    explanation = """
## What it does
Reports a space (also a no-break or thin space) between a number and `%`.

## Why is this bad
French, German, Russian and others put a space before `%`; English writes the
sign right after the number.

## Example
```
Unemployment fell to 5 % in March.
```

## Fix
Remove the space (this rule's fix does it):
```
Unemployment fell to 5% in March.
```
"""
    _percent = compiled(r"%(?![\w%])(?<=" + _SPACE + "%)")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in self._percent.finditer(text):
            start = m.start()
            while start > 0 and text[start - 1] in " \u00a0\u202f":
                start -= 1
            if start > 0 and text[start - 1].isdigit():
                yield Finding(start, m.end(), "Space before the percent sign", fix="%")


class ForeignTimeFormat(Rule):
    code = "TC434"
    scope = "paragraph"
    name = "foreign-time-format"
    category = "Locale convention/Time format"
    fixable = True
    summary = "A time written the source's way (`14.30 Uhr`, `14h30`, `9 Uhr`)."
    explanation = """
## What it does
Reports times followed by the German `Uhr` (`14.30 Uhr`, `9 Uhr`) and times
written with an `h` between hours and minutes, as in French (`14h30`,
`14 h 30`). A time with a dot and nothing after it (`14.30`) is British usage
and is not reported; nor are durations such as `2h30m`.

## Why is this bad
The translation changed the words around the time but kept the source
language's notation.

## Example
```
The doors open at 19.30 Uhr and the concert starts at 20h15.
```

## Fix
Use the English notation (this rule's fix writes the 24-hour clock):
```
The doors open at 19:30 and the concert starts at 20:15.
```
"""
    _uhr = LazyPattern(r"Uhr\b")
    _time_before_uhr = LazyPattern(r"(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?"
                                   + _SPACE + r"?\Z")
    _h = LazyPattern(r"h(?:(?<=\dh)|(?<=\d" + _SPACE + "h))" + _SPACE
                     + r"?(?P<m>[0-5]\d)(?![\w:])(?!" + _SPACE + "?min)")
    _hours_before_h = LazyPattern(r"(?P<h>[01]?\d|2[0-3])" + _SPACE + r"?\Z")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in matches_at(self._uhr, text, _after_number(doc, "U")):
            time = _before(text, m.start(), self._time_before_uhr, glued=".:")
            if time is not None:
                yield self._finding(text, time.start(), m.end(), time["h"], time["m"])
        for m in matches_at(self._h, text, _after_number(doc, "h")):
            hours = _before(text, m.start(), self._hours_before_h, glued=".:")
            if hours is not None:
                yield self._finding(text, hours.start(), m.end(), hours["h"], m["m"])

    @staticmethod
    def _finding(text: str, start: int, end: int, hours: str, minutes: str | None) -> Finding:
        fixed = f"{hours}:{minutes or '00'}"
        return Finding(start, end, f"Time “{text[start:end]}” in the source language's "
                       f"notation; write {fixed}", fix=fixed)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class ForeignDateFormat(Rule):
    code = "TC435"
    scope = "paragraph"
    name = "foreign-date-format"
    category = "Locale convention/Date format"
    fixable = True
    summary = "A date in the source's order or notation (`24.11.2026`; `24/11/2026` in US English)."
    explanation = """
## What it does
Reports dates written with dots (`24.11.2026`, and `2026.11.24` as Chinese
and Korean texts write them), and numeric dates whose order is impossible for
the variety of English the document follows (`--lang`, setting `language`):
day first (`24/11/2026`, `24-11-2026`) in US English, month first
(`11/24/2026`) in British English. Dates that read correctly either way
(`05/06/2026`) cannot be judged and are not reported; nor are ISO dates
(`2026-11-24`).

## Why is this bad
A reader applies their own order: `03.04.2026` or `04/03/2026` is the 3rd of
April to a German or British reader and March 4 to an American one.

## Example
```
The contract was signed on 24.11.2026.
```

## Fix
Write the month as a word, in the order of the document's English (this rule's
fix does it):
```
The contract was signed on November 24, 2026.
```
(`24 November 2026` with `--lang en-GB`)
"""
    _day_month_year = LazyPattern(r"\.(?<=\d\.)(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)"
                                  r"(?![.,]?\d)(?!\w)")
    _day = LazyPattern(r"(?:0?[1-9]|[12]\d|3[01])\Z")
    _year_month_day = LazyPattern(r"\.(?<=\d{4}\.)(?P<m>0?[1-9]|1[0-2])\."
                                  r"(?P<d>0?[1-9]|[12]\d|3[01])(?![.,]?\d)(?!\w)")
    _year = LazyPattern(r"(?:19|20)\d\d\Z")
    _numeric = tuple((sep, LazyPattern(sep + r"(?<=\d" + sep + r")(?P<b>\d{1,2})" + sep
                                       + r"(?P<y>\d{4}|\d{2})(?![\w/\-]|[.,]\d)"))
                     for sep in ("/", "-"))
    _first = LazyPattern(r"\d{1,2}\Z")

    def __init__(self, options: Mapping[str, Any] | None = None,
                 language: str = "en-US") -> None:
        super().__init__(options)
        self.language = language

    @classmethod
    def from_settings(cls, settings: Settings) -> ForeignDateFormat:
        return cls(settings.options_for(cls), language=settings.language)

    def _words(self, day: int, month: int, year: str) -> str:
        name = MONTHS[month - 1]
        return f"{name} {day}, {year}" if self.language == "en-US" else f"{day} {name} {year}"

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        ends = doc.memo(number_ends)
        for m in matches_at(self._day_month_year, text, ends.get(".", ())):
            found = _before(text, m.start(), self._day, glued=".")
            if found is not None:
                yield self._dotted(text, found.start(), m.end(),
                                   int(found.group()), int(m["m"]), m["y"])
        for m in matches_at(self._year_month_day, text, ends.get(".", ())):
            found = _before(text, m.start(), self._year, glued=".")
            if found is not None:
                yield self._dotted(text, found.start(), m.end(),
                                   int(m["d"]), int(m["m"]), found.group())
        us = self.language == "en-US"
        for m in (m for sep, pattern in self._numeric
                  for m in matches_at(pattern, text, ends.get(sep, ()))):
            found = _before(text, m.start(), self._first, glued="/.-")
            if found is None:
                continue
            first, second = int(found.group()), int(m["b"])
            day, month = (first, second) if us else (second, first)
            if not (12 < day <= 31 and 1 <= month <= 12):
                continue
            fixed = self._words(day, month, m["y"])
            order = "day before month" if us else "month before day"
            yield Finding(found.start(), m.end(),
                          f"Date “{text[found.start():m.end()]}” puts the {order}, which "
                          f"{self.language} readers do not expect; write {fixed}",
                          fix=fixed if len(m["y"]) == 4 else None)

    def _dotted(self, text: str, start: int, end: int, day: int, month: int, year: str) -> Finding:
        fixed = self._words(day, month, year)
        return Finding(start, end, f"Date “{text[start:end]}” in the source language's "
                       f"notation; write {fixed}", fix=fixed)


class CurrencyAfterAmount(Rule):
    code = "TC436"
    scope = "paragraph"
    name = "currency-after-amount"
    category = "Locale convention/Currency format"
    fixable = True
    summary = "A currency symbol after the amount (`5 €`, `20 £`)."
    explanation = """
## What it does
Reports a currency symbol written after its amount (`5 €`, `9,99€`, `100 ₽`).
A dollar sign counts only with a space before it (`5 $`), so that `$`
delimiting mathematics is left alone. Currency codes and words (`5 EUR`,
`5 euros`) are correct English and are not reported.

## Why is this bad
Many languages put the symbol after the amount; English puts it before.

## Example
```
A ticket costs 12 € for adults.
```

## Fix
Put the symbol before the amount (this rule's fix does it when the number
itself needs no other change):
```
A ticket costs €12 for adults.
```
"""
    _symbols: ClassVar[dict[str, LazyPattern]] = {
        symbol: LazyPattern(re.escape(symbol) + r"(?!\w)") for symbol in "€£¥₽₹₩₺₴₪₫₱₦฿$"}
    _amount = LazyPattern(r"(?P<amount>\d+(?:[.,]\d+)*)(?P<space>" + _SPACE + r"?)\Z")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        present = doc.memo(characters).intersection(self._symbols)
        for m in (m for symbol in present for m in matches_at(
                self._symbols[symbol], text, _after_number(doc, symbol))):
            found = _before(text, m.start(), self._amount)
            if found is None or (m.group() == "$" and not found["space"]):
                continue
            amount, symbol = found["amount"], m.group()
            english = not re.search(r",\d{1,2}$|\.\d{3}\.", amount)
            suggestion = f"{symbol}{amount if english else _english_number(amount)}"
            yield Finding(found.start(), m.end(),
                          f"Currency symbol {symbol} after the amount; write it before "
                          f"({suggestion})", fix=suggestion if english else None)


_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_MONTH_NAMES = "|".join(MONTHS)
_ORDINAL_NOUNS = ("century|centuries|anniversary|birthday|place|floor|edition|round|stage"
                  "|grade|class|division|league|term|session|congress|lap")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
    return f"{number}{suffix}"


class OrdinalDot(Rule):
    code = "TC437"
    scope = "paragraph"
    name = "ordinal-dot"
    category = "Locale convention/Number format"
    fixable = True
    summary = "An ordinal written with a dot (`on 1. May`, `the 20. century`)."
    explanation = """
## What it does
Reports a number with a dot used as an ordinal inside a sentence: a day before
a month name after a preposition (`on 1. May`, `until 15. March`) and a number
between `the` (or a possessive) and a noun such as `century`, `anniversary`
or `floor` (`the 20. century`). Numbered list items (`1. Introduction`) and
numbers ending a sentence are not reported.

## Why is this bad
German, Scandinavian, Czech, Polish and other languages mark ordinals with a
dot; English writes `1st`, `2nd`, `20th`.

## Example
```
The museum reopens on 1. May, for its 50. anniversary.
```

## Fix
Write the English ordinal (this rule's fix does it):
```
The museum reopens on 1st May, for its 50th anniversary.
```
"""
    _day_dot = LazyPattern(r"\.(?<=\d\.)(?=" + _SPACE + "+(?:" + _MONTH_NAMES + r")\b)")
    _day = LazyPattern(r"\b(?i:on|from|until|till|to|since|before|after|between|and|am|vom|bis)"
                      + _SPACE + r"+(?P<n>0?[1-9]|[12]\d|3[01])\Z")
    _number_dot = LazyPattern(r"\.(?<=\d\.)(?=" + _SPACE + "+(?:" + _ORDINAL_NOUNS + r")\b)")
    _number = LazyPattern(r"\b(?i:the|its|his|her|their|our|my|your)" + _SPACE
                         + r"+(?P<n>[1-9]\d{0,2})\Z")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        dots = doc.memo(number_ends).get(".", ())
        for dot, before in ((self._day_dot, self._day), (self._number_dot, self._number)):
            for m in matches_at(dot, text, dots):
                found = before.search(text, max(0, m.start() - 24), m.start())
                if found is None:
                    continue
                fixed = _ordinal(int(found["n"]))
                yield Finding(found.start("n"), m.end(),
                              f"Ordinal “{found['n']}.” written with a dot; English writes {fixed}",
                              fix=fixed)
