"""LanguageTool as a built-in plugin: config keys, the `LT` bridge rule, `explain LT-<id>`.

Off unless `languagetool = true` (a local server, run by language-tool-python) or
`languagetool-url` (a team's server, or the public API) is set, in the config file or
with `--languagetool` / `--languagetool-url`. Each LanguageTool match becomes a finding
with the code `LT-<rule id>`; see `LanguageTool.explanation` for the mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from transcheck.bridge import BridgeRule
from transcheck.config import Settings, flag
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.errors import ConfigError
from transcheck.hookspecs import hookimpl
from transcheck.rule import Rule

if TYPE_CHECKING:
    # The backend pulls in requests and language-tool-python: imported only when enabled.
    from transcheck.languagetool.backend import Backend, Options
    from transcheck.languagetool.protocol import LTMatch

PREFIX = "LT-"
DEFAULT_CACHE = Path(".transcheck_cache")
DEFAULT_TIMEOUT = 60.0

# LanguageTool's issue types (from the W3C ITS 2.0 list) → severity. Spelling is a
# warning, not an error: names and terms a dictionary lacks are most of its matches.
SEVERITY = {
    "grammar": Severity.ERROR,
    "mistranslation": Severity.ERROR,
    "untranslated": Severity.ERROR,
    "omission": Severity.ERROR,
    "style": Severity.INFO,
    "register": Severity.INFO,
    "uncategorized": Severity.INFO,
    "other": Severity.INFO,
}

# LanguageTool's category ids → MQM category; then its issue type; else "Other".
MQM_BY_CATEGORY = {
    "TYPOS": "Fluency/Spelling",
    "CASING": "Fluency/Spelling",
    "COMPOUNDING": "Fluency/Spelling",
    "AMERICAN_ENGLISH": "Fluency/Spelling",
    "BRITISH_ENGLISH": "Fluency/Spelling",
    "GRAMMAR": "Fluency/Grammar",
    "CONFUSED_WORDS": "Fluency/Grammar",
    "PUNCTUATION": "Fluency/Punctuation",
    "TYPOGRAPHY": "Fluency/Punctuation",
    "FALSE_FRIENDS": "Accuracy/Mistranslation",
    "SEMANTICS": "Accuracy/Mistranslation",
    "STYLE": "Style/Awkward",
    "COLLOCATIONS": "Style/Awkward",
    "REDUNDANCY": "Style/Awkward",
    "PLAIN_ENGLISH": "Style/Awkward",
    "REPETITIONS_STYLE": "Style/Awkward",
    "NONSTANDARD_PHRASES": "Style/Awkward",
}
MQM_BY_ISSUE_TYPE = {
    "misspelling": "Fluency/Spelling",
    "grammar": "Fluency/Grammar",
    "duplication": "Fluency/Grammar",
    "typographical": "Fluency/Punctuation",
    "whitespace": "Fluency/Punctuation",
    "inconsistency": "Fluency/Inconsistency",
    "register": "Fluency/Register",
    "characters": "Fluency/Character encoding",
    "style": "Style/Awkward",
    "mistranslation": "Accuracy/Mistranslation",
    "untranslated": "Accuracy/Untranslated text",
    "omission": "Accuracy/Omission",
    "addition": "Accuracy/Addition",
    "terminology": "Terminology/Inappropriate for context",
    "locale-violation": "Locale convention/Other",
}

# Issue types whose suggestions are guesses (a name the dictionary lacks, a rephrasing to
# taste): never a fix that `--fix` would apply, only suggestions in the message.
GUESSES = frozenset({"misspelling", "style", "register"})
SUGGESTIONS_SHOWN = 3

# LanguageTool rules that report what a transcheck rule reports: where both fire on one
# span, only transcheck's finding is kept (its message knows about translation).
DUPLICATES: Mapping[str, tuple[str, ...]] = {
    "EN_UNPAIRED_QUOTES": ("TC101", "TC102"),
    "EN_UNPAIRED_BRACKETS": ("TC101", "TC102"),
    "COMMA_PARENTHESIS_WHITESPACE": ("TC111", "TC112"),
    "SENTENCE_WHITESPACE": ("TC113",),
    "DOUBLE_PUNCTUATION": ("TC114",),
    "EN_A_VS_AN": ("TC205",),
    "ENGLISH_WORD_REPEAT_RULE": ("TC207",),
}



def _url(value: Any) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"'languagetool-url' must be an http(s) URL, got {value!r}")
    return str(value)


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"'languagetool-timeout' must be a number of seconds, got {value!r}")
    return float(value)


def _directory(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"'languagetool-cache-dir' must be a path, got {value!r}")
    return value


@hookimpl
def transcheck_config_keys() -> Mapping[str, Callable[[Any], Any]]:
    return {
        "languagetool": flag("languagetool"),
        "languagetool-url": _url,
        "languagetool-optional": flag("languagetool-optional"),
        "languagetool-timeout": _seconds,
        "languagetool-cache-dir": _directory,
    }


def _cache_dir(settings: Settings) -> tuple[Path, Path | None]:
    """The cache directory, and the directory to give a `.gitignore` if it is the default."""
    configured = settings.plugin_options.get("languagetool-cache-dir")
    if configured:
        return settings.root / Path(configured).expanduser(), None
    return settings.root / DEFAULT_CACHE / "languagetool", settings.root / DEFAULT_CACHE


def _mother_tongue(source_lang: str | None) -> str | None:
    """`de` → `de`, `pt-br` → `pt-BR`: LanguageTool's spelling of language codes."""
    if not source_lang:
        return None
    language, _, region = source_lang.partition("-")
    return f"{language}-{region.upper()}" if region else language


