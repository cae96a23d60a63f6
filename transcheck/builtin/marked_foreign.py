"""Where a writer has marked foreign words as intended: italics, glosses, quoted originals.

English style sets foreign words in italics, gives the original of a name in
parentheses (`Tokyo (東京)`) and quotes a foreign phrase before its translation
(`“Wir schaffen das” (we can do it)`). Rules about foreign text skip these spans.
"""

from __future__ import annotations

import bisect
import re

from transcheck.document import Document

# Markdown emphasis, read from `source`: a reader may blank the asterisks in `text`.
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,2}|_{1,2})(?=\S)([^\n]+?)(?<=\S)\1(?![\w*])")
_PARENTHESIS = re.compile(r"\([^()\n]*\)")
_QUOTED_THEN_GLOSS = re.compile(r"[“\"«„‘'‚]([^“”\"«»„\n]+)[”\"»“’'‘]\s*(?=\()")


def _paragraph_starts(doc: Document) -> list[int]:
    return [p.start for p in doc.paragraphs]


def _marked_spans(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """The marked spans of each paragraph (by index) asked about so far."""
    return {}


def is_marked(doc: Document, start: int, end: int) -> bool:
    """Whether `[start, end)` lies inside italics, parentheses or a quotation with a gloss.

    A paragraph's marked spans are found once, when it is first asked about: rules ask
    about few spans, but a long paragraph may be asked about many times.
    """
    index = bisect.bisect_right(doc.memo(_paragraph_starts), start) - 1
    if index < 0:
        return False
    spans = doc.memo(_marked_spans).get(index)
    if spans is None:
        paragraph = doc.paragraphs[index]
        spans = doc.memo(_marked_spans)[index] = [
            m.span(group)
            for pattern, text, group in ((_EMPHASIS, doc.raw, 0), (_PARENTHESIS, doc.text, 0),
                                         (_QUOTED_THEN_GLOSS, doc.text, 1))
            for m in pattern.finditer(text, paragraph.start, paragraph.end)
        ]
    return any(low <= start and end <= high for low, high in spans)
