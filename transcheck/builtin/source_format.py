"""Family TC5, source-aware: what a translation must carry over as it is (placeholders,
inline tags, links, addresses, handles) and its punctuation of structure (quotations,
brackets, questions)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from transcheck.bilingual.codes import PLACEHOLDER, placeholders, tags
from transcheck.bilingual.rule import UnitRule
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document, Unit
from transcheck.lazy import LazyPattern

OMISSION = "Accuracy/Omission"
_CODE_HINT = LazyPattern(r"[%{$<]")
ADDITION = "Accuracy/Addition"


def _missing(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    """What the source has that the target lacks, and the reverse (as multisets)."""
    s, t = Counter(source), Counter(target)
    return list((s - t).elements()), list((t - s).elements())


class PlaceholderMismatch(UnitRule):
    code = "TC502"
    name = "placeholder-mismatch"
    severity = Severity.ERROR
    category = "Design and markup/Markup tag"
    summary = "A placeholder or inline tag of the source is missing, added or out of order."
    explanation = """
## What it does
Compares the placeholders of message formats (printf's `%d`, `%1$s`, Python's
`%(name)s` and `{name}`, ICU's `{count, plural, ...}`, `{{name}}`, `${name}`) and
the inline tags of XLIFF and TMX (`<x id="1"/>`, `<g id="2">`) of each unit with
its translation's: one missing, one added, or printf placeholders without
positions (`%s ... %d`) in another order, which the program fills in the source's
order.

## Why is this bad
The program fails to format the message, or shows a raw `%d`, or puts the values
in the wrong places; a lost tag loses its link or its bold text.

## Example
```
Sie haben %d neue Nachrichten.  →  You have new messages.
```

## Fix
```
You have %d new messages.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        raw = doc.raw[unit.start:unit.end]
        source = unit.source or ""
        if not _CODE_HINT.search(source) and not _CODE_HINT.search(raw):
            return
        wanted, given = placeholders(source), placeholders(raw)
        lost, extra = _missing(wanted, given)
        lost_tags, extra_tags = _missing(tags("".join(unit.source_codes)), tags(raw)) \
            if unit.source_codes or "<" in raw else ([], [])
        start, end = self.whole(target)
        if lost or lost_tags:
            listed = ", ".join(f"“{x}”" for x in [*lost, *lost_tags])
            yield Finding(start, end, f"The source's {listed} is not in the translation",
                          category=OMISSION)
        surplus = Counter(extra)
        for m in reversed(list(PLACEHOLDER.finditer(raw))):  # the last ones are the extra
            token = m.group().replace(" ", "")
            if surplus[token] > 0:
                surplus[token] -= 1
                yield Finding(m.start(), m.end(), f"“{m.group()}” is not in the source",
                              category=ADDITION)
        if extra_tags:
            listed = ", ".join(f"“{x}”" for x in extra_tags)
            yield Finding(start, end, f"The translation has {listed}, the source has not")
        ordered = [p for p in wanted if re.fullmatch(r"%[-+0# ]?\d*(?:\.\d+)?\w+", p)]
        if not lost and not extra and len(set(ordered)) > 1 and ordered != [
                p for p in given if p in ordered]:
            yield Finding(start, end, "The placeholders are in another order than the "
                          f"source's ({' '.join(ordered)}): number them (%1$s) or keep it")


# Links, e-mail addresses, @handles and #hashtags: copied as they are, whatever the language.
_LINK = LazyPattern(
    r"\b(?:https?://|www\.)[^\s<>\"“”'（）()]+[^\s<>\"“”'（）().,;:!?。，；：！？]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"
    r"|(?<![\w@])@[A-Za-z_][A-Za-z0-9_.]{1,29}(?<!\.)"
    r"|(?<![\w#&])#[A-Za-z_][A-Za-z0-9_]{1,49}")


def _links(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().rstrip("/")) for m in _LINK.finditer(text)]


class LinkMismatch(UnitRule):
    code = "TC503"
    name = "link-mismatch"
    severity = Severity.ERROR
    category = "Accuracy/Mistranslation"
    summary = "A URL, e-mail address, @handle or #hashtag differs from the source's."
    explanation = """
## What it does
Reports a URL, an e-mail address, an @handle or a #hashtag of the source that the
translation does not give exactly, and one in the translation that the source does
not have (a letter changed, a domain translated, a handle invented).

## Why is this bad
A link that differs by one character leads elsewhere or nowhere; a translated
hashtag no longer finds the conversation.

## Example
```
Mehr unter www.beispiel.de/preise  →  More at www.example.com/prices
```

## Fix
```
More at www.beispiel.de/preise
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        if not _LINK_HINT.search(unit.source or "") and not _LINK_HINT.search(target):
            return
        source = {link for _, _, link in _links(unit.source or "")}
        given = _links(target)
        lower = {link.lower() for _, _, link in given}
        lost = sorted(link for link in source if link.lower() not in lower)
        for start, end, link in given:
            if link.lower() not in {s.lower() for s in source}:
                instead = f" where the source has “{lost[0]}”" if lost else \
                    " (not in the source)"
                yield Finding(start, end, f"“{link}”{instead}")
                lost = lost[1:]
        if lost:
            start, end = self.whole(target)
            yield Finding(start, end, f"The source's “{'”, “'.join(lost)}” is not in the "
                          "translation", category=OMISSION)


# Quotation marks of all languages, by role: opening, closing, either.
_OPENING = "“‘«‹„‚「『《〈"
_CLOSING = "”’»›“‘」』》〉"
_BRACKETS = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕"}
_ANY_BRACKET = LazyPattern(r"[(（\[［【〔]")
_BRACKETED = LazyPattern(r"[(（\[［【〔]([^()（）\[\]［］【】〔〕]*)[)）\]］】〕]")
_ANY_QUOTE = LazyPattern(r"[\"“‘«‹„‚「『《〈”’»›」』》〉]")
_LINK_HINT = LazyPattern(r"[@#]|www\.|://")
_QUESTION = LazyPattern(r"[?？;]$|[?？][\"”’»」』)）]*$")
_STATEMENT_END = LazyPattern(r"[.。][\"”’»」』)）]*$")
# After a source's closing quote: nothing but the end of the sentence.
_ENDS = LazyPattern(r"[\s.。!！?？]*$")
# After a translation's closing quote: a few words, then the end of the sentence.
_STRANDED = LazyPattern(r"\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})\s*[.!?]\s*$")


def _bracket_pairs(text: str) -> int:
    """Bracketed passages: opening brackets that close."""
    count, depth = 0, 0
    for char in text:
        if char in _BRACKETS:
            depth += 1
        elif char in _BRACKETS.values() and depth:
            depth -= 1
            count += 1
    return count


class BracketMismatch(UnitRule):
    code = "TC510"
    name = "bracket-mismatch"
    category = OMISSION
    summary = "The source has a passage in brackets that the translation has not."
    explanation = """
## What it does
Counts the passages in round and square brackets (`(…)`, `（…）`, `[…]`, `【…】`)
of each unit and of its translation, and reports a unit whose translation has
fewer: a dateline, a reporter's name, an abbreviation or an aside in brackets
was left out.

## Why is this bad
Machine translation drops parenthetical material more often than anything else
of a sentence: it is what the model finds least connected to the rest.

## Example
```
Der Vorstand (fünf Mitglieder) tagte am Montag.  →  The board met on Monday.
```

## Fix
```
The board (five members) met on Monday.
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        if not _ANY_BRACKET.search(unit.source or ""):
            return
        wanted, given = _bracket_pairs(unit.source or ""), _bracket_pairs(target)
        inside = re.findall(r"\d+", "".join(_BRACKETED.findall(unit.source or "")))
        if inside and all(re.search(rf"(?<!\d){n}(?!\d)", target) for n in inside):
            return  # "(see table 3)" → ", see Table 3": the aside is there, unbracketed
        if wanted > given:
            start, end = self.whole(target)
            yield Finding(start, end, f"The source has {wanted} passage"
                          f"{'s' if wanted != 1 else ''} in brackets; the translation "
                          f"{'has none' if not given else f'{given}'}")


class EndPunctuationMismatch(UnitRule):
    code = "TC511"
    name = "end-punctuation-mismatch"
    category = "Accuracy/Mistranslation"
    summary = "A question in the source ends as a statement in the translation, or the reverse."
    explanation = """
## What it does
Compares how each unit and its translation end: a source that asks (`?`, `？`,
Greek `;`) whose translation ends with a full stop, or a source statement whose
translation asks.

## Why is this bad
A question turned statement (or the reverse) changes what the text says; in a
user interface, a confirmation becomes a notice.

## Example
```
Möchten Sie die Datei löschen?  →  You want to delete the file.
```

## Fix
```
Do you want to delete the file?
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = (unit.source or "").rstrip()
        trimmed = target.rstrip()
        if not trimmed:
            return
        asks = (bool(_QUESTION.search(source)) and not source.endswith(";")) or (
            source.endswith(";") and (unit.source_lang or doc.source_lang or "") == "el")
        end = len(trimmed)
        if asks and _STATEMENT_END.search(trimmed):
            yield Finding(end - 1, end, "The source asks a question; the translation ends "
                          "as a statement")
        elif _STATEMENT_END.search(source) and _QUESTION.search(trimmed) and \
                not trimmed.endswith(";"):
            yield Finding(end - 1, end, "The source is a statement; the translation ends "
                          "as a question")


class QuotationMismatch(UnitRule):
    code = "TC509"
    name = "quotation-mismatch"
    category = "Fluency/Punctuation"
    summary = "The translation's quotation marks do not enclose what the source's do."
    explanation = """
## What it does
Compares the quotations of each unit with its translation's: a translation whose
quotation closes after a word or two while the source's quotes a whole passage,
leaving the rest of the passage outside it (`He said "the plan" works well.` for
a source that quotes "the plan works well"), and a translation that has fewer
quotations than the source.

## Why is this bad
A misplaced closing quote attributes words to the wrong speaker and strands the
rest of the quotation as the writer's own.

## Example
```
Sie sagte: „Der Plan funktioniert gut.“  →  She said: "The plan" works well.
```

## Fix
```
She said: "The plan works well."
```
"""

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterator[Finding]:
        source = unit.source or ""
        if not _ANY_QUOTE.search(source):
            return
        wanted = _quotations(source)
        given = _quotations(target)
        if not wanted or len(given) != len(wanted):
            return
        for (_, s_end), (_, t_end) in zip(wanted, given, strict=True):
            stranded = _STRANDED.match(target, t_end + 1)
            if _ENDS.match(source, s_end + 1) and stranded:
                yield Finding(t_end, t_end + 1, "The quotation closes before "
                              f"“{stranded.group(1)}”, which the source quotes too")


def _quotations(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each quotation's content (its closing mark at `end`)."""
    found, opened = [], None
    for index, char in enumerate(text):
        if opened is None and (char in _OPENING or char == '"'):
            opened = index + 1
        elif opened is not None and (char in _CLOSING or char == '"'):
            found.append((opened, index))
            opened = None
    return found
