"""Examples of rules as data, written as LanguageTool writes its `<example>` elements.

A flagged example marks each span its rule reports with `<marker>…</marker>` and may
give the corrected text (`correction`); a near miss is correct English that looks like
the mistake. Built-in rules' examples are in `builtin/examples.toml`; a rule pack's
come with its entries (`examples.flag`, `examples.accept`), which say that the entry
fires somewhere in the sentence. `transcheck explain` shows them, and one test runs
every one of them (tests/test_rule_examples.py).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from transcheck.errors import ConfigError
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

_MARKER = compiled(r"</?marker>")
_EXAMPLE_KEYS = frozenset({"text", "source", "correction", "file", "source-lang"})
_RULE_KEYS = frozenset({"flag", "accept", "file", "source-lang", "glossary"})


@dataclass(frozen=True)
class Example:
    """One sentence (or a few paragraphs) that a rule must flag, or must leave alone.

    `spans`: the `[start, end)` of each finding the rule must report in `text`, and
    no other; None when the example says only that it is flagged somewhere (a pack
    entry's). `correction`: the text as it should read. `source`: the text `text`
    translates (for the source-aware rules), in `source_lang`. `file`: a file name
    whose suffix picks the reader. `glossary`: the glossary (CSV) the example is
    checked with. `entry`: the number of the pack entry the example is of.
    """

    text: str
    flagged: bool
    spans: tuple[tuple[int, int], ...] | None = None
    correction: str | None = None
    file: str = "example.txt"
    source_lang: str | None = None
    source: str | None = None
    glossary: str | None = None
    entry: int | None = None

    @property
    def marked(self) -> str:
        """The text with its spans in `<marker>` tags, as the data writes it."""
        if not self.spans:
            return self.text
        tags = sorted([(start, 1, "<marker>") for start, _ in self.spans]
                      + [(end, 0, "</marker>") for _, end in self.spans])
        out, last = [], 0
        for at, _, tag in tags:
            out += [self.text[last:at], tag]
            last = at
        return "".join(out) + self.text[last:]


def parse_marked(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`marked` without its `<marker>` tags, and the spans they enclosed (they may nest)."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    length = last = 0
    for tag in _MARKER.finditer(marked):
        piece = marked[last:tag.start()]
        text.append(piece)
        length += len(piece)
        last = tag.end()
        if tag.group() == "<marker>":
            opened.append(length)
        elif opened:
            spans.append((opened.pop(), length))
        else:
            raise ValueError(f"a </marker> that closes nothing in {marked!r}")
    if opened:
        raise ValueError(f"a <marker> left open in {marked!r}")
    return "".join(text) + marked[last:], tuple(sorted(spans))


def examples_of(rule: Rule) -> list[Example]:
    """Every example of `rule`: a built-in's from the data file, a pack's from its entries."""
    from transcheck.packs.plugin import PackRule

    if isinstance(rule, PackRule):
        return [Example(sentence, flagged, entry=entry.number)
                for entry in rule.pack.entries
                for flagged, sentences in ((True, entry.must_flag), (False, entry.near_misses))
                for sentence in sentences]
    return builtin_examples().get(rule.code, [])


@cache
def builtin_examples() -> dict[str, list[Example]]:
    """The examples of `builtin/examples.toml`, by rule code."""
    source = resources.files("transcheck.builtin") / "examples.toml"
    where = "transcheck/builtin/examples.toml"
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return {code: _rule_examples(table, f"{where}: [{code}]") for code, table in data.items()}


def _rule_examples(table: Any, where: str) -> list[Example]:
    if not isinstance(table, dict) or set(table) - _RULE_KEYS:
        raise ConfigError(f"{where}: keys are {', '.join(sorted(_RULE_KEYS))}")
    defaults = {key: table[key] for key in ("file", "source-lang") if key in table}
    glossary = table.get("glossary")
    return [_example(item, flagged, defaults, where, glossary)
            for flagged, key in ((True, "flag"), (False, "accept"))
            for item in table.get(key, [])]


def _example(item: Any, flagged: bool, defaults: dict[str, str], where: str,
             glossary: str | None) -> Example:
    fields = {**defaults, **(item if isinstance(item, dict) else {"text": item})}
    if set(fields) - _EXAMPLE_KEYS or not all(isinstance(v, str) for v in fields.values()) \
            or not fields.get("text"):
        raise ConfigError(f"{where}: an example is a string or a table of "
                          f"{', '.join(sorted(_EXAMPLE_KEYS))} (strings, text required)")
    try:
        text, spans = parse_marked(fields["text"])
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    if flagged != bool(spans):
        raise ConfigError(f"{where}: {fields['text']!r}: a flagged example marks what is "
                          "flagged, a near miss marks nothing")
    return Example(text, flagged, spans, fields.get("correction"),
                   fields.get("file", "example.txt"), fields.get("source-lang"),
                   fields.get("source"), glossary)
