"""Where a writer has marked foreign words as intended: italics, glosses, quoted originals.

English style sets foreign words in italics, gives the original of a name in
parentheses (`Tokyo (東京)`) and quotes a foreign phrase before its translation
(`“Wir schaffen das” (we can do it)`). Rules about foreign text skip these spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from transcheck.document import Document

# Markdown emphasis, read from `source`: a reader may blank the asterisks in `text`.
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,2}|_{1,2})(?=\S)([^\n]+?)(?<=\S)\1(?![\w*])")
_PARENTHESIS = re.compile(r"\([^()\n]*\)")
_QUOTED_THEN_GLOSS = re.compile(r"[“\"«„‘'‚]([^“”\"«»„\n]+)[”\"»“’'‘]\s*(?=\()")


@dataclass(frozen=True)
class MarkedSpans:
    """Sorted, disjoint `[start, end)` ranges of intentionally foreign text."""

    starts: list[int]
    ends: list[int]

    def covers(self, start: int, end: int) -> bool:
        """Whether a marked span holds all of `[start, end)`."""
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and self.ends[index] >= end


def marked_spans(doc: Document) -> MarkedSpans:
    """The marked spans of `doc`, overlaps merged; share it with `doc.memo(marked_spans)`."""
    spans = sorted([
        *(m.span() for m in _EMPHASIS.finditer(doc.source)),
        *(m.span() for m in _PARENTHESIS.finditer(doc.text)),
        *(m.span(1) for m in _QUOTED_THEN_GLOSS.finditer(doc.text)),
    ])
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return MarkedSpans(starts, ends)
