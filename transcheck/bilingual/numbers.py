"""Numbers as a source and its English translation write them.

A number token gets every value it can stand for: `1.000` is a thousand in German
and one in English, `3 Mio.` is both 3 and 3,000,000 (the translation may write "3
million"), `3万` is 30,000, `80年代` may become "the 1980s". A source number and a
target number match when their value sets meet, so a rule built on them errs on the
side of silence. Spelled-out numbers: text2num reads those of the Latin-script
languages it knows; Chinese numerals are read here (cn2an does it too, but takes a
second to import, more than checking a 2 MB catalogue costs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from transcheck.lazy import LazyPattern

# Languages that write 3,5 for three and a half and 1.000 for a thousand.
_DECIMAL_COMMA = frozenset(
    ["de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sl", "hr", "sr",
     "bg", "ro", "hu", "da", "sv", "nb", "no", "fi", "et", "lv", "lt", "tr", "el", "id", "vi"])
# Languages whose spelled-out numbers text2num reads.
_TEXT2NUM = frozenset({"en", "fr", "es", "pt", "de", "nl", "it", "da"})
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6,
    "k": 1e3, "tsd": 1e3, "mio": 1e6, "mrd": 1e9, "millionen": 1e6, "milliarden": 1e9,
    "millions": 1e6, "milliards": 1e9, "milliard": 1e9, "millones": 1e6, "millón": 1e6,
    "milioni": 1e6, "miliardi": 1e9, "milione": 1e6, "miliardo": 1e9, "milhões": 1e6,
    "milhão": 1e6, "bilhões": 1e9, "bilhão": 1e9, "mil": 1e3, "mille": 1e3,
    "тыс": 1e3, "млн": 1e6, "млрд": 1e9, "miljoen": 1e6, "miljard": 1e9,
    "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "百": 1e2, "兆": 1e12,
}
_DIGITS = r"\d+(?:[.,\u00a0\u202f' ]\d+)*"
_AFTER = r"%|‰|percent|per cent|[A-Za-zа-яё]+\.?|[万萬亿億千百兆]"  # a sign, a scale, a suffix
_NUMBER = LazyPattern(rf"(?<![0-9A-Za-z\u00c0-\u024f.,])({_DIGITS})(?:\s?({_AFTER}))?",
                     re.IGNORECASE)
_GLUED_DIGITS = LazyPattern(r"(?<=[^\W\d_])\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?(?=[^\W\d_])")
_CJK_NUMERAL = LazyPattern(r"(?:\d+(?:\.\d+)?)?[〇零一二两兩三四五六七八九十百千万萬亿億]+")
_CLOCK = LazyPattern(r"(?::\d\d)?\s*([ap])\.?m\b\.?", re.IGNORECASE)
_RANGE = LazyPattern(r"\s*(?:to|and|or|-|–|—|~|至|到|bis|à|a|al|e|et|und|до)\s*(?:[$€£¥]|S\$)?")
_ORDINAL = LazyPattern(r"^(?:st|nd|rd|th|s)$", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
_MONTH_WORD = LazyPattern(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) +
                         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")
_EN_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion first second third fourth fifth sixth "
    "seventh eighth ninth tenth eleventh twelfth twentieth dozen dozens half double twice "
    "single both once pair thrice quarter")
_EN_VALUES = {w: i for i, w in enumerate(_EN_WORDS.split()[:20])} | {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1e6,
    "billion": 1e9, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "twentieth": 20, "dozen": 12, "dozens": 12, "half": 0.5, "double": 2, "twice": 2,
    "single": 1, "both": 2, "once": 1, "pair": 2, "thrice": 3, "quarter": 0.25,
}
_EN_WORD = LazyPattern(r"\b(?:" + "|".join(sorted(_EN_VALUES, key=len, reverse=True)) +
                      r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number token: where it is (in the text it was read from) and what it may mean."""

    start: int
    end: int
    text: str
    values: frozenset[float]


