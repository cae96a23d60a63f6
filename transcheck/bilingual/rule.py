"""The base of the source-aware rules (family TC5): each unit's target beside its source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from transcheck.bilingual import unit_text
from transcheck.diagnostics import Finding
from transcheck.document import Document, Unit
from transcheck.rule import Rule


class UnitRule(Rule):
    """A rule that compares each translated unit with its source.

    Implement `check_unit`; offsets in `target` (the unit's prose, markup blanked) are
    relative to `unit.start`. Documents without units (prose with no source) have
    nothing to compare, and units without a translation are skipped.
    """

    def check(self, doc: Document) -> Iterator[Finding]:
        for unit, target in doc.memo(_translated):
            for finding in self.check_unit(doc, unit, target):
                yield Finding(finding.start + unit.start, finding.end + unit.start,
                              finding.message, finding.fix, category=finding.category)

    def check_unit(self, doc: Document, unit: Unit, target: str) -> Iterable[Finding]:
        raise NotImplementedError

    @staticmethod
    def whole(target: str) -> tuple[int, int]:
        """The target without the blanks around it: where a finding about all of it goes."""
        stripped = target.strip()
        start = len(target) - len(target.lstrip())
        return start, start + len(stripped)


def _translated(doc: Document) -> tuple[tuple[Unit, str], ...]:
    """Each unit with a translation and a source, with its target's prose: found once
    per document for the twenty-odd rules that read them."""
    return tuple((unit, unit_text(doc, unit)) for unit in doc.units
                 if not unit.empty and unit.source and unit.source.strip())
