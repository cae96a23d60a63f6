"""`.md` / `.markdown`: CommonMark (with GFM tables and strikethrough) through markdown-it-py.

Only the inline content of paragraphs, headings and table cells is prose.
Code blocks, front matter, HTML blocks, link reference definitions and block
markers are masked as blocks; inside the prose, code spans, autolinks, inline
HTML, link and image syntax and emphasis markers are masked as well (see
`transcheck.readers` for how).

markdown-it-py gives block tokens their lines (`Token.map`) but inline tokens
no position. The inline rules are therefore wrapped to record where in the
inline content each construct they parse starts and ends, and each line of
the inline content is found on its source line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it import rules_inline as inline_rules
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from transcheck.document import Document
from transcheck.errors import InputError
from transcheck.readers import Masker, Paint
from transcheck.readers.html import scan
from transcheck.regex_programs import compiled

_LINE_BREAK = compiled(r"\r\n|\r|\n")
_ENV_KEY = "transcheck.record"
_TOO_DEEP = "transcheck.too-deep"  # env key: the first line nested too deep to be parsed
InlineRule = Callable[[StateInline, bool], bool]


@dataclass
class _Construct:
    """What an inline rule parsed: `[start, end)` of the inline content, and how to paint it."""

    start: int
    end: int
    paint: Paint
    # Emphasis and strikethrough markers: whether each is markup is known only after
    # all delimiters are paired, so the paint is decided from the token in the end.
    delimiters: list[tuple[Token, int, int]] = field(default_factory=list)
    comment: bool = False
    mark: str | None = None  # the kind of `Document.marks` it is, if any


Recording = dict[int, list[_Construct | None]]  # id(inline token's children) -> constructs


def read_markdown(text: str, path: str) -> Document:
    masker = Masker(text, default=Paint.BLOCK)
    recording: Recording = {}
    env: dict[str, Any] = {_ENV_KEY: recording}
    tokens = _parser().parse(text, env)
    if _TOO_DEEP in env:
        raise InputError(f"{path}:{env[_TOO_DEEP]}: blocks (quotes, lists) nested "
                         f"{_parser().options.maxNesting} deep or more; not checked")
    lines = _Lines(text)
    cell_cursors: dict[int, int] = {}  # line -> column after the last table cell placed
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.map:
            in_cell = index > 0 and tokens[index - 1].type in ("th_open", "td_open")
            placed = _Placement(token.content, token.map[0], lines,
                                cell_cursors if in_cell else None)
            _paint_inline(placed, recording.get(id(token.children), []), masker, text)
        elif token.type == "html_block" and token.map:
            start, end = lines.region(token.map)
            scan(text[start:end], masker, start, comments_only=True)
    return masker.document(path)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    # The tokens are read, never rendered: keep them as the rules made them, unmerged.
    md.disable(["text_join", "fragments_join"])
    recorded: dict[str, InlineRule] = {
        "escape": inline_rules.escape,
        "backticks": inline_rules.backtick,
        "strikethrough": inline_rules.strikethrough.tokenize,
        "emphasis": inline_rules.emphasis.tokenize,
        "link": inline_rules.link,
        "image": inline_rules.image,
        "autolink": inline_rules.autolink,
        "html_inline": inline_rules.html_inline,
        "entity": inline_rules.entity,
    }
    for name, rule in recorded.items():
        md.inline.ruler.at(name, _recorded(rule, _PAINTERS[name]))
    md.inline.tokenize = _recorded_tokenize(md.inline.tokenize)  # type: ignore[method-assign,assignment]
    md.block.tokenize = _depth_guarded(md.block.tokenize)  # type: ignore[method-assign,assignment]
    return md


def _depth_guarded(tokenize: Callable[[StateBlock, int, int], None]
                   ) -> Callable[[StateBlock, int, int], None]:
    """The block tokenizer, noting in the env where blocks nest deeper than markdown-it
    parses (`maxNesting`): it skips their lines, which would then go unchecked."""
    def guarded(state: StateBlock, start_line: int, end_line: int) -> None:
        if (state.level >= state.md.options.maxNesting
                and state.skipEmptyLines(start_line) < end_line):
            state.env.setdefault(_TOO_DEEP, start_line + 1)
        tokenize(state, start_line, end_line)

    return guarded


def _constructs(state: StateInline) -> list[_Construct | None] | None:
    recording: Recording | None = state.env.get(_ENV_KEY)
    return None if recording is None else recording.setdefault(id(state.tokens), [])


def _recorded(rule: InlineRule, painter: Callable[..., _Construct | None]) -> InlineRule:
    def recorded_rule(state: StateInline, silent: bool) -> bool:
        constructs = None if silent else _constructs(state)
        if constructs is None:
            return rule(state, silent)
        # Reserve the slot first: constructs nested inside this one (a link's label)
        # are recorded while the rule runs, and must be painted after it.
        slot = len(constructs)
        constructs.append(None)
        start, count, pending = state.pos, len(state.tokens), bool(state.pending)
        matched = rule(state, silent)
        if matched:
            new = state.tokens[count:]
            # Pushing a token first flushes pending text into a text token of its own.
            constructs[slot] = painter(start, state.pos, new[1:] if pending and new else new)
        return matched

    return recorded_rule


def _recorded_tokenize(tokenize: Callable[[StateInline], None]) -> Callable[[StateInline], None]:
    def recorded_tokenize(state: StateInline) -> None:
        constructs = _constructs(state)
        if constructs is not None:  # a link label: prose inside the link's markup
            constructs.append(_Construct(state.pos, state.posMax, Paint.PROSE))
        tokenize(state)

    return recorded_tokenize


def _escape(start: int, end: int, new: Sequence[Token]) -> _Construct | None:
    escaped = any(t.type == "hardbreak" or t.content != t.markup for t in new)
    return _Construct(start, start + 1, Paint.HIDDEN) if escaped else None


def _code(start: int, end: int, new: Sequence[Token]) -> _Construct | None:
    return _Construct(start, end, Paint.CODE, mark="code") if new else None


def _autolink(start: int, end: int, new: Sequence[Token]) -> _Construct | None:
    return _Construct(start, end, Paint.CODE) if new else None


def _markup(start: int, end: int, new: Sequence[Token]) -> _Construct | None:
    comment = any(t.type == "html_inline" and t.content.startswith("<!--") for t in new)
    return _Construct(start, end, Paint.HIDDEN, comment=comment) if new else None


def _reference(start: int, end: int, new: Sequence[Token]) -> _Construct | None:
    return _Construct(start, end, Paint.REFERENCE) if new else None


def _delimiters(start: int, end: int, new: Sequence[Token]) -> _Construct:
    marks, offset = [], start
    for token in new:
        marks.append((token, offset, offset + len(token.content)))
        offset += len(token.content)
    return _Construct(start, end, Paint.HIDDEN, delimiters=marks)


_PAINTERS: dict[str, Callable[[int, int, Sequence[Token]], _Construct | None]] = {
    "escape": _escape,
    "backticks": _code,
    "autolink": _autolink,
    "strikethrough": _delimiters,
    "emphasis": _delimiters,
    "link": _markup,
    "image": _markup,
    "html_inline": _markup,
    "entity": _reference,
}


class _Lines:
    """The source's lines, as markdown-it counts them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(source))]

    def text(self, line: int) -> str:
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.source)
        return self.source[self.starts[line]:end].rstrip("\r\n")

    def region(self, line_map: Sequence[int]) -> tuple[int, int]:
        first, last = line_map[0], line_map[1]
        end = self.starts[last] if last < len(self.starts) else len(self.source)
        return self.starts[first], end


