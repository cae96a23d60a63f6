"""Every example of every shipped pack, as LanguageTool tests its `<example>` elements:
a sentence to flag is flagged by its own entry; a near miss by nothing in the pack."""

from __future__ import annotations

from functools import cache

import pytest

from transcheck.document import Document
from transcheck.packs.format import Entry, Pack, load_pack
from transcheck.packs.plugin import PackRule, pack_files, shipped_packs_dir

PACKS = [load_pack(path) for path in pack_files([shipped_packs_dir()])]
MUST_FLAG = [(pack, entry, sentence) for pack in PACKS for entry in pack.entries
             for sentence in entry.must_flag]
NEAR_MISSES = [(pack, entry, sentence) for pack in PACKS for entry in pack.entries
               for sentence in entry.near_misses]


@cache
def rule_for(pack: Pack) -> PackRule:
    return PackRule(pack, source_lang=None)


def case_id(case: tuple[Pack, Entry, str]) -> str:
    pack, entry, sentence = case
    return f"{pack.name}#{entry.number}:{sentence[:40]}"


@pytest.mark.parametrize("case", MUST_FLAG, ids=case_id)
def test_example_is_flagged_by_its_entry(case: tuple[Pack, Entry, str]) -> None:
    pack, entry, sentence = case
    hits = [(hit.entry.number, sentence[hit.start:hit.end])
            for hit in rule_for(pack).matcher.finditer(sentence)]
    assert entry.number in [number for number, _ in hits], hits


@pytest.mark.parametrize("case", NEAR_MISSES, ids=case_id)
def test_near_miss_is_not_flagged_by_the_pack(case: tuple[Pack, Entry, str]) -> None:
    pack, _, sentence = case
    hits = [(hit.entry.number, sentence[hit.start:hit.end])
            for hit in rule_for(pack).matcher.finditer(sentence)]
    assert hits == []


SUBSTITUTIONS = [case for case in MUST_FLAG if case[1].kind == "substitution"]


@pytest.mark.parametrize("case", SUBSTITUTIONS, ids=case_id)
def test_substitution_fix_removes_the_finding(case: tuple[Pack, Entry, str]) -> None:
    pack, entry, sentence = case
    rule = rule_for(pack)
    for finding in sorted(rule.check(Document(sentence)), key=lambda f: -f.start):
        assert finding.fix is not None
        sentence = sentence[:finding.start] + finding.fix + sentence[finding.end:]
    assert entry.number not in [hit.entry.number for hit in rule.matcher.finditer(sentence)]
