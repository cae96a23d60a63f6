"""Family TC2, consistency: one spelling per word or name, one dash style per document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import repeat
from operator import itemgetter

import ahocorasick

from transcheck import document
from transcheck.blocks import LowerBlocks, lower_blocks, occurrences
from transcheck.builtin.repetition import Words
from transcheck.builtin.spelling_variants import NAME_GROUPS, WORD_GROUPS
from transcheck.diagnostics import Finding
from transcheck.document import Document
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

_WORD = compiled(r"[^\W\d_](?:[\w’'-]*[^\W\d_])?")
_LETTER = compiled(r"[^\W\d_]")
_SPACE = compiled(r"\s")
_IDENTIFIER = compiled(r"^.+[A-Z]")  # a capital after the first letter
_WORD_INDEX = {form: group[0] for group in WORD_GROUPS for form in group}
_NAME_INDEX = {form: group[0] for group in NAME_GROUPS for form in group}
# Regular British/American and compound differences, as (what a word it fits holds,
# pattern, common key): the held text is looked for first, faster than the pattern fails.
# The stems are long enough that both sides are never two different real words
# ("mourning"/"morning" and "filled"/"filed" have stems too short to qualify).
_WORD_RULES = (
    ("our", compiled(r"^([a-z]{3,})our([a-z]*)$"), r"\1or\2"),
    ("is", compiled(r"^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations|ational|able)$"),
     r"\1iz\2"),
    ("ys", compiled(r"^([a-z]{3,})ys(e|es|ed|ing|er|ers)$"), r"\1yz\2"),
    ("ll", compiled(r"^([a-z]{4,})ll(ed|ing|er|ers|or|ors)$"), r"\1l\2"),
    ("-", compiled(r"^([a-z]{3,})-([a-z]{2,})$"), r"\1\2"),
)
# Transliterated names: Donbas/Donbass, Zelensky/Zelenskyy/Zelenskiy.
_DOUBLED_END = compiled(r"^([A-Z][a-z]{4,}?)([b-df-hj-np-tv-z])\2?$")
_SKY_END = compiled(r"^([A-Z][a-z]{2,})(?:skyy|skiy|sky|ski)$")


@lru_cache(maxsize=65536)
def variant_key(token: str) -> str:
    """A key shared by every spelling of the word or name `token` (in lower case)."""
    if token in _NAME_INDEX:
        return _NAME_INDEX[token].lower()
    lower = token.lower()
    if lower in _WORD_INDEX:
        return _WORD_INDEX[lower]
    for held, pattern, replacement in _WORD_RULES:
        if held in lower and pattern.match(lower):
            return pattern.sub(replacement, lower)
    if token[0].isupper() and token[1:].islower():
        sky = _SKY_END.match(token) if "sk" in token else None
        if sky:
            return (sky.group(1) + "sky").lower()
        doubled = _DOUBLED_END.match(token)
        if doubled:
            return (doubled.group(1) + doubled.group(2)).lower()
    return lower


def _places(text: str, forms: set[str], blocks: LowerBlocks | None = None
            ) -> list[tuple[int, int]]:
    """Where the words `forms` (lower case) stand in `text` as whole words, in order;
    `blocks`, if given, are the text's `lower_blocks`.

    An Aho-Corasick automaton (or `str.find`, for a few forms) finds every form in the
    lower-cased text, in C, far faster than a word-by-word scan; a hit counts only where
    the word pattern would have read exactly that word.
    """
    if blocks is not None:
        # No word spans a blank line: each distinct block is read once, and each hit
        # is tried as a whole word at every copy.
        return [(start, start + length) for start, length in
                blocks.at_copies(_hits(blocks.lower, forms))
                if _is_whole_word(text, start, start + length)]
    automaton = _automaton(forms)
    places: list[tuple[int, int]] = []
    for offset, chunk in _chunks(text):
        lower = chunk.lower()
        if len(lower) != len(chunk):  # a letter whose lower case is longer would shift offsets
            places.extend((offset + m.start(), offset + m.end()) for m in _WORD.finditer(chunk)
                          if m.group().lower() in forms)
            continue
        for last, length in automaton.iter(lower):
            start, end = last + 1 - length, last + 1
            if _is_whole_word(chunk, start, end):
                places.append((offset + start, offset + end))
    return sorted(places)


def _automaton(forms: set[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


_MOST_FOUND_ONE_BY_ONE = 64


def _hits(text: str, forms: set[str]) -> Iterator[tuple[int, int]]:
    """Where the words `forms` stand in `text`, whole or not: `(start, length)`.
    `str.find` skips through text faster than an automaton steps, word by word up to
    about 64 words (42 on the 1.5 MB MT file: 39M instructions against 67M)."""
    if len(forms) > _MOST_FOUND_ONE_BY_ONE:
        yield from ((last + 1 - length, length) for last, length in _automaton(forms).iter(text))
        return
    for form in forms:
        yield from zip(occurrences(text, form), repeat(len(form)))


def _chunks(text: str, size: int = 1 << 20) -> Iterator[tuple[int, str]]:
    """`text` in slices of about `size` characters cut at white space, which no word
    spans, with their offsets: a long text is never split or lower-cased whole."""
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + size) if start + size < len(text) else None
        end = cut.start() if cut else len(text)
        yield start, text[start:end]
        start = end


def _distinct_words(doc: Document, whole: bool) -> set[str]:
    """The words of `doc.text`, each once. A word never spans white space, so the words
    of the distinct runs between white space are those of the text: a natural text
    repeats most runs, and the word pattern then runs over a fraction of them. A document
    seen `whole` by the rules of paragraph scope shares its runs with theirs (`Words`);
    a longer one is split a slice at a time."""
    distinct: set[str] = set()
    if whole:
        distinct = doc.memo(Words).runs
    else:
        for _, chunk in _chunks(doc.text):
            distinct.update(chunk.split())
    # One scan of them all: no word spans the spaces that join them.
    return set(_WORD.findall(" ".join(distinct)))


def _is_whole_word(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is a word that `_WORD` reads whole there."""
    word = _WORD.match(text, start)
    return word is not None and word.end() == end and not _continues_word(text, start - 1)