def _values(digits: str, unit: str | None, decimal_comma: bool) -> set[float]:
    """Every value `digits` (with the word or sign after it) may stand for."""
    readings: set[float] = set()
    groups = re.split(r"[.,\u00a0\u202f' ]", digits)
    separators = re.findall(r"[.,\u00a0\u202f' ]", digits)
    if not separators:
        readings.add(float(digits))
    else:
        whole = "".join(groups)
        if all(len(g) == 3 for g in groups[1:]):  # 1,000 / 1.000 / 1 000: thousands
            readings.add(float(whole))
        if len(separators) == 1 and len(groups[1]) == 2:  # 14.30 (Uhr): hours and minutes
            readings.update(float(g) for g in groups)
        if len(separators) == 1:  # 3,5 / 3.5: a fraction (and 1,234 in English is not)
            if separators[0] == "." or (separators[0] == "," and (
                    decimal_comma or len(groups[1]) != 3)):
                readings.add(float(f"{groups[0]}.{groups[1]}"))
        elif len(set(separators)) == 2 and separators[-1] in ".,":
            # 1.234,5 or 1,234.5: the last separator is the decimal mark
            readings.add(float("".join(groups[:-1]) + "." + groups[-1]))
        if not readings:
            readings.update(float(g) for g in groups if g)
    scale = _SCALES.get((unit or "").lower().rstrip("."))
    if scale:
        readings |= {r * scale for r in readings}
    if unit and _ORDINAL.match(unit) and unit.lower() == "s":  # the 1980s ← 80年代
        readings |= {r % 100 for r in readings}
    return {_rounded(r) for r in readings}


def reading(digits: str, lang: str | None) -> frozenset[float]:
    """Every value a run of digits (`3,5`, `1.000`, `1 000`) may have in language `lang`."""
    return frozenset(_values(digits, None, (lang or "en").split("-")[0] in _DECIMAL_COMMA))


def _rounded(value: float) -> float:
    """`value` to 9 significant digits: 315.1 × 10⁸ is 31.51 × 10⁹."""
    return float(f"{value:.9g}")


def numbers(text: str, lang: str | None) -> list[Number]:
    """Numbers written in digits in `text`, in language `lang` (None: English reading)."""
    base = (lang or "en").split("-")[0]
    decimal_comma = base in _DECIMAL_COMMA
    found: list[Number] = []
    for m in _NUMBER.finditer(text):
        digits, unit = m.group(1).rstrip(" \u00a0\u202f'.,"), m.group(2)
        if unit and not (unit.lower().rstrip(".") in _SCALES or _ORDINAL.match(unit)
                         or unit in ("%", "‰") or unit.lower() in ("percent", "per cent")):
            unit = None
        end = m.start(1) + len(digits)
        if unit and unit.lower().rstrip(".") in _SCALES:
            end = m.end()
        values = _values(digits, unit, decimal_comma)
        clock = _CLOCK.match(text, m.start(1) + len(digits))
        if clock and digits.isdigit() and int(digits) <= 12:  # 2:30 pm is 14:30, 12 am is 0
            values |= {float(int(digits) % 12 + (12 if clock.group(1).lower() == "p" else 0))}
        if found and _RANGE.fullmatch(text, found[-1].end, m.start(1)) and unit and \
                unit.lower().rstrip(".") in _SCALES:
            # "12 to 14 million": the scale of the second is the first's too
            scale = _SCALES[unit.lower().rstrip(".")]
            last = found[-1]
            found[-1] = Number(last.start, last.end, last.text, last.values | frozenset(
                _rounded(v * scale) for v in last.values))
        found.append(Number(m.start(1), end, text[m.start(1):end], frozenset(values)))
    return found


_CJK_DIGITS = {c: d for d, chars in enumerate(
    ["〇零", "一", "二两兩", "三", "四", "五", "六", "七", "八", "九"]) for c in chars}
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
_CJK_LARGE = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}


def cjk_number(run: str) -> float:
    """The value of a run of Chinese numerals, after optional digits (`3.5万`, `两百`,
    `一千二百三十四`, `二〇二三`)."""
    head = re.match(r"\d+(?:\.\d+)?", run)
    number = float(head.group()) if head else 0.0
    rest = run[head.end() if head else 0:]
    if rest and all(c in _CJK_DIGITS for c in rest) and not number:  # 二〇二三: digit by digit
        return float("".join(str(_CJK_DIGITS[c]) for c in rest))
    total = section = 0.0
    for char in rest:
        if char in _CJK_DIGITS:
            number = _CJK_DIGITS[char]
        elif char in _CJK_SMALL:
            section += (number or 1) * _CJK_SMALL[char]
            number = 0
        else:
            total = (total + section + number or 1) * _CJK_LARGE[char]
            section = number = 0
    return total + section + number


