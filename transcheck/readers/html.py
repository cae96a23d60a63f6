"""`.html` / `.htm`: text nodes are prose; tags, comments, scripts, styles and code are not.

Parsed with the standard library's `html.parser`, whose `getpos()` gives the
source position of every event. Character references (`&amp;`, `&#8217;`) are
prose kept as written (see `transcheck.readers`): a rule about entities left
in plain text does not fire on them, and `&ldquo;` is not seen as a quote mark.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

from transcheck.document import Document
from transcheck.readers import Masker, Paint
from transcheck.regex_programs import compiled

_CONSTRUCT = compiled(r"<[A-Za-z!/?]")  # the start of a tag, comment or declaration
# Elements whose content is not prose at all.
SKIPPED = frozenset({"script", "style", "pre", "template", "textarea", "svg", "math"})
# Elements that hold code or input inside a sentence: masked as one token.
CODE = frozenset({"code", "kbd", "samp", "var"})
# Elements that render inside a line of text: their tags take no room in the prose.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "img",
    "ins", "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
    "wbr", *CODE,
})
# Elements that mark their words as something other than running prose (`Document.marks`);
# any element with a `lang` other than English marks its words "foreign".
MARKS = {"em": "emphasis", "i": "emphasis", "cite": "emphasis", **dict.fromkeys(CODE, "code")}


def read_html(text: str, path: str) -> Document:
    masker = Masker(text, default=Paint.BLOCK)
    scan(text, masker)
    return masker.document(path)


def scan(source: str, masker: Masker, base: int = 0, *, comments_only: bool = False) -> None:
    """Paint `source`, which starts at offset `base` of the masker's source.

    With `comments_only`, only record its comments (HTML inside Markdown is not prose).
    """
    scanner = _Scanner(source)
    end = _parseable_end(source)
    try:
        scanner.feed(source[:end])
        scanner.close()
    except AssertionError:  # html.parser's own check of a declaration (`<![<![`): stop there
        end = max(scanner.source_offset(), scanner.marks[-1][0] if scanner.marks else 0)
    marks = [*scanner.marks, (end, Paint.BLOCK), (len(source), Paint.BLOCK)]
    if not comments_only:
        for (start, paint), (end, _) in itertools.pairwise(marks):
            masker(base + start, base + end, paint)
        for first, last, kind in scanner.elements:
            # From the start tag to the end of the end tag (the next event's offset).
            masker.mark(base + marks[first][0], base + marks[last + 1][0], kind)
    for index, inner in scanner.comments:
        start, end = marks[index][0], marks[index + 1][0]
        if source.startswith("<!--", start):  # not a bogus comment such as `<!x>`
            masker.comment(base + start, base + end, inner)


def _parseable_end(source: str) -> int:
    """Where the first construct that can never end starts (a comment without `-->`, a
    tag without `>`), else the end. `html.parser` tries such a construct again at every
    later `<`, each time to the end of the text: `<a ` 13,000 times took a minute. What
    follows it is, to a browser too, part of that construct: not prose."""
    end = len(source)
    opening = source.find("<!--")
    while opening >= 0:
        closing = source.find("-->", opening + 4)
        if closing < 0:
            end = opening
            break
        opening = source.find("<!--", closing + 3)
    unended = _CONSTRUCT.search(source, source.rfind(">") + 1)
    return min(end, unended.start()) if unended else end


class _Scanner(HTMLParser):
    """Records, at the offset of every parser event, how the text from there on is painted."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        # getpos() counts lines by "\n" only, whatever the file's line endings.
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.marks: list[tuple[int, Paint]] = []
        self.comments: list[tuple[int, str]] = []  # index into `marks`, inside
        self._skipped = 0
        self._code = 0
        self._open: list[tuple[str, int, str]] = []  # tag, its index in `marks`, mark kind
        self.elements: list[tuple[int, int, str]] = []  # marked: start and end tag's indexes

    def source_offset(self) -> int:
        """Where in the source the parser is."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _mark(self, paint: Paint) -> None:
        if self._skipped:
            paint = Paint.BLOCK
        elif self._code:
            paint = Paint.CODE
        self.marks.append((self.source_offset(), paint))

    def _tag(self, tag: str) -> Paint:
        return Paint.HIDDEN if tag in INLINE else Paint.BLOCK

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CODE:
            self._code += 1
        if not self._skipped:
            lang = next((value for name, value in attrs if name == "lang"), None)
            kinds = [MARKS[tag]] if tag in MARKS else []
            if lang and lang.split("-")[0].strip().lower() not in ("en", ""):
                kinds.append("foreign")
            self._open.extend((tag, len(self.marks), kind) for kind in kinds)
        self._mark(self._tag(tag))
        if tag in SKIPPED:
            self._skipped += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(self._tag(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self._skipped:
            self._skipped -= 1
        # An end tag closes its element and any marked one left open inside it.
        # (An element of two kinds, `<em lang="de">`, is in `_open` twice.)
        if any(open_tag == tag for open_tag, _, _ in self._open):
            while self._open:
                open_tag, first, kind = self._open.pop()
                if open_tag == tag:
                    self.elements.append((first, len(self.marks), kind))
                    if not self._open or self._open[-1][:2] != (tag, first):
                        break
        self._mark(self._tag(tag))
        if tag in CODE and self._code:
            self._code -= 1

    def handle_data(self, data: str) -> None:
        self._mark(Paint.PROSE)

    def handle_entityref(self, name: str) -> None:
        self._mark(Paint.REFERENCE)

    def handle_charref(self, name: str) -> None:
        self._mark(Paint.REFERENCE)

    def handle_comment(self, data: str) -> None:
        if not self._skipped:
            self.comments.append((len(self.marks), data))
        self._mark(Paint.HIDDEN)

    def handle_decl(self, decl: str) -> None:
        self._mark(Paint.BLOCK)

    def handle_pi(self, data: str) -> None:
        self._mark(Paint.BLOCK)

    def unknown_decl(self, data: str) -> None:
        self._mark(Paint.BLOCK)

