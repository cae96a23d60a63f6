"""Refusing the patterns of a pack that Python's `re` could take forever on.

`re` backtracks: `(?:\\w+\\s?)+!$` takes minutes on fourteen words, `(?:a+)+$` doubles
its time with every letter. Packs can come from a repository under check (`rules-dirs`
in its pyproject.toml), so a pull request could hang CI with one. Every pattern, the
shipped ones too, is read with `re`'s own parser when its pack is loaded, and refused,
with one line naming the entry, when it has one of the shapes behind catastrophic
backtracking:

- a repetition whose body can end with a repeated character that can also start it
  (`(?:a+)+`, `(?:\\w+\\s?)+`, `(?:a?)*`): a run of such characters splits into
  iterations in exponentially many ways;
- a repetition over alternatives that can start with the same character (`(?:a|ab)*`);
- two long repetitions that can take the same characters with nothing required between
  them (`\\w+\\s*\\w+`, `.*.*`): a run splits between them in quadratic many ways, on
  every position the pattern is tried.

Characters are compared on a sample: every character the pattern names (literals,
ends of ranges) and one of each class (letters of both cases, digits, spaces, line
breaks, punctuation, other scripts). The check is conservative: it may refuse a
harmless pattern, never a dangerous one of these shapes; the message says how to
rewrite it (a bounded `{0,40}`, or a character that separates the iterations).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

# `re`'s own parser of its syntax (private; `sre_parse` before Python 3.11, deprecated since).
_NEW = sys.version_info >= (3, 11)
sre_parse: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")
sre: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")

# A repetition of more than this many is long: two side by side cost their product.
LONG = 100
_IGNORECASE = 2  # re.IGNORECASE's bit in the flags of a parsed group
_CLASSES = "aZé0_ \t\n.,!?-'/:;\"()[]#@中ж\x00"
_ATOMS = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


class UnsafePattern(ValueError):
    """A pattern of a shape that can backtrack catastrophically (the message says which)."""


@dataclass(frozen=True)
class _Shape:
    """What the check needs to know of a piece of a pattern, as sets of sample characters."""

    nullable: bool
    first: frozenset[str]  # characters a match can start with
    chars: frozenset[str]  # characters a match can hold
    tail: frozenset[str]  # characters of repetitions a match can end with (variable length)
    long_head: frozenset[str]  # characters of long repetitions a match can start with
    long_tail: frozenset[str]  # ... and end with


_EMPTY: frozenset[str] = frozenset()
_ZERO = _Shape(True, _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY)


def check(pattern: str, ignore_case: bool = False) -> None:
    """Raise `UnsafePattern` if `pattern` (valid for `re`) has a catastrophic shape."""
    parsed = sre_parse.parse(pattern)
    sample = _sample(pattern)
    _Checker(sample, ignore_case or bool(parsed.state.flags & _IGNORECASE)).sequence(
        list(parsed))


def _sample(pattern: str) -> frozenset[str]:
    chars = set(_CLASSES) | set(pattern)
    return frozenset(chars | {c.swapcase() for c in chars if len(c.swapcase()) == 1})


class _Checker:
    def __init__(self, sample: frozenset[str], ignore_case: bool) -> None:
        self.sample, self.ignore_case = sample, ignore_case

    def sequence(self, items: Sequence[tuple[Any, Any]]) -> _Shape:
        shapes = [self.item(op, av) for op, av in items]
        pending: frozenset[str] = _EMPTY  # long repetitions that may end just before here
        for shape in shapes:
            both = pending & shape.long_head
            if both:
                raise UnsafePattern(
                    "two long repetitions next to each other can take the same characters "
                    f"({_show(both)}): make one bounded, such as {{0,40}}")
            pending = pending | shape.long_tail if shape.nullable else shape.long_tail
        return _concatenate(shapes)

    def item(self, op: Any, av: Any) -> _Shape:
        if op in _ATOMS:
            chars = self.matched(op, av)
            return _Shape(False, chars, chars, _EMPTY, _EMPTY, _EMPTY)
        if op in _ZERO_WIDTH:
            if op != sre.AT:  # a lookaround: its pattern is checked, and takes nothing
                self.sequence(list(av[1]))
            return _ZERO
        if op == sre.BRANCH:
            return _alternatives([self.sequence(list(branch)) for branch in av[1]])
        if op == sre.SUBPATTERN:
            group_flags = av[1]
            if group_flags & _IGNORECASE and not self.ignore_case:
                return _Checker(self.sample, True).sequence(list(av[3]))
            return self.sequence(list(av[3]))
        if op == getattr(sre, "ATOMIC_GROUP", None):
            return self.sequence(list(av))
        if op in _REPEATS:
            return self.repeat(*av)
        if op == sre.GROUPREF:
            raise UnsafePattern("backreferences are not allowed")
        return _ZERO  # conditionals and the like: refused elsewhere (no capturing groups)

    def repeat(self, low: int, high: int, body_items: Any) -> _Shape:
        body = self.sequence(list(body_items))
        if high >= 2:
            both = body.tail & body.first
            if both:
                raise UnsafePattern(
                    "a repetition inside a repetition can split the same characters in "
                    f"many ways ({_show(both)}): repeat something that "
                    "separates the iterations, such as (?:\\w+\\s)+ instead of (?:\\w+\\s?)+")
            self.branches_apart(body_items)
        variable = low != high
        is_long = high > LONG
        return _Shape(
            nullable=low == 0 or body.nullable,
            first=body.first,
            chars=body.chars,
            tail=body.tail | (body.chars if variable else _EMPTY),
            long_head=body.long_head | (body.chars if is_long else _EMPTY),
            long_tail=body.long_tail | (body.chars if is_long else _EMPTY),
        )

    def branches_apart(self, items: Any) -> None:
        """Alternatives under a repetition must start with different characters."""
        for op, av in items:
            if op == sre.BRANCH:
                seen: frozenset[str] = _EMPTY
                empty = 0
                for branch in av[1]:
                    shape = self.sequence(list(branch))
                    empty += shape.nullable
                    if seen & shape.first or empty > 1:
                        raise UnsafePattern(
                            "alternatives inside a repetition can start with the same "
                            f"characters ({_show(seen & shape.first) or 'nothing'}): write "
                            "them so that they start differently, or take the repetition away")
                    seen |= shape.first
            elif op == sre.SUBPATTERN:
                self.branches_apart(av[3])
            elif op == getattr(sre, "ATOMIC_GROUP", None):
                self.branches_apart(av)

    def matched(self, op: Any, av: Any) -> frozenset[str]:
        """The sample characters that one character of the pattern matches."""
        if op == sre.ANY:
            return frozenset(c for c in self.sample if c != "\n")
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            hit = frozenset(c for c in self.sample if self.same(c, chr(av)))
            return hit if op == sre.LITERAL else self.sample - hit
        negate = any(kind == sre.NEGATE for kind, _ in av)
        hit = frozenset(c for c in self.sample if any(self.in_set(c, kind, value)
                                                      for kind, value in av))
        return self.sample - hit if negate else hit

    def in_set(self, char: str, kind: Any, value: Any) -> bool:
        if kind == sre.LITERAL:
            return self.same(char, chr(value))
        if kind == sre.RANGE:
            low, high = value
            return any(low <= ord(c) <= high for c in self.cases(char))
        if kind == sre.CATEGORY:
            return _category(char, str(value))
        return False

    def same(self, char: str, literal: str) -> bool:
        return char == literal or (self.ignore_case and char.lower() == literal.lower())

    def cases(self, char: str) -> Iterable[str]:
        return (char, char.lower(), char.upper()) if self.ignore_case else (char,)


def _category(char: str, name: str) -> bool:
    """Whether `char` is in the category `name` (CATEGORY_WORD, CATEGORY_NOT_SPACE, ...)."""
    if name.endswith("DIGIT"):
        found = char.isdigit()
    elif name.endswith("SPACE"):
        found = char.isspace()
    elif name.endswith("WORD"):
        found = char.isalnum() or char == "_"
    elif name.endswith("LINEBREAK"):
        found = char == "\n"
    else:
        return True
    return found != ("NOT_" in name)


def _concatenate(shapes: Sequence[_Shape]) -> _Shape:
    if not shapes:
        return _ZERO
    first: frozenset[str] = _EMPTY
    long_head: frozenset[str] = _EMPTY
    for shape in shapes:
        first, long_head = first | shape.first, long_head | shape.long_head
        if not shape.nullable:
            break
    tail: frozenset[str] = _EMPTY
    long_tail: frozenset[str] = _EMPTY
    for shape in reversed(shapes):
        tail, long_tail = tail | shape.tail, long_tail | shape.long_tail
        if not shape.nullable:
            break
    return _Shape(all(s.nullable for s in shapes), first,
                  reduce(frozenset.union, (s.chars for s in shapes), _EMPTY),
                  tail, long_head, long_tail)


def _alternatives(shapes: Sequence[_Shape]) -> _Shape:
    def union(name: str) -> frozenset[str]:
        return reduce(frozenset.union, (getattr(s, name) for s in shapes), _EMPTY)

    return _Shape(any(s.nullable for s in shapes), union("first"), union("chars"),
                  union("tail"), union("long_head"), union("long_tail"))


def _show(chars: frozenset[str]) -> str:
    shown = sorted(chars, key=lambda c: (not c.isalnum(), c))[:4]
    return ", ".join(repr(c) for c in shown) + (", …" if len(chars) > 4 else "")
