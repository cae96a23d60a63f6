"""The engine: loads plugins with pluggy, selects rules, runs them on a `Document`."""

from __future__ import annotations

import fnmatch
import itertools
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from transcheck import hookspecs, selection
from transcheck.bridge import BridgeRule
from transcheck.config import Settings
from transcheck.diagnostics import Diagnostic, Finding, diagnostic_at
from transcheck.document import Document, Piece
from transcheck.errors import RuleUnavailable, TranscheckError, TranscheckWarning
from transcheck.readers import Reader, only_markup, read_plain
from transcheck.registry import Registry
from transcheck.rule import Rule

if TYPE_CHECKING:
    from transcheck.reporters import ReporterFactory

# Built-in plugins register through the same hooks as third-party ones.
BUILTIN_PLUGINS = (
    "transcheck.builtin.rules",
    "transcheck.packs.plugin",
    "transcheck.builtin.languagetool",
    "transcheck.suppression",
    "transcheck.reporters.builtin",
    "transcheck.readers.builtin",
    "transcheck.bilingual.plugin",
)


# Checks pieces of a long document with the rules of the given codes, elsewhere (other
# processes), and gives their findings as (code, finding) pairs; the work starts at once.
PieceChecker = Callable[[Iterator[Piece], list[str]], Iterator[tuple[str, Finding]]]


class ChosenRules(list[Rule]):
    """Rules chosen to run, and what `Engine.check` asks of them: worked out once, not for
    each of the files a run checks (a run may check 100,000s of small files)."""

    @cached_property
    def local(self) -> list[Rule]:
        """The rules of paragraph scope."""
        return [rule for rule in self if rule.scope == "paragraph"]

    @cached_property
    def bridged(self) -> bool:
        """Whether a bridge is among them."""
        return any(isinstance(rule, BridgeRule) for rule in self)

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(rule.code for rule in self)


class RuleCrash(TranscheckError):
    """A rule raised an exception: a bug in the rule, reported, not raised as a traceback."""


def plugin_manager() -> pluggy.PluginManager:
    """A plugin manager with the built-in plugins and those of the entry-point group."""
    import importlib

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if not _may_declare_plugins():
        return pm
    from importlib.metadata import entry_points

    # What `pm.load_setuptools_entrypoints` does, but asking for our group only: it reads
    # every installed distribution's entry points, a tenth of a run's start-up.
    for entry_point in entry_points(group=hookspecs.PROJECT):
        if not (pm.has_plugin(entry_point.name) or pm.is_blocked(entry_point.name)):
            pm.register(entry_point.load(), name=entry_point.name)
    return pm


def _may_declare_plugins() -> bool:
    """Whether an installed distribution may declare plugins of our entry-point group.

    Importing `importlib.metadata` (with the email parser and zipfile) costs a tenth of
    a run's start-up, and most installations hold no plugin. Where importlib.metadata
    looks (the dist-info and egg-info directories of `sys.path`'s directories), this
    looks for the group's header in their `entry_points.txt`; anything else on the path
    or among the finders that could hold distributions means asking importlib.metadata.
    """
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder
           for finder in sys.meta_path):
        return True
    header = f"[{hookspecs.PROJECT}]".encode()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as children:
                folders = [child.path for child in children
                           if child.name.lower().endswith((".dist-info", ".egg-info"))]
        except FileNotFoundError:
            continue
        except OSError:  # a zip file or an egg, or a folder that cannot be listed
            return True
        for folder in folders:
            try:
                with open(os.path.join(folder, "entry_points.txt"), "rb") as handle:
                    if header in handle.read():
                        return True
            except OSError:  # none (most distributions), or an egg-info file
                continue
    return False


