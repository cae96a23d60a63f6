"""Chinese characters and the Latin letters an English translation writes them in.

pypinyin's table gives every reading of a character (all its readings: the table
cannot know which one a name takes); a word of the translation spelled in Hanyu
Pinyin, or in Wade-Giles as Taiwan writes names, is *read in the source* when
consecutive characters of the source read as its syllables. Countries and cities
have English names of their own (澳门 is Macao, not Aomen): CLDR's, through Babel.
Everything is loaded on first use: a file without Chinese never pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from transcheck.lazy import LazyPattern

HAN = LazyPattern(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = LazyPattern(r"[\u3040-\u30ff]")
# Syllables that are interjections (呣 m, 嗯 n, 哦 o, 欸 ei, ...) or single vowels: with
# them nearly any English word would split into "syllables".
_NOT_IN_NAMES = frozenset({"m", "n", "ng", "hm", "hng", "e", "ei", "o", "yo", "lo", "ê"})
_LONGEST = 6  # letters of the longest syllable (zhuang, chuang, shuang)


def _plain(reading: str) -> str:
    """`zhāng` → `zhang`, `lǘ` → `lv` (pypinyin's spelling of ü)."""
    decomposed = unicodedata.normalize("NFD", reading.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _wade_giles(syllable: str) -> str:
    """`zhang` → `chang`, `cai` → `tsai`: as Taiwan writes names, without the
    apostrophes and umlauts English texts leave out."""
    from pypinyin.style.wadegiles import to_wade_glides

    return str(to_wade_glides(syllable)).replace("'", "").replace("v", "u")


@cache
def readings(char: str) -> frozenset[str]:
    """Every way `char` may be romanized, lower case: its pinyin readings (ü as v
    and as u), and their Wade-Giles spellings."""
    from pypinyin.pinyin_dict import pinyin_dict

    listed = pinyin_dict.get(ord(char))
    if not listed:
        return frozenset()
    spelled: set[str] = set()
    for reading in listed.split(","):
        syllable = _plain(reading)
        spelled |= {syllable, syllable.replace("v", "u"), _wade_giles(syllable)}
    return frozenset(spelled)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """The syllables names are spelled with, in both systems."""
    from pypinyin.pinyin_dict import pinyin_dict

    listed = {r for readings in set(pinyin_dict.values()) for r in readings.split(",")}
    plain = {_plain(r) for r in listed}
    spelled = {s for p in plain if p.isascii() and p.isalpha()
               for s in (p, p.replace("v", "u"), _wade_giles(p))}
    return frozenset(spelled - _NOT_IN_NAMES)


@lru_cache(maxsize=4096)
def splits(word: str) -> tuple[tuple[str, ...], ...]:
    """The ways the lower-case `word` splits into syllables (none: it is not spelled
    in pinyin)."""
    if not word:
        return ((),)
    known = syllables()
    found: list[tuple[str, ...]] = []
    for size in range(min(_LONGEST, len(word)), 0, -1):
        head = word[:size]
        if head in known:
            found.extend((head, *rest) for rest in splits(word[size:]))
    return tuple(found[:16])


def is_romanized(word: str) -> bool:
    """`word` (lower case, letters only) is spelled as syllables of Chinese, three at
    most (a given name has two, a place name rarely more; English words of four or
    more syllables split too: i-mi-ta-ting)."""
    return any(len(parts) <= 3 for parts in splits(word))


def read_at(word: str, source: str) -> list[tuple[int, int]]:
    """Where in `source` consecutive characters read as `word` (lower case): the
    `(start, end)` of each run."""
    found = []
    for parts in splits(word):
        size = len(parts)
        for start in _starts(source).get(parts[0], ()):
            if start + size <= len(source) and all(
                    part in readings(source[start + i]) for i, part in enumerate(parts[1:], 1)):
                found.append((start, start + size))
    return found


@lru_cache(maxsize=64)
def _starts(source: str) -> dict[str, list[int]]:
    """Where each syllable is a reading of a character of `source`."""
    where: dict[str, list[int]] = {}
    for index, char in enumerate(source):
        if HAN.match(char):
            for syllable in readings(char):
                where.setdefault(syllable, []).append(index)
    return where


@lru_cache(maxsize=1)
def _place_names() -> tuple[tuple[str, frozenset[str]], ...]:
    """(Chinese name, the words of its English name) of every country, region and city
    that CLDR names, in simplified and traditional characters, and the first character
    that stands for a two-character name."""
    from babel import Locale

    english = Locale("en")
    names: dict[str, set[str]] = {}

    def add(chinese: str, name: str) -> None:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
        short = re.sub(r"^中[国國]|特别行政区$|特別行政區$", "", chinese)
        # A two-character name is abbreviated to its first in compounds: 港澳 is Hong
        # Kong and Macao.
        for form in {chinese, short, short[0] if len(short) == 2 else ""}:
            if form:
                names.setdefault(form, set()).update(words)

    for tag in ("zh", "zh_Hant"):
        chinese = Locale.parse(tag)
        for code, name in chinese.territories.items():
            if code in english.territories:
                add(name, english.territories[code])
        for zone, data in chinese.time_zones.items():
            city = data.get("city")
            if city:
                local = english.time_zones.get(zone, {}).get("city")
                add(city, local or zone.rsplit("/", 1)[-1].replace("_", " "))
    return tuple((chinese, frozenset(words)) for chinese, words in names.items())


def place_name(word: str, source: str) -> bool:
    """`word` (lower case) is a word of the English name of a place the source names:
    Macao for 澳门, Oman for 阿曼."""
    return any(word in words and chinese in source for chinese, words in _place_names())
