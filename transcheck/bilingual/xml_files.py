"""XLIFF 1.x, XLIFF 2.x and TMX, parsed with the standard library's expat.

Why expat rather than translate-toolkit's storage classes (what pofilter uses) or
lxml: a finding must point at the target's characters in the file, and expat gives
the exact byte position of every tag as it parses (`CurrentByteIndex`); lxml gives a
line only and translate-toolkit neither (it is also GPL-2.0-or-later, this package
Apache-2.0). Document type declarations are refused: XLIFF and TMX need none, and
entity declarations are how XML bombs and external-entity reads get in.

Inside a target, inline tags that only wrap text (`<g>`, `<mrk>`, `<pc>`, `<hi>`)
take no room in the prose; tags that stand for something (`<x/>`, `<ph>`, `<sc/>`)
are code; native codes inside `<bpt>`/`<ept>`/`<it>` are not prose either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.parsers import expat

from transcheck.bilingual import bilingual_document
from transcheck.document import Document, Unit
from transcheck.errors import InputError
from transcheck.readers import Masker, Paint
from transcheck.regex_programs import compiled

if TYPE_CHECKING:
    from transcheck.config import Settings

# Elements whose content is one translatable segment pair, per format.
_CONTAINERS = {"trans-unit": "xliff1", "segment": "xliff2", "tu": "tmx"}
_WRAPPERS = frozenset({"g", "mrk", "pc", "hi", "sub"})
_NATIVE = frozenset({"bpt", "ept", "it", "ut"})  # their content is the original's code
_STANDS_FOR = frozenset({"x", "bx", "ex", "ph", "sc", "ec", "cp"})
# Elements whose sources and targets are not the unit's own (alternatives, original data).
_SKIPPED = frozenset({"alt-trans", "seg-source", "originalData", "ignorable", "note"})
_TAG_END = compiled(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_XML_LANG = "http://www.w3.org/XML/1998/namespace lang"
_SNIFF = compiled(r"<(?:\w+:)?(xliff|tmx)\b")


def sniff(text: str) -> bool:
    """An `.xml` (or unnamed) file that is XLIFF or TMX."""
    return _SNIFF.search(text[:2000]) is not None


@dataclass
class _Part:
    """A `<source>`, `<target>` or TMX `<seg>`: where its content lies, and its text."""

    start: int  # of its content, after the start tag
    end: int = -1
    lang: str | None = None
    text: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass
class _Container:
    kind: str
    id: str | None
    skip: bool
    parts: list[tuple[str, _Part]] = field(default_factory=list)  # ("source"|"target"|"seg")
    lang: str | None = None  # of the TMX `<tuv>` being read
    after_source: int = -1  # where a missing target would go


class _Reader:
    def __init__(self, text: str, path: str, settings: Settings) -> None:
        self.text, self.path, self.settings = text, path, settings
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._cursor = (0, 0)  # (byte, char) of the last position converted
        self.masker = Masker(text, default=Paint.BLOCK)
        self.units: list[Unit] = []
        self.source_lang: str | None = None
        self.target_lang: str | None = None
        self.stack: list[str] = []
        self.container: _Container | None = None
        self.part: _Part | None = None
        self.part_depth = 0
        self.native_depth = 0  # inside <bpt>/<ept>/<it>/<ph> of a part
        self.native_start = 0
        self.native_paint = Paint.HIDDEN
        self.empty_tags: list[bool] = []  # of the inline elements open in a part
        self.unit_id: str | None = None
        self.unit_skip = False
        self.skip_depth = 0
        self.seen_root = False
        self.count = 0

    def read(self) -> Document:
        parser = expat.ParserCreate(namespace_separator=" ")
        self.parser = parser
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        parser.StartCdataSectionHandler = lambda: self.marker(9)
        parser.EndCdataSectionHandler = lambda: self.marker(3)
        parser.CommentHandler = self.hidden_tag
        parser.ProcessingInstructionHandler = lambda target, data: self.hidden_tag(data)
        try:
            parser.Parse(self.text, True)
        except expat.ExpatError as exc:
            message = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
            raise InputError(f"{self.path}:{exc.lineno}: malformed XML: {message}") from None
        if not self.seen_root:
            raise InputError(f"{self.path}:1: not XLIFF or TMX (no <xliff> or <tmx> root)")
        return bilingual_document(self.masker, self.path, self.units, self.settings,
                                  source_lang=self.source_lang, target_lang=self.target_lang)

    # Positions: expat counts bytes of the UTF-8 text; the document counts characters.
    def here(self) -> int:
        byte = self.parser.CurrentByteIndex
        if self.ascii:
            return byte
        last_byte, last_char = self._cursor
        if byte < last_byte:
            last_byte, last_char = 0, 0
        char = last_char + len(self.data[last_byte:byte].decode("utf-8"))
        self._cursor = (byte, char)
        return char

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.path}:{self.parser.CurrentLineNumber}: {message}")

    def doctype(self, *args: object) -> None:
        raise self.fail("document type and entity declarations are not accepted")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        self.stack.append(local)
        if not self.seen_root:
            if local not in ("xliff", "tmx"):
                raise self.fail(f"not XLIFF or TMX (the root element is <{local}>)")
            self.seen_root = True
            self.source_lang = attrs.get("srcLang")
            self.target_lang = attrs.get("trgLang")
        if self.part is not None:
            self.inline_start(local)
            return
        if self.skip_depth or local in _SKIPPED:
            self.skip_depth += 1
            return
        if local == "file" and "source-language" in attrs:
            self.source_lang = self.source_lang or attrs.get("source-language")
            self.target_lang = self.target_lang or attrs.get("target-language")
        elif local == "header" and self.stack[:1] == ["tmx"]:
            srclang = attrs.get("srclang", "")
            self.source_lang = srclang if srclang.lower() != "*all*" else None
        elif local == "unit":
            self.unit_id = attrs.get("id")
            self.unit_skip = attrs.get("translate") == "no"
        elif local in _CONTAINERS and self.container is None:
            kind = _CONTAINERS[local]
            if kind == "xliff2":
                ident = self.unit_id
                if attrs.get("id"):
                    ident = f"{ident}/{attrs['id']}" if ident else attrs["id"]
                skip = self.unit_skip
            else:
                ident = attrs.get("id") or attrs.get("tuid")
                skip = attrs.get("translate") == "no"
            self.count += 1
            self.container = _Container(kind, ident or (str(self.count) if kind == "tmx"
                                                         else None), skip)
        elif local == "tuv" and self.container is not None:
            self.container.lang = attrs.get(_XML_LANG) or attrs.get("lang")
        elif local in ("source", "target", "seg") and self.container is not None:
            self.part = _Part(self.tag_end(), lang=self.container.lang)
            self.part_depth = len(self.stack)
            self.container.parts.append((local, self.part))
            if local == "target" and self.part.start > 0 and \
                    self.text[self.part.start - 2:self.part.start] == "/>":
                self.part.end = self.part.start  # `<target/>`
                self.part = None

    def end(self, name: str) -> None:
        local = self.stack.pop()
        if self.part is not None:
            if len(self.stack) < self.part_depth:
                position = self.here()
                self.part.end = position
                if self.container is not None and self.container.parts[-1][0] == "source":
                    self.container.after_source = self.text.index(">", position) + 1
                self.part = None
            else:
                self.inline_end(local)
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if local in _CONTAINERS and self.container is not None \
                and self.container.kind == _CONTAINERS[local]:
            self.finish(self.container)
            self.container = None

    def tag_end(self) -> int:
        """The offset after the start tag that begins here."""
        start = self.here()
        m = _TAG_END.match(self.text, start + 1)
        return m.end() if m else start

    def inline_start(self, local: str) -> None:
        assert self.part is not None
        start, end = self.here(), self.tag_end()
        self.part.codes.append(self.text[start:end])
        self.empty_tags.append(self.text[end - 2:end] == "/>")
        if self.native_depth:
            self.native_depth += 1
            self.masker(start, end, Paint.HIDDEN)
            return
        if local in _NATIVE or (local == "ph" and self.text[end - 2:end] != "/>"):
            self.native_depth = 1
            self.native_start = start
            self.native_paint = Paint.CODE if local == "ph" else Paint.HIDDEN
        self.masker(start, end, Paint.CODE if local in _STANDS_FOR else Paint.HIDDEN)

    def inline_end(self, local: str) -> None:
        position = self.here()
        if self.empty_tags.pop():
            end = position  # the end of an empty element `<x/>`
        else:
            end = self.text.index(">", position) + 1
            self.masker(position, end, Paint.HIDDEN)
        if self.native_depth:
            self.native_depth -= 1
            if not self.native_depth:
                self.masker(self.native_start, end, self.native_paint)

    def chars(self, data: str) -> None:
        if self.part is not None and not self.native_depth:
            self.part.text.append(data)

    def marker(self, length: int) -> None:
        """`<![CDATA[` (9 characters) or `]]>` (3): not prose, whatever surrounds them."""
        if self.part is not None:
            position = self.here()
            self.masker(position, position + length, Paint.HIDDEN)

    def hidden_tag(self, data: str) -> None:
        if self.part is not None:
            position = self.here()
            closing = "-->" if self.text.startswith("<!--", position) else "?>"
            self.masker(position, self.text.index(closing, position) + len(closing),
                        Paint.HIDDEN)

    def finish(self, container: _Container) -> None:
        if container.skip:
            return
        if container.kind == "tmx":
            self.finish_tmx(container)
            return
        sources = [p for kind, p in container.parts if kind == "source"]
        targets = [p for kind, p in container.parts if kind == "target"]
        if not sources:
            return
        source = sources[0]
        target = targets[0] if targets else None
        self.add(container.id, source, target, container.after_source)

    def finish_tmx(self, container: _Container) -> None:
        segs = [p for _, p in container.parts]
        if len(segs) < 2:
            return
        wanted = (self.source_lang or "").lower()
        source = next((s for s in segs if wanted and (s.lang or "").lower() == wanted),
                      segs[0])
        others = [s for s in segs if s is not source]
        english = [s for s in others if (s.lang or "").lower().startswith("en")]
        for target in english or others:
            self.add(container.id, source, target, -1)

    def add(self, ident: str | None, source: _Part, target: _Part | None,
            after_source: int) -> None:
        source_text = "".join(source.text)
        if not source_text.strip():
            return
        if target is None or not self.text[target.start:target.end].strip():
            where = target.start if target is not None else max(after_source, 0)
            start = end = where
        else:
            start, end = target.start, target.end
        unit = Unit(start, end, ident, source_text, source.lang,
                    target.lang if target else None, tuple(source.codes))
        if not unit.empty:
            self._paint_content(start, end)
        self.units.append(unit)

    def _paint_content(self, start: int, end: int) -> None:
        """Prose where the target's own text is: what inline handlers did not paint."""
        paint = self.masker.paint
        paint[start:end] = paint[start:end].replace(bytes([Paint.BLOCK]), bytes([Paint.PROSE]))
        # Character references in the text are kept as written, but are not prose.
        for m in re.finditer(r"&[#\w]+;", self.text[start:end]):
            if paint[start + m.start()] == Paint.PROSE:
                self.masker(start + m.start(), start + m.end(), Paint.REFERENCE)


def read_xml(text: str, path: str, settings: Settings) -> Document:
    return _Reader(text, path, settings).read()
