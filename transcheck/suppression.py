"""Suppression comments in Markdown and HTML, and the rules about them (family TC9).

```
<!-- transcheck-disable TC111, space-inside-brackets -->   ... until enabled again
<!-- transcheck-enable TC111 -->
<!-- transcheck-disable-next-line -->                        every rule, next line only
```

A directive names rules as `--ignore` does (codes, code prefixes, names, `ALL`, a
bridge's categories such as `LT-TYPOS`: the selectors of `transcheck.selection`),
separated by commas or spaces; none means every rule. Directives apply after the
rules ran, since only then is it known which were used (as ruff's `noqa`): this core
plugin implements `transcheck_modify_diagnostics`, as pytest's own core plugins
implement its hooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from transcheck import selection
from transcheck.diagnostics import Diagnostic, Finding
from transcheck.document import Document, Span
from transcheck.hookspecs import hookimpl
from transcheck.records import Record
from transcheck.regex_programs import compiled
from transcheck.rule import Rule

PREFIX = "transcheck-"
ACTIONS = ("disable", "enable", "disable-next-line")
_EVERY_RULE = "*"
_SEPARATORS = compiled(r"[\s,]+")


class UnusedSuppression(Rule):
    code = "TC901"
    name = "unused-suppression"
    summary = "A suppression comment that suppresses nothing."
    explanation = """
## What it does
Reports a `transcheck-disable`, `transcheck-disable-next-line` or
`transcheck-enable` comment that had no effect: none of the rules it names
reported anything where it applies, or there was nothing to enable.

## Why is this bad
A stale suppression hides the next real problem in its range, and tells the
reader about a problem that is no longer there.

## Example
```
<!-- transcheck-disable-next-line TC111 -->
The plan is ready.
```

## Fix
Remove the comment, or the codes in it that no longer apply.
"""

    def check(self, doc: Document) -> Iterable[Finding]:
        # Reported by the engine through `apply`: only it sees what the other rules found.
        return ()


class UnknownSuppression(Rule):
    code = "TC902"
    name = "unknown-code-in-suppression"
    summary = "A suppression comment that names no rule, or is not a directive."
    explanation = """
## What it does
Reports a suppression comment that names a code or rule name no rule has, or
whose directive is misspelled (`transcheck-disabled`).

## Why is this bad
The comment silently suppresses nothing, so the problem it was written for is
still reported, or, worse, the writer believes a range is exempt that is not.

## Example
```
<!-- transcheck-disable TC1111 -->
```

