"""Family TC5, source-aware: what the translation says that the source does not.

A pronoun of the other gender than the source's (她 is "she", never "he"), and a
phrase said three times over where the source says it once: an engine that lost
its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit

# 她 and 他 as a person's pronoun: not 她们/他们 (they), 其他 (other), 他人 (others),
# 他国/他乡/他处 (another country, place), 吉他 (guitar).
_SHE = re.compile(r"她(?![们們])")
_HE = re.compile(r"(?<![其吉])他(?![们們人国國乡鄉处處者日山方物])")
_EN_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_EN_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


class PronounGender(UnitRule):
    code = "TC519"
    name = "pronoun-gender-mismatch"
    category = "Accuracy/Gender Mismatch"
    source_languages = frozenset({"zh"})
    summary = "A pronoun of the other gender than the Chinese source's (她 → “he”)."
    explanation = """
## What it does
In a translation from Chinese, reports "he", "him" and "his" where the source
speaks of a woman (她) and of no man (他), and "she" and "her" where the source
speaks of a man and of no woman, when the translation has no pronoun of the
source's gender at all. Plurals (他们, 她们: "they") and words built on 他 (其他
"other", 他人 "others") are not pronouns of a person.

## Why is this bad
Spoken Chinese says "tā" for both; an engine that guessed turns a woman into a
man. The reader has no way to tell.

## Example
```
她是这家公司的创始人。  →  He is the founder of the company.
```

## Fix
```
She is the founder of the company.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        she, he = bool(_SHE.search(source)), bool(_HE.search(source))
        if she == he:
            return  # neither (most units), or both: nothing certain
        wrong, right = (_EN_HE, _EN_SHE) if she else (_EN_SHE, _EN_HE)
        if right.search(target):
            return
        pronoun, meaning = ("她", "she") if she else ("他", "he")
        for m in wrong.finditer(target):
            yield Finding(m.start(), m.end(),
                          f"The source's {pronoun} is “{meaning}”: “{m.group()}” is the "
                          "other gender")


_WORDS = re.compile(r"\w[\w'’-]*")
_BETWEEN = re.compile(r"[\s,;]+")
# The source saying something three times over itself (rhetoric, a list of the same).
_SOURCE_LOOP = re.compile(r"(\S{2,}?)(?:[\s,，、;；]*\1){2,}")


def _loops(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, size, times) of each run of `size` words (two to twelve) said `times`
    (three or more) times in a row, with nothing but spaces, commas and semicolons
    between; `start` is where its first saying ends."""
    words = list(_WORDS.finditer(text))
    lowered = [w.group().lower() for w in words]
    i = 0
    while i < len(words):
        for size in range(2, 13):
            times = 1
            while lowered[i:i + size] == lowered[i + times * size:i + (times + 1) * size] \
                    and all(_BETWEEN.fullmatch(text, words[j - 1].end(), words[j].start())
                            for j in range(i + 1, i + (times + 1) * size)):
                times += 1
            if times >= 3:
                yield (words[i + size - 1].end(), words[i + times * size - 1].end(), size, times)
                i += times * size
                break
        else:
            i += 1


class RepetitionNotInSource(UnitRule):
    code = "TC520"
    name = "repetition-not-in-source"
    category = "Accuracy/Addition"
    summary = "A phrase repeated three times or more in a row where the source does not repeat."
    explanation = """
## What it does
Reports a run of two to twelve words that the translation says three times or more
in a row, with or without commas between ("the people of the city, the people of
the city, the people of the city"), when the source says nothing three times over.
The repetitions after the first are reported; a loop that fills most of the
translation as a non-translation.

## Why is this bad
A neural engine that loses its place repeats itself until its length limit; the
repetitions stand for nothing in the source, and the rest of the source is often
lost with them.

## Example
```
她介绍了城市的历史。  →  She described the history of the city, the history of the city,
the history of the city.
```

## Fix
```
She described the history of the city.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        loops = list(_loops(target))
        if not loops or _SOURCE_LOOP.search(unit.source or ""):
            return
        for end_first, end, size, times in loops:
            start = _WORDS.search(target, end_first)
            said = " ".join(w.group() for w in _WORDS.finditer(target[:end_first]))
            phrase = " ".join(said.split()[-size:])
            begin = start.start() if start else end_first
            # A loop that fills most of the translation leaves no translation.
            category = "Non-translation" if end - begin > len(target.strip()) / 2 else None
            yield Finding(begin, end,
                          f"“{phrase}” said {times} times in a row; the source says it once",
                          category=category)