class Engine:
    """Runs the selected rules of one configuration over documents."""

    def __init__(self, settings: Settings, pm: pluggy.PluginManager | None = None) -> None:
        self.settings = settings
        self.pm = pm or plugin_manager()
        # Rules that raised `RuleUnavailable`, and why: the run goes on without them.
        self.unavailable: set[Rule] = set()
        self.warnings: list[str] = []
        self._rules_by_language: dict[str | None, ChosenRules] = {}

    @cached_property
    def registry(self) -> Registry:
        """Every rule the plugins provide, checked; the options tables checked against them.

        Warnings the plugins raise meanwhile (a slow pack) become the run's warnings."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TranscheckWarning)
            registry = Registry.collect(self.pm, self.settings)
        for warning in caught:
            if issubclass(warning.category, TranscheckWarning):
                self.warnings.append(str(warning.message))
            else:
                warnings.showwarning(warning.message, warning.category, warning.filename,
                                     warning.lineno)
        registry.check_options(self.settings.rule_options,
                               str(self.settings.config_file or "configuration"))
        return registry

    @cached_property
    def all_rules(self) -> list[Rule]:
        return self.registry.rules

    @cached_property
    def rules(self) -> ChosenRules:
        """The rules that run: selected, and about the configured source language."""
        s = self.settings
        for option, selectors in (("select", s.select or ()), ("extend-select", s.extend_select),
                                  ("ignore", s.ignore)):
            selection.validate(selectors, self.all_rules, option)
        for codes in s.per_file_ignores.values():
            selection.validate(codes, self.all_rules, "per-file-ignores")
        return self.rules_for(s.source_lang)

    def rules_for(self, source_lang: str | None) -> ChosenRules:
        """The selected rules about `source_lang` (a document's own may differ from the
        configured one: a bilingual file says what it was translated from)."""
        if source_lang not in self._rules_by_language:
            s = self.settings
            self._rules_by_language[source_lang] = ChosenRules(
                rule for rule in self.all_rules
                if selection.is_enabled(rule, s.select, s.extend_select, s.ignore)
                and rule.applies_to(source_lang)
            )
        return self._rules_by_language[source_lang]

    @property
    def single_process(self) -> bool:
        """Whether files must be checked in this process: a bridge holds a server for the run."""
        return any(isinstance(rule, BridgeRule) and rule.active for rule in self.rules)

    def find_rule(self, code_or_name: str) -> Rule | None:
        return self.registry.find(code_or_name)

    @cached_property
    def readers(self) -> dict[str, Reader]:
        """Each claimed file suffix and its reader (a later plugin's wins)."""
        return {suffix: reader for batch in reversed(self.pm.hook.transcheck_readers())
                for reader in batch for suffix in reader.suffixes}

    @property
    def include(self) -> tuple[str, ...]:
        """Globs of the files a directory scan checks: configured, or the readers' own;
        and `extend-include`."""
        return tuple(dict.fromkeys((*(self.settings.include or (
            f"*{suffix}" for suffix, reader in self.readers.items() if reader.in_directories)),
            *self.settings.extend_include)))

    @property
    def exclude(self) -> tuple[str, ...]:
        """Globs of the files and directories a directory scan skips."""
        return (*self.settings.exclude, *self.settings.extend_exclude)

    @cached_property
    def output_formats(self) -> dict[str, ReporterFactory]:
        return _merge(self.pm.hook.transcheck_output_formats())

    def read(self, text: str, path: str) -> Document:
        """`text`, the content of the file `path`, as its reader makes it a `Document`."""
        reader = self.readers.get(Path(path).suffix.lower()) or next(
            (r for r in dict.fromkeys(self.readers.values()) if r.sniff and r.sniff(text)),
            None)
        return reader.read(text, path, self.settings) if reader else read_plain(text, path)

    def check(self, doc: Document, elsewhere: PieceChecker | None = None) -> list[Diagnostic]:
        """Diagnostics for `doc`, sorted by position, duplicates dropped.

        `elsewhere`, if given, checks the pieces of a long document with the rules of
        paragraph scope (in other processes) while this one runs the others.
        """
        ignored = [
            code for glob, codes in self.settings.per_file_ignores.items()
            if _path_matches(doc.path, glob, self.settings.root) for code in codes
        ]
        chosen = self.rules  # validates the selection first
        if doc.source_lang not in (None, self.settings.source_lang):
            chosen = self.rules_for(doc.source_lang)
        rules = chosen if not ignored else ChosenRules(
            r for r in chosen if selection.is_enabled(r, ["ALL"], (), ignored)
        )
        reported = self._run_rules(rules, doc, elsewhere)
        if rules.bridged:  # what only a bridge filters
            reported = _without_duplicates([(rule, finding) for rule, finding in reported
                                            if self._reports(rule, finding, ignored)])
        diagnostics = _diagnostics(doc, reported)
        self.pm.hook.transcheck_modify_diagnostics(
            document=doc, diagnostics=diagnostics, rules=self.all_rules,
            enabled=set(rules.codes))
        return diagnostics

    def _run_rules(self, rules: ChosenRules, doc: Document,
                   elsewhere: PieceChecker | None = None) -> list[tuple[Rule, Finding]]:
        """Each rule's findings. Rules of paragraph scope see a long document piece by
        piece, so their analyses hold one piece at a time, never the whole file."""
        local = rules.local
        pieces = doc.pieces() if local else iter(())
        first = next(pieces, None)
        remote = None
        if elsewhere is not None and first is not None and first.doc is not doc:
            remote = elsewhere(itertools.chain([first], pieces),
                               [rule.code for rule in local if rule not in self.unavailable])
        reported: list[tuple[Rule, Finding]] = []
        for rule in rules:
            if rule.scope != "paragraph" and rule not in self.unavailable:
                # Paired in C: one rule may report 10,000s of findings.
                reported.extend(zip(itertools.repeat(rule), self._findings(rule, doc)))
        if remote is not None:
            by_code = {rule.code: rule for rule in local}
            reported.extend((by_code[code], finding) for code, finding in remote)
            return reported
        for piece in itertools.chain([first], pieces) if first is not None else ():
            reported.extend(self.piece_findings(piece, local))
        return reported

    def piece_findings(self, piece: Piece, rules: Sequence[Rule]
                       ) -> Iterator[tuple[Rule, Finding]]:
        """The findings of `rules` (of paragraph scope) in `piece` that it owns, at
        offsets in the whole document."""
        offset = piece.offset
        # `piece.owns`, written out: asked of every finding.
        low, high = piece.own_start - offset, piece.own_end - offset
        for rule in rules:
            if rule in self.unavailable:
                continue
            for finding in self._findings(rule, piece.doc):
                if low <= finding.start < high:
                    yield rule, _moved(finding, offset) if offset else finding

    def _findings(self, rule: Rule, doc: Document) -> list[Finding]:
        try:
            return list(rule.check(doc))
        except RuleUnavailable as exc:
            self.unavailable.add(rule)
            self.warnings.append(str(exc))
            return []
        except TranscheckError:
            raise
        except Exception as exc:
            raise RuleCrash(
                f"{doc.path}: rule {rule.code} ({rule.name}) failed: "
                f"{type(exc).__name__}: {exc}"
            ) from exc

    def _reports(self, rule: Rule, finding: Finding, ignored: Sequence[str]) -> bool:
        if not isinstance(rule, BridgeRule):
            return True
        s = self.settings
        return selection.reports(rule, finding, s.select, s.extend_select, [*s.ignore, *ignored])

    def finish(self) -> None:
        self.pm.hook.transcheck_session_finish(settings=self.settings)


def _moved(finding: Finding, offset: int) -> Finding:
    """`finding` `offset` characters further on."""
    if type(finding) is not Finding:  # a subclass may have fields of its own
        return replace(finding, start=finding.start + offset, end=finding.end + offset)
    # What `replace` makes, at a third of its cost (a long document has 100,000s).
    return Finding(finding.start + offset, finding.end + offset, finding.message, finding.fix,
                   finding.code, finding.name, finding.severity, finding.category)


def _path_matches(path: str, glob: str, root: Path) -> bool:
    candidate = Path(path)
    try:
        relative = candidate.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = candidate.as_posix()
    return any(fnmatch.fnmatch(p, glob) for p in (relative, candidate.name))


def _without_duplicates(reported: list[tuple[Rule, Finding]]) -> list[tuple[Rule, Finding]]:
    """Drop a bridge's finding where a transcheck rule reported the same problem on that span
    (asked by `Engine` only when a bridge runs)."""
    own = [(f.code or r.code, f.start, f.end) for r, f in reported if not isinstance(r, BridgeRule)]

    def duplicated(rule: BridgeRule, finding: Finding) -> bool:
        codes = rule.duplicates(finding)
        return any(code in codes and (start == finding.start or (
            start < finding.end and finding.start < end)) for code, start, end in own)

    return [(r, f) for r, f in reported if not (isinstance(r, BridgeRule) and duplicated(r, f))]


def _diagnostics(doc: Document, reported: list[tuple[Rule, Finding]]) -> list[Diagnostic]:
    """The findings placed in `doc`, sorted by line, column and code; of those with the same
    code and span the first only, and none made only of markup."""
    length = len(doc.text)
    # Asked of every finding (100,000s in a large file): plain text has no markup.
    markup = only_markup if doc.markup else None
    seen: set[tuple[str, int, int]] = set()
    placed: list[tuple[int, str, tuple[int, int], Rule, Finding]] = []
    for rule, finding in reported:
        start, end = finding.start, finding.end
        code = finding.code or rule.code
        key = (code, start, end)
        if key in seen or (markup and markup(doc, start, end)):
            continue
        seen.add(key)
        if not 0 <= start <= end <= length:  # a rule's slip: keep the span inside the text
            start = max(0, min(start, length))
            end = max(start, min(end, length))
        placed.append((start, code, (start, end), rule, finding))
    # Offsets sort as the lines and columns they become, so the lines are walked once.
    placed.sort(key=itemgetter(0, 1))
    positions = doc.positions_in_order(map(itemgetter(2), placed))
    units = doc.units
    return [diagnostic_at(
        position, start, end, code,
        finding.name or rule.name,
        finding.severity or rule.severity,
        finding.category or rule.category,
        finding.message,
        finding.fix,
        rule.selector_keys(finding) if isinstance(rule, BridgeRule) else (),
        unit.id if units and (unit := doc.unit_at(start)) is not None else None,
    ) for (_, code, (start, end), rule, finding), position in zip(placed, positions, strict=True)]


def _merge(results: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    # pluggy returns the last-registered plugin first: merge in reverse so later ones win.
    merged: dict[str, Any] = {}
    for mapping in reversed(results):
        merged.update(mapping)
    return merged


def plugin_config_keys(pm: pluggy.PluginManager) -> dict[str, Callable[[Any], Any]]:
    return _merge(pm.hook.transcheck_config_keys())
