"""Family TC4, scripts: homoglyphs, other writing systems, full-width punctuation."""

from __future__ import annotations

import bisect
import json
import os
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from transcheck.builtin.charset import characters, finditer, has_any
from transcheck.builtin.marked_foreign import is_marked
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

_LATIN_LETTER = LazyPattern(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_GREEK_OR_CYRILLIC = compiled(r"[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")
_NOT_A_SCRIPT = frozenset({"COMMON", "INHERITED", "LATIN"})


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The Unicode script of a character, as confusable_homoglyphs names it (`CYRILLIC`)."""
    starts, ranges, aliases = _scripts()
    code = ord(char)
    index = bisect.bisect_right(starts, code) - 1
    if index >= 0 and code <= ranges[index][1]:
        return aliases[ranges[index][2]]
    return "Unknown"  # as `categories.alias` says of a code point outside its table


@lru_cache(maxsize=1)
def _scripts() -> tuple[list[int], list[list[int]], list[str]]:
    """confusable_homoglyphs' table of scripts, read from its data file: its `categories`
    module reads the same file but imports urllib.request (http, email, ssl) to do it,
    30-80 ms of a run over text with a letter of another script. The table's ranges of
    code points are sorted and apart: the start of each, each as `[first, last, alias,
    category]`, and the aliases."""
    import confusable_homoglyphs  # its package only: imports nothing more

    folder = os.environ.get("CONFUSABLE_DATA", os.path.dirname(confusable_homoglyphs.__file__))
    with open(os.path.join(folder, "categories.json"), encoding="utf-8") as file:
        table = json.load(file)
    ranges = table["code_points_ranges"]
    return [first for first, *_ in ranges], ranges, table["iso_15924_aliases"]


@lru_cache(maxsize=1024)
def latin_lookalike(char: str) -> str | None:
    """The ASCII letter of the same case that `char` is drawn like, if any (Cyrillic `о` → `o`)."""
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=True) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            candidate = str(glyph["c"])
            if (len(candidate) == 1 and candidate.isascii() and candidate.isalpha()
                    and candidate.isupper() == char.isupper()):
                return candidate
    return None


class Homoglyph(Rule):
    code = "TC411"
    scope = "paragraph"
    name = "mixed-script-word"
    severity = Severity.ERROR
    category = "Fluency/Spelling"
    fixable = True
    summary = "A word that mixes Latin letters with Cyrillic or Greek look-alikes (`Mоscow`)."
    explanation = """
## What it does
Reports a word that holds Latin letters and Cyrillic or Greek letters drawn
like Latin ones (Cyrillic `о`, `а`, `р`, `с`, Greek `Ο`, `Α`), using Unicode's
table of confusable characters. Greek letters used as symbols next to Latin
ones (`μm`, `ΔT`) are not look-alikes and are not reported.

## Why is this bad
The word looks right but is not: search, spell-checking, hyphenation and
sorting all fail on it. It comes from keyboards switched between layouts and
from translation memories of Russian or Greek projects.

## Example
```
The delegation flew to Mоscow on Monday.
```
(the `о` in `Mоscow` is Cyrillic)

## Fix
Type the word again in Latin letters (this rule's fix replaces each look-alike
by its Latin letter):
```
The delegation flew to Moscow on Monday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not any(_GREEK_OR_CYRILLIC.match(c) for c in doc.memo(characters)):
            return
        text = doc.text
        word_end = 0
        for m in finditer(doc, _GREEK_OR_CYRILLIC, _GREEK_OR_CYRILLIC):
            if m.start() < word_end:
                continue
            start, word_end = m.start(), m.end()
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            while word_end < len(text) and text[word_end].isalpha():
                word_end += 1
            word = text[start:word_end]
            if not _LATIN_LETTER.search(word):
                continue
            foreign = [c for c in word if _GREEK_OR_CYRILLIC.match(c)]
            lookalikes = [latin_lookalike(c) for c in foreign]
            if not any(lookalikes):
                continue
            scripts = sorted({unicodedata.name(c).split()[0].title() for c in foreign})
            fix = None
            if all(lookalikes):
                replace = dict(zip(foreign, lookalikes, strict=True))
                fix = "".join(replace.get(c) or c for c in word)
            shown = ", ".join(f"{c} U+{ord(c):04X}" for c in dict.fromkeys(foreign))
            yield Finding(start, word_end,
                          f"“{word}” mixes Latin with {' and '.join(scripts)} letters "
                          f"({shown})", fix=fix)


# Letters outside the Latin blocks, punctuation, symbols and emoji: candidates for another script.
_NON_LATIN = compiled(
    r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u2bff\ufe00-\ufe0f\uff00-\uffef\U0001f000-\U0001faff]"
)
# A run goes on across spaces, hyphens and one line break, never across a blank line:
# a paragraph's findings must not depend on the paragraphs after it (`Rule.scope`).
_GAP = r"(?:[^\S\r\n]|[\-'’·]|\r?\n(?![^\S\r\n]*\r?\n))"
_NON_LATIN_RUN = LazyPattern(rf"{_NON_LATIN.pattern}(?:{_GAP}{{0,3}}{_NON_LATIN.pattern})*")


def _is_script_letter(char: str) -> bool:
    return char.isalpha() and script_of(char) not in _NOT_A_SCRIPT


class ForeignScript(Rule):
    code = "TC412"
    scope = "paragraph"
    name = "foreign-script"
    category = "Accuracy/Untranslated text"
    summary = "Words in another writing system (Chinese, Cyrillic, Arabic, ...) in English text."
    explanation = """
## What it does
Reports runs of letters of a non-Latin script (Han, Hiragana, Katakana, Hangul,
Cyrillic, Arabic, Hebrew, Devanagari, Thai, Greek words, ...) in English text
and names the script. Not reported: an original given in parentheses
(`Tokyo (東京)`), a quoted original followed by its translation in parentheses,
text in Markdown italics, and single Greek letters used as symbols (`α`, `π`,
`Ω`). Letters inside a Latin word are the business of `mixed-script-word`.

## Why is this bad
A name, a caption or a whole clause of the source was left untranslated, or
the translation system copied characters it did not know how to render.

## Example
```
Fans can follow the account 美食日记 for new videos.
```

## Fix
Translate or transliterate the words, and give the original in parentheses
if readers need it:
```
Fans can follow the account Food Diary (美食日记) for new videos.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not any(ord(c) > 0x24F and _is_script_letter(c) for c in doc.memo(characters)):
            return
        text = doc.text
        for m in finditer(doc, _NON_LATIN_RUN, _NON_LATIN):
            letters = [c for c in m.group() if _is_script_letter(c)]
            if not letters:
                continue
            start = m.start() + next(i for i, c in enumerate(m.group()) if _is_script_letter(c))
            end = m.start() + max(i for i, c in enumerate(m.group()) if _is_script_letter(c)) + 1
            while end < m.end() and unicodedata.category(text[end]).startswith("M"):
                end += 1
            scripts = sorted({script_of(c) for c in letters})
            before, after = text[start - 1:start], text[end:end + 1]
            inside_latin_word = bool(_LATIN_LETTER.match(before) or _LATIN_LETTER.match(after))
            symbol = scripts == ["GREEK"] and (len(letters) <= 2 or inside_latin_word
                                               or before.isdigit() or after.isdigit())
            if inside_latin_word or symbol or is_marked(doc, start, end):
                continue
            names = " and ".join(s.title() if s != "HAN" else "Chinese (Han)" for s in scripts)
            yield Finding(start, end, f"{names} text “{text[start:end]}” in English text")


# Full-width forms and CJK punctuation, with the ASCII or English mark that replaces them.
_FULL_WIDTH_CHAR = compiled(r"[\u3000-\u303f\uff01-\uff65]")
_FULL_WIDTH_RUN = compiled(rf"{_FULL_WIDTH_CHAR.pattern}+")
_FULL_WIDTH = frozenset(map(chr, [*range(0x3000, 0x3040), *range(0xFF01, 0xFF66)]))
_ENGLISH_MARK = {
    "\u3000": " ", "、": ",", "。": ".", "〈": "“", "〉": "”", "《": "“", "》": "”",
    "「": "“", "」": "”", "『": "‘", "』": "’", "【": "[", "】": "]", "〔": "(", "〕": ")",
    "〖": "[", "〗": "]", "〘": "[", "〙": "]", "〚": "[", "〛": "]", "〜": "–", "〝": "“",
    "〞": "”", "｡": ".", "｢": "“", "｣": "”", "､": ",", "･": "·", "～": "–",
}
_SPACE_AFTER = set(",.:;!?)]”’")
_SPACE_BEFORE = set("([“‘")


def _english(char: str) -> str | None:
    if char in _ENGLISH_MARK:
        return _ENGLISH_MARK[char]
    ascii_form = unicodedata.normalize("NFKC", char)
    return ascii_form if ascii_form.isascii() else None


class FullWidthPunctuation(Rule):
    code = "TC413"
    scope = "paragraph"
    name = "full-width-punctuation"
    category = "Locale convention/Other"
    fixable = True
    summary = "Full-width or CJK punctuation (`，` `。` `：` `（` `「」` `【】`) in English text."
    explanation = """
## What it does
Reports full-width forms (`，` `：` `；` `！` `？` `（` `）` `％`, full-width
letters and digits) and CJK punctuation (`、` `。` `「」` `『』` `【】` `《》`, the
ideographic space) in English text. Marks inside Chinese or Japanese text are
left to `foreign-script`.

## Why is this bad
They are the source language's typography: they take the width of a whole
character, carry their own spacing, and look out of place in English.

## Example
```
The plant opens in May（after the holiday），says the firm。
```

## Fix
Use the English mark (this rule's fix does it, adding the space the
full-width mark had built in):
```
The plant opens in May (after the holiday), says the firm.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _FULL_WIDTH):
            return
        text = doc.text
        for m in finditer(doc, _FULL_WIDTH_RUN, _FULL_WIDTH_CHAR):
            before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
            if any(c.isalpha() and script_of(c) not in _NOT_A_SCRIPT for c in before + after):
                continue
            parts = [_english(c) for c in m.group()]
            fix = None
            if all(p is not None for p in parts):
                fix = "".join(p for p in parts if p is not None)
                if fix[-1] in _SPACE_AFTER and after.isalnum():
                    fix += " "
                if fix[0] in _SPACE_BEFORE and before.isalnum():
                    fix = " " + fix
            yield Finding(m.start(), m.end(),
                          f"Full-width or CJK punctuation “{m.group()}” in English text",
                          fix=fix)
