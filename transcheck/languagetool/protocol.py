"""LanguageTool's `/v2/check` answer, read into `LTMatch`es.

LanguageTool is written in Java: its `offset` and `length` count UTF-16 code units,
so every character outside the Basic Multilingual Plane (most emoji) counts twice.
Python strings count code points; `parse_check` converts.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Suggestions kept per match: the first is the fix, the rest are rarely read.
MAX_REPLACEMENTS = 5
MAX_REPLACEMENT_CHARS = 500


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match; `offset` and `length` in code points of the checked text."""

    offset: int
    length: int
    message: str
    rule_id: str
    description: str = ""
    issue_type: str = ""
    category_id: str = ""
    category_name: str = ""
    short_message: str = ""
    replacements: tuple[str, ...] = ()
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "replacements": list(self.replacements)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LTMatch:
        return cls(**{**data, "replacements": tuple(data.get("replacements", ()))})

    def shifted(self, delta: int) -> LTMatch:
        return LTMatch(**{**self.__dict__, "offset": self.offset + delta})


def parse_check(payload: Any, text: str) -> tuple[str, list[LTMatch]]:
    """The LanguageTool version and the matches of a `/v2/check` answer about `text`.

    Raises `ValueError` when `payload` is not such an answer.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("matches"), list):
        raise ValueError("no 'matches' list")
    software = payload.get("software")
    version = str(software.get("version", "")) if isinstance(software, dict) else ""
    to_code_points = _code_point_offsets(text)
    units = _utf16_length(text)
    matches = []
    for raw in payload["matches"]:
        try:
            offset, length = raw["offset"], raw["length"]
            if not (_whole(offset) and _whole(length) and offset >= 0
                    and 0 <= length <= units - offset):
                raise ValueError(f"offset {offset!r} and length {length!r} outside the text")
            start = to_code_points(offset)
            end = to_code_points(offset + length)
            rule = raw["rule"]
            category = rule.get("category") or {}
            matches.append(LTMatch(
                offset=start,
                length=end - start,
                message=_one_line(raw.get("message", "")),
                rule_id=str(rule["id"]),
                description=_one_line(rule.get("description", "")),
                issue_type=str(rule.get("issueType", "")),
                category_id=str(category.get("id", "")),
                category_name=str(category.get("name", "")),
                short_message=_one_line(raw.get("shortMessage", "")),
                replacements=tuple(r for r in _values(raw.get("replacements", []))
                                   if _plain(r))[:MAX_REPLACEMENTS],
                url=next(iter(_values(rule.get("urls", []))), None),
            ))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"a match without a valid offset, length or rule id: "
                             f"{raw!r:.120}") from exc
    return version, matches


def valid(matches: list[LTMatch], text: str) -> bool:
    """Whether `matches` (read back from the cache) can be matches of `text`."""
    return all(m.offset >= 0 and 0 <= m.length <= len(text) - m.offset
               and all(map(_plain, m.replacements)) for m in matches)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _plain(replacement: str) -> bool:
    """A replacement that can go into the text: one line, no control characters (a
    server's ESC or line break would be written into the file by `--fix`)."""
    return replacement.isprintable() and len(replacement) <= MAX_REPLACEMENT_CHARS


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _values(items: Any) -> list[str]:
    """Replacements and URLs: `{"value": ...}` objects since LanguageTool 3.5, strings before."""
    if not isinstance(items, list):
        return []
    return [str(item["value"] if isinstance(item, dict) else item) for item in items]


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _code_point_offsets(text: str) -> Callable[[int], int]:
    """Map a UTF-16 offset in `text` to a code-point offset."""
    if max(text, default="") < "\U00010000":
        return lambda offset: offset
    utf16_starts = []
    position = 0
    for ch in text:
        utf16_starts.append(position)
        position += 2 if ord(ch) > 0xFFFF else 1
    utf16_starts.append(position)
    return lambda offset: bisect.bisect_left(utf16_starts, offset)
