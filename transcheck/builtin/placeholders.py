"""Family TC4, placeholders and markup: `{0}`, `%s`, `{{name}}`, `[[link]]`, `<b>` left in prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from transcheck.builtin.charset import characters
from transcheck.diagnostics import Finding, Severity
from transcheck.document import Document
from transcheck.lazy import LazyPattern
from transcheck.rule import Rule

MARKUP = "Design and markup/Markup tag"

# One pattern for each first character, so that `re` scans for that character alone,
# and only in a text that holds it (`characters`): most hold no brace.
_PLACEHOLDERS = (  # (a character each match holds, the pattern)
    ("{", LazyPattern(
        r"\{\{\s*[A-Za-z_][\w.]*\s*\}\}"  # {{name}}: Mustache, Jinja, Angular
        r"|\{(?<![{$]\{)(?:\d+(?::[^{}\n]*)?|[A-Za-z_]\w+)\}(?!\})"  # {0}, {0:N2}, {name}
        r"|\{[A-Za-z_]\w*,\s*(?:plural|select|selectordinal|number|date|time|choice)\b")),
    ("{", LazyPattern(r"\$\{[A-Za-z_][\w.]*\}")),  # ${name}: JavaScript, shell
    ("%", LazyPattern(
        r"%(?<![\w%]%)(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?[sdifuxXeEgGc@](?![A-Za-z])"  # %s, %1$s
        r"|%(?<![\w%]%)\([A-Za-z_]\w*\)[sdifr](?![A-Za-z])")),  # %(name)s
)


class LeakedPlaceholder(Rule):
    code = "TC441"
    scope = "paragraph"
    name = "leaked-placeholder"
    severity = Severity.ERROR
    category = MARKUP
    summary = "A program's placeholder left in prose (`{0}`, `%s`, `%1$s`, `{{name}}`)."
    explanation = """
## What it does
Reports the placeholders of message formats: `{0}`, `{0:N2}` and `{name}`
(.NET, Python), ICU's `{count, plural, ...}`, `{{name}}` (Mustache, Jinja),
`${name}`, and printf conversions (`%s`, `%d`, `%1$s`, `%.2f`, `%@`,
`%(name)s`). A percent sign after a number (`50%`) or before a word (`% of`)
is not a placeholder, nor is a single letter in braces (`{x}`, as mathematics
writes sets) or a list of numbers (`{1, 2, 3}`).

## Why is this bad
The text was translated from a software string and published without the
values filled in: readers see `Hello {0}` instead of a name.

## Example
```
Your order %s has shipped and arrives on {1}.
```

## Fix
Write the value the program would have put in, or rephrase without it:
```
Your order has shipped and arrives on Friday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        held = doc.memo(characters)
        for m in (m for char, pattern in _PLACEHOLDERS if char in held
                  for m in pattern.finditer(doc.text)):
            yield Finding(m.start(), m.end(),
                          f"Placeholder “{m.group()}” left in the text")


_WIKI_LINK = LazyPattern(r"\[\[([^\[\]\n|]+)(?:\|([^\[\]\n]+))?\]\]")


class LeakedWikiLink(Rule):
    code = "TC442"
    scope = "paragraph"
    name = "leaked-wiki-link"
    category = MARKUP
    fixable = True
    summary = "Wiki link markup (`[[Berlin]]`, `[[Berlin|the capital]]`) left in prose."
    explanation = """
## What it does
Reports MediaWiki-style links in double square brackets.

## Why is this bad
Text taken from a wiki keeps its link markup through translation, and readers
of the published text see the brackets.

## Example
```
The delegation travelled on to [[Hamburg|the port city]] on Tuesday.
```

## Fix
Keep the words the reader should see (this rule's fix does it):
```
The delegation travelled on to the port city on Tuesday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if "[" not in doc.memo(characters):
            return
        for m in _WIKI_LINK.finditer(doc.text):
            shown = (m.group(2) or m.group(1)).strip()
            yield Finding(m.start(), m.end(), f"Wiki link markup “{m.group()}” left in the text",
                          fix=shown)


# HTML inline and block elements, and the inline elements of XLIFF, the format of CAT tools.
_ELEMENTS = frozenset({
    "a", "abbr", "b", "big", "blockquote", "br", "center", "cite", "code", "del", "div", "em",
    "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "td",
    "th", "tr", "tt", "u", "ul", "wbr", "g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk",
})
_VOID = frozenset({"br", "hr", "img", "wbr", "x", "bx", "ex"})
_TAG = LazyPattern(r"<(/?)([A-Za-z][A-Za-z0-9]*|\d+)(\s[^<>\n]*)?(/?)>")


class LeakedMarkupTag(Rule):
    code = "TC443"
    scope = "paragraph"
    name = "leaked-markup-tag"
    severity = Severity.ERROR
    category = MARKUP
    summary = "An HTML or XLIFF tag left in plain text (`<b>`, `</span>`, `<g id=\"1\">`)."
    explanation = """
## What it does
Reports HTML tags (`<b>`, `<br>`, `</span>`), the inline tags of XLIFF files
(`<g id="1">`, `<x id="2"/>`) and numbered tags (`<1>…</1>`) in plain text,
and says when a tag is never closed or closes nothing. Only known element
names count, so `x < y > z` is not reported. Markdown and HTML files are not checked: there tags are
part of the markup.

## Why is this bad
The text came from a tagged format and the tags survived into prose; an
opening tag with no closing one (`<b>` alone) also means the translation lost
or moved the tagged words.

## Example
```
Press <b>Save before closing the window.
```

## Fix
Remove the tags from plain text, or restore the lost closing tag in the
tagged source:
```
Press Save before closing the window.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        if "<" not in doc.memo(characters):
            return
        for paragraph in doc.paragraphs:
            if "<" in paragraph.text:
                yield from self._check_paragraph(paragraph.start, paragraph.text)

    def _check_paragraph(self, base: int, text: str) -> Iterator[Finding]:
        open_tags: list[tuple[str, re.Match[str]]] = []
        # Where each name's open tags stand in `open_tags`: a closing tag finds its
        # opening one at once, not by a search down a stack that may hold thousands.
        where: dict[str, list[int]] = {}
        for m in _TAG.finditer(text):
            closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(4)
            if name not in _ELEMENTS and not name.isdigit():
                continue
            start, end = base + m.start(), base + m.end()
            if closing:
                if not where.get(name):
                    yield Finding(start, end, f"Closing tag “{m.group()}” closes nothing")
                    continue
                index = where[name][-1]
                opening = open_tags[index][1]
                for _, unclosed in open_tags[index + 1:]:
                    yield Finding(base + unclosed.start(), base + unclosed.end(),
                                  f"Markup tag “{unclosed.group()}” is never closed")
                for closed_name, _ in open_tags[index:]:
                    where[closed_name].pop()
                del open_tags[index:]
                yield Finding(base + opening.start(), base + opening.end(),
                              f"Markup tag “{opening.group()}” in plain text")
                yield Finding(start, end, f"Markup tag “{m.group()}” in plain text")
            elif self_closing or name in _VOID:
                yield Finding(start, end, f"Markup tag “{m.group()}” in plain text")
            else:
                where.setdefault(name, []).append(len(open_tags))
                open_tags.append((name, m))
        for _, m in open_tags:
            yield Finding(base + m.start(), base + m.end(),
                          f"Markup tag “{m.group()}” is never closed")
