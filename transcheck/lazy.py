"""Regexes compiled when first used, not when their module is imported.

`re.compile` takes 0.02-0.7 ms a pattern. Every rule module is imported by every run,
and a run on an English article never uses most of their patterns: those of the
source-aware rules (a text without its source), of scripts and encodings the text does
not hold. Compiled at import they cost 0.015 s of the 0.2 s a 6 KB article takes.
Those a run uses are built from the programs the user's cache keeps (`regex_programs`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

from transcheck.regex_programs import compiled

# The methods of `LazyPattern`, each answered by the compiled pattern's own once it is made.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """`re.compile(pattern, flags)`, made on the first search: the methods of
    `re.Pattern` that rules use, with the same arguments."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        found = compiled(self.pattern, self.flags)
        # From now on the pattern's own methods answer (attributes of the instance come
        # before the class's methods): no call of this class's a search, on the 8,000
        # searches of a megabyte.
        for name in _METHODS:
            setattr(self, name, getattr(found, name))
        return found

    def search(self, string: str, pos: int = 0,
               endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0,
              endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0,
                  endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str,
            count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)
