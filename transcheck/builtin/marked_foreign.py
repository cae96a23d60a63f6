"""Where a writer has marked foreign words as intended: italics, glosses, quoted originals.

English style sets foreign words in italics, gives the original of a name in
parentheses (`Tokyo (東京)`) and quotes a foreign phrase before its translation
(`“Wir schaffen das” (we can do it)`). Rules about foreign text skip these spans.
Italics and `lang` markup are what the reader marked (`Document.marks`: Markdown's
`*…*`, HTML's `<em>` and `<i>`, an element with `lang="de"`); parentheses and
quoted glosses are read from the text of any format.
"""

from __future__ import annotations

from transcheck.document import Document
from transcheck.regex_programs import compiled

_MARKS = ("emphasis", "foreign")
_PARENTHESIS = compiled(r"\([^()\n]*\)")
_QUOTED_THEN_GLOSS = compiled(r"[“\"«„‘'‚]([^“”\"«»„\n]+)[”\"»“’'‘]\s*(?=\()")


def _glossed_spans(doc: Document) -> dict[str, list[tuple[int, int]]]:
    """The parentheses and glossed quotations of each paragraph text asked about, as spans
    in it: they depend on the text alone, and MT output repeats paragraphs."""
    return {}


def is_marked(doc: Document, start: int, end: int) -> bool:
    """Whether `[start, end)` lies inside italics, foreign-language markup, parentheses or
    a quotation with a gloss.

    A paragraph's glosses are found once, when it (or a copy of it) is first asked about:
    rules ask about few spans, but a long paragraph may be asked about many times.
    """
    if doc.marked(start, end, _MARKS):
        return True
    paragraph = doc.paragraph_at(start)
    if paragraph is None:
        return False
    spans = doc.memo(_glossed_spans).get(paragraph.text)
    if spans is None:
        spans = doc.memo(_glossed_spans)[paragraph.text] = [
            m.span(group)
            for pattern, group in ((_PARENTHESIS, 0), (_QUOTED_THEN_GLOSS, 1))
            for m in pattern.finditer(paragraph.text)
        ]
    start, end = start - paragraph.start, end - paragraph.start
    return any(low <= start and end <= high for low, high in spans)
