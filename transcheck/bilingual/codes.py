"""What a translation must carry over unchanged: placeholders of message formats and
inline tags."""

from __future__ import annotations

import re

from transcheck.lazy import LazyPattern

# printf (`%d`, `%1$s`, `%.2f`, `%@`), Python's `%(name)s`, braces (`{0}`, `{name}`,
# `{0:N2}`, ICU's `{count, plural, ...}` head), `{{name}}` and `${name}`. A percent sign
# after a number (`50%`) or before a word (`% of`) is not a placeholder.
PLACEHOLDER = LazyPattern(
    r"%(?<![\w%]%)(?:\d+\$)?[-+0# ]?\d*(?:\.\d+)?(?:l|ll|h|z)?[sdifuxXeEgGcpo@](?![A-Za-z])"
    r"|%(?<![\w%]%)\([A-Za-z_]\w*\)[-+0# ]?\d*(?:\.\d+)?[sdifrxXeEgG]"
    r"|\{\{\s*[A-Za-z_][\w.]*\s*\}\}"
    r"|\$\{[A-Za-z_][\w.]*\}"
    r"|\{(?<![{$]\{)(?:\d+|[A-Za-z_][\w.]*)(?:,\s*[a-z]+)?(?::[^{}\n]*)?\}(?!\})"
    r"|\{(?<![{$]\{)(?:\d+|[A-Za-z_]\w*),\s*(?:plural|select|selectordinal)\b"
)
# A tag in well-formed markup (attribute values may hold `>`): XLIFF's `<x id="1"/>`,
# `<g id="2">`, `</g>`; HTML's `<b>` in a software string.
TAG = LazyPattern(r"""<(/?)([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^"]*"|'[^']*')*?)(/?)>""")
_ID = LazyPattern(r"""\b(?:id|rid|i|x)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def placeholders(text: str) -> list[str]:
    """The placeholders of `text`, in order."""
    return [_normal(m.group()) for m in PLACEHOLDER.finditer(text)]


def _normal(token: str) -> str:
    # `{count, plural,` and `{count}` name the same argument; spacing inside `{{ x }}` is free.
    if token.startswith("{") and "," in token:
        return "{" + token[1:].split(",")[0].strip() + "}"
    return re.sub(r"\s+", "", token)


def tags(text: str) -> list[str]:
    """The opening and empty tags of `text`, each as its name and id (`x#1`), in order."""
    found = []
    for m in TAG.finditer(text):
        if m.group(1):
            continue
        ident = _ID.search(m.group(3))
        name = m.group(2).split(":")[-1]
        found.append(f"{name}#{(ident.group(1) or ident.group(2)) if ident else ''}")
    return found
