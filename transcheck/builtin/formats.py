"""Family TC4, formats: numbers, dates, times, currencies and ordinals written the source's way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from transcheck.config import Settings
from transcheck.diagnostics import Finding
from transcheck.document import Document
from transcheck.hookspecs import hookimpl
from transcheck.rule import Rule

_SPACE = "[ \u00a0\u202f]"
# No digit, separator or letter glued to either end: the number stands alone.
_ALONE_BEFORE = r"(?<![\w.,/:\-(\[{])"
_ALONE_AFTER = r"(?![.,]?\d)(?![\w)\]}])"


def _english_number(number: str) -> str:
    """`1.234,5` → `1,234.5`."""
    return number.replace(".", "\0").replace(",", ".").replace("\0", ",")


class DecimalComma(Rule):
    code = "TC431"
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
    _pattern = re.compile(_ALONE_BEFORE + r"\d{1,3}(?:\.\d{3})*,\d{1,2}" + _ALONE_AFTER + "|"
                          + _ALONE_BEFORE + r"\d+,\d{1,2}" + _ALONE_AFTER)

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._pattern.finditer(doc.text):
            fixed = _english_number(m.group())
            yield Finding(m.start(), m.end(),
                          f"Decimal comma in “{m.group()}”; English writes {fixed}", fix=fixed)


class ThousandsDot(Rule):
    code = "TC432"
    name = "thousands-dot"
    category = "Locale convention/Number format"
    fixable = True
    summary = "Dots between thousands (`1.000.000`) in English text."
    explanation = """
## What it does
Reports whole numbers with two or more dot-separated groups of three digits
(`1.000.000`, `25.500.000`). A single group (`1.500`) could be a decimal and
is not reported; nor are IP addresses and version numbers, whose groups are
not all three digits long. Spaces between thousands (`10 000`) are the SI
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
    _pattern = re.compile(_ALONE_BEFORE + r"\d{1,3}(?:\.\d{3}){2,}" + _ALONE_AFTER)

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._pattern.finditer(doc.text):
            fixed = m.group().replace(".", ",")
            yield Finding(m.start(), m.end(),
                          f"Dots between thousands in “{m.group()}”; English writes {fixed}",
                          fix=fixed)


class SpaceBeforePercent(Rule):
    code = "TC433"
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
    _pattern = re.compile(r"(?<=\d)" + _SPACE + r"+(?=%(?![\w%]))")

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._pattern.finditer(doc.text):
            yield Finding(m.start(), m.end() + 1, "Space before the percent sign", fix="%")


