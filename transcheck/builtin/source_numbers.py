"""Family TC5, source-aware: numbers that differ between a unit's source and its target."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern

if TYPE_CHECKING:
    from transcheck.bilingual.numbers import Number

# The readers of numbers and units are imported by the functions that use them: a text
# checked without its source needs neither.

OMISSION = "Accuracy/Omission"
_DIGIT = LazyPattern(r"\d")
# A digit run glued to letters is a code or a name ("G20", "5G", "COVID-19"), not a quantity.
_GLUED = LazyPattern(r"[A-Za-z\u00c0-\u024f\u0370-\u04ff]")


def _quantities(text: str, lang: str | None) -> list[Number]:
    from transcheck.bilingual.numbers import numbers

    # Fractions and slashed dates (3/4, 11/02) are often written out ("three quarters").
    return [n for n in numbers(text, lang)
            if text[n.start - 1:n.start] != "/" and text[n.end:n.end + 1] != "/"
            and not (n.start and (_GLUED.match(text, n.start - 1) or (
                text[n.start - 1] == "-" and n.start > 1 and _GLUED.match(text, n.start - 2))))
            and not (n.end < len(text) and _GLUED.match(text, n.end)
                     and not re.match(r"(?:st|nd|rd|th|s)\b", text[n.end:n.end + 3]))]


def _other_months(source: str, lang: str | None, target: str) -> Iterator[Finding]:
    """Months the translation names where the source names others (in words, or 3月),
    unless a number of the source may be that month (15.03.)."""
    from transcheck.bilingual.numbers import source_months, source_values, target_months

    named = source_months(source, lang)  # most sources name no month: read them first
    if not named:
        return
    for start, end, month in target_months(target):
        if month not in named and float(month) not in source_values(source, lang):
            yield Finding(start, end, f"“{target[start:end]}” where the source names "
                          f"month {', '.join(map(str, sorted(named)))}")


class NumberMismatch(UnitRule):
    code = "TC501"
    name = "number-mismatch"
    severity = Severity.ERROR
    category = "Accuracy/Mistranslation"
    summary = "A number of the source is missing from its translation, or one is added."
    explanation = """
## What it does
Compares the numbers of each unit of a bilingual file (XLIFF, PO, TMX, a table, an
article and its source) with those of its translation. It reports a number in the
translation that no number of the source accounts for, and a number of the source
that the translation does not give. Numbers match whatever way each language writes
them: 3,5 and 3.5, 1.000 and 1,000, 3 Mio. and 3 million, 3万 and 30,000, zwölf and
12, February and the month 2. A month the translation names where the source names
another (März, mars, марта, 3月 → May) is reported too.

## Why is this bad
A wrong figure reads as well as the right one: nothing but the source shows that
a price, a dose or a date changed in translation.

## Example
```
Der Preis beträgt 35 Euro.  →  The price is 53 euros.
```

## Fix
```
The price is 35 euros.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        from transcheck.bilingual.numbers import source_months, source_values, target_values

        lang = unit.source_lang or doc.source_lang
        source = unit.source or ""
        months = list(_other_months(source, lang, target))
        yield from months
        wanted, present = _quantities(source, lang), _quantities(target, "en")
        if not wanted and not present:
            return  # most units: no number on either side, nothing to read further
        justified = source_values(source, lang) if present else frozenset()
        added = [n for n in present if not n.values & justified]
        missing = [n for n in wanted if not any(n.values & t.values for t in present)]
        if missing:  # spelled out, a month name, a code: the slower reading
            given = target_values(target)
            missing = [n for n in missing if not n.values & given]
        if months:  # 2月 → January: the month is reported, not the 2 as left out
            named = {float(m) for m in source_months(source, lang)}
            missing = [n for n in missing if not n.values & named]
        for index, number in enumerate(added):
            instead = f" where the source has “{missing[index].text}”" \
                if index < len(missing) else " (not in the source)"
            yield Finding(number.start, number.end, f"“{number.text}”{instead}")
        if len(missing) > len(added):
            start, end = self.whole(target)
            listed = ", ".join(f"“{n.text}”" for n in missing[len(added):])
            yield Finding(start, end, f"The source's {listed} is not in the translation",
                          category=OMISSION)


class UnitMismatch(UnitRule):
    code = "TC522"
    name = "unit-mismatch"
    severity = Severity.ERROR
    category = "Accuracy/Mistranslation"
    summary = "A number of the source given in another unit in the translation (500 mg → 500 g)."
    explanation = """
## What it does
Reads the unit after each number of a unit and of its translation (mg, ml, km,
mmHg, hours, days, weeks, months, years and ages, in symbols or in the words of German,
French, Spanish, Italian, Portuguese, Russian and Chinese) and reports a number of
the translation whose unit differs from the unit of every number of the source with
the same value. A number the source gives without a unit, or in that unit too, is
not reported.

## Why is this bad
A dose in grams instead of milligrams, or a treatment of six weeks instead of six
months, reads as well as the right one: nothing but the source shows the error.

## Example
```
Die Patienten erhielten 6 Monate lang 500 mg täglich.  →  Patients received 500 g daily for 6 weeks.
```

## Fix
```
Patients received 500 mg daily for 6 months.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        from transcheck.bilingual.numbers import numbers
        from transcheck.bilingual.units import measures

        present = measures(target, "en") if _DIGIT.search(target) else []
        if not present:
            return
        lang = unit.source_lang or doc.source_lang
        source = unit.source or ""
        given = measures(source, lang)
        tokens = numbers(source, lang)
        for measure in present:
            same = [g for g in given if g.values & measure.values]
            if not same or any(g.unit == measure.unit for g in same):
                continue
            if sum(bool(n.values & measure.values) for n in tokens) > len(same):
                continue  # the source has the number without a unit too
            yield Finding(measure.start, measure.end,
                          f"“{measure.text}” where the source has “{same[0].text}”")
