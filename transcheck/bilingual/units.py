"""Units of measure after numbers, as a source and its English translation write them.

`5 mg`, `5 мг` and `5毫克` are the same measure; `6 Monate`, `6 mois`, `6个月` and
`6 months` are the same span of time. Each unit form maps to one canonical unit, so
that a rule can tell `500 mg` from `500 g` and `6 Monate` from `6 weeks` whatever the
languages. Symbols (SI and the medical ones) are written alike in the Latin-script
languages; words are listed with their inflections, since a table this small is
shorter than an inflection library's rules for seven languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transcheck.bilingual.numbers import reading
from transcheck.lazy import LazyPattern

# canonical unit: its symbols (any language), the source languages' words, English words.
_UNITS: dict[str, tuple[str, str, str]] = {
    "µg": ("µg μg mcg ug мкг", "Mikrogramm microgramme microgrammes microgramos microgrammi "
           "microgramas микрограмм 微克", "microgram micrograms"),
    "mg": ("mg мг", "Milligramm milligramme milligrammes miligramos milligrammi miligramas "
           "миллиграмм миллиграммов 毫克", "milligram milligrams"),
    "g": ("g г", "Gramm gramme grammes gramo gramos grammo grammi grama gramas грамм "
          "граммов грамма 克", "gram grams gramme grammes"),
    "kg": ("kg кг", "Kilogramm kilogramme kilogrammes kilo kilos kilogramo kilogramos "
           "chilogrammo chilogrammi chili quilograma quilogramas quilo quilos килограмм "
           "килограммов 千克 公斤", "kilogram kilograms kilo kilos"),
    "ml": ("ml mL мл", "Milliliter millilitre millilitres mililitro mililitros millilitro "
           "millilitri миллилитр миллилитров 毫升", "milliliter milliliters millilitre "
           "millilitres"),
    "l": ("l L л", "Liter litre litres litro litros litri литр литров литра 升",
          "liter liters litre litres"),
    "mm": ("mm мм", "Millimeter millimètre millimètres milímetro milímetros millimetro "
           "millimetri миллиметр миллиметров 毫米", "millimeter millimeters millimetre "
           "millimetres"),
    "cm": ("cm см", "Zentimeter centimètre centimètres centímetro centímetros centimetro "
           "centimetri сантиметр сантиметров 厘米", "centimeter centimeters centimetre "
           "centimetres"),
    "km": ("km км", "Kilometer kilomètre kilomètres kilómetro kilómetros chilometro "
           "chilometri quilômetro quilômetros quilómetro quilómetros километр километров "
           "километра 公里 千米", "kilometer kilometers kilometre kilometres"),
    "mmHg": ("mmHg", "мм+рт 毫米汞柱", ""),  # + stands for a space
    "s": ("sec сек", "Sekunde Sekunden seconde secondes segundo segundos secondo secondi "
          "секунда секунды секунд 秒", "second seconds secs"),
    "min": ("min мин", "Minute Minuten minute minutes minuto minutos minuti минута минуты "
            "минут 分钟 分鐘", "minute minutes mins"),
    "h": ("h Std ч", "Stunde Stunden heure heures hora horas ora ore час часа часов "
          "小时 小時 个小时 個小時 钟头 鐘頭", "hour hours hr hrs"),
    "day": ("", "Tag Tage Tagen jour jours día días giorno giorni dia dias день дня дней "
            "сутки суток 天", "day days"),
    "week": ("", "Woche Wochen semaine semaines semana semanas settimana settimane неделя "
             "недели недель неделю 周 週 星期 个星期 個星期", "week weeks wk wks"),
    "month": ("", "Monat Monate Monaten mois mes meses mese mesi mês месяц месяца месяцев "
              "个月 個月", "month months mo"),
    "year": ("", "Jahr Jahre Jahren an ans année années año años anno anni ano anos год "
             "года лет 年 岁 歲 周岁 周歲 週歲", "year years yr yrs"),
}
# Units of one letter glued to a number are something else in English (the 1990s, 5G).
_ONE_LETTER = frozenset("smhgl")
_CJK = LazyPattern(r"[\u3400-\u9fff]")
_NUMBER = (r"(?<![0-9A-Za-z\u00c0-\u024f\u0400-\u04ff.,])"
           r"(\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d+)?)")


@dataclass(frozen=True)
class Measure:
    """A number with its unit: where the unit is, what the number may be, which unit."""

    start: int
    end: int
    text: str
    values: frozenset[float]
    unit: str


@lru_cache(maxsize=2)
def _pattern(english: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    """The regex of a number before a unit form (English ones, or the source languages'),
    and the canonical unit of each form (lower-cased unless case tells units apart)."""
    canonical: dict[str, str] = {}
    for unit, (symbols, words, english_words) in _UNITS.items():
        for form in symbols.split():
            canonical[form] = unit
        for form in (english_words if english else words).split():
            form = form.replace("+", " ")
            canonical.setdefault(form, unit)
            canonical.setdefault(form.lower(), unit)
    latin = sorted((f for f in canonical if not _CJK.search(f)), key=len, reverse=True)
    cjk = sorted((f for f in canonical if _CJK.search(f)), key=len, reverse=True)
    alternatives = [rf"(?:\s|-)?(?P<word>{'|'.join(map(re.escape, latin))})\.?(?![^\W\d_]|['’])"]
    if cjk:  # 周年 is an anniversary, 年级 a school year, 年代 a decade
        alternatives.append(rf"\s?(?P<cjk>{'|'.join(cjk)})(?![年级級代度])")
    return re.compile(rf"{_NUMBER}(?:{'|'.join(alternatives)})", re.IGNORECASE), canonical


def measures(text: str, lang: str | None) -> list[Measure]:
    """Numbers followed by a unit in `text` (`lang` "en": English unit words)."""
    english = (lang or "en").split("-")[0] == "en"
    pattern, canonical = _pattern(english)
    found = []
    for m in pattern.finditer(text):
        where = "word" if m.group("word") else "cjk"
        form = m.group(where)
        unit = canonical.get(form) or canonical.get(form.lower())
        if unit is None or (form.lower() in _ONE_LETTER and m.end(1) == m.start(where)):
            continue
        values = reading(m.group(1), lang)
        if form == "年" and max(values) > 150:
            continue  # 2019年 is a year of the calendar
        found.append(Measure(m.start(where), m.end(where), form, values, unit))
    return found