class _Placement:
    """Where each line of an inline token's content lies in the source.

    Each content line is its source line without the block's prefix (`> `, `- `,
    indentation) and outer whitespace, and for a heading without its `#`s.
    """

    def __init__(
        self, content: str, first_line: int, lines: _Lines, cell_cursors: dict[int, int] | None
    ) -> None:
        # (content offset, source offset, length) of each line found in the source
        self.segments: list[tuple[int, int, int]] = []
        offset = 0
        for index, piece in enumerate(content.split("\n")):
            line_no = first_line + index
            if line_no < len(lines.starts):
                lead = len(piece) - len(piece.lstrip())
                target = piece.strip()
                column = _find(lines.text(line_no), target, line_no, cell_cursors)
                if target and column >= 0:
                    self.segments.append(
                        (offset + lead, lines.starts[line_no] + column, len(target))
                    )
            offset += len(piece) + 1

    def source_ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        ranges = []
        for content_start, source_start, length in self.segments:
            low, high = max(start, content_start), min(end, content_start + length)
            if low < high:
                shift = source_start - content_start
                ranges.append((low + shift, high + shift))
        return ranges


def _find(line: str, target: str, line_no: int, cell_cursors: dict[int, int] | None) -> int:
    if cell_cursors is not None:  # table cells: several on one line, in order
        column = line.find(target, cell_cursors.get(line_no, 0))
        if column >= 0:
            cell_cursors[line_no] = column + len(target)
        return column
    stripped = line.rstrip()
    if stripped.endswith(target):
        return len(stripped) - len(target)
    return line.rfind(target)  # an ATX heading's content ends before its closing `#`s


def _paint_inline(
    placed: _Placement, constructs: Sequence[_Construct | None], masker: Masker, source: str
) -> None:
    for _, source_start, length in placed.segments:
        masker(source_start, source_start + length, Paint.PROSE)
    emphasis: list[tuple[int, int, str]] = []  # where each paired marker is, and its token type
    for construct in constructs:
        if construct is None:
            continue
        if construct.delimiters:
            for token, start, end in construct.delimiters:
                # A marker left unpaired stays a literal `*` or `~` of the text.
                if token.type != "text" or not token.content:
                    ranges = placed.source_ranges(start, end)
                    for low, high in ranges:
                        masker(low, high, Paint.HIDDEN)
                    if ranges and token.type in _EMPHASIS:
                        emphasis.append((ranges[0][0], ranges[-1][1], token.type))
            continue
        ranges = placed.source_ranges(construct.start, construct.end)
        for start, end in ranges:
            masker(start, end, construct.paint)
            if construct.comment:
                masker.comment(start, end, source[start + 4:end - 3])
        if construct.mark and ranges:
            masker.mark(ranges[0][0], ranges[-1][1], construct.mark)
    _mark_emphasis(sorted(emphasis), masker)


_EMPHASIS = {"em_open": 1, "strong_open": 1, "em_close": -1, "strong_close": -1}


def _mark_emphasis(markers: list[tuple[int, int, str]], masker: Masker) -> None:
    """Mark each emphasis from its opening marker to its closing one (they nest)."""
    opened: list[int] = []
    for start, end, kind in markers:
        if _EMPHASIS[kind] > 0:
            opened.append(_run_start(masker, start))
        elif opened:
            masker.mark(opened.pop(), _run_end(masker, end), "emphasis")


def _run_start(masker: Masker, start: int) -> int:
    """The start of the run of masked markers (`**`) that `start` is in."""
    source, paint = masker.source, masker.paint
    while start > 0 and source[start - 1] == source[start] and paint[start - 1] == Paint.HIDDEN:
        start -= 1
    return start


def _run_end(masker: Masker, end: int) -> int:
    source, paint = masker.source, masker.paint
    while end < len(source) and source[end] == source[end - 1] and paint[end] == Paint.HIDDEN:
        end += 1
    return end

