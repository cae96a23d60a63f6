"""Family TC5, source-aware: the source's dates and counts written the English way.

A date or a small count of the source is a fact the translation keeps; how it is
written is the target locale's convention (CLDR's, through Babel): `3月5日` is
"March 5" in US English, "5 March" in British English, and never
"March 5th" or "Mar. 5" in running text; `3家` is "three", not "3".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from transcheck.bilingual.numbers import cjk_number
from transcheck.bilingual.rule import UnitRule
from transcheck.builtin.formats import MONTHS
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit

if TYPE_CHECKING:
    from typing_extensions import Self

    from transcheck.config import Settings

_NUMERAL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
# 2024年3月5日, 三月五日, 3月5号 (Chinese and Japanese); 3월 5일 (Korean).
_SOURCE_DATE = re.compile(rf"({_NUMERAL})\s*[月월]\s*({_NUMERAL})\s*[日号號일]")
_ABBREVIATED = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MONTH = rf"(?P<month>{'|'.join(MONTHS)}|(?P<short>{_ABBREVIATED})\b(?:\.(?= ?\d))?)"
_DAY = r"(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_MONTH_FIRST = re.compile(rf"\b{_MONTH} {_DAY}\b(?:,? {_YEAR})?")
_DAY_FIRST = re.compile(rf"\b(?:the )?{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?")


def _value(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else int(cjk_number(numeral))


def _month(name: str) -> int:
    return next(i for i, month in enumerate(MONTHS, 1) if month.startswith(name[:3]))


@lru_cache(maxsize=16)
def day_first(language: str) -> bool:
    """The long date format of `language` (a BCP 47 tag) puts the day first (CLDR):
    `en-GB` does, `en` and `en-US` do not."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    pattern = str(get_date_format("long", locale=locale).pattern)
    return pattern.index("d") < pattern.index("M")


class DateFormat(UnitRule):
    code = "TC517"
    name = "date-format-mismatch"
    category = "Locale convention/Date format"
    fixable = True
    summary = "A date of the source written in another order or style than the target locale's."
    explanation = """
## What it does
Finds each date of the source (`2024年3月5日`, `3月5日`, `3월 5일`) in the
translation and reports it when it is not written as the target locale writes a
date (CLDR's long format): day first (`5 March`) where the locale puts the
month first (US English, the default: `language`, or the file's target language),
or the reverse in British English; with an ordinal suffix (`March 5th`); with
the month abbreviated (`Mar. 5`). The fix writes the locale's form.

## Why is this bad
Readers of a translation expect dates written as their own press writes them; a
date in another locale's order or in a table's abbreviation marks the text as
translated, and `11/2` style readers take day and month the wrong way round.

## Example
```
展览于3月5日开幕。  →  The exhibition opened on 5th Mar.
```

## Fix
```
The exhibition opened on March 5.
```
(`5 March` with `--lang en-GB`)
"""

    language = "en-US"

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        rule = super().from_settings(settings)
        rule.language = settings.language
        return rule

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        if "月" not in source and "월" not in source:
            return  # most units: no date to look for
        dates = {(_value(m.group(1)), _value(m.group(2))) for m in _SOURCE_DATE.finditer(source)}
        if not dates:
            return
        tag = unit.target_lang or doc.target_lang or ""
        first = day_first(tag if "-" in tag else self.language)
        for pattern in (_MONTH_FIRST, _DAY_FIRST):
            for m in pattern.finditer(target):
                month, day = _month(m.group("month")), int(m.group("day"))
                if (month, day) not in dates:
                    continue
                problems = []
                if (pattern is _DAY_FIRST) != first:
                    problems.append("the day first" if pattern is _DAY_FIRST else
                                    "the month first")
                if m.group("suffix"):
                    problems.append(f"an ordinal “{day}{m.group('suffix')}”")
                if m.group("short"):
                    problems.append(f"the month abbreviated (“{m.group('short')}”)")
                if not problems:
                    continue
                name = MONTHS[month - 1]
                year = m.group("year")
                fix = (f"{day} {name}" + (f" {year}" if year else "") if first else
                       f"{name} {day}" + (f", {year}" if year else ""))
                yield Finding(m.start(), m.end(),
                              f"The source's date is written with {' and '.join(problems)}: "
                              f"“{fix}”", fix=fix)


# Measure words of counted things and people (3家 stores, 2位 guests, 5个 teams):
# not those of time, age, money or measures, which English writes in figures.
_COUNTED = ("个個名位家只隻项項条條台辆輛架艘件种種款座所支批份户戶例起处處栋棟头頭匹本篇部"
            "场場张張把棵颗顆枚间間封幅组組队隊")
_SOURCE_COUNT = re.compile(rf"(?<![\d.,第])([1-9])\s?[{_COUNTED}]")
_SPELLED = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# A figure on its own before a word: not 4.5, 4%, 4:30, 4-5, 4 to 6, $4, 4th, 4 km.
_FIGURE = re.compile(r"(?<![\w.,:/$€£¥#%+-])([1-9]) (?=(?:of )?[a-z]{2,})"
                     r"(?!(?:to|or|and) \d)(?!(?:a\.?m|p\.?m|percent|per|times|million|billion|"
                     r"trillion|thousand|hundred|km|kg|cm|mm|ml|mg|m)\b)")
# The word before a figure: capitalised inside a sentence, it labels (Level 4, Phase 2).
_LABEL = re.compile(r"(?<![.!?:;\"“] )(?<!^)\b[A-Z][a-z]*\.? \Z")


class CountInFigures(UnitRule):
    code = "TC518"
    name = "count-in-figures"
    category = "Locale convention/Number format"
    fixable = True
    summary = "A count of one to nine of the source written as a figure in running text."
    explanation = """
## What it does
Reports a count from one to nine that the source gives with a measure word of
counted things or people (Chinese `3家`, `2位`, `5个`) and the translation writes
as a figure in running text (`3 stores`). Figures with units, times, ages, money,
percentages, decimals, ranges and labels (`Level 4`) are left alone; the fix spells
the number out.

## Why is this bad
English style guides (AP, Chicago, the EU's) spell out one to nine in running
text; a figure there is the source's notation carried over, and reviewers of
translated news mark it.

## Example
```
公司今年新开了3家门店。  →  The company opened 3 new stores this year.
```

## Fix
```
The company opened three new stores this year.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        counts = {m.group(1) for m in _SOURCE_COUNT.finditer(source)}
        if not counts:
            return
        for m in _FIGURE.finditer(target):
            before = target[max(0, m.start() - 24):m.start()]
            if m.group(1) not in counts or _LABEL.search(before):
                continue
            word = _SPELLED[int(m.group(1)) - 1]
            if not before.strip() or before.rstrip()[-1] in ".!?\"“":
                word = word.capitalize()
            yield Finding(m.start(1), m.end(1), f"A count of the source in a figure: “{word}”",
                          fix=word)
