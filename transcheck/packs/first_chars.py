"""The characters a match of a regex may start with, as a class: a cheap test that lets a
regex tried at each position near an anchor (`matcher._within`) pass over most of them.

Each position a regex is tried at costs `re` the entry into it and its opening
assertions (word boundaries, lookbehinds); a lookahead for its first character costs
one test. The class is worked out from `re`'s own parse of the pattern, soundly: a
zero-width assertion is passed over, a branch gives the union of its alternatives', and
anything else (a case-insensitive group, a backreference, a match that may be empty)
gives no class, and the regex is tried as it is. It is worked out when the regex is
first compiled, which the programs' cache then keeps (`regex_programs.compiled_as`).
"""

from __future__ import annotations

import re
from typing import Any

from transcheck.regex_programs import re_engine


def first_class(pattern: str) -> str | None:
    """A character class holding the first character of every match of `pattern`
    (compiled with `re.M`); None if there is none to tell."""
    engine = re_engine()
    if engine is None:
        return None
    try:
        parsed = engine.parse(pattern, re.M)
        if parsed.state.flags & re.I:
            return None
        pieces, empty = _first(parsed.data, engine.constants)
    except Exception:  # an `re` this module does not know
        return None
    if pieces is None or empty or not pieces:
        return None
    return "[" + "".join(dict.fromkeys(pieces)) + "]"


def _first(items: Any, c: Any) -> tuple[list[str] | None, bool]:
    """The class pieces of what the sequence `items` may start with, and whether it may
    match nothing; pieces None: it may start with anything."""
    found: list[str] = []
    for op, value in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width
            continue
        if op is c.LITERAL:
            return [*found, re.escape(chr(value))], False
        if op is c.IN:
            pieces = _class(value, c)
            return (None, False) if pieces is None else ([*found, *pieces], False)
        if op is c.SUBPATTERN:
            _, added, removed, body = value
            if added & re.I or removed:
                return None, False
            parts = [body.data]
        elif op is c.BRANCH:
            parts = value[1]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            least, _, body = value
            parts = [body.data]
        else:
            return None, False
        empty = False
        for part in parts:
            pieces, may_be_empty = _first(part, c)
            if pieces is None:
                return None, False
            found += pieces
            empty = empty or may_be_empty
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and not least:
            empty = True
        if not empty:
            return found, False
    return found, True


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D",
               "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
               "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _class(items: Any, c: Any) -> list[str] | None:
    """A character class's items as pieces of a class; None for a negated one."""
    pieces = []
    for op, value in items:
        if op is c.LITERAL:
            pieces.append(re.escape(chr(value)))
        elif op is c.RANGE:
            pieces.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is c.CATEGORY and str(value) in _CATEGORIES:
            pieces.append(_CATEGORIES[str(value)])
        else:
            return None
    return pieces
