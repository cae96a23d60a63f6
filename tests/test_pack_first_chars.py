"""The first characters of a regex's matches: a test that must never turn a match away."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.packs.first_chars import first_class

PATTERNS = [
    r"(?P<e1>\b[Ss]o called (?:the|a) \w+)",
    r"(?:(?:^|(?<=[.!?]\s))(?:Lately|Then|At last))",
    r"(?P<e2>(?:(?=[^\w])|(?<![\w/-])(?<!\w['’]))(?:[aA](?:n|))\s+(?:more)\s+\w+)",
    r"(?:x?y*(?:\d+|[-+]\d)|\(z\))",
    r"(?:(?:a|)b|c+d)",
]


@pytest.mark.parametrize(("pattern", "expected"), [
    (PATTERNS[0], "[Ss]"),
    (PATTERNS[1], "[LTA]"),
    (PATTERNS[2], "[aA]"),
    (PATTERNS[3], r"[xy\d\-\+\(]"),
    (PATTERNS[4], "[abc]"),
])
def test_the_class_holds_the_first_character_of_every_match(pattern: str,
                                                            expected: str) -> None:
    assert first_class(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"(?i:\bso called)",  # a case-insensitive group
    r"(?i)so called",
    r"(a)?\1b",  # a backreference
    r"[^a-z]+x",  # a negated class
    r"(?:so)?",  # may match nothing
    r".+ called",
])
def test_no_class_where_none_can_be_told(pattern: str) -> None:
    assert first_class(pattern) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbcdxyzLTS0123 -+().!?'’\n", max_size=40))
def test_no_match_starts_outside_the_class(text: str) -> None:
    for pattern in PATTERNS:
        first = first_class(pattern)
        assert first is not None
        for match in re.finditer(pattern, text, re.M):
            if match.end() > match.start():
                assert re.match(first, text[match.start()]), (pattern, text)
