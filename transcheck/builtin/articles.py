"""Family TC2: `a` or `an` by the sound, not the letter, of the next word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Literal

from transcheck.blocks import lower_blocks
from transcheck.diagnostics import Finding
from transcheck.document import Document, lower_case
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

Sound = Literal["vowel", "consonant", "either"]

# Vowel letters sounded /j/ or /w/ ("a university", "a one-off", "a European").
_CONSONANT_PREFIXES = (
    "eu", "ewe", "uku", "ukr", "ugand", "uru", "usa", "use", "usu", "usur", "ute", "uti", "uto",
    "uta", "ura", "uri", "ure", "uro", "ubiq", "uvu", "ouija",
)
_CONSONANT_WORDS = frozenset({
    "one", "ones", "once", "oneself", "oneness", "unanimous", "unanimously", "unanimity",
    "unary", "unicorn", "unicorns",
})
# "uni" is /ju/ (union, unit, universe) except where "un-" negates (unimportant, uninformed).
_NEGATED_UNI = ("unin", "unim", "unid", "unig")
# A silent h ("an hour"); "an historic" and "a historic" are both in use.
_SILENT_H = ("hour", "honest", "honor", "honour", "heir", "hors")
_EITHER_H = ("histori", "hotel", "habitual", "hypothe", "heroic", "herb", "humble", "hereditar")
# Letters whose names begin with a vowel sound: "an FBI agent", "an MRI", "an X-ray".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms read as words although their letters would say otherwise.
_READ_AS_WORDS = frozenset({
    "NASA", "NATO", "NAFTA", "NASCAR", "NASDAQ", "FIFA", "SARS", "MERS", "HAMAS", "LIDAR",
    "LASER", "RADAR", "SONAR", "SWAT", "FEMA", "HIPAA", "MAGA", "NIMBY", "SCUBA", "SIM", "SUNY",
    "FOMO", "FICO", "MOMA", "NOAA", "SEAL", "SNAP", "HUD", "LEGO", "MERCOSUR", "SALT", "NORAD",
})
# Acronyms with vowels that are nevertheless spelled out letter by letter.
_SPELLED_OUT = frozenset({
    "FBI", "MBA", "NBA", "SUV", "MRI", "HIV", "MIT", "NIH", "RAF", "FIA", "NEA", "MIA", "NYU",
    "SEO", "NGO", "NAACP", "MLA", "HBO", "FAO", "FDA", "SEC", "HDI", "LSE", "LA", "NYPD",
    "RNA", "MOU", "FOIA", "XO", "SAT", "FAQ", "ROI", "HIIT",
})
# Words after which a lone "a" is a letter or a label ("option a", "vitamin a"), not an article.
_LABEL_WORDS = frozenset({
    "type", "option", "point", "part", "section", "grade", "plan", "vitamin", "class", "exhibit",
    "appendix", "item", "letter", "column", "row", "group", "category", "level", "series", "tier",
    "figure", "table", "line", "step", "model", "size", "block", "wing", "zone", "list",
    "hepatitis",
})
# An article before one of these is stray, not the wrong form ("a about ten"): not this rule's.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "about", "as",
    "if", "is", "are", "was", "it", "its", "our", "their", "his", "her", "this", "that", "into",
    "up", "out", "over", "under", "after", "until", "upon", "each", "every", "also",
})
# The look-behind comes after the first letter, so the search skips ahead to an "a"
# instead of trying the pattern at every character. Compiled only for a text whose lower
# case is longer (`_candidates`).
_CANDIDATE = LazyPattern(r"([aA](?<![\w’'.&/-].)n?)(\s+)[\"“‘(]?([\w’'.&+-]+)")
# The same in the text's lower case (of the same length), where the search skips ahead
# to one letter, "a", faster than to either of two: a match there is one of `_CANDIDATE`
# in the text unless its "n" is a capital ("AN": `_CANDIDATE` has no "N").
_LOWER_CANDIDATE = compiled(_CANDIDATE.pattern.replace("[aA]", "a"))


@lru_cache(maxsize=8192)  # articles stand before the same few thousand words
def sound_of(word: str) -> Sound | None:
    """The sound that begins `word` as read aloud, or None when unsure."""
    if word[0].isdigit():
        return _number_sound(word)
    letters = re.match(r"[A-Za-z]+", word)
    if not letters:
        return None
    core = letters.group()
    rest = word[len(core):]
    if len(core) == 1 and rest[:1] in ("-", ".") and (core.isupper() or rest[:1] == "-"):
        # A letter read as its name: "an X-ray", "a U-turn", "an n-tuple", "a U.S. senator".
        return "vowel" if core.upper() in _VOWEL_LETTERS else "consonant"
    if len(core) > 1 and core.isupper():
        return _acronym_sound(core)
    lower = word.lower()
    if lower[0] in "xy":
        return None  # "an Xbox", "a xylophone", "an yttrium": too few rules to be sure
    if _read_as_letters(lower, core):
        # "an html page", "an lzma file", "an mp3", "a utf-8 file", "an LZMAFile"
        return "vowel" if core[0].upper() in _VOWEL_LETTERS else "consonant"
    if lower.split("-")[0] in _CONSONANT_WORDS:
        return "consonant"
    first = lower[0]
    if first in "aeiou":
        if lower.startswith(_NEGATED_UNI):
            return None
        if lower.startswith(_CONSONANT_PREFIXES) or (lower.startswith("uni") and len(lower) > 3):
            return "consonant"
        return "vowel"
    if first == "h":
        if lower.startswith(_SILENT_H):
            return "vowel"
        return "either" if lower.startswith(_EITHER_H) else "consonant"
    return "consonant"


# Consonant pairs English words can begin with; a word beginning otherwise ("html",
# "lzma", "mp3") is an abbreviation, read letter by letter.
_ONSET_LIST = (
    "bl br ch cl cr cz dr dw fl fr gh gl gn gr kh kl kn kr ph pl pn pr ps pt rh sc sh sk sl "
    "sm sn sp sq st sv sw sz th tr ts tw wh wr zh"
)
_ONSETS = frozenset(_ONSET_LIST.split())


def _read_as_letters(lower: str, core: str) -> bool:
    if any(char.isdigit() for char in lower):
        return True  # "mp3", "utf-8", "h264"
    head = core[:2].lower()
    return (len(core) > 1 and head[0] not in "aeiouy" and head[1] not in "aeiouy"
            and head not in _ONSETS)


def _acronym_sound(letters: str) -> Sound | None:
    first = letters[0]
    if first in "AEIO":
        return "vowel"
    if first == "U":
        return "consonant"
    if letters in _READ_AS_WORDS:
        return "consonant"
    if first not in _VOWEL_LETTERS:
        return "consonant"
    if letters in _SPELLED_OUT or not re.search(r"[AEIOUY]", letters):
        return "vowel"
    return None


def _number_sound(word: str) -> Sound | None:
    if word[0] == "8":
        return "vowel"
    # "an 11-year-old", "an 18th", "an 11,000-seat arena"; 1100-1899 may be read either way.
    if re.match(r"1[18](?:,\d{3})?(?![\d,.])", word):
        return "vowel"
    if re.match(r"1[18]\d\d(?!\d)", word):
        return None
    return "consonant"


def _candidates(text: str, lower: str) -> Iterator[tuple[int, int, int, int]]:
    """Where `_CANDIDATE.finditer(text)` matches: each match's start, its article's end
    and its word's start and end, found in `lower` (`text.lower()`)."""
    if len(lower) != len(text):  # a letter whose lower case is longer would shift offsets
        for m in _CANDIDATE.finditer(text):
            yield m.start(), m.end(1), m.start(3), m.end(3)
        return
    at = 0
    while True:
        for m in _LOWER_CANDIDATE.finditer(lower, at):
            if text[m.end(1) - 1] == "N":  # "AN": `_CANDIDATE` matches nothing here
                at = m.start() + 1
                break
            yield m.start(), m.end(1), m.start(3), m.end(3)
        else:
            return


