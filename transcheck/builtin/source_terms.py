"""Family TC5, source-aware: terms. The same source translated two ways in one file, a
glossary's required and forbidden terms, and false friends that the source proves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from transcheck.bilingual import unit_text
from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern
from transcheck.rule import Rule

if TYPE_CHECKING:
    from typing_extensions import Self

    from transcheck.bilingual.glossary import Entry
    from transcheck.config import Settings

TERMINOLOGY = "Terminology/Inappropriate for context"
_WORDS = LazyPattern(r"[^\W\d_]+")


def _key(text: str) -> str:
    """What two units must share to be "the same text": their words, any case."""
    return " ".join(_WORDS.findall(text.lower()))


class InconsistentTranslation(Rule):
    code = "TC512"
    name = "inconsistent-translation"
    category = "Terminology/Inconsistent use of terminology"
    summary = "The same source translated two ways in one file, or two sources one way."
    explanation = """
## What it does
Within one bilingual file, reports a unit whose source another unit has too (words
and their order the same, case and punctuation aside) but whose translation
differs, and a unit whose translation another unit of a different source has
(sources of three words or more).

## Why is this bad
A reader meets one button, message or term under two names and wonders whether
they are two things; or two different messages read alike and one of them is
wrong.

## Example
```
Datei speichern → Save file        ...        Datei speichern → Store the file
```

## Fix
Translate the same source the same way: `Save file` both times.
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        by_source: dict[str, tuple[Unit, str]] = {}
        by_target: dict[str, tuple[Unit, str]] = {}
        for unit in doc.units:
            if unit.empty or not unit.source:
                continue
            target = unit_text(doc, unit).strip()
            source_key, target_key = _key(unit.source), _key(target)
            if doc.path.endswith((".po", ".pot")):  # another msgctxt: another message
                source_key = f"{unit.id}\x04{source_key}"
            if not source_key or not target_key:
                continue
            first = by_source.setdefault(source_key, (unit, target_key))
            start, end = _trimmed(doc, unit)
            if first[0] is not unit and first[1] != target_key:
                yield Finding(start, end, "Translated differently from the same source on "
                              f"line {doc.position(first[0].start)[0]}")
                continue
            other = by_target.setdefault(target_key, (unit, source_key))
            if other[0] is not unit and other[1] != source_key and \
                    len(source_key.split()) >= 3 and len(other[1].split()) >= 3:
                yield Finding(start, end, "Translated like a different source on line "
                              f"{doc.position(other[0].start)[0]}")


def _trimmed(doc: Document, unit: Unit) -> tuple[int, int]:
    text = unit_text(doc, unit)
    start = unit.start + len(text) - len(text.lstrip())
    return start, start + len(text.strip())


