"""An article and its source article: units made by aligning their paragraphs.

With as many paragraphs on both sides, paragraph n translates paragraph n. Otherwise
the sentences of both are aligned by length (Gale and Church 1993: a translation's
length is proportional to its source's, with a normal spread), and each target
paragraph's source is the source sentences aligned with its sentences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from transcheck.document import Document, Span, Unit
from transcheck.errors import InputError
from transcheck.regex_programs import compiled
from transcheck.segment import sentences_of

if TYPE_CHECKING:
    from transcheck.config import Settings

# Gale and Church's variance of the length ratio, and the prior of each kind of bead.
_VARIANCE = 6.8
_BEADS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089,
          (2, 2): 0.011}
_PENALTY = {bead: -math.log(p) for bead, p in _BEADS.items()}
# Sentences of one side with nothing on the other, in a row: the texts do not correspond.
_MAX_UNMATCHED = 6
_SENTENCE_END = compiled(r"(?<=[.!?。！？])\s*")


def _cost(source: int, target: int, ratio: float) -> float:
    """-log of the probability that `target` characters translate `source` ones."""
    if source == 0 and target == 0:
        return 0.0
    mean = (source + target / ratio) / 2
    z = (ratio * source - target) / math.sqrt(_VARIANCE * max(mean, 1) * ratio)
    p = 2 * (1 - 0.5 * (1 + math.erf(abs(z) / math.sqrt(2))))
    return -math.log(max(p, 1e-12))


def align(source: Sequence[int], target: Sequence[int]) -> list[tuple[range, range]]:
    """Gale-Church: the most likely beads (source sentences, target sentences) of two
    sequences of sentence lengths, in order."""
    ratio = (sum(target) or 1) / (sum(source) or 1)
    inf = float("inf")
    n, m = len(source), len(target)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (di, dj), penalty in _PENALTY.items():
                if i < di or j < dj or best[i - di][j - dj] == inf:
                    continue
                cost = best[i - di][j - dj] + penalty + _cost(
                    sum(source[i - di:i]), sum(target[j - dj:j]), ratio)
                if cost < best[i][j]:
                    best[i][j], back[i][j] = cost, (di, dj)
    beads, i, j = [], n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    return beads[::-1]


def _source_sentences(text: str) -> list[str]:
    """Sentences of a source in any language: after each end mark (CJK ones too)."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


def paired(doc: Document, source: str, source_path: str = "<source>") -> Document:
    """`doc` (an article) with a unit for each paragraph, its source taken from `source`."""
    paragraphs = doc.paragraphs
    if not paragraphs:
        return doc  # nothing translated, nothing to compare
    source_paragraphs = [p.text for p in Document(source).paragraphs]
    if not source_paragraphs:
        raise InputError(f"{source_path}:1: nothing to align: the file has no text")
    if len(paragraphs) == len(source_paragraphs):
        sources = source_paragraphs
    else:
        sources = _by_sentences(doc, paragraphs, source_paragraphs, source_path)
    units = tuple(Unit(p.start, p.end, str(number), text)
                  for number, (p, text) in enumerate(zip(paragraphs, sources, strict=True), 1))
    return replace(doc, units=units, _memo={})


def _by_sentences(doc: Document, paragraphs: list[Span], source_paragraphs: list[str],
                  source_path: str) -> list[str]:
    target_sentences = sentences_of(paragraphs)
    owner = [next(i for i, p in enumerate(paragraphs) if p.start <= s.start <= p.end)
             for s in target_sentences]
    source_sentences = [s for p in source_paragraphs for s in _source_sentences(p)]
    beads = align([len(s) for s in source_sentences], [len(s) for s in target_sentences])
    run = 0
    for sources, targets in beads:
        run = run + 1 if not sources or not targets else 0
        if run > _MAX_UNMATCHED:
            where = targets or sources
            line = doc.position(target_sentences[where[0]].start)[0] if targets else 1
            raise InputError(
                f"{doc.path}:{line}: cannot align with {source_path}: "
                f"{len(source_sentences)} source sentences against "
                f"{len(target_sentences)} here, and {_MAX_UNMATCHED + 1} in a row match "
                "nothing")
    texts = [""] * len(paragraphs)
    for sources, targets in beads:
        if not sources:
            continue
        at = owner[targets[0]] if targets else (owner[0] if not texts else _last(texts))
        joined = " ".join(source_sentences[i] for i in sources)
        texts[at] = f"{texts[at]} {joined}".strip()
    return texts


def _last(texts: list[str]) -> int:
    """The last paragraph that has a source so far (a source sentence aligned with nothing
    joins it)."""
    return max((i for i, t in enumerate(texts) if t), default=0)


def article_pair(doc: Document, source: str, settings: Settings,
                 source_path: str = "<source>") -> Document:
    """`paired`, with the source language settled (`--source-lang`, else detected)."""
    from transcheck.bilingual.languages import settle

    doc = paired(doc, source, source_path)
    source_lang, target_lang, units = settle(doc.units, None, None, settings)
    return replace(doc, units=tuple(units), source_lang=source_lang, target_lang=target_lang)