# An article that ends a block (of a text read backwards: there the search skips from
# one blank line to the next), where `_CANDIDATE`'s spaces would run on into the next block.
_ENDING_ARTICLE = compiled(r"\n\n\s*n?a(?![\w’'.&/-])")


def _misfits(text: str, lower: str) -> Iterator[tuple[int, tuple[int, int, int, str]]]:
    """The candidates of `text` (`lower`: its lower case) whose article does not fit the
    sound of their word, in order: each match's start, and its article's length, its
    word's start and end (from the match's start) and the article that fits."""
    for start, article_end, word_start, end in _candidates(text, lower):
        word = text[word_start:end].rstrip(".")
        sound = sound_of(word) if word else None
        if sound is None or sound == "either":
            continue
        wanted = "an" if sound == "vowel" else "a"
        if text[start:article_end].lower() != wanted:  # most articles fit their word
            yield start, (article_end - start, word_start - start, end - start, wanted)


class IndefiniteArticle(Rule):
    code = "TC205"
    scope = "paragraph"
    name = "a-or-an"
    category = "Fluency/Grammar"
    fixable = True
    summary = "`a` before a vowel sound or `an` before a consonant sound."
    explanation = """
## What it does
Reports `a` before a word that begins with a vowel sound and `an` before one
that begins with a consonant sound. It goes by sound, not spelling: "a
university", "a one-off", "a European", "a U.S. senator" and "an hour", "an
honest", "an FBI agent", "an MRI", "an X-ray", "an 11-year-old", "an 8%
rise" are all correct. Words that some writers treat either way ("an historic")
and acronyms it cannot be sure how to read are left alone; so is a capital `A`
inside a sentence, which is usually a letter ("grade A").

## Why is this bad
Machine translation chooses the article before it chooses the next word, and
rewording or post-editing the word often leaves the article stale.

## Example
```
She is an university lecturer and a expert on trade.
```

## Fix
Use the other form (this rule's fix does it):
```
She is a university lecturer and an expert on trade.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        blocks = doc.memo(lower_blocks)
        misfits: Iterable[tuple[int, tuple[int, int, int, str]]]
        if blocks is None or _ENDING_ARTICLE.search("\n\n" + blocks.lower[::-1]):
            # An article that ends a block would take its word from the next block.
            misfits = _misfits(text, doc.memo(lower_case))
        else:  # each distinct block read once: whether an article fits depends on it alone
            misfits = blocks.at_copies(_misfits(blocks.text, blocks.lower))
        for start, (article_length, word_start, word_end, wanted) in misfits:
            article = text[start:start + article_length]
            word = text[start + word_start:start + word_end].rstrip(".")
            if self._is_article(text, start, article, word):
                fix = wanted.capitalize() if article[0].isupper() else wanted
                yield Finding(start, start + article_length, f"Use “{fix}” before “{word}”",
                              fix=fix)

    @staticmethod
    def _is_article(text: str, start: int, article: str, word: str) -> bool:
        before = text[max(0, start - 40):start]
        previous = re.search(r"([\w’']+)\W*$", before)
        if word.lower() in _FUNCTION_WORDS:
            return False
        if article.lower() == "a" and previous and previous.group(1).lower() in _LABEL_WORDS:
            return False
        if article[0].isupper():
            # A capital A inside a sentence is a letter ("grade A", "Plan A").
            return not before.strip() or bool(re.search(r"(?:[.!?:;—]|^)[\"“‘(]*\s*$", before))
        return True
