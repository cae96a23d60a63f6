"""Every hook a transcheck plugin can implement.

A plugin is an ordinary module (or object) whose functions carry
`@transcheck.hookimpl`. Built-in rules use exactly these hooks; third-party
plugins are found through the entry-point group ``transcheck``::

    # pyproject.toml of a plugin
    [project.entry-points.transcheck]
    house-style = "house_style"

    # house_style.py
    from transcheck.hookspecs import hookimpl
    from transcheck.rule import Rule

    class NoLoremIpsum(Rule):
        code = "HS001"
        name = "no-lorem-ipsum"
        ...

    @hookimpl
    def transcheck_rules(settings):
        return [NoLoremIpsum(settings.options_for(NoLoremIpsum))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from transcheck.config import Settings
    from transcheck.diagnostics import Diagnostic
    from transcheck.document import Document
    from transcheck.readers import Reader
    from transcheck.reporters import ReporterFactory
    from transcheck.rule import Rule

PROJECT = "transcheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)



@hookspec
def transcheck_rules(settings: Settings) -> Iterable[Rule]:
    """Return the rules this plugin provides, configured from `settings`.

    Return every rule, enabled by default or not: selection (`select`,
    `ignore`, source language) is the engine's job. Use
    `settings.options_for(RuleClass)` to get a rule's options from the
    configuration. Called once per run.
    """


@hookspec
def transcheck_modify_diagnostics(
    document: Document, diagnostics: list[Diagnostic], rules: Sequence[Rule], enabled: set[str]
) -> None:
    """Change the diagnostics of `document` in place, after every rule ran on it.

    As pytest's `pytest_collection_modifyitems`: drop, reorder or add diagnostics
    (keep them sorted by position). `rules` are all the rules there are, `enabled` the
    codes of those that ran. Suppression comments (`transcheck.suppression`) work so.
    """


@hookspec
def transcheck_config_keys() -> Mapping[str, Callable[[Any], Any]]:
    """Declare configuration keys this plugin reads, each with a validator.

    The validator receives the raw value (from TOML or the command line) and
    returns the checked value or raises `transcheck.errors.ConfigError`.
    Validated values appear in `settings.plugin_options[key]`. Keys nobody
    declares are reported as unknown.
    """


@hookspec
def transcheck_readers() -> Iterable[Reader]:
    """Return the readers this plugin provides: each turns one kind of file into a `Document`.

    A reader declares its file suffixes (the one list: directory scans, the pytest
    plugin and the pre-commit hook take theirs from it) and may recognise its files
    by content (`Reader.sniff`). A later plugin's reader wins a suffix. Files that no
    reader claims are read as plain text.
    """


@hookspec
def transcheck_output_formats() -> Mapping[str, ReporterFactory]:
    """Map `--format` names to reporter factories (see `transcheck.reporters.Reporter`).

    `factory(run, out)` makes the reporter of one run; it gets each checked file with
    `file(result)` as soon as it is checked, then `finish()`.
    """


@hookspec
def transcheck_session_finish(settings: Settings) -> None:
    """Release what the plugin's rules hold (servers, caches) at the end of a run.

    Called once, also when the run ends with an error or an interrupt.
    """


@hookspec(firstresult=True)
def transcheck_explain(code: str, settings: Settings) -> str | None:
    """Explain `code`, a code that no rule object has, for `transcheck explain`.

    For bridge plugins whose findings carry foreign codes (one LanguageTool rule,
    `LT-EN_A_VS_AN`). Return Markdown, or None when the plugin does not know `code`.
    """
