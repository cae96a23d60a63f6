"""Family TC4, encoding damage: mojibake, HTML entities, U+FFFD, control and invisible marks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from transcheck.builtin.charset import finditer, has_any
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

ENCODING = "Fluency/Character encoding"
# UTF-8 read as Windows-1252 or Latin-1: a lead byte (Â-ô) then a continuation byte, which
# those encodings show as U+0080-U+00BF or as one of Windows-1252's punctuation marks. Only
# lines holding such a pair go to ftfy, which decides.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_SUSPECT = compiled(f"[\u00c2-\u00f4][{_CONTINUATION}]")
_UTF8_LEADS = frozenset(map(chr, range(0xC2, 0xF5)))
_UTF8_LEAD = compiled("[\u00c2-\u00f4]")
_NON_ASCII = compiled(r"([^\x00-\x7f]+)")


class Mojibake(Rule):
    code = "TC421"
    scope = "paragraph"
    name = "mojibake"
    severity = Severity.ERROR
    category = ENCODING
    fixable = True
    summary = "Text decoded with the wrong character set (`â€™`, `Ã©`, `Â£`)."
    explanation = """
## What it does
Finds mojibake, UTF-8 text that was decoded as Windows-1252 or Latin-1 on its
way through a translation pipeline (`â€™` for `’`, `Ã©` for `é`, `Â£` for `£`),
with [ftfy](https://ftfy.readthedocs.io), which recognises the patterns of many
encodings at once and leaves correct accented text (`café`, `Zoë`, `Âge`) alone.

## Why is this bad
Readers see garbage where punctuation and accented letters should be, and a
translation memory that stores it spreads the damage to every later job.

## Example
```
Itâ€™s the cafÃ© where we met.
```

## Fix
Decode the text correctly again (this rule's fix does it, as ftfy does):
```
It’s the café where we met.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _UTF8_LEADS):
            return
        # Tried where a lead character stands, found by `str.find`: a scan for the class
        # tried it at every position of the text.
        suspects = {doc.position(m.start())[0] for m in finditer(doc, _SUSPECT, _UTF8_LEAD)}
        if not suspects:
            return
        from ftfy import fix_encoding
        from ftfy.badness import is_bad

        for number in sorted(suspects):
            start = doc.line_starts[number - 1]
            line = doc.text[start:start + len(doc.line_text(number))]
            if not is_bad(line):
                continue
            fixed = fix_encoding(line)
            for i1, i2, j1, j2 in _changes(line, fixed):
                yield Finding(start + i1, start + i2,
                              f"Mojibake “{line[i1:i2]}”; it should read “{fixed[j1:j2]}”",
                              fix=fixed[j1:j2])


def _changes(line: str, fixed: str) -> Iterator[tuple[int, int, int, int]]:
    """The spans `[i1, i2)` of `line` that `fixed` replaces by `[j1, j2)`.

    Mojibake is made of non-ASCII characters only, and fixing it leaves the ASCII text
    between as it was: runs are compared pairwise, each small. A diff of two whole lines
    (`difflib`) costs the square of their length, minutes on a long garbled line.
    """
    old, new = _NON_ASCII.split(line), _NON_ASCII.split(fixed)
    if len(old) != len(new) or old[0::2] != new[0::2]:
        yield _middle(line, fixed)  # the ASCII text changed too: one span, from the ends
        return
    i = j = 0
    for index, (before, after) in enumerate(zip(old, new, strict=True)):
        if index % 2 and before != after:
            import difflib  # here: mojibake is rare, and difflib's import is not free

            matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op != "equal":
                    yield i + i1, i + i2, j + j1, j + j2
        i, j = i + len(before), j + len(after)


def _middle(line: str, fixed: str) -> tuple[int, int, int, int]:
    """The one span where `line` and `fixed` differ, between their common ends."""
    prefix = _common_start(line, fixed)
    suffix = _common_start(line[prefix:][::-1], fixed[prefix:][::-1])
    return prefix, len(line) - suffix, prefix, len(fixed) - suffix


def _common_start(a: str, b: str) -> int:
    pairs = enumerate(zip(a, b, strict=False))  # up to the shorter one's end
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


class HtmlEntity(Rule):
    code = "TC422"
    scope = "paragraph"
    name = "html-entity"
    category = ENCODING
    fixable = True
    summary = "An HTML entity (`&quot;`, `&amp;`, `&#8217;`) left in plain text."
    explanation = """
## What it does
Reports HTML character references (`&quot;`, `&amp;`, `&nbsp;`, `&#39;`,
`&#x2019;`) in plain text. Only names HTML defines count, with their closing
semicolon, so `AT&T` and `R&D;` are not reported. In Markdown and HTML files
entities are part of the markup and are not reported.

## Why is this bad
Text scraped from a web page or exported from a CAT tool keeps the escapes,
and readers see `&quot;` where a quote mark should be.

## Example
```
The minister called it &quot;a fair deal&quot;.
```

## Fix
Replace the entity by its character (this rule's fix does it):
```
The minister called it "a fair deal".
```
"""
    _pattern = compiled(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

    def check(self, doc: Document) -> Iterator[Finding]:
        found = list(self._pattern.finditer(doc.text))
        if not found:
            return
        import html  # here: most texts hold no entity, and need not load its table
        from html.entities import html5

        for m in found:
            entity = m.group()
            if entity[1] != "#" and entity[1:] not in html5:
                continue
            char = html.unescape(entity)
            if char == entity:
                continue
            yield Finding(m.start(), m.end(),
                          f"HTML entity {entity} in plain text; write the character "
                          f"itself ({char!r})", fix=char)


_REPLACEMENT = frozenset("\ufffd")


class ReplacementCharacter(Rule):
    code = "TC423"
    scope = "paragraph"
    name = "replacement-character"
    severity = Severity.ERROR
    category = ENCODING
    summary = "The replacement character U+FFFD (`�`): a character was lost in conversion."
    explanation = """
## What it does
Reports U+FFFD REPLACEMENT CHARACTER, which a decoder writes where it met bytes
it could not read.

## Why is this bad
The original character is gone: an accented letter, a quote mark or a currency
sign, and the text cannot be repaired without the source.

## Example
```
The fee is � 40 per month.
```

## Fix
Restore the lost character from the source document:
```
The fee is € 40 per month.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _REPLACEMENT):
            return
        for m in re.finditer("\ufffd+", doc.text):
            yield Finding(m.start(), m.end(),
                          "Replacement character U+FFFD: a character was lost when the text "
                          "was decoded")


# C0 controls except tab, line feed, form feed (a page break) and carriage return; DEL; C1.
_CONTROL = compiled("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CONTROLS = frozenset(map(chr, [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))


class ControlCharacter(Rule):
    code = "TC424"
    scope = "paragraph"
    name = "control-character"
    severity = Severity.ERROR
    category = ENCODING
    fixable = True
    summary = "A control character (U+0000–U+001F, U+007F–U+009F) other than a tab or line break."
    explanation = """
## What it does
Reports control characters in the text: the C0 controls other than tab, line
feed, carriage return and form feed, DEL, and the C1 controls U+0080–U+009F.

## Why is this bad
They are invisible or shown as boxes, break XML export, and C1 controls are
nearly always a Windows-1252 quote mark or dash decoded as Latin-1.

## Example
```
The contract<U+0092>s terms changed.
```
(`<U+0092>` stands for the invisible C1 control where the apostrophe should be)

## Fix
This rule's fix reads a C1 control as the Windows-1252 character it stands for
(`’` here), as ftfy does, and removes the other controls:
```
The contract’s terms changed.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _CONTROLS):
            return
        for m in _CONTROL.finditer(doc.text):
            char = m.group()
            if "\x80" <= char <= "\x9f":
                from ftfy.fixes import fix_c1_controls

                fix = fix_c1_controls(char)
            else:
                fix = ""
            yield Finding(m.start(), m.end(), f"Control character U+{ord(char):04X} in text",
                          fix=fix)


_ZERO_WIDTH = LazyPattern("[\u200b\u200c\u200d\u2060\ufeff]")
_ZERO_WIDTH_NAMES = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
}


_ZERO_WIDTH_CHARACTERS = frozenset(_ZERO_WIDTH_NAMES)


def _needs_joiner(char: str) -> bool:
    """Emoji, and the letters and marks of scripts whose spelling uses joiners (Indic, Arabic)."""
    code = ord(char)
    if code >= 0x1F000 or 0x2600 <= code <= 0x27BF or char == "\ufe0f":
        return True
    return code > 0x24F and unicodedata.category(char)[0] in "LM"


def _joins_script_or_emoji(text: str, index: int) -> bool:
    neighbours = text[max(0, index - 1):index] + text[index + 1:index + 2]
    return any(_needs_joiner(c) for c in neighbours)


class ZeroWidthCharacter(Rule):
    code = "TC425"
    scope = "paragraph"
    name = "zero-width-character"
    severity = Severity.ERROR
    category = ENCODING
    fixable = True
    summary = "An invisible zero-width character (U+200B, U+200C, U+200D, U+2060, U+FEFF)."
    explanation = """
## What it does
Reports zero-width spaces, joiners, non-joiners, word joiners and byte-order
marks inside the text. A joiner inside an emoji sequence (👩‍💻) or between letters
of a script that needs it (Persian, Hindi) is not reported.

## Why is this bad
Nobody sees them, but they split words for search and spell-checking, make two
identical-looking strings differ, and can hide text from reviewers.

## Example
```
Call the help<U+200B>desk before noon.
```
(`<U+200B>` stands for an invisible zero-width space)

## Fix
Remove the character (this rule's fix does it).
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _ZERO_WIDTH_CHARACTERS):
            return
        text = doc.text
        for m in _ZERO_WIDTH.finditer(text):
            if m.group() in "\u200c\u200d" and _joins_script_or_emoji(text, m.start()):
                continue
            yield Finding(m.start(), m.end(),
                          f"Invisible {_ZERO_WIDTH_NAMES[m.group()]} (U+{ord(m.group()):04X})",
                          fix="")


_BIDI = LazyPattern("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIDI_CONTROLS = frozenset(map(chr, [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                      *range(0x2066, 0x206A)]))
_OVERRIDES = "\u202d\u202e"
_RIGHT_TO_LEFT = LazyPattern("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


class BidiControl(Rule):
    code = "TC426"
    scope = "paragraph"
    name = "bidi-control"
    severity = Severity.ERROR
    category = ENCODING
    fixable = True
    summary = "An invisible bidirectional control character (LRM, RLM, embeddings, overrides)."
    explanation = """
## What it does
Reports the invisible characters that steer the direction of text: marks
(U+200E, U+200F, U+061C), embeddings and overrides (U+202A–U+202E) and isolates
(U+2066–U+2069). In a paragraph that holds Hebrew or Arabic letters they are
needed and only the overrides (U+202D, U+202E) are reported.

## Why is this bad
They are left by copying from right-to-left interfaces and can reorder what a
reader sees, so that the displayed text differs from the stored text (the
"Trojan Source" trick).

## Example
```
Transfer the money to account 4491<U+202E>2207.
```
(`<U+202E>`, RIGHT-TO-LEFT OVERRIDE, makes the digits after it display reversed)

## Fix
Remove the character (this rule's fix does it).
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if not has_any(doc, _BIDI_CONTROLS):
            return
        for paragraph in doc.paragraphs:
            right_to_left = bool(_RIGHT_TO_LEFT.search(paragraph.text))
            for m in _BIDI.finditer(paragraph.text):
                if right_to_left and m.group() not in _OVERRIDES:
                    continue
                start = paragraph.start + m.start()
                yield Finding(start, start + 1,
                              f"Invisible bidirectional control U+{ord(m.group()):04X}", fix="")
