"""Family TC5, source-aware: Chinese names as the translation spells them.

A translation writes a Chinese person's, company's or place's name in Hanyu Pinyin
(张晓明 → Zhang Xiaoming); its letters must read as characters of the source. A word
spelled in pinyin that no run of the source's characters reads as is a name the
engine got wrong (张 → "Zang") or made up; one that does read right may still be
written against the rules of pinyin for names (the given name in one word, the
surname first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern
from transcheck.records import Record

# A capitalised word, or two joined by a hyphen: `Zheng`, `Ling-li`. Not CamelCase
# (WeChat) nor capitals only (BEIJING).
_WORD = LazyPattern(r"(?<![\w'’-])[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?![\w'’-])")


def _chinese(doc: Document, unit: Unit, source: str) -> bool:
    """The unit translates Chinese (a source with Han characters and no kana)."""
    from transcheck.bilingual.romanized import HAN, KANA

    lang = (unit.source_lang or doc.source_lang or "zh").split("-")[0].lower()
    return lang == "zh" and bool(HAN.search(source)) and not KANA.search(source)


class _Word(Record):
    """A capitalised word of a translation, read against the Chinese source."""

    FIELDS = ("match", "english", "found", "syllables")
    match: re.Match[str]
    english: bool  # a word of the English lexicon
    found: tuple[tuple[int, int], ...]  # (start, end) of each run of the source it reads as
    syllables: int  # the fewest it splits into

    def __init__(self, match: re.Match[str], english: bool, found: tuple[tuple[int, int], ...],
                 syllables: int) -> None:
        self._set(match=match, english=english, found=found, syllables=syllables)


def _no_readings(doc: Document) -> dict[int, tuple[_Word, ...]]:
    return {}


def _read(doc: Document, unit: Unit, target: str) -> tuple[_Word, ...]:
    """The capitalised words of the unit's translation spelled in pinyin (or Wade-Giles),
    each read against its source; read once for TC515 and TC516 (per document)."""
    readings = doc.memo(_no_readings)
    if unit.start in readings:
        return readings[unit.start]
    source = unit.source or ""
    words: tuple[_Word, ...] = ()
    if _WORD.search(target) and _chinese(doc, unit, source):
        from transcheck.bilingual.romanized import read_at, splits
        from transcheck.builtin.untranslated import english_lexicon

        lexicon = english_lexicon()
        latin = source.lower()
        found = []
        for m in _WORD.finditer(target):
            key = m.group().replace("-", "").lower()
            parts = splits(key) if key not in latin else ()
            if parts:
                found.append(_Word(m, key in lexicon or m.group().lower() in lexicon,
                                   tuple(read_at(key, source)), min(map(len, parts))))
        words = tuple(found)
    readings[unit.start] = words
    return words


class NameNotInSource(UnitRule):
    code = "TC515"
    name = "romanized-name-mismatch"
    category = "Accuracy/Mistranslation"
    source_languages = frozenset({"zh"})
    summary = "A name spelled in pinyin that no characters of the Chinese source read as."
    explanation = """
## What it does
In a translation from Chinese, reports a capitalised word spelled in Hanyu Pinyin
(or in Wade-Giles, as Taiwan writes names) that no run of the source's characters
reads as, by every reading pypinyin knows of each character, and a one-syllable
surname that does not read the character before the given name it stands with. English words, words
the source itself writes in Latin letters, and the English names CLDR gives to the
countries and cities the source names (澳门 → Macao) are left alone.

## Why is this bad
A name the source does not have is a name the engine got wrong (张 read as "Zang"),
or one it made up: the reader meets a person, company or place that is not in the
original, and nothing but the source shows it.

## Example
```
记者张晓明报道。  →  Reported by Zang Xiaoming.
```

