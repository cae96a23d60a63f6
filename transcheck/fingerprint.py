"""Stable identities for diagnostics, for baselines and CI tools that track findings over time.

A fingerprint must survive edits elsewhere in the file, so it hashes what the
finding is about (path, code, the flagged text and a few words around it inside
its paragraph), never the line number.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import PurePath

from transcheck.diagnostics import Diagnostic
from transcheck.document import Document
from transcheck.regex_programs import compiled

# How far the neighbourhood reaches on each side, in normalised characters: enough to
# tell two identical marks apart in different sentences, short enough that an edit a
# sentence away leaves the fingerprint alone. Cut after normalising, so that
# re-wrapping a paragraph does not shift the window.
_NEIGHBOURHOOD = 24
_WHITESPACE = compiled(r"\s+")


def fingerprint(path: str, doc: Document, d: Diagnostic) -> str:
    """A hex digest of the path, the rule code and the normalised text in and around `d`."""
    start, end = d.start, d.end
    low, high = _paragraph_bounds(doc, start, end)
    parts = (
        PurePath(path).as_posix(),
        d.code,
        _before(doc.text, low, start),
        _normalise(doc.text[start:end]),
        _after(doc.text, end, high),
    )
    # surrogateescape: a file name that is not UTF-8 hashes as its bytes.
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _before(text: str, low: int, start: int) -> str:
    """The last `_NEIGHBOURHOOD` characters of `text[low:start]` normalised, reading only
    as far back as they need (a paragraph may be a whole file on one line)."""
    reach = 4 * _NEIGHBOURHOOD
    while True:
        cut = max(low, start - reach)
        normal = _normalise(text[cut:start])
        # More than the neighbourhood and one: a space run or a character composed
        # across the cut changes the first character only.
        if cut == low or len(normal) > _NEIGHBOURHOOD + 1:
            return normal[-_NEIGHBOURHOOD:]
        reach *= 4


def _after(text: str, end: int, high: int) -> str:
    """The first `_NEIGHBOURHOOD` characters of `text[end:high]` normalised (as `_before`)."""
    reach = 4 * _NEIGHBOURHOOD
    while True:
        cut = min(high, end + reach)
        normal = _normalise(text[end:cut])
        if cut == high or len(normal) > _NEIGHBOURHOOD + 1:
            return normal[:_NEIGHBOURHOOD]
        reach *= 4


def _paragraph_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The paragraph holding the span, so that edits to other paragraphs do not count."""
    # A span between paragraphs (trailing control characters) reads the one before it.
    paragraph = doc.paragraph_before(start)
    if paragraph is None:
        return start, end
    return min(paragraph.start, start), max(paragraph.end, end)


def _normalise(text: str) -> str:
    # Re-wrapping a paragraph or changing its line endings is not a change to the finding.
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text))