def _cjk_values(text: str) -> Iterator[float]:
    for m in _CJK_NUMERAL.finditer(text):
        yield _rounded(cjk_number(m.group()))


@lru_cache(maxsize=4096)
def source_values(source: str, lang: str | None) -> frozenset[float]:
    """Every value the source may give a number in its translation: its digits, its
    spelled-out and CJK numbers, with their scales."""
    base = (lang or "").split("-")[0]
    values: set[float] = set()
    for number in numbers(source, lang):
        values |= number.values
    # Digits glued to letters (IC95, 2h30, 10mg) are not quantities to look for, but a
    # translation may write them apart ("95% CI", "2 h 30", "10 mg").
    for m in _GLUED_DIGITS.finditer(source):
        values |= _values(m.group(), None, base in _DECIMAL_COMMA)
    if base in _TEXT2NUM:
        from text_to_num import alpha2digit

        converted = alpha2digit(source, base)
        if converted != source:
            for number in numbers(converted, lang):
                values |= number.values
    if base in ("zh", "ja", "") and _CJK_NUMERAL.search(source):
        values.update(_cjk_values(source))
    return frozenset(values)


def target_values(text: str) -> frozenset[float]:
    """Every value an English text gives: digits, number words and month names."""
    values: set[float] = set()
    for number in numbers(text, "en"):
        values |= number.values
    for m in _EN_WORD.finditer(text):
        word = m.group().lower()
        head, _, tail = word.partition("-")
        value = _EN_VALUES.get(head, 0) + (_EN_VALUES.get(tail, 0) if tail else 0)
        values.add(float(value))
    for m in _MONTH_WORD.finditer(text):
        values.add(float(_MONTHS.get(m.group(1).lower(), 0) or
                         next(i for w, i in _MONTHS.items() if w.startswith(
                             m.group(1).lower()[:3]))))
    return frozenset(values)


@lru_cache(maxsize=16)
def _month_names(lang: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """A regex of the months' full names in `lang` (CLDR's, through Babel: the forms of
    dates and those standing alone, as русский writes марта and март) with their numbers;
    None for a language Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        months = Locale.parse(lang).months
    except (UnknownLocaleError, ValueError):
        return None
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in months[context]["wide"].items():
            names[name] = number
    # Cases beyond the two CLDR lists (в марте): a stem of four letters or more that both
    # forms share takes an ending of two letters at most.
    stems = {}
    for number in range(1, 13):
        forms = [name for name, n in names.items() if n == number]
        stem = forms[0]
        for form in forms[1:]:
            while not form.startswith(stem):
                stem = stem[:-1]
        if len(stem) >= 4 and len(forms) > 1:
            stems[stem] = number
    alternatives = [re.escape(n) for n in sorted(names, key=len, reverse=True)]
    alternatives += [rf"{re.escape(s)}\w{{0,2}}" for s in stems]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)"), {**names, **stems}


_CJK_MONTH = LazyPattern(r"(?<![\d个個])(1[0-2]|[1-9])\s?月")


def source_months(source: str, lang: str | None) -> frozenset[int]:
    """The months the source names: in words of its language, or as 3月 in Chinese and
    Japanese."""
    base = (lang or "").split("-")[0]
    if base in ("zh", "ja"):
        return frozenset(int(m.group(1)) for m in _CJK_MONTH.finditer(source))
    named = _month_names(base) if base and base != "en" else None
    if named is None:
        return frozenset()
    pattern, numbers_of = named
    found = set()
    for m in pattern.finditer(source):
        word = m.group()
        found.add(numbers_of.get(word) or next(
            n for stem, n in numbers_of.items() if word.startswith(stem)))
    return frozenset(found)


def target_months(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, month) of each English month name in `text`; a "May" that begins a
    sentence may be the verb."""
    for m in _MONTH_WORD.finditer(text):
        name = m.group(1).lower()
        if name == "may" and (not text[:m.start()].strip() or
                              text[:m.start()].rstrip()[-1] in ".!?\"“"):
            continue
        month = _MONTHS.get(name) or next(
            i for w, i in _MONTHS.items() if w.startswith(name[:3]))
        yield m.start(1), m.start(1) + len(m.group(1)), month
