"""The characters a document holds, computed once, so that rules about rare characters
pass over the many documents that hold none of them without scanning the text."""

from __future__ import annotations

from transcheck.document import Document


def characters(doc: Document) -> frozenset[str]:
    """Every distinct character of `doc.text`; share it with `doc.memo(characters)`."""
    return frozenset(doc.text)


def has_any(doc: Document, wanted: frozenset[str]) -> bool:
    """Whether `doc.text` holds at least one of `wanted`."""
    return not doc.memo(characters).isdisjoint(wanted)
