"""Family TC2, document-level rules: what only shows in the whole text.

This module holds the rules about a document's structure (a pasted title, a
repeated sentence, text cut off) and registers the whole family; the rest live in
`articles.py`, `consistency.py` and `repetition.py`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from operator import attrgetter

from transcheck.blocks import by_paragraph
from transcheck.builtin.charset import characters
from transcheck.diagnostics import Finding
from transcheck.document import Document, Span
from transcheck.lazy import LazyPattern
from transcheck.regex_programs import compiled
from transcheck.rule import Rule
from transcheck.segment import may_end_inside, possible_sentences, sentence_parts

_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 25
_SENTENCE_MIN_WORDS = 6


def find_title(doc: Document) -> Span | None:
    """The document's title: its first line when a blank line follows it and more
    text comes after, or when it is a Markdown heading (`# Title`)."""
    paragraphs = next(doc.pieces()).doc.paragraphs  # those of the start are enough
    if not paragraphs:
        return None
    first = paragraphs[0]
    line = first.text.split("\n", 1)[0].rstrip()
    heading = line.lstrip("#").strip()
    is_title = line.startswith("#") or (len(paragraphs) > 1 and "\n" not in first.text)
    if not is_title or not _TITLE_MIN_WORDS <= len(heading.split()) <= _TITLE_MAX_WORDS:
        return None
    start = first.start + line.index(heading)
    return Span(start, start + len(heading), heading)


_SPACE_AFTER_TITLE = compiled("[ \t\n\r\u200b]*")


def _horizontal_space_before(text: str, start: int) -> int:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


class RepeatedTitle(Rule):
    code = "TC201"
    name = "repeated-title"
    category = "Accuracy/Addition"
    fixable = True
    unsafe_fix = True  # it deletes words: applied only with --unsafe-fixes
    summary = "The title repeated inside the body, often glued to the end of a paragraph."
    explanation = """
## What it does
Takes the first line as the title (in plain text: the first line when a blank
line follows it; in Markdown: a first line that is a heading) and reports every
later place where the same words occur,
for instance pasted after the last sentence of a paragraph or on a line of its own.
Titles shorter than three words are not looked for, nor is the title's first
copy when nothing comes between them: the headline (`<h1>`) of an HTML page
repeats its `<title>`.

## Why is this bad
Pages scraped or assembled for translation often carry the headline twice; after
machine translation the copy ends up glued to a paragraph, where it reads as a
garbled sentence.

## Example
```
Council Backs Brush Clearing

The council approved the plan on Tuesday.Council Backs Brush Clearing
```

## Fix
Delete the copy. This rule's fix does it when the copy ends a paragraph, with
`--fix --unsafe-fixes` only (deleting text is never a safe fix):
```
Council Backs Brush Clearing

The council approved the plan on Tuesday.
```
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        title = doc.memo(find_title)
        if title is None:
            return
        # A copy holds every word of the title: most documents lack one of them after the
        # title, and need no pattern compiled for their title.
        if any(doc.text.find(word, title.end) < 0 for word in title.text.split()):
            return
        words = [re.escape(w) for w in title.text.split()]
        # The first word, then the look back at what precedes it: a literal start is
        # searched for fast, a look-behind start is tried at every position.
        first = rf"{words[0]}(?<!\w{words[0]})"
        pattern = re.compile(r"\s+".join([first, *words[1:]]) + r"(?!\w)")
        # Where the space after the title ends (not a slice of the text up to each copy).
        space = _SPACE_AFTER_TITLE.match(doc.text, title.end)
        after_title = space.end() if space else title.end
        for m in pattern.finditer(doc.text, title.end):
            if m.start() <= after_title:
                # The headline right after the title: an HTML page's <h1> after its <title>.
                continue
            if doc.ends_paragraph(m.end()):
                start = _horizontal_space_before(doc.text, m.start())
                yield Finding(start, m.end(), "The title is repeated here", fix="")
            else:
                yield Finding(m.start(), m.end(), "The title is repeated here")


