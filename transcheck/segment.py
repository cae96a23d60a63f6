"""Sentence segmentation, shared by every rule that needs sentences."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import punkt

    from transcheck.document import Span


@lru_cache(maxsize=1)
def _tokenizer() -> punkt.PunktSentenceTokenizer:
    import punkt

    return punkt.tokenizer_for("english")


def split_sentences(paragraph: Span) -> list[Span]:
    """Split one paragraph into sentence spans with document offsets."""
    from transcheck.document import Span

    base = paragraph.start
    text = paragraph.text
    return [
        Span(base + start, base + end, text[start:end])
        for start, end in _tokenizer().span_tokenize(text)
    ]
