"""Family TC5, source-aware: the source's dates and counts written the English way.

A date or a small count of the source is a fact the translation keeps; how it is
written is the target locale's convention (CLDR's, through Babel): `3月5日` is
"March 5" in US English, "5 March" in British English, and never
"March 5th" or "Mar. 5" in running text; `3家` is "three", not "3".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from transcheck.bilingual.rule import UnitRule
from transcheck.builtin.formats import MONTHS
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern

if TYPE_CHECKING:
    from typing_extensions import Self

    from transcheck.config import Settings

_NUMERAL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
# 2024年3月5日, 三月五日, 3月5号 (Chinese and Japanese); 3월 5일 (Korean).
_SOURCE_DATE = LazyPattern(rf"({_NUMERAL})\s*[月월]\s*({_NUMERAL})\s*[日号號일]")
_ABBREVIATED = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MONTH = rf"(?P<month>{'|'.join(MONTHS)}|(?P<short>{_ABBREVIATED})\b(?:\.(?= ?\d))?)"
_DAY = r"(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_MONTH_FIRST = LazyPattern(rf"\b{_MONTH} {_DAY}\b(?:,? {_YEAR})?")
_DAY_FIRST = LazyPattern(rf"\b(?:the )?{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?")


# A news dateline that gives the day of the month only: 11日电, 11日讯, 11日消息.
_DATELINE = LazyPattern(rf"(?<![月\d])({_NUMERAL})\s*日(?:电|電|讯|訊|消息)")
_IN_BRACKET = LazyPattern(r"[(（][^()（）]*\Z")
_NEAR_MONTH = LazyPattern(rf"\b(?:{'|'.join(MONTHS)}|{_ABBREVIATED})\b")


def _value(numeral: str) -> int:
    from transcheck.bilingual.numbers import cjk_number  # a text without its source: unused

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
the month abbreviated (`Mar. 5`). The fix writes the locale's form. A news dateline
that gives the day only (`综合5日电`) rendered as the bare day (`5`, `the 5th`) is
reported too: an English date names its month.

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
        if "日" in source:
            yield from self._dateline(source, target)
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


    @staticmethod
    def _dateline(source: str, target: str) -> Iterator[Finding]:
        """A news dateline of the day only (综合11日电: the 11th of the month it went out)
        rendered as the bare day: an English date names its month."""
        for day in {_value(m.group(1)) for m in _DATELINE.finditer(source)}:
            found = list(re.finditer(rf"(?<![\d.,]){day}(st|nd|rd|th)?(?![\d.,%])", target))
            if any(_NEAR_MONTH.search(target, max(0, m.start() - 12), m.end() + 12)
                   for m in found):
                continue  # the day with its month: the dateline is rendered
            for m in found:
                # The day as an ordinal ("the 11th"), or a bare number in the bracket of a
                # dateline ("(Combined 11)"): not 11 of something else.
                if m.group(1) or _IN_BRACKET.search(target, max(0, m.start() - 30), m.start()):
                    yield Finding(m.start(), m.end(), f"The source's dateline gives the day "
                                  f"only ({day}日): an English date names its month")


# Measure words of counted things and people (3家 stores, 2位 guests, 5个 teams):
# not those of time, age, money or measures, which English writes in figures.
_COUNTED = ("个個名位家只隻项項条條台辆輛架艘件种種款座所支批份户戶例起处處栋棟头頭匹本篇部"
            "场場张張把棵颗顆枚间間封幅组組队隊")
# 个 before a unit of time counts the time (3个月 three months, 2个小时), not things.
_SOURCE_COUNT = LazyPattern(
    rf"(?<![\d.,第])([1-9])\s?(?![个個](?:月|小时|小時|钟头|鐘頭|星期|礼拜|禮拜|工作日))[{_COUNTED}]")
_SPELLED = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# A figure on its own before a word: not 4.5, 4%, 4:30, 4-5, 4 to 6, $4, 4th, 4 km.
_FIGURE = LazyPattern(r"(?<![\w.,:/$€£¥#%+-])([1-9]) (?=(?:of )?[a-z]{2,})"
                     r"(?!(?:to|or|and) \d)(?!(?:a\.?m|p\.?m|percent|per|times|million|billion|"
                     r"trillion|thousand|hundred|km|kg|cm|mm|ml|mg|m)\b)")
# The word before a figure: capitalised inside a sentence, it labels (Level 4, Phase 2).
_LABEL = LazyPattern(r"(?<![.!?:;\"“] )(?<!^)\b[A-Z][a-z]*\.? \Z")


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


# Chinese short names of currencies that CLDR names in full (新加坡元 is 新元 in the news,
# 马来西亚林吉特 is 令吉 in Malaysia's).
_SHORT_NAMES = {"新元": "SGD", "新币": "SGD", "港币": "HKD", "台币": "TWD", "美金": "USD",
                "澳门元": "MOP", "葡币": "MOP", "澳元": "AUD", "人民币": "CNY", "块钱": "CNY",
                "令吉": "MYR", "林吉特": "MYR", "卢布": "RUB"}
# 元 after a number, not ending another currency's name (美元, 新元): the yuan.
_YUAN = LazyPattern(r"[\d〇一二三四五六七八九十百千万萬亿億]\s*元")
_SIGNS = {"US$": "USD", "S$": "SGD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "AU$": "AUD",
          "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "MOP$": "MOP", "€": "EUR", "£": "GBP",
          "₩": "KRW", "₹": "INR"}
_AMOUNT = r"\d[\d,.]*(?:\s?(?:thousand|million|billion|trillion|bn|m)\b)?"


@lru_cache(maxsize=1)
def _currencies() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, set[str]]]:
    """The Chinese names of currencies (CLDR's, and the short ones of the news) with
    their codes, and English amounts (`US$5`, `5 Singapore dollars`, `¥5`, `5 yuan`,
    `RMB 5`) with the codes each may mean."""
    from babel import Locale

    english = {code: name for code, name in Locale("en").currencies.items()
               if not code.startswith("X")}
    chinese = dict(_SHORT_NAMES)
    for tag in ("zh", "zh_Hant"):
        for code, name in Locale.parse(tag).currencies.items():
            if code in english and len(name) >= 2:
                chinese.setdefault(name, code)
    source = re.compile("|".join(sorted(map(re.escape, chinese), key=len, reverse=True)))
    # "Singapore Dollar" → "singapore dollar" means SGD; "dollar" alone, any dollar.
    words: dict[str, set[str]] = {"yuan": {"CNY"}, "renminbi": {"CNY"}, "rmb": {"CNY"},
                                  "¥": {"CNY", "JPY"}, "￥": {"CNY", "JPY"}}
    for code, name in english.items():
        unit = name.split()[-1].lower()
        if unit in ("dollar", "yen", "euro", "baht", "rupee", "peso", "ruble", "ringgit",
                    "pataca", "franc"):
            words.setdefault(unit, set()).add(code)
            words.setdefault(name.lower(), set()).add(code)
            words.setdefault(code.lower(), set()).add(code)
    words["$"] = set(words["dollar"])
    words["us"] = words["u.s."] = words["american"] = {"USD"}  # qualifiers of "dollar"
    for sign, code in _SIGNS.items():
        words[sign.lower()] = {code}
    def alternatives(keep: Callable[[str], bool]) -> str:
        return "|".join(sorted((re.escape(w) for w in words if keep(w)), key=len, reverse=True))

    qualified = alternatives(lambda w: " " in w)
    units = alternatives(lambda w: w.isalpha() and (len(w) > 3 or w in ("yuan", "yen")))
    signs = alternatives(lambda w: (len(w) == 3 and w.isalpha()) or (not w.isalpha()
                         and " " not in w and w != "u.s."))
    target = re.compile(
        rf"(?i:(?<![\w$])(?P<sign>{signs})\s?{_AMOUNT}|(?<![\w.]){_AMOUNT}\s"
        rf"(?P<name>(?:{qualified}|(?:U\.S\.|US|American)\s+dollar|{units}|rmb)s?)\b)")
    return source, chinese, target, words


class CurrencyMismatch(UnitRule):
    code = "TC521"
    name = "currency-mismatch"
    category = "Accuracy/Mistranslation"
    summary = "An amount in another currency than any the source names (新元 → “yuan”)."
    explanation = """
## What it does
Reads the currencies of the source (by their Chinese names in CLDR, and the short
ones of the news: 新元, 港币, 美金; 元 after a number is the yuan) and reports an
amount of the translation in a currency the source does not name: `5 yuan` for
5新元, `$5` (a dollar) for 5元, `US$5` for 5港元. A bare `$` or `dollars` may be
any dollar; `¥` the yuan or the yen.

## Why is this bad
The number is right and the amount is wrong: a Singapore dollar is about five
yuan. Nothing in the translation shows it.

## Example
```
门票售价20新元。  →  Tickets cost 20 yuan.
```

## Fix
```
Tickets cost 20 Singapore dollars.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        if not any(c in source for c in "元币镑金郎比索铢"):
            return  # most units: no currency
        names, chinese, amounts, words = _currencies()
        named = {chinese[m.group()] for m in names.finditer(source)}
        named |= {"CNY" for m in _YUAN.finditer(source) if not names.match(source, m.end() - 2)}
        if not named:
            return
        for m in amounts.finditer(target):
            found = (m.group("sign") or m.group("name")).lower()
            if found.endswith("s") and found not in words:
                found = found[:-1]
            head = found.rsplit(" ", 1)[0] if " dollar" in found else found
            means = words.get(found) or words.get(head, set())
            if means and not means & named:
                where = m.start("sign") if m.group("sign") else m.start("name")
                shown = m.group("sign") or m.group("name")
                listed = ", ".join(sorted(named))
                yield Finding(where, where + len(shown),
                              f"“{shown}” is not the source's currency ({listed})")