class ForeignTimeFormat(Rule):
    code = "TC434"
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
    _pattern = re.compile(
        r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?" + _SPACE + r"?Uhr\b"
        r"|(?<![\w.:])(?P<h2>[01]?\d|2[0-3])" + _SPACE + r"?h" + _SPACE + r"?(?P<m2>[0-5]\d)"
        r"(?![\w:])(?!" + _SPACE + r"?min)"
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._pattern.finditer(doc.text):
            hours = m.group("h") or m.group("h2")
            minutes = m.group("m") or m.group("m2") or "00"
            fixed = f"{hours}:{minutes}"
            yield Finding(m.start(), m.end(),
                          f"Time “{m.group()}” in the source language's notation; "
                          f"write {fixed}", fix=fixed)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class ForeignDateFormat(Rule):
    code = "TC435"
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
    _dotted = re.compile(
        r"(?<![\w.])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)"
        r"(?![.,]?\d)(?!\w)"
        r"|(?<![\w.])(?P<y2>(?:19|20)\d\d)\.(?P<m2>0?[1-9]|1[0-2])\.(?P<d2>0?[1-9]|[12]\d|3[01])"
        r"(?![.,]?\d)(?!\w)"
    )
    _numeric = re.compile(
        r"(?<![\w/.\-])(?P<a>\d{1,2})(?P<sep>[/\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
        r"(?![\w/\-]|[.,]\d)"
    )

    def __init__(self, options: Mapping[str, Any] | None = None,
                 language: str = "en-US") -> None:
        super().__init__(options)
        self.language = language

    def _words(self, day: int, month: int, year: str) -> str:
        name = MONTHS[month - 1]
        return f"{name} {day}, {year}" if self.language == "en-US" else f"{day} {name} {year}"

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._dotted.finditer(doc.text):
            day, month = int(m.group("d") or m.group("d2")), int(m.group("m") or m.group("m2"))
            fixed = self._words(day, month, m.group("y") or m.group("y2"))
            yield Finding(m.start(), m.end(),
                          f"Date “{m.group()}” in the source language's notation; "
                          f"write {fixed}", fix=fixed)
        for m in self._numeric.finditer(doc.text):
            first, second = int(m.group("a")), int(m.group("b"))
            us = self.language == "en-US"
            day, month = (first, second) if us else (second, first)
            if not (12 < day <= 31 and 1 <= month <= 12):
                continue
            year = m.group("y")
            fixed = self._words(day, month, year)
            order = "day before month" if us else "month before day"
            yield Finding(m.start(), m.end(),
                          f"Date “{m.group()}” puts the {order}, which {self.language} "
                          f"readers do not expect; write {fixed}",
                          fix=fixed if len(year) == 4 else None)


class CurrencyAfterAmount(Rule):
    code = "TC436"
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
    _pattern = re.compile(
        _ALONE_BEFORE + r"(?P<amount>\d+(?:[.,]\d+)*)"
        r"(?:" + _SPACE + r"?(?P<symbol>[€£¥₽₹₩₺₴₪₫₱₦฿])|" + _SPACE + r"(?P<dollar>\$))(?!\w)"
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._pattern.finditer(doc.text):
            amount = m.group("amount")
            symbol = m.group("symbol") or m.group("dollar")
            english = not re.search(r",\d{1,2}$|\.\d{3}\.", amount)
            fixed = f"{symbol}{amount}"
            yield Finding(m.start(), m.end(),
                          f"Currency symbol {symbol} after the amount; write it before "
                          f"({symbol}{_english_number(amount) if not english else amount})",
                          fix=fixed if english else None)


_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_MONTH_NAMES = "|".join(MONTHS)
_ORDINAL_NOUNS = ("century|centuries|anniversary|birthday|place|floor|edition|round|stage"
                  "|grade|class|division|league|term|session|congress|lap")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
    return f"{number}{suffix}"


class OrdinalDot(Rule):
    code = "TC437"
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
    _pattern = re.compile(
        r"\b(?i:on|from|until|till|to|since|before|after|between|and|am|vom|bis)"
        + _SPACE + r"+(?P<day>0?[1-9]|[12]\d|3[01])\.(?=" + _SPACE + r"+(?:" + _MONTH_NAMES
        + r")\b)"
        r"|\b(?i:the|its|his|her|their|our|my|your)" + _SPACE + r"+(?P<n>[1-9]\d{0,2})\.(?="
        + _SPACE + r"+(?:" + _ORDINAL_NOUNS + r")\b)"
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in self._pattern.finditer(doc.text):
            group = "day" if m.group("day") else "n"
            number = m.group(group)
            fixed = _ordinal(int(number))
            yield Finding(m.start(group), m.end(group) + 1,
                          f"Ordinal “{number}.” written with a dot; English writes {fixed}",
                          fix=fixed)


@hookimpl
def transcheck_rules(settings: Settings) -> Iterable[Rule]:
    return [
        *(rule(settings.options_for(rule)) for rule in (
            DecimalComma, ThousandsDot, SpaceBeforePercent, ForeignTimeFormat,
            CurrencyAfterAmount, OrdinalDot)),
        ForeignDateFormat(settings.options_for(ForeignDateFormat), language=settings.language),
    ]