## Fix
```
Reported by Zhang Xiaoming.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        words = _read(doc, unit, target)
        if not words:
            return
        from transcheck.bilingual.romanized import HAN, place_name
        from transcheck.builtin.untranslated import ENGLISH_WORDS

        source = unit.source or ""
        for i, word in enumerate(words):
            m = word.match
            if not word.found and not word.english and word.syllables <= 3 \
                    and not place_name(m.group().replace("-", "").lower(), source):
                yield Finding(m.start(), m.end(),
                              f"“{m.group()}” is spelled as Chinese, but no characters of "
                              "the source read so: a name mistranslated or not in the source")
                continue
            # A surname before a given name the source has once must read the character
            # before that name (郑永刚 is Zheng Yonggang, not Yang Yonggang); "Yang" is an
            # English name too, so any word but the commonest English ones is read.
            given = words[i + 1].match if i + 1 < len(words) else None
            if given is None or target[m.end():given.start()] != " " or "-" in m.group() \
                    or word.syllables != 1 or m.group().lower() in ENGLISH_WORDS:
                continue
            after = words[i + 1].found
            if len(after) == 1 and after[0][1] - after[0][0] >= 2 and after[0][0] and \
                    HAN.match(source, after[0][0] - 1) and \
                    all(end != after[0][0] for _, end in word.found):
                yield Finding(m.start(), m.end(),
                              f"“{m.group()}” stands before {given.group()}, but the "
                              f"source's {source[after[0][0] - 1]} does not read so")


class NameFormat(UnitRule):
    code = "TC516"
    name = "romanized-name-format"
    category = "Locale convention/Name format"
    fixable = True
    source_languages = frozenset({"zh"})
    summary = "A Chinese name of the source written against the rules of pinyin for names."
    explanation = """
## What it does
In a translation from Chinese, reads the names it writes in pinyin against the
characters of the source, and reports those written against the rules for Chinese
names in pinyin (GB/T 28039, as Xinhua and the UN write them): a given name split
into syllables (王丽华 as "Wang Li Hua", 冰冰 as "Bing Bing") or hyphenated
("Wang Li-hua"), and a surname put after the given name ("Lihua Wang").

## Why is this bad
Split, a given name reads as two names; hyphenated, as Wade-Giles; reversed, the
given name is taken for the surname. Readers, and search engines, look for the
name as it is written everywhere else.

## Example
```
记者王丽华报道。  →  Reported by Wang Li Hua.
```

## Fix
```
Reported by Wang Lihua.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        words = _read(doc, unit, target)
        if len(words) < 2:
            return
        source = unit.source or ""
        tokens = [w.match for w in words]
        runs = [w.found for w in words]
        single = [{start for start, end in found if end == start + 1} for found in runs]
        for i in range(len(tokens) - 1):
            if target[tokens[i].end():tokens[i + 1].start()] != " ":
                continue
            first, second = tokens[i], tokens[i + 1]
            ends = {end for _, end in runs[i]}
            follows = {start for start, _ in runs[i + 1]} & ends
            if "-" in second.group():
                if any(end - start == 2 and start in ends for start, end in runs[i + 1]):
                    joined = second.group().replace("-", "")
                    joined = joined[0] + joined[1:].lower()
                    yield Finding(second.start(), second.end(),
                                  f"A given name in pinyin is one word: “{joined}”", fix=joined)
            elif "-" in first.group():
                continue
            elif first.group() == second.group() and any(
                    source[p - 1] == source[p] for p in single[i + 1] & {p + 1 for p in single[i]}):
                yield self._joined(first.start(), second.end(), target)
            elif i + 2 < len(tokens) and target[second.end():tokens[i + 2].start()] == " " \
                    and {p + 2 for p in single[i]} & {p + 1 for p in single[i + 1]} & single[i + 2]:
                yield self._joined(second.start(), tokens[i + 2].end(), target)
            elif not follows and any(start - 1 in single[i + 1] and end - start <= 2
                                     for start, end in runs[i]):
                yield Finding(first.start(), second.end(),
                              f"A Chinese name puts the surname first: “{second.group()} "
                              f"{first.group()}”")

    @staticmethod
    def _joined(start: int, end: int, target: str) -> Finding:
        parts = target[start:end].split()
        joined = parts[0] + "".join(p.lower() for p in parts[1:])
        return Finding(start, end, f"A given name in pinyin is one word: “{joined}”",
                       fix=joined)