def _continues_word(text: str, index: int) -> bool:
    """Whether a word `_WORD` reads from further left runs on through `index`: the
    run of word characters and joiners (’'-) that ends there holds a letter."""
    while index >= 0 and (text[index].isalnum() or text[index] in "_’'-"):
        if _LETTER.match(text[index]):
            return True
        index -= 1
    return False


class InconsistentSpelling(Rule):
    code = "TC204"
    name = "inconsistent-spelling"
    category = "Fluency/Inconsistency"
    fixable = True
    summary = "One word or name spelled two ways in one document (Kyiv/Kiev, colour/color)."
    explanation = """
## What it does
Finds words and names that appear in two spellings in the same document and
reports each such pair once, naming both forms: British and American spellings
(colour/color, organise/organize, analyse/analyze, travelled/traveled,
centre/center), hyphenated and closed compounds (e-mail/email, set-up/setup)
and transliterations (Kyiv/Kiev, Donbas/Donbass, Zelensky/Zelenskyy).

## Why is this bad
Translation memories, several translators and machine translation mix
conventions; a reader wonders whether "Kiev" and "Kyiv" are two places.

## Example
```
Shelling near Kyiv continued overnight. Residents of Kiev were told to stay inside.
```

## Fix
Choose one spelling. When one form is used once and the other several times,
this rule's fix replaces the odd one out.
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        # Group the distinct words first (cheap), then locate only those spelled two ways.
        # The keys shared by two forms come from C-level maps over every word; the
        # Python loop then looks at the words of those keys only.
        # The analyses the rules of paragraph scope share where they see the document
        # whole; a longer one is read a slice at a time, never whole.
        whole = len(doc.text) <= document.UNCUT_PIECES * document.PIECE_CHARS
        tokens = list(_distinct_words(doc, whole))
        keys = dict(zip(tokens, map(variant_key, tokens), strict=True))
        pairs = set(zip(keys.values(), map(str.lower, keys), strict=True))
        if len(pairs) == len(set(keys.values())):  # one spelling per key: most documents
            return
        spellings_per_key: Counter[str] = Counter(map(itemgetter(0), pairs))
        shared = {key for key, count in spellings_per_key.items() if count > 1}
        spellings: dict[str, set[str]] = {}
        for token, key in keys.items():
            # "PathLike", "setUp", "READ-ONLY" are identifiers, not spellings.
            if key in shared and not _IDENTIFIER.search(token):
                spellings.setdefault(key, set()).add(token.lower())
        clashing = {form for forms in spellings.values() if len(forms) > 1 for form in forms}
        if not clashing:
            return
        # key -> form (lower case) -> places, in document order
        occurrences: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
        for start, end in _places(doc.text, clashing, doc.memo(lower_blocks) if whole else None):
            token = doc.text[start:end]
            if not _IDENTIFIER.search(token):
                forms = occurrences.setdefault(variant_key(token), {})
                forms.setdefault(token.lower(), []).append((start, end, token))
        for forms in occurrences.values():
            if len(forms) > 1:
                yield self._finding(list(forms.values()))

    @staticmethod
    def _finding(forms: list[list[tuple[int, int, str]]]) -> Finding:
        ranked = sorted(forms, key=lambda places: (-len(places), places[0][0]))
        usual, others = ranked[0], ranked[1:]
        start, end, token = min(place for places in others for place in places)
        counts = ", ".join(f"“{places[0][2]}” {len(places)}×" for places in ranked)
        fix = None
        if len(usual) > 1 and sum(len(places) for places in others) == 1:
            spelling = usual[0][2]
            fix = spelling[0].upper() + spelling[1:] if token[0].isupper() else spelling.lower()
        return Finding(start, end, f"Spelled two ways in this document ({counts}); "
                       "keep one spelling", fix=fix)


_DASH_STYLES = {
    # Each pattern starts with its dash, so the search skips ahead to it (not to the
    # spaces, everywhere): `_dashes` adds the spaces of a spaced dash.
    "em dash": compiled(r"—(?<=[^\s—]—)(?=[^\s—])"),
    "spaced em dash": compiled(r"—(?<=\S —)(?= \S)"),
    "spaced en dash": compiled(r"–(?<=\S –)(?= \S)"),
    "spaced hyphen": compiled(r"-(?<=[^\W\d] -)(?= [^\W\d])"),
    # Spaced on both sides or on neither: "--jobs" after a space is a command-line option.
    # Found from its "--" (a space before it, taken in later, would have no literal prefix).
    "double hyphen": compiled(r"--(?:(?<=\w--)(?=\w)|(?<=\w --) (?=\w))"),
}
_DASH_TEXT = {"em dash": "—", "spaced em dash": " — ", "spaced en dash": " – ",
              "spaced hyphen": " - ", "double hyphen": "--"}


class MixedDashes(Rule):
    code = "TC206"
    name = "mixed-dashes"
    category = "Fluency/Punctuation"
    fixable = True
    summary = "Dashes of two styles in one document (a spaced en dash among em dashes)."
    explanation = """