class GlossaryTerm(UnitRule):
    code = "TC513"
    name = "glossary-term"
    category = TERMINOLOGY
    summary = "A glossary's term translated otherwise, or a term it forbids used."
    explanation = """
## What it does
With a glossary (`--glossary terms.csv`, or `glossary = "terms.tbx"` in the
configuration), reports a unit whose source has a term of the glossary while its
translation has none of the English terms the glossary gives for it, and any
English term the glossary forbids. A table glossary has a header row with
`source`, `target` and optionally `forbidden` (several terms split by `|`); in a
TBX file, English terms whose status is deprecated, superseded or not
recommended are the forbidden ones.

## Why is this bad
A company's, a product's or a field's terms are decided once; a translation that
uses others confuses readers and breaks search.

## Example
```
source,target,forbidden
Kündigung,termination,cancellation
```
```
Die Kündigung ist schriftlich einzureichen.  →  The cancellation must be in writing.
```

## Fix
```
The termination must be submitted in writing.
```
"""

    entries: tuple[Entry, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        rule = super().from_settings(settings)
        path = settings.plugin_options.get("glossary")
        if path:  # a run without a glossary does not import its reader
            from transcheck.bilingual.glossary import load

            rule.entries = load(str(path))
        return rule

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.entries:
            yield from super().check(doc)

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        from transcheck.bilingual.glossary import pattern

        source = unit.source or ""
        for entry in self.entries:
            for term in entry.forbidden:
                for m in pattern(term).finditer(target):
                    use = f" (use “{entry.required[0]}”)" if entry.required else ""
                    yield Finding(m.start(), m.end(), f"The glossary forbids “{m.group()}”{use}")
            if entry.required and any(pattern(t).search(source) for t in entry.source) and \
                    not any(pattern(t).search(target) for t in entry.required):
                start, end = self.whole(target)
                named = next(t for t in entry.source if pattern(t).search(source))
                yield Finding(start, end, f"The glossary translates “{named}” as "
                              f"“{'” or “'.join(entry.required)}”")


# Words of a source language whose English look-alike means something else, the
# look-alike, and the source words that would make the look-alike right after all.
FALSE_FRIENDS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    # language: (source word pattern, English false friend pattern, meaning, exceptions)
    "de": (
        (r"\baktuell", r"\bactual(?:ly)?\b", "current, up to date",
         r"tatsächlich|eigentlich|wirklich"),
        (r"\beventuell", r"\beventual(?:ly)?\b", "possible, possibly", r"schließlich|letztlich"),
        (r"\bkonsequent", r"\bconsequent(?:ly)?\b", "consistent, consistently",
         r"folglich|daher|deshalb"),
        (r"\bsensib", r"\bsensible\b", "sensitive", r"vernünftig|sinnvoll"),
        (r"\bbillion", r"\bbillions?\b", "trillion (10¹²)", r"milliarde"),
        (r"\bfabrik", r"\bfabrics?\b", "factory", r"stoff|gewebe"),
        (r"\brezept", r"\breceipts?\b", "recipe, prescription", r"quittung|beleg|kassenbon"),
    ),
    "fr": (
        (r"\bactuel", r"\bactual(?:ly)?\b", "current, currently", r"réel|véritable|en fait"),
        (r"\béventuel", r"\beventual(?:ly)?\b", "possible, possibly", r"finalement|enfin"),
        (r"\blibrairie", r"\blibrar(?:y|ies)\b", "bookshop", r"bibliothèque"),
        (r"\bsensible", r"\bsensible\b", "sensitive", r"raisonnable|sensé"),
    ),
    "es": (
        (r"\bactual", r"\bactual(?:ly)?\b", "current, currently", r"real|verdader|efectiv"),
        (r"\beventual", r"\beventual(?:ly)?\b", "possible, possibly", r"finalmente|al final"),
        (r"\bembarazad", r"\bembarrass\w*", "pregnant", r"vergüenza|avergonzad"),
        (r"\blibrer[ií]a", r"\blibrar(?:y|ies)\b", "bookshop", r"biblioteca"),
    ),
    "it": (
        (r"\battual", r"\bactual(?:ly)?\b", "current, currently", r"reale|effettiv|vero"),
        (r"\beventual", r"\beventual(?:ly)?\b", "possible, possibly", r"alla fine|infine"),
        (r"\blibreri", r"\blibrar(?:y|ies)\b", "bookshop", r"bibliotec"),
    ),
    "pt": (
        (r"\batua(?:l|is)", r"\bactual(?:ly)?\b", "current, currently", r"rea(?:l|is)|efetiv"),
        (r"\beventua", r"\beventual(?:ly)?\b", "possible, possibly", r"finalmente|por fim"),
        (r"\blivrari", r"\blibrar(?:y|ies)\b", "bookshop", r"bibliotec"),
    ),
    "nl": (
        (r"\bactue(?:el|le)", r"\bactual(?:ly)?\b", "current", r"werkelijk|eigenlijk"),
        (r"\beventue(?:el|le)", r"\beventual(?:ly)?\b", "possible, possibly", r"uiteindelijk"),
    ),
    "ru": (
        (r"актуальн", r"\bactual(?:ly)?\b", "current, topical", r"фактическ|действительн"),
        (r"аккуратн", r"\baccurate(?:ly)?\b", "neat, careful", r"точн"),
        (r"магазин", r"\bmagazines?\b", "shop", r"журнал"),
    ),
}


class FalseFriend(UnitRule):
    code = "TC514"
    name = "false-friend"
    category = "Accuracy/Mistranslation"
    summary = "An English look-alike of a source word that means something else (aktuell → actual)."
    explanation = """
## What it does
Reports an English word that looks like a word of the source but means something
else, when the source has that word and no word that would make the English one
right: "actual" for German *aktuell*, French *actuel*, Spanish *actual* (current),
"eventually" for *eventuell*/*éventuellement* (possibly), "library" for *librairie*
(bookshop), "billion" for German *Billion* (trillion), "embarrassed" for Spanish
*embarazada* (pregnant). Unlike the calque packs (TC3xx), it reads the source, so
it is certain.

## Why is this bad
The sentence reads naturally and says something else: "the actual figures" are the
real ones, not the latest ones.

## Example
```
Die aktuellen Zahlen zeigen einen Anstieg.  →  The actual figures show an increase.
```

## Fix
```
The current figures show an increase.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        lang = (unit.source_lang or doc.source_lang or "").split("-")[0]
        source = (unit.source or "").lower()
        for word, friend, meaning, exceptions in FALSE_FRIENDS.get(lang, ()):
            if not re.search(word, source) or re.search(exceptions, source):
                continue
            for m in re.finditer(friend, target, re.IGNORECASE):
                yield Finding(m.start(), m.end(), f"“{m.group()}” is a false friend here: "
                              f"the source means “{meaning}”")