def _normalised(text: str, printable: bool = False) -> tuple[str, int]:
    """`text` with its spacing made uniform (a key to compare by), and its number of words.
    `printable`: every character of `text` but a line break is known to be printable
    (`_printable_but_line_breaks`)."""
    # Most texts are spaced so already: single spaces, none at either end, and no other
    # white space (every other white-space character is unprintable). No words are made.
    if text and ("\n" not in text if printable else text.isprintable()) and "  " not in text \
            and text.strip(" ") == text:
        return text, text.count(" ") + 1
    words = text.split()
    return " ".join(words), len(words)


class RepeatedSentence(Rule):
    code = "TC202"
    name = "repeated-sentence"
    category = "Accuracy/Addition"
    fixable = True
    # Repetition is sometimes meant (the same steps under "Windows" and "macOS"):
    # deleting a sentence is applied only with --unsafe-fixes.
    unsafe_fix = True
    summary = "A sentence or paragraph repeated word for word."
    explanation = """
## What it does
Reports a paragraph that repeats an earlier paragraph word for word, and a
sentence of six words or more that repeats an earlier sentence. The title is
left to `repeated-title`; short sentences ("Thank you.") repeat naturally and
are not reported.

## Why is this bad
Segments sent twice through machine translation, or pasted twice while
assembling a text, say the same thing again for no reason.

## Example
```
The bridge will close on Monday for repairs. Drivers should use the ring road.
The bridge will close on Monday for repairs.
```

## Fix
Delete the copy. This rule's fix does it with `--fix --unsafe-fixes` only: a
sentence is sometimes repeated on purpose (the same step under two headings), and
deleting text is never a safe fix.
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        title = doc.memo(find_title)
        body_start = title.end if title else 0
        # Where each paragraph and sentence was first seen, by its key's hash: a long
        # document's keys never sit in memory whole.
        paragraphs: _FirstSeen = {}
        sentences: _FirstSeen = {}
        lines: dict[int, int] = {}  # see `_line_of`
        for piece in doc.pieces():
            offset, own_start, own_end = piece.offset, piece.own_start, piece.own_end
            # The characters a document holds are known (`characters`); a piece's are not.
            printable = piece.doc is doc and _printable_but_line_breaks(doc)
            low = max(own_start, body_start)  # where what this piece reports may start
            repeated: set[int] = set()  # the starts of the repeated paragraphs
            # The paragraphs not written exactly as the first time, in order: a copy's
            # sentences were all seen there, and would be left out as part of a repeated
            # paragraph, so they are not even cut.
            others: list[Span] = []
            normalised: dict[str, tuple[str, int]] = {}  # see `_words`
            # Where each text's words first stood (`_first_place`), kept by the text: MT
            # output repeats segments, and a copy is then one look-up.
            paragraph_firsts: dict[str, int | None] = {}
            sentence_firsts: dict[str, int | None] = {}
            # For a paragraph text met again: whether its first place holds the same text,
            # and the message of its copies (the same for each).
            copies: dict[str, tuple[bool, str]] = {}
            for paragraph in piece.doc.paragraphs:
                start = offset + paragraph.start
                if not low <= start < own_end:
                    others.append(paragraph)  # its sentences may start where it reports
                    continue
                earlier = paragraph_firsts.get(paragraph.text, _UNSEEN)
                if earlier == _UNSEEN:
                    earlier = paragraph_firsts[paragraph.text] = _first_place(
                        doc, paragraphs, _words(normalised, paragraph.text, printable), start,
                        offset + paragraph.end)
                if earlier is None or earlier == start:
                    others.append(paragraph)
                    continue
                repeated.add(paragraph.start)
                copy = copies.get(paragraph.text)
                if copy is None:
                    # The same words, and the first's text begins with this one's: the same
                    # text (both are trimmed; more words would make other words).
                    copy = copies[paragraph.text] = (
                        doc.text.startswith(paragraph.text, earlier),
                        f"This paragraph repeats the one on line {_line_of(doc, lines, earlier)}")
                same, message = copy
                if not same:
                    others.append(paragraph)
                yield Finding(start, offset + paragraph.end, message, fix="")
            cuts = _sentence_cuts(others, normalised, printable, piece.doc is doc)
            for paragraph in others:
                parts = cuts[paragraph.text]
                if parts is None:
                    continue  # see `_sentence_cuts`
                base = offset + paragraph.start
                in_repeated = paragraph.start in repeated
                for part_start, part_end, text in parts:
                    start = base + part_start
                    if not low <= start < own_end:
                        continue
                    earlier = sentence_firsts.get(text, _UNSEEN)
                    if earlier == _UNSEEN:
                        earlier = sentence_firsts[text] = _first_place(
                            doc, sentences, _words(normalised, text, printable), start,
                            base + part_end)
                    if earlier is not None and earlier != start and not in_repeated:
                        yield Finding(_horizontal_space_before(doc.text, start),
                                      base + part_end, f"This sentence repeats the one on "
                                      f"line {_line_of(doc, lines, earlier)}", fix="")


def _sentence_cuts(paragraphs: list[Span], normalised: dict[str, tuple[str, int]],
                   printable: bool, whole: bool
                   ) -> dict[str, tuple[tuple[int, int, str], ...] | None]:
    """The sentences (`sentence_parts`) of each text of `paragraphs`, or None for a text
    whose sentences need not be looked up (`normalised` and `printable`: see `_words`).
    `whole`: the paragraphs are all the document's; those of a piece of it are all cut,
    since the places that others hold are unknown.

    Those of a text are looked up only if another place may hold one with the same
    words (the same hash, as they are remembered): else each would only be remembered,
    and never looked for. A text is not cut unless one of the stretches Punkt may cut of
    it (`possible_sentences`) stands elsewhere. Nor is a text of one sentence looked up
    unless a text of several has one with its words: a paragraph with its words before
    it would make it a repeated paragraph, whose sentences are not reported, and only
    paragraphs like it look for where it stands."""
    occurrences = Counter(map(_TEXT, paragraphs))
    if not whole:
        return {text: sentence_parts(text) for text in occurrences}
    one: dict[str, int] = {}  # a text of one sentence: the hash of its words
    several: dict[str, list[int]] = {}  # a text of several: hashes of what may be cut
    cuts: dict[str, tuple[tuple[int, int, str], ...]] = {}  # those cut by Punkt

    def key(text: str) -> int:
        return hash(_words(normalised, text, printable)[0])

    for text in occurrences:
        if not may_end_inside(text):
            one[text] = key(text)
        elif (stretches := possible_sentences(text, _SENTENCE_MIN_WORDS)) is not None:
            several[text] = list(map(hash, stretches))
        else:
            cuts[text] = sentence_parts(text)
    places: Counter[int] = Counter()  # how many places may hold each sentence's words
    for text, words in one.items():
        places[words] += occurrences[text]
    for text, keys in several.items():
        for words in keys:
            places[words] += occurrences[text]
    for text, parts in cuts.items():
        for *_, part in parts:
            places[key(part)] += occurrences[text]
    cuts.update((text, sentence_parts(text)) for text, keys in several.items()
                if any(places[words] > 1 for words in keys))
    in_longer = {key(part) for parts in cuts.values() if len(parts) > 1 for *_, part in parts}
    found: dict[str, tuple[tuple[int, int, str], ...] | None] = dict.fromkeys(several)
    found.update(cuts)
    found.update((text, sentence_parts(text) if words in in_longer else None)
                 for text, words in one.items())
    return found


_TEXT = attrgetter("text")


# The hash of a paragraph's or sentence's words -> where they first stood, packed into
# one int (start << 32 | length): a million sentences take 100 MB, not 200.
_FirstSeen = dict[int, int]
_UNSEEN = -1  # a text not looked up yet


def _line_of(doc: Document, lines: dict[int, int], offset: int) -> int:
    """The line of `offset`, kept in `lines`: the copies of a text repeat the same one."""
    line = lines.get(offset)
    if line is None:
        line = lines[offset] = doc.position(offset)[0]
    return line


def _words(normalised: dict[str, tuple[str, int]], text: str, printable: bool
           ) -> tuple[str, int]:
    """`_normalised(text, printable)`, kept in `normalised`: most paragraphs are one
    sentence (the same text), and MT output repeats paragraphs."""
    words = normalised.get(text)
    if words is None:
        words = normalised[text] = _normalised(text, printable)
    return words


def _printable_but_line_breaks(doc: Document) -> bool:
    """Whether every character of `doc.text` but the line break is printable: a text of
    it then is if it holds no line break, found in C faster than each character is tried."""
    return all(char.isprintable() for char in doc.memo(characters) if char != "\n")


def _first_place(doc: Document, seen: _FirstSeen, normalised: tuple[str, int], start: int,
                 end: int) -> int | None:
    """Where the same words (`normalised`, as `_normalised` gives them) as the text at
    `start` first stood: `start` itself if they came first, and are remembered; None if
    they are too few to count, or other words of the same hash came first."""
    key, words = normalised
    if words < _SENTENCE_MIN_WORDS:
        return None
    first = seen.setdefault(hash(key), start << 32 | (end - start))
    first_start, length = first >> 32, first & 0xFFFFFFFF
    if first_start == start:
        return start
    # The hash matched: make sure the words do (the same spacing spares normalising).
    earlier = doc.text[first_start:first_start + length]
    same = earlier == doc.text[start:end] or _normalised(earlier)[0] == key
    return first_start if same else None


# Words after which a colon promises an address, a number or a name that is missing.
_DANGLING = compiled(
    r"\b(?:e-?mail(?:ing)?|call(?:ing)?|phon(?:e|ing)|texting|visit(?:ing)?|at|website|link)\s*:$",
    re.IGNORECASE,
)
_DROPPED_BY = (r"\b(?:by|via)\s+(?:e-?mailing|calling|phoning|texting|contacting|writing\s+to)"
               r"\s*[.:](?!\S)")
_DROPPED_ADDRESS = LazyPattern(rf"{_DROPPED_BY}|\w\s*:\s*\.(?!\.)", re.IGNORECASE)
# The first branch alone, for a text without what the second needs (`_COLON_PERIOD`):
# the second is tried at every letter, the first only at a "b" or a "v".
_DROPPED_BY_ADDRESS = LazyPattern(_DROPPED_BY, re.IGNORECASE)
_COLON_PERIOD = LazyPattern(r":\s*\.")
# How the first branch ends, in lower case: a paragraph with "by" in it seldom holds it,
# which this pattern, tried from an "n" or a "t" only, finds out three times as fast.
_DROPPED_BY_END = LazyPattern(r"(?:ng|to)\s*[.:](?!\S)")
_SENTENCE_END = compiled(r"[.!?…][\"”’)\]]*\s+[\"“‘(]?[A-Z]")
_FINAL_CHARS = ".!?…:;\"”’)]*_"
_FINAL_MARK = compiled(rf"[{re.escape(_FINAL_CHARS)}]$|(?:https?://|www\.|@)\S+$")
_LONG_PROSE_WORDS = 25


class TruncatedText(Rule):
    code = "TC203"
    scope = "paragraph"
    name = "truncated-text"
    category = "Accuracy/Omission"
    summary = "Text cut off: a dangling colon, an unclosed parenthesis, a sentence that stops."
    explanation = """