## What it does
Sorts the dashes that set off a phrase into styles: unspaced em dash (`word—word`),
spaced em dash (`word — word`), spaced en dash (`word – word`), spaced hyphen
(`word - word`) and double hyphen (`word--word`). When a document uses more than
one, and one style is used at least twice and for at least three in five of the
document's dashes, every dash of the other styles is reported (in a closer mix no
style is the document's own; MT output that alternates styles from segment to
segment is left alone rather than rewritten to the style of its first paragraphs).
En dashes in ranges (`10–15`, `Paris–Lyon`), hyphens in compounds and command-line options
(`use --jobs`) are not dashes of this kind.

## Why is this bad
A consistent dash is part of a house style; two styles in one text show that
parts of it came from different sources, often machine translation.

## Example
```
The bridge—closed since May—reopens today – a week early.
```

## Fix
Use the document's usual style (this rule's fix does it):
```
The bridge—closed since May—reopens today—a week early.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        blocks = doc.memo(lower_blocks)
        if blocks is None:
            found = {style: _dashes(doc.text, style) for style in _DASH_STYLES}
        else:  # no dash reaches across a blank line: each distinct block is read once
            found = {style: [(start, start + length) for start, length in blocks.at_copies(
                (start, end - start) for start, end in _dashes(blocks.text, style))]
                for style in _DASH_STYLES}
        counts = Counter({style: len(matches) for style, matches in found.items() if matches})
        if len(counts) < 2 or counts.most_common(1)[0][1] < 2:
            return  # no style is the document's usual one yet
        first_use = {style: found[style][0][0] for style in counts}
        usual = min(counts, key=lambda style: (-counts[style], first_use[style]))
        if 2 * counts[usual] < 3 * (counts.total() - counts[usual]):
            return  # no style holds three in five of the dashes: a mix, not one slip
        for style, matches in found.items():
            if style == usual:
                continue
            for start, end in matches:
                yield Finding(start, end, f"{style.capitalize()} where this document "
                              f"uses the {usual} (“{_DASH_TEXT[usual].strip()}”)",
                              fix=_DASH_TEXT[usual])


def _dashes(text: str, style: str) -> list[tuple[int, int]]:
    """Where `text` has dashes of `style`."""
    spans = [m.span() for m in _DASH_STYLES[style].finditer(text)]
    if style == "double hyphen":
        return [(start - (text[start - 1] == " "), end) for start, end in spans]
    if style.startswith("spaced"):  # with its spaces, which no two dashes share
        dashes: list[tuple[int, int]] = []
        for start, end in spans:
            if not dashes or start - 1 >= dashes[-1][1]:
                dashes.append((start - 1, end + 1))
        return dashes
    return spans
