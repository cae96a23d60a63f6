"""Family TC5, source-aware: what the translation says that the source does not.

A pronoun of the other gender than the source's (她 is "she", never "he"), and a
phrase said three times over where the source says it once: an engine that lost
its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from transcheck.bilingual.romanized import HAN
from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern

# 她 and 他 as a person's pronoun: not 她们/他们 (they), 其他 (other), 他人 (others),
# 他国/他乡/他处 (another country, place), 吉他 (guitar).
_SHE = LazyPattern(r"她(?![们們])")
_HE = LazyPattern(r"(?<![其吉])他(?![们們人国國乡鄉处處者日山方物])")
_EN_HE = LazyPattern(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_EN_SHE = LazyPattern(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


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


_WORDS = LazyPattern(r"\w[\w'’-]*")
_BETWEEN = LazyPattern(r"[\s,;]+")
# The source saying something three times over itself (rhetoric, a list of the same).
_SOURCE_LOOP = LazyPattern(r"(\S{2,}?)(?:[\s,，、;；]*\1){2,}")


# Over the words of a text, lower case, one space after each: a run of two to twelve
# said three times in a row or more. The regex engine does the search in C.
_REPEATED = LazyPattern(r"(?:^| )((?:\S+ ){2,12}?)\1{2,}")

def _loops(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, size, times) of each run of `size` words (two to twelve) said `times`
    (three or more) times in a row, with nothing but spaces, commas and semicolons
    between; `start` is where its first saying ends."""
    if not _REPEATED.search(" ".join(_WORDS.findall(text.lower())) + " "):
        return
    words = list(_WORDS.finditer(text))
    # Anything else between two words is a token of its own, `\0`, that no saying may
    # hold: "Why not? Why not? Why not?" is rhetoric, not a loop.
    tokens: list[str] = []
    at: list[int] = []  # the word of each token (-1: a `\0`)
    for i, word in enumerate(words):
        tokens.append(word.group().lower())
        at.append(i)
        if i + 1 < len(words) and not _BETWEEN.fullmatch(text, word.end(), words[i + 1].start()):
            tokens.append("\0")
            at.append(-1)
    line = " ".join(tokens) + " "
    for m in _REPEATED.finditer(line):
        said = m.group(1)
        if "\0" in said:
            continue
        size = said.count(" ")
        times = (m.end() - m.start(1)) // len(said)
        first = line.count(" ", 0, m.start(1))
        yield (words[at[first + size - 1]].end(), words[at[first + times * size - 1]].end(),
               size, times)


class RepetitionNotInSource(UnitRule):
    code = "TC520"
    name = "repetition-not-in-source"
    category = "Accuracy/Addition"
    summary = "A phrase repeated three times or more in a row where the source does not repeat."
    explanation = """
## What it does
Reports a run of two to twelve words that the translation says three times or more
in a row, with or without commas between ("the people of the city, the people of
the city, the people of the city"), when the source says nothing three times over
and the translation is half as long again as its source leads to expect (a loop
makes it long).
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
        source = unit.source or ""
        # A loop makes a translation long: about three letters per Chinese or Japanese
        # character, one per letter of other scripts, and half as much again.
        if len(target) < 1.5 * len(source) * (3 if HAN.search(source) else 1.2):
            return  # nearly every unit: no room for a loop, nothing to search
        loops = list(_loops(target))
        if not loops or _SOURCE_LOOP.search(source):
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