## Fix
Use a code from `transcheck rules`, and one of `transcheck-disable`,
`transcheck-enable`, `transcheck-disable-next-line`.
"""

    def check(self, doc: Document) -> Iterable[Finding]:
        # Reported by the engine through `apply`, which knows every rule of the run.
        return ()


class _Directive(Record):
    FIELDS = ("comment", "action", "selectors", "unknown", "used")
    comment: Span
    action: str
    selectors: tuple[str, ...]  # `_EVERY_RULE` when the comment names none
    unknown: tuple[str, ...]
    used: set[str]  # grows as the directive suppresses

    def __init__(self, comment: Span, action: str, selectors: tuple[str, ...],
                 unknown: tuple[str, ...] = ()) -> None:
        self._set(comment=comment, action=action, selectors=selectors, unknown=unknown,
                  used=set())


class _Region(Record):
    FIELDS = ("start", "end", "selector", "directive")
    start: int
    end: int
    selector: str
    directive: _Directive

    def __init__(self, start: int, end: int, selector: str, directive: _Directive) -> None:
        self._set(start=start, end=end, selector=selector, directive=directive)


@hookimpl
def transcheck_modify_diagnostics(
    document: Document, diagnostics: list[Diagnostic], rules: Sequence[Rule], enabled: set[str]
) -> None:
    diagnostics[:] = apply(document, diagnostics, rules, enabled)


def apply(
    doc: Document, diagnostics: Sequence[Diagnostic], rules: Sequence[Rule], enabled: set[str]
) -> list[Diagnostic]:
    """`diagnostics` less the suppressed ones, plus TC901/TC902 where those are `enabled`.

    `rules` are all the rules there are, to tell an unknown code from one not running.
    """
    directives = list(_directives(doc, rules))
    if not directives:
        return list(diagnostics)
    regions = list(_regions(doc, directives))
    kept = []
    for d in diagnostics:
        covering = [r for r in regions if r.start <= d.start < r.end and _names(r.selector, d)]
        for region in covering:
            region.directive.used.add(region.selector)
        if not covering:
            kept.append(d)
    kept.extend(_meta_diagnostics(doc, directives, enabled))
    return sorted(kept, key=lambda d: (d.line, d.column, d.code))


def _directives(doc: Document, rules: Sequence[Rule]) -> Iterator[_Directive]:
    for comment in doc.comments:
        words = [w for w in _SEPARATORS.split(comment.text) if w]
        if not words or not words[0].startswith(PREFIX):
            continue
        action, selectors = words[0][len(PREFIX):], tuple(words[1:])
        if action not in ACTIONS:
            yield _Directive(comment, action, (), (words[0],))
            continue
        unknown = tuple(s for s in selectors if not _known(s, rules))
        known = tuple(s for s in selectors if s not in unknown)
        yield _Directive(comment, action, known or (() if unknown else (_EVERY_RULE,)), unknown)


def _known(selector: str, rules: Sequence[Rule]) -> bool:
    return selection.known(selector, rules)


def _regions(doc: Document, directives: Sequence[_Directive]) -> Iterator[_Region]:
    open_at: dict[str, _Directive] = {}
    for directive in directives:
        start, end = directive.comment.start, directive.comment.end
        if directive.action == "disable":
            for selector in directive.selectors:
                if selector not in open_at:
                    open_at[selector] = directive
        elif directive.action == "enable":
            every = [s for s in directive.selectors if s in (_EVERY_RULE, "ALL")]
            closing = [s for s in open_at if s in directive.selectors or every]
            for selector in closing:
                opened = open_at.pop(selector)
                yield _Region(opened.comment.end, start, selector, opened)
                directive.used.add(selector)
            if every and closing:
                directive.used.update(every)
        elif directive.action == "disable-next-line":
            line, _ = doc.position(end - 1)
            if line < len(doc.line_starts):
                next_start = doc.line_starts[line]
                next_end = next_start + len(doc.line_text(line + 1))
                for selector in directive.selectors:
                    yield _Region(next_start, next_end, selector, directive)
    for selector, opened in open_at.items():
        yield _Region(opened.comment.end, len(doc.text), selector, opened)


def _names(selector: str, d: Diagnostic) -> bool:
    return selector == _EVERY_RULE or selection.names(selector, d.code, d.name, d.keys)


def _meta_diagnostics(
    doc: Document, directives: Sequence[_Directive], enabled: set[str]
) -> Iterator[Diagnostic]:
    for directive in directives:
        unused = [s for s in directive.selectors if s not in directive.used]
        if directive.unknown and UnknownSuppression.code in enabled:
            what = ", ".join(f"`{s}`" for s in directive.unknown)
            message = (f"Unknown suppression directive {what} (use transcheck-disable, "
                       "transcheck-enable or transcheck-disable-next-line)"
                       if directive.action not in ACTIONS else f"No rule is named {what}")
            yield _diagnostic(doc, directive.comment, UnknownSuppression, message)
        if unused and UnusedSuppression.code in enabled:
            names = "" if unused == [_EVERY_RULE] else " " + ", ".join(f"`{s}`" for s in unused)
            message = (f"Nothing disabled to enable{names}" if directive.action == "enable"
                       else f"Suppression{names} suppresses nothing")
            yield _diagnostic(doc, directive.comment, UnusedSuppression, message)


def _diagnostic(doc: Document, span: Span, rule: type[Rule], message: str) -> Diagnostic:
    return Diagnostic.located(doc, span.start, span.end, code=rule.code, name=rule.name,
                              severity=rule.severity, category=rule.category, message=message)
