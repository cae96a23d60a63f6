"""The languages of a bilingual file: what the file says, else the settings, else detected."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from transcheck.document import Unit
from transcheck.errors import RuleUnavailable

if TYPE_CHECKING:
    from transcheck.config import Settings

# Enough source text to tell its language; a file's first units usually suffice.
_SAMPLE_CHARS = 2000
_MIN_PROBABILITY = 0.5


def normal(code: str | None) -> str | None:
    """`pt_BR` → `pt-br`; empty → None."""
    code = (code or "").strip().replace("_", "-").lower()
    return code or None


def detect(texts: Iterable[str]) -> str | None:
    """The language most of `texts` is in (ISO 639-1), or None if unsure."""
    sample, size = [], 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= _SAMPLE_CHARS:
            break
    joined = " ".join(" ".join(sample).split())
    if not joined:
        return None
    from transcheck.builtin.untranslated import identify

    try:
        language, probability = identify(joined[:_SAMPLE_CHARS])
    except RuleUnavailable:
        return None
    return language if probability >= _MIN_PROBABILITY else None


def settle(
    units: Sequence[Unit], source_lang: str | None, target_lang: str | None, settings: Settings,
) -> tuple[str | None, str | None, list[Unit]]:
    """The document's source and target languages, and the units with theirs filled in.

    A unit keeps the languages its own row or `tuv` gives; the document's are what the
    file says, else `--source-lang` / `--lang`, else (source only) what most units'
    languages are, else detected from the source texts.
    """
    source_lang = normal(source_lang) or settings.source_lang
    target_lang = normal(target_lang) or normal(settings.language)
    if source_lang is None:
        own = Counter(u.source_lang for u in units if u.source_lang)
        source_lang = own.most_common(1)[0][0] if own else detect(
            u.source for u in units if u.source)
    return source_lang, target_lang, [
        u.replace(source_lang=normal(u.source_lang) or source_lang,
                  target_lang=normal(u.target_lang) or target_lang)
        for u in units
    ]