## What it does
Reports signs that the end of a text or of a paragraph was lost:
- the document ends on a colon;
- a paragraph ends on a colon right after a word that promises an address or
  a number ("contact us at:", "by emailing:") and the next paragraph holds none;
- "by emailing" or "by calling" followed directly by a period or colon, or a
  colon followed by a period, where an address was dropped;
- a parenthesis or bracket opened and never closed in its paragraph;
- a long paragraph of prose whose last sentence has no closing punctuation.

## Why is this bad
Extraction, segmentation and length limits cut texts off; machine translation
drops what it cannot translate, such as e-mail addresses and links. The reader
is left without the information the sentence promised.

## Example
```
To register, reply by emailing:
```

## Fix
Restore the missing text from the source.
"""

    def check(self, doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        end = _trimmed_end(doc.text)
        if end and doc.text[end - 1] == ":":
            yield Finding(end - 1, end, "The text ends on a colon: what followed it is missing")
        for start, (body, problems) in by_paragraph(doc, _colon_or_problems):
            if body[-1] == ":":
                # The next paragraph is asked of each copy: the paragraph after differs.
                index = bisect.bisect_left(paragraphs, start, key=attrgetter("start"))
                if index + 1 < len(paragraphs) \
                        and _announces_missing(body, paragraphs[index + 1].text):
                    yield Finding(start + len(body) - 1, start + len(body),
                                  "The paragraph ends on a colon, but what it announces is missing")
            for low, high, message in problems:
                yield Finding(start + low, start + high, message)


_Problems = tuple[tuple[int, int, str], ...]


def _colon_or_problems(body: str) -> tuple[str, _Problems] | None:
    """A paragraph's text and its `_problems`, if it has some or ends on a colon. What a
    paragraph holds but its last colon depends on its text alone (`by_paragraph`)."""
    problems = tuple(_problems(body))
    return (body, problems) if problems or body[-1] == ":" else None


def _trimmed_end(text: str) -> int:
    """`len(text.rstrip())`, without copying a long text to learn it."""
    tail = text[-64:]
    trimmed = tail.rstrip()
    return len(text) - len(tail) + len(trimmed) if trimmed else len(text.rstrip())


def _problems(body: str) -> Iterator[tuple[int, int, str]]:
    """What is missing in a paragraph of text `body`, as (start, end, message) in it.
    One pass with cheap tests first: most paragraphs pass every one of them."""
    dropped = _DROPPED_ADDRESS if ":" in body and _COLON_PERIOD.search(body) else (
        _DROPPED_BY_ADDRESS if ("by" in (low := body.lower()) or "via" in low)
        and _DROPPED_BY_END.search(low) else None)
    for m in dropped.finditer(body) if dropped else ():
        yield m.start(), m.end(), "An address or number seems to be missing here"
    opening = _unclosed_bracket(body) if "(" in body or "[" in body else None
    if opening is not None:
        yield opening, opening + 1, f"“{body[opening]}” is never closed in this paragraph"
    if body[-1] not in _FINAL_CHARS and _cut_off(body):
        yield (len(body) - 1, len(body),
               "The paragraph stops without closing punctuation: was it cut off?")


def _announces_missing(body: str, following: str) -> bool:
    """A paragraph ending on a colon after "e-mail", "call" or the like, whose next
    paragraph holds no address, number or list."""
    return bool(_DANGLING.search(body)) and not re.search(
        r"@|https?:|www\.|\d|^\s*[-*•\"“(]", following)


def _cut_off(body: str) -> bool:
    """A last line of long prose, with sentences, that stops without closing punctuation."""
    last_line = body.rsplit("\n", 1)[-1]
    return (len(last_line.split()) >= _LONG_PROSE_WORDS and bool(_SENTENCE_END.search(last_line))
            and not _FINAL_MARK.search(last_line))


def _unclosed_bracket(text: str) -> int | None:
    """Offset of the first opening bracket left open, ignoring emoticons such as `:(`."""
    stack: list[int] = []
    closing = {")": "(", "]": "["}
    for m in re.finditer(r"[()\[\]]", text):
        char, where = m.group(), m.start()
        if char in "([":
            if where and text[where - 1] in ":;-=":
                continue
            stack.append(where)
        elif stack and text[stack[-1]] == closing[char]:
            stack.pop()
    return stack[0] if stack else None
