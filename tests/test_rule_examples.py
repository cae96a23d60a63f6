"""Every example of every rule, built-in (transcheck/builtin/examples.toml) and shipped
pack alike, as LanguageTool tests its `<example>` elements: a flagged example is flagged
at its marked spans (by its own entry, for a pack), its correction is what the rule's
fixes make of it and is itself left alone, and a near miss is not flagged at all."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from transcheck import fixes
from transcheck.bilingual.pairs import article_pair
from transcheck.bridge import BridgeRule
from transcheck.config import Settings
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.examples import Example, examples_of, parse_marked
from transcheck.factory import make_engine
from transcheck.packs.plugin import PackRule
from transcheck.rule import Rule

RULES = [rule for rule in Engine(Settings()).all_rules if not isinstance(rule, BridgeRule)]
CASES = [(rule, example) for rule in RULES for example in examples_of(rule)]


@cache
def engine_for(code: str, source_lang: str | None, glossary: str | None = None) -> Engine:
    table: dict[str, Any] = {"select": [code], "source-lang": source_lang}
    if glossary is not None:
        terms = Path(tempfile.mkdtemp(prefix="transcheck-examples-")) / "glossary.csv"
        terms.write_text(glossary, encoding="utf-8")
        table["glossary"] = str(terms)
    return make_engine(find=False, table=table)


def read(rule: Rule, example: Example, text: str) -> tuple[Engine, Document]:
    """`text` (the example's, or its correction) as the rule sees it: read as the file
    the example names; with a source, as the translation of that source."""
    engine = engine_for(rule.code, example.source_lang, example.glossary)
    doc = engine.read(text + "\n", example.file)
    if example.source is not None:
        doc = article_pair(doc, example.source, engine.settings)
    return engine, doc


def case_id(case: tuple[Rule, Example]) -> str:
    rule, example = case
    entry = f"#{example.entry}" if example.entry is not None else ""
    return f"{rule.code}{entry}:{'flag' if example.flagged else 'accept'}:{example.text[:40]}"


def spans_found(rule: Rule, example: Example, text: str) -> list[tuple[int, int]]:
    engine, doc = read(rule, example, text)
    return [(d.start, d.end) for d in engine.check(doc) if d.code == rule.code]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_example(case: tuple[Rule, Example]) -> None:
    rule, example = case
    found = spans_found(rule, example, example.text)
    if not example.flagged:
        assert found == [], f"a near miss flagged at {found}"
    elif example.spans is None:
        assert found, "not flagged"
    else:
        flagged = Example(example.text, True, tuple(found)).marked
        assert found == list(example.spans), f"flagged {flagged!r}"
    if isinstance(rule, PackRule) and example.entry is not None:
        entries = [hit.entry.number for hit in rule.matcher.finditer(example.text)]
        assert (example.entry in entries) == example.flagged, entries
    if example.correction is not None:
        assert spans_found(rule, example, example.correction) == [], "the correction is flagged"


def _substitution(rule: Rule, example: Example) -> bool:
    return isinstance(rule, PackRule) and any(
        entry.number == example.entry and entry.kind == "substitution"
        for entry in rule.pack.entries)


FIXED = [(rule, example) for rule, example in CASES if example.flagged and rule.fixable
         and (example.correction is not None or _substitution(rule, example))]


@pytest.mark.parametrize("case", FIXED, ids=case_id)
def test_fixes_give_the_correction(case: tuple[Rule, Example]) -> None:
    """Where a rule offers fixes, they make the example's correction (a pack's
    substitution: a sentence its entry no longer flags); where it offers none, the text
    stays as it is."""
    rule, example = case
    engine, doc = read(rule, example, example.text)
    offered = any(d.fix is not None for d in engine.check(doc) if d.code == rule.code)
    # Unsafe fixes too (--unsafe-fixes): the example shows what the rule's fix does.
    fixed = fixes.fix(engine, doc, unsafe=True).document.raw
    if not offered:  # the rule fixes only where the fix is certain: not here
        assert fixed == doc.raw
    elif example.correction is not None:
        assert fixed == example.correction + "\n"
    elif isinstance(rule, PackRule):
        entries = [hit.entry.number for hit in rule.matcher.finditer(fixed)]
        assert example.entry not in entries


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_has_examples_of_both_kinds(rule: Rule) -> None:
    kinds = {example.flagged for example in examples_of(rule)}
    assert kinds == {True, False}


_SECTION = re.compile(r"^## (Example|Fix)\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"^```\n(.*?)\n```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_the_explained_example_is_one_of_the_examples(rule: Rule) -> None:
    """`transcheck explain` shows the rule's first example and its correction; a pack
    shows one of its own, flagged by the pack, and its fix, not flagged."""
    blocks = {name: _CODE.findall(body) for name, body in _SECTION.findall(rule.explanation)}
    assert blocks.get("Example")
    if isinstance(rule, PackRule):
        shown = Example(blocks["Example"][0], True, file="explain.txt")
        assert spans_found(rule, shown, shown.text)
        for fixed in blocks.get("Fix", []):
            assert spans_found(rule, shown, fixed) == []
        return
    first = next(example for example in examples_of(rule) if example.flagged)
    *glossary, example = blocks["Example"]
    assert glossary == ([first.glossary.strip()] if first.glossary else [])
    if first.source is not None:
        # Shown as `source  →  translation`, a pair per paragraph, wrapped as it fits.
        pairs = zip(first.source.split("\n\n"), first.text.split("\n\n"), strict=True)
        assert example.split() == " ... ".join(f"{s} → {t}" for s, t in pairs).split()
    else:
        assert example == _visible(first.text)
    if blocks.get("Fix"):
        assert blocks["Fix"] == [_visible(first.correction or "")]


def _visible(text: str) -> str:
    """Invisible characters as explanations write them: `<U+200B>`."""
    return "".join(c if c.isprintable() or c == "\n" else f"<U+{ord(c):04X}>" for c in text)


@pytest.mark.parametrize("marked, text, spans", [
    ("The plan <marker>,</marker> said he.", "The plan , said he.", ((9, 10),)),
    ("by <marker>mail<marker>:</marker></marker>", "by mail:", ((3, 8), (7, 8))),
    ("no marker", "no marker", ()),
])
def test_markers_give_the_spans(marked: str, text: str, spans: tuple[tuple[int, int], ...]
                                ) -> None:
    assert parse_marked(marked) == (text, spans)
    assert Example(text, bool(spans), spans).marked == marked


@pytest.mark.parametrize("marked", ["a <marker>b", "a </marker>b"])
def test_unbalanced_markers_are_refused(marked: str) -> None:
    with pytest.raises(ValueError):
        parse_marked(marked)