def options_for(settings: Settings) -> Options | None:
    """How to reach LanguageTool, or None when it is not enabled."""
    plugin = settings.plugin_options
    url = plugin.get("languagetool-url")
    if not url and not plugin.get("languagetool", False):
        return None
    from transcheck.languagetool.backend import Options

    cache_dir, ignored_root = _cache_dir(settings)
    return Options(
        url=url,
        language=settings.language,
        mother_tongue=_mother_tongue(settings.source_lang),
        cache_dir=cache_dir,
        timeout=plugin.get("languagetool-timeout", DEFAULT_TIMEOUT),
        optional=plugin.get("languagetool-optional", False),
        ignored_cache_root=ignored_root,
    )


class LanguageTool(BridgeRule):
    code = "LT"
    name = "languagetool"
    category = "Other"
    severity = Severity.WARNING
    fixable = True  # some matches: see the explanation
    summary = ("LanguageTool's grammar, spelling, style and false-friend rules "
               "(with --languagetool or --languagetool-url).")
    explanation = """
## What it does
Sends each paragraph to LanguageTool and reports its matches as ordinary diagnostics.
Each has the code `LT-` plus LanguageTool's rule id (`LT-EN_A_VS_AN`); `transcheck explain
LT-<id>` shows LanguageTool's description of a rule it has reported in this project.
With `--source-lang`, LanguageTool also runs its false-friend rules for that mother tongue.

Select or ignore one rule by its code (`--ignore LT-WHITESPACE_RULE`), rules by a code
prefix (`LT-EN_`), a whole LanguageTool category by `LT-` plus its id (`--ignore
LT-TYPOS`, `LT-STYLE`), or everything with `LT`. The most specific selector wins.

Severity comes from LanguageTool's issue type: *error* for grammar, mistranslation,
untranslated text and omissions; *info* for style and register; *warning* for the rest,
spelling included. The MQM category comes from LanguageTool's category (`TYPOS` →
Fluency/Spelling, `FALSE_FRIENDS` → Accuracy/Mistranslation, ...). LanguageTool's
suggestion is the fix when it makes exactly one and the match is not about spelling or
style (there a suggestion is a guess); otherwise its suggestions end the message.

Where a transcheck rule reports the same problem on the same span (an unpaired quote, a
space before a comma, doubled punctuation, a missing space between sentences, `a`/`an`, a
doubled word), only transcheck's diagnostic is kept.

## Why is this bad
LanguageTool catches general grammar and spelling mistakes, which transcheck's own
rules, written for translation artifacts, leave alone.

## Example
How LanguageTool judges a sentence depends on its version and configuration; run
`transcheck --languagetool article.txt` to see.

## Fix
Apply LanguageTool's suggestion, or ignore the rule's code if it does not suit the text.
"""

    def __init__(self, backend: Backend | None) -> None:
        super().__init__()
        self.backend = backend
        # Only a configured backend runs by default; `--select ALL` alone starts nothing.
        self.default_enabled = self.active = backend is not None
        self._categories: dict[str, str] = {}

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.backend is None:  # not configured
            return
        paragraphs = doc.paragraphs
        results = self.backend.check([p.text for p in paragraphs])
        for paragraph, matches in zip(paragraphs, results, strict=True):
            for match in matches:
                yield self._finding(paragraph.start, match)

    def selector_keys(self, finding: Finding) -> tuple[str, ...]:
        category = self._categories.get(finding.code or "")
        return (category,) if category else ()

    def duplicates(self, finding: Finding) -> tuple[str, ...]:
        return DUPLICATES.get((finding.code or "").removeprefix(PREFIX), ())

    def _finding(self, base: int, match: LTMatch) -> Finding:
        code = PREFIX + match.rule_id
        if match.category_id:
            self._categories[code] = PREFIX + match.category_id.upper()
        safe = len(match.replacements) == 1 and match.issue_type not in GUESSES
        message = match.message or match.description
        if match.replacements and not safe:
            shown = ", ".join(match.replacements[:SUGGESTIONS_SHOWN])
            message = f"{message} Suggestions: {shown}."
        return Finding(
            start=base + match.offset,
            end=base + match.offset + match.length,
            message=message,
            fix=match.replacements[0] if safe else None,
            code=code,
            name="lt-" + match.rule_id.lower().replace("_", "-"),
            severity=SEVERITY.get(match.issue_type, Severity.WARNING),
            category=mqm_category(match.category_id, match.issue_type),
        )


