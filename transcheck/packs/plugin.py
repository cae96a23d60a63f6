"""Family TC3, rule packs: rules written as data in `rules/*.toml`, one rule per pack.

The shipped packs are inside the installed package (`transcheck/data/rules`, copied
from the repository's `rules/` when the wheel is built); users add directories
with `--rules-dir` or the config key `rules-dirs`.
"""

from __future__ import annotations

import bisect
import math
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import transcheck
from transcheck import regex_programs
from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic, Finding
from transcheck.document import Document
from transcheck.errors import ConfigError, TranscheckWarning
from transcheck.hookspecs import hookimpl
from transcheck.packs.format import Entry, Pack, load_pack
from transcheck.packs.matcher import AnchorIndex, Matcher
from transcheck.rule import Rule

# Each pattern without anchor words is searched for over the whole text: 5,000 of them
# take 23 s on a 7 KB article.
UNANCHORED_WARNING = 1000


def shipped_packs_dir() -> Path:
    """Where the packs that come with transcheck are.

    In an installed wheel they are package data; in an editable install of a
    checkout the package has none, and they are read from the repository's `rules/`.
    """
    # The package's folder (`importlib.resources` would import zipfile and tempfile,
    # 3 ms of every run, to say so).
    packaged = Path(transcheck.__file__).parent / "data" / "rules"
    if any(packaged.glob("*.toml")):
        return packaged
    checkout = Path(transcheck.__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "rules").is_dir():
        return checkout / "rules"
    return packaged


def pack_files(directories: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            raise ConfigError(f"{directory}: rules directory not found")
        files.extend(sorted(directory.glob("*.toml")))
    return files


def load_packs(settings: Settings) -> list[Pack]:
    """The shipped packs and the user's, for the configured variety of English."""
    packs: list[Pack] = []
    seen: dict[str, str] = {}
    for path in pack_files([shipped_packs_dir(), *settings.rules_dirs]):
        pack = load_pack(path)
        for key in (pack.code, pack.name):
            if key in seen:
                raise ConfigError(f"{path}: '{key}' is already used by {seen[key]}")
            seen[key] = str(path)
        if settings.language.startswith(pack.language):
            packs.append(pack)
            _warn_if_slow(pack)
    return packs


def _warn_if_slow(pack: Pack) -> None:
    unanchored = sum(e.kind == "pattern" and not e.anchors for e in pack.entries)
    if unanchored >= UNANCHORED_WARNING:
        warnings.warn(f"{pack.path}: {unanchored} patterns without 'anchors' are each tried "
                      "at every position of the text, which makes checking slow; give them "
                      "anchor words (see the packs' README)", TranscheckWarning, stacklevel=2)


class PackRule(Rule):
    """A rule whose identity, documentation and matcher come from a pack."""

    scope = "paragraph"  # no entry reaches past the paragraphs around a match

    def __init__(self, pack: Pack, source_lang: str | None,
                 options: Mapping[str, Any] | None = None,
                 index: AnchorIndex | None = None) -> None:
        self.pack = pack
        self.code, self.name, self.summary = pack.code, pack.name, pack.summary
        self.category, self.severity = pack.category, pack.severity
        self.default_enabled = pack.default_enabled
        self.source_languages = pack.source_languages
        self.fixable = any(entry.kind == "substitution" for entry in pack.entries)
        self.explanation = _explanation(pack)
        super().__init__(options)
        language = source_lang.split("-")[0].lower() if source_lang else None
        self._entries = [e for e in pack.entries if language is None or not e.source_languages
                         or language in e.source_languages]
        self._index = index or AnchorIndex()
        self._matcher: Matcher | None = None
        # The pack and the source language choose the entries: together they name them.
        self._origin = f"{pack.digest} {language}" if pack.digest else ""
        self._index.defer(lambda: self.matcher)

    @property
    def matcher(self) -> Matcher:
        """Built on first use: listing rules or checking with others need not pay for it."""
        if self._matcher is None:
            self._matcher = Matcher(self._entries, self._index, self._origin)
        return self._matcher

    def check(self, doc: Document) -> Iterator[Finding]:
        for hit in self.matcher.find(doc):
            entry = hit.entry
            fix = None
            if entry.replacement is not None:
                fix = _match_case(entry.replacement, doc.text[hit.start:hit.end])
            yield Finding(hit.start, hit.end, entry.message, fix=fix)


def _match_case(replacement: str, found: str) -> str:
    """Capitalise the replacement where the wrong words began a sentence."""
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _explanation(pack: Pack) -> str:
    counts = {kind: sum(e.kind == kind for e in pack.entries)
              for kind in ("phrase", "substitution", "pattern")}
    kinds = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in counts.items() if n)
    sample: Entry = pack.entries[0]
    return (
        f"{pack.explanation.strip()}\n\n## Entries\n"
        f"This rule is a pack of {len(pack.entries)} entries ({kinds}), each with its own "
        f"message, read from `{Path(pack.path).name}`. For instance:\n"
        f"```\n{sample.must_flag[0]}\n```\n{sample.message}\n"
    )


@hookimpl
def transcheck_rules(settings: Settings) -> Iterable[Rule]:
    # One anchor index for all packs: a document is scanned once, whatever the number of packs.
    index = AnchorIndex()
    return [PackRule(pack, settings.source_lang, settings.options_for(pack), index)
            for pack in load_packs(settings)]


@hookimpl
def transcheck_session_finish(settings: Settings) -> None:
    regex_programs.keep_bundles()  # the regexes this run made, for the next run to read at once


@hookimpl(trylast=True)
def transcheck_modify_diagnostics(document: Document, diagnostics: list[Diagnostic],
                                  rules: Sequence[Rule], enabled: set[str]) -> None:
    """One finding per phrase: where packs report overlapping words, the pack for fewer
    source languages keeps them, since its message says what the source meant; TC310,
    for any language, gives way to the others. Runs after suppressions, so a comment
    that silences one pack's finding is never reported unused."""
    breadth = {rule.code: len(rule.source_languages) or math.inf
               for rule in rules if isinstance(rule, PackRule)}
    ours = [d for d in diagnostics if d.code in breadth]
    if len(ours) < 2:
        return
    kept: list[tuple[int, int]] = []  # sorted, never overlapping
    dropped: set[int] = set()
    for d in sorted(ours, key=lambda d: (breadth[d.code], d.code, d.start, -d.end)):
        at = bisect.bisect(kept, (d.start, d.end))
        if (at and kept[at - 1][1] > d.start) or (at < len(kept) and kept[at][0] < d.end):
            dropped.add(id(d))
        else:
            kept.insert(at, (d.start, d.end))
    if dropped:
        diagnostics[:] = [d for d in diagnostics if id(d) not in dropped]