def mqm_category(category_id: str, issue_type: str) -> str:
    return MQM_BY_CATEGORY.get(category_id) or MQM_BY_ISSUE_TYPE.get(issue_type, "Other")


# One backend (one server, one thread pool) per run, released by `transcheck_session_finish`
# (or dropped with its run's settings, for Python API users who never finish a run).
_backends: WeakKeyDictionary[Settings, Backend] = WeakKeyDictionary()


@hookimpl
def transcheck_rules(settings: Settings) -> Iterable[Rule]:
    options = options_for(settings)
    backend = None
    if options:
        from transcheck.languagetool.backend import Backend

        backend = _backends.get(settings) or _backends.setdefault(settings, Backend(options))
    return [LanguageTool(backend)]


@hookimpl
def transcheck_session_finish(settings: Settings) -> None:
    backend = _backends.pop(settings, None)
    if backend:
        backend.close()


@hookimpl
def transcheck_explain(code: str, settings: Settings) -> str | None:
    key = code.strip().upper()
    if not key.startswith(PREFIX) or key == PREFIX:
        return None
    from transcheck.languagetool.cache import Cache  # a run without LanguageTool needs none

    cache = Cache(_cache_dir(settings)[0])
    rule_id = key.removeprefix(PREFIX)
    info = cache.rule(rule_id)
    if info:
        return _describe_rule(info)
    in_category = [r for r in cache.rules() if r.get("category_id", "").upper() == rule_id]
    if in_category:
        name = in_category[0].get("category_name") or rule_id
        lines = [f"- `{PREFIX}{r['id']}`: {r.get('description', '')}" for r in in_category]
        return (f"# {key} LanguageTool category: {name}\n\n"
                f"LanguageTool rules of this category seen in this project:\n\n"
                + "\n".join(lines))
    return (f"# {key} LanguageTool rule {rule_id}\n\n"
            "transcheck learns what a LanguageTool rule is from LanguageTool's answers, and "
            f"none has reported this rule in this project yet (cache: {cache.directory}).")


def _describe_rule(info: Mapping[str, Any]) -> str:
    category_id = str(info.get("category_id", ""))
    issue_type = str(info.get("issue_type", ""))
    severity = SEVERITY.get(issue_type, Severity.WARNING)
    lines = [
        f"# {PREFIX}{info['id']} (LanguageTool rule {info['id']})\n",
        f"{info.get('description') or 'No description.'}\n",
        f"Category: {info.get('category_name') or category_id} (select with "
        f"`{PREFIX}{category_id}`). Issue type: {issue_type or 'none'}. "
        f"Severity: {severity.value}. Category (MQM): {mqm_category(category_id, issue_type)}.",
    ]
    if info.get("url"):
        lines.append(f"\nMore: {info['url']}")
    return "\n".join(lines)
