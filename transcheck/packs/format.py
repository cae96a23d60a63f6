"""Rule packs as data: the TOML format of `rules/*.toml`, read and validated.

The format is documented for linguists in `rules/README.md`. Every problem in a
pack is a `ConfigError` of one line naming the file and, where there is one, the entry.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from transcheck.diagnostics import Severity
from transcheck.errors import ConfigError
from transcheck.lazy import LazyPattern
from transcheck.packs import cache as packs_cache
from transcheck.packs.words import WordClasses, load_classes, resolve_word
from transcheck.records import Record
from transcheck.regex_programs import compiled
from transcheck.rule import CODE_PATTERN

T = TypeVar("T")
KINDS = ("phrase", "wrong", "pattern")  # the key that names an entry's kind
GAP_TOKENS = ("…", "...")
MAX_VARIANTS = 4096  # word alternatives multiply; a phrase that expands further is a mistake
# A slot of more one-word alternatives than this (a class drawn from the lexicon: every
# comparative, every verb form) is matched as any word and looked up in a set, so it
# counts as one variant: it is never spelled out.
LOOKUP_SLOT = 64
# In a pattern, only a class of more words than this: a looked-up group cannot backtrack
# into a shorter or later word, so the words before it must be fixed (no `(?:\w+ ){0,3}?`).
LOOKUP_CLASS = 1000
_NAME = LazyPattern(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_LANGUAGE = LazyPattern(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
_BACKREFERENCE = LazyPattern(r"\\[1-9]|\(\?P=")
_SLOT = compiled(r"\(([^()]*)\)([^\s()]*)|([^\s()]+)")  # a group and what clings to it, or words
_PATTERN_CLASS = LazyPattern(r"(?<!\(\?P)(?<!\(\?)<[a-z][a-z0-9]*(?:-[a-z0-9]+)*>\+?")
_GLOBAL_FLAGS = LazyPattern(r"\(\?[aiLmsux]+\)")
_PACK_KEYS = frozenset({
    "code", "name", "summary", "explanation", "category", "severity", "language",
    "source-languages", "default-enabled", "entry",
})
_ENTRY_KEYS = frozenset({
    *KINDS, "replacement", "message", "examples", "antipatterns", "source-languages",
    "ignore-case", "standalone", "max-gap", "anchors", "followed-by",
})
_ANCHOR_WORD = LazyPattern(r"[^\W_]{2,}")
_GAP_WORD = r"[\w'’-]+"  # a word of a gap or a looked-up slot
_LOOKUP_GROUP = LazyPattern(r"\(\?<!\[\\w'’-\]\)\(\?=\(\?P<w\d+x\d+>[^()]*\)\)\(\?P=w\d+x\d+\)")


class Entry(Record):
    """One thing a pack reports, with its own message and examples.

    `kind` is "phrase", "substitution" or "pattern"; `texts` holds the phrases,
    the wrong words, or the one regular expression.
    """

    FIELDS = ("number", "kind", "texts", "message", "replacement", "must_flag", "near_misses",
              "antipatterns", "source_languages", "ignore_case", "standalone", "max_gap",
              "anchors", "followed_by", "lookups")
    number: int
    kind: str
    texts: tuple[str, ...]
    message: str
    replacement: str | None
    must_flag: tuple[str, ...]
    near_misses: tuple[str, ...]
    antipatterns: tuple[str, ...]
    source_languages: frozenset[str]
    ignore_case: bool
    standalone: bool
    max_gap: int
    anchors: tuple[str, ...]
    followed_by: str | None  # a regex the text right after a match must match
    # Classes matched as one word looked up among theirs: a phrase's slot (`<base-verb>`,
    # kept in the phrase) or a pattern's group (its name), and their words joined by "/".
    lookups: tuple[tuple[str, str], ...]

    def __init__(self, number: int, kind: str, texts: tuple[str, ...], message: str,
                 replacement: str | None, must_flag: tuple[str, ...],
                 near_misses: tuple[str, ...], antipatterns: tuple[str, ...] = (),
                 source_languages: frozenset[str] = frozenset(), ignore_case: bool = False,
                 standalone: bool = False, max_gap: int = 3, anchors: tuple[str, ...] = (),
                 followed_by: str | None = None,
                 lookups: tuple[tuple[str, str], ...] = ()) -> None:
        self._set(number=number, kind=kind, texts=texts, message=message,
                  replacement=replacement, must_flag=must_flag, near_misses=near_misses,
                  antipatterns=antipatterns, source_languages=source_languages,
                  ignore_case=ignore_case, standalone=standalone, max_gap=max_gap,
                  anchors=anchors, followed_by=followed_by, lookups=lookups)

    @property
    def label(self) -> str:
        return f"entry {self.number} ({self.texts[0]!r})"


class Pack(Record):
    """One rule as data: its identity, documentation and entries."""

    FIELDS = ("path", "code", "name", "summary", "explanation", "category", "severity",
              "language", "source_languages", "default_enabled", "entries", "digest")
    path: str
    code: str
    name: str
    summary: str
    explanation: str
    category: str
    severity: Severity
    language: str
    source_languages: frozenset[str]
    default_enabled: bool
    entries: tuple[Entry, ...]
    # A hash of what the pack was read from (its bytes, its word lists, the code that read
    # it), when read from a file: it names the plans of its matchers in the cache.
    digest: str

    def __init__(self, path: str, code: str, name: str, summary: str, explanation: str,
                 category: str, severity: Severity, language: str,
                 source_languages: frozenset[str], default_enabled: bool,
                 entries: tuple[Entry, ...], digest: str = "") -> None:
        self._set(path=path, code=code, name=name, summary=summary, explanation=explanation,
                  category=category, severity=severity, language=language,
                  source_languages=source_languages, default_enabled=default_enabled,
                  entries=entries, digest=digest)


def load_pack(path: Path, classes: WordClasses | None = None) -> Pack:
    """Read and validate the pack in `path`, its word classes resolved with `classes`
    (by default those of `words/` beside the shipped packs and beside `path`)."""
    if classes is None:
        classes = classes_for(path.parent)
    try:
        status = path.stat()
        name = packs_cache.stamped_digest(path, status, classes.digest)
        cached = packs_cache.get(name) if name else None
        if cached is not None:
            return cached.replace(path=str(path), digest=name)
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    # A changed word list changes the resolved pack. Hashed once: 1 ms for the shipped packs.
    name = packs_cache.digest(raw + classes.digest)
    packs_cache.note_digest(path, status, classes.digest, name)
    cached = packs_cache.get(name)
    if cached is not None:
        return cached.replace(path=str(path), digest=name)
    if sys.version_info >= (3, 11):  # imported here: a pack from the cache needs no TOML
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to read") from None
    pack = parse_pack(data, str(path), classes).replace(digest=name)
    packs_cache.put(name, pack)
    return pack


@functools.lru_cache(maxsize=16)
def classes_for(directory: Path) -> WordClasses:
    """The word classes a pack in `directory` may name: the shipped ones in `words/`
    beside the shipped packs, and those in `words/` beside the pack."""
    from transcheck.packs.plugin import shipped_packs_dir  # the plugin reads packs: no cycle

    shipped = shipped_packs_dir() / "words"
    own = directory / "words"
    return load_classes([shipped] if own.resolve() == shipped.resolve() else [shipped, own])


def parse_pack(data: Mapping[str, Any], path: str,
               classes: WordClasses | None = None) -> Pack:
    """Validate the decoded TOML of a pack; `path` names it in errors; `classes` are the
    word classes its phrases may name (none by default)."""
    classes = classes or WordClasses()
    table = _Table(data, path, _PACK_KEYS)
    code = table.get("code", str, required=True)
    if not CODE_PATTERN.match(code):
        raise ConfigError(f"{path}: 'code' must look like TC301, got {code!r}")
    name = table.get("name", str, required=True)
    if not _NAME.match(name):
        raise ConfigError(f"{path}: 'name' must be kebab-case like 'german-calques', got {name!r}")
    language = table.get("language", str, required=True)
    if not _LANGUAGE.match(language):
        raise ConfigError(f"{path}: 'language' must be a code such as 'en' or 'en-GB'")
    sources = _languages(table.get("source-languages", list, default=[]), path)
    severity_name = table.get("severity", str, default="warning")
    try:
        severity = Severity(severity_name)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"{path}: 'severity' must be one of {choices}") from None
    raw_entries = table.get("entry", list, required=True)
    entries = tuple(
        _entry(raw, number, f"{path}: entry {number}", sources, classes)
        for number, raw in enumerate(raw_entries, 1)
    )
    _check_duplicates(entries, path)
    return Pack(
        path=path,
        code=code,
        name=name,
        summary=table.get("summary", str, required=True),
        explanation=table.get("explanation", str, required=True),
        category=table.get("category", str, required=True),
        severity=severity,
        language=language,
        source_languages=sources,
        default_enabled=table.get("default-enabled", bool, default=True),
        entries=entries,
    )


class _Table:
    """Typed access to a TOML table that rejects unknown keys (typos) up front."""

    def __init__(self, data: Any, where: str, allowed: frozenset[str]) -> None:
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: must be a table")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ConfigError(f"{where}: unknown key '{unknown[0]}'")
        self.data, self.where = data, where

    def get(self, key: str, kind: type[T], *, required: bool = False,
            default: T | None = None) -> T:
        if key not in self.data:
            if required or default is None:
                raise ConfigError(f"{self.where}: '{key}' is missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is str and not str(value).strip()):
            raise ConfigError(f"{self.where}: '{key}' must be a non-empty {kind.__name__}")
        return value


def _languages(values: list[Any], where: str) -> frozenset[str]:
    if not all(isinstance(v, str) and re.fullmatch(r"[a-z]{2,3}", v) for v in values):
        raise ConfigError(f"{where}: 'source-languages' must list codes such as 'de'")
    return frozenset(values)


def _entry(raw: Any, number: int, where: str, pack_sources: frozenset[str],
           classes: WordClasses) -> Entry:
    kinds = [k for k in KINDS if isinstance(raw, dict) and k in raw]
    if len(kinds) != 1:
        raise ConfigError(f"{where}: needs exactly one of 'phrase', 'wrong', 'pattern'")
    key = kinds[0]
    value = raw[key]
    texts = tuple(value) if isinstance(value, list) else (value,)
    if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
        raise ConfigError(f"{where}: '{key}' must be a non-empty string or list of strings")
    if key == "pattern" and len(texts) != 1:
        raise ConfigError(f"{where}: 'pattern' takes one regular expression")
    where = f"{where} ({texts[0]!r})"
    table = _Table(raw, where, _ENTRY_KEYS)
    examples = _Table(table.get("examples", dict, required=True), f"{where}: examples",
                      frozenset({"flag", "accept"}))
    sources = _languages(table.get("source-languages", list, default=[]), where)
    if not sources <= pack_sources:
        raise ConfigError(f"{where}: 'source-languages' must be among the pack's")
    kind = {"phrase": "phrase", "wrong": "substitution", "pattern": "pattern"}[key]
    antipatterns = _strings(table, "antipatterns")
    if kind != "pattern":
        for text in (*texts, *antipatterns):
            _check_slash_trap(text, where)
    lookups: dict[str, str] = {}
    if kind == "phrase":
        texts = tuple(resolve(text, classes, where, lookups) for text in texts)
    elif kind == "pattern":
        found: list[tuple[str, str]] = []
        texts = (resolve_pattern(texts[0], classes, where, f"w{number}x", found),)
        lookups = dict(found)
    # A large class stays a reference here too, so that the check below refuses it.
    antipatterns = [resolve(text, classes, where, {}) for text in antipatterns]
    replacement = table.data.get("replacement")
    if (kind == "substitution") != isinstance(replacement, str):
        raise ConfigError(f"{where}: 'replacement' (a string) goes with 'wrong', and only there")
    entry = Entry(
        number=number,
        kind=kind,
        texts=texts,
        message=table.get("message", str, required=True),
        replacement=replacement,
        must_flag=_sentences(examples, "flag"),
        near_misses=_sentences(examples, "accept"),
        antipatterns=tuple(antipatterns),
        source_languages=sources or pack_sources,
        ignore_case=table.get("ignore-case", bool, default=False),
        standalone=table.get("standalone", bool, default=False),
        max_gap=table.get("max-gap", int, default=3),
        anchors=_anchors(_strings(table, "anchors"), where),
        followed_by=table.data.get("followed-by"),
        lookups=tuple(lookups.items()),
    )
    _check_entry(entry, where)
    return entry


def _anchors(texts: list[str], where: str) -> tuple[str, ...]:
    """A pattern's anchors in lower case (the matcher looks for each key once). One with
    a group `(a|b)` stands for every combination, as in a phrase: "(often|always) (the|a)"
    gives the pairs, which are much rarer in text than the adverbs alone."""
    anchors: list[str] = []
    for text in texts:
        if "(" not in text:  # "home /" and "home |" are literal (breadcrumbs)
            anchors.append(text)
            continue
        if "<" in text or "…" in text or "..." in text:
            raise ConfigError(f"{where}: an anchor names words, not a class or a gap: {text!r}")
        _check_phrase(text, f"{where}: anchors")
        anchors.extend(" ".join(words) for words in expand(text))
    return tuple(" ".join(text.lower().split()) for text in anchors)


def _sentences(examples: _Table, key: str) -> tuple[str, ...]:
    values = tuple(_strings(examples, key))
    if not values:
        raise ConfigError(f"{examples.where}: '{key}' needs at least one sentence")
    return values


def _strings(table: _Table, key: str) -> list[str]:
    values = table.get(key, list, default=[])
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(f"{table.where}: '{key}' must be a list of non-empty strings")
    return values


def _check_entry(entry: Entry, where: str) -> None:
    if not 1 <= entry.max_gap <= 8:
        raise ConfigError(f"{where}: 'max-gap' must be between 1 and 8")
    if entry.anchors and entry.kind != "pattern":
        raise ConfigError(f"{where}: 'anchors' go with 'pattern' (phrases find their own)")
    if any(not _ANCHOR_WORD.search(text) for text in entry.anchors):
        raise ConfigError(f"{where}: 'anchors' must be words or phrases, with a word of two "
                          "letters or more")
    if entry.followed_by is not None:
        if not isinstance(entry.followed_by, str) or not entry.followed_by:
            raise ConfigError(f"{where}: 'followed-by' must be a regular expression")
        _check_pattern(entry.followed_by, f"{where}: followed-by", entry.ignore_case,
                       may_be_empty=True)
    if entry.kind == "pattern":
        # Checked with each looked-up class as the plain word it matches.
        _check_pattern(_LOOKUP_GROUP.sub(_GAP_WORD.replace("\\", "\\\\"), entry.texts[0]),
                       where, entry.ignore_case)
        return
    for phrase in (*entry.texts, *entry.antipatterns):
        if entry.kind == "substitution" and phrase in entry.texts and (
            re.search(r"[/()|<>+]", phrase) or any(gap in phrase.split() for gap in GAP_TOKENS)
        ):
            raise ConfigError(f"{where}: 'wrong' takes plain words, without '/', '(…|…)', "
                              "'…', '+' or '<class>'")
        _check_phrase(phrase, where, antipattern=phrase not in entry.texts)


def resolve(phrase: str, classes: WordClasses, where: str,
            lookups: dict[str, str] | None = None) -> str:
    """`phrase` with its inflections (`make+`) and word classes (`<event>`) spelled out
    as alternatives (`make/makes/made/making`, `(meeting|press conference)`). A slot that
    is one class of more than LOOKUP_SLOT single words stays a reference (`<base-verb>`),
    its words added to `lookups` (when given, and when the phrase has other slots)."""
    if "+" not in phrase and "<" not in phrase:
        return phrase
    rendered = []
    slots = phrase_slots(phrase)
    for slot in slots:
        resolved: dict[tuple[str, ...], None] = {}
        for alternative in slot:
            for parts in itertools.product(*(resolve_word(w, classes, where)
                                             for w in alternative)):
                resolved[tuple(word for part in parts for word in part)] = None
        if (lookups is not None and len(slots) > 1 and len(slot) == 1 and len(slot[0]) == 1
                and slot[0][0].startswith("<") and len(resolved) > LOOKUP_SLOT
                and all(len(words) == 1 for words in resolved)):
            lookups[slot[0][0]] = "/".join(words[0] for words in resolved)
            rendered.append(slot[0][0])
        elif all(len(words) == 1 for words in resolved):
            rendered.append("/".join(words[0] for words in resolved))
        else:
            rendered.append("(" + "|".join(" ".join(words) for words in resolved) + ")")
    return " ".join(rendered)


def resolve_pattern(pattern: str, classes: WordClasses, where: str, prefix: str = "w",
                    lookups: list[tuple[str, str]] | None = None) -> str:
    """`pattern` with each `<class>` (or `<class>+`, with all forms) made a group of
    its words, `(?:press\\s+conference|meeting|…)`; longer words first, so that a
    word is not cut short by its own prefix. `(?P<…>` and look-behinds stay. A class
    of more than LOOKUP_CLASS single words becomes a `lookup_group` named `prefix` and a
    number, added to `lookups` with its words: compiling thousands of words is slow."""
    def group(m: re.Match[str]) -> str:
        members = resolve_word(m.group(), classes, where)
        if lookups is not None and len(members) > LOOKUP_CLASS and all(
                len(member) == 1 for member in members):
            name = f"{prefix}{len(lookups)}"
            lookups.append((name, "/".join(member[0] for member in members)))
            return lookup_group(name)
        return _alternation(" ".join(member) for member in members)

    return _PATTERN_CLASS.sub(group, pattern)


def lookup_group(name: str) -> str:
    """A regex group of one whole word, named `name`, that cannot give characters back:
    the word it holds is then looked up among the class's words."""
    return rf"(?<![\w'’-])(?=(?P<{name}>{_GAP_WORD}))(?P={name})"


def _alternation(phrases: Iterable[str]) -> str:
    """A regex group matching any of `phrases`, their shared beginnings written once
    (half the size of a flat list, and as fast to compile); spaces match white space."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        # Longer continuations first, so that a word is not cut short by its own prefix.
        parts = [(r"\s+" if char == " " else re.escape(char)) + render(child)
                 for char, child in sorted(node.items()) if char]
        if "" in node:
            parts.append("")
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return "(?:" + render(trie) + ")"


@functools.lru_cache(maxsize=4096)  # a phrase's slots are asked for several times
def phrase_slots(phrase: str) -> list[list[tuple[str, ...]]]:
    """The slots of a phrase, each a list of alternatives, each a sequence of words.

    `pass/passes` is one slot of one-word alternatives; `(a bit|a little|)` is one
    slot of several-word alternatives, the empty one making the slot optional.
    """
    slots: list[list[tuple[str, ...]]] = []
    for group, suffix, words in _SLOT.findall(phrase):
        if not group and not suffix:  # words ("()" too: refused as an empty alternative)
            slots.append([(word,) for word in words.split("/")])
            continue
        alternatives = group.split("|")
        if suffix and all(a and not a[-1].isspace() for a in alternatives):
            # "(ministry|bank)'s": what clings to the group ends each alternative's last word.
            slots.append([tuple((a + suffix).split()) for a in alternatives])
            continue
        slots.append([tuple(alternative.split()) for alternative in alternatives])
        if suffix:  # "(the |)fish": the word after an alternative that ends in a space
            slots.append([(word,) for word in suffix.split("/")])
    return slots


@functools.lru_cache(maxsize=4096)
def expand(phrase: str) -> tuple[tuple[str, ...], ...]:
    """Every word sequence a phrase stands for (validation and matching both need them)."""
    return tuple(tuple(word for alternative in combination for word in alternative)
                 for combination in itertools.product(*phrase_slots(phrase)))


@functools.lru_cache(maxsize=8192)
def anchor_words(word: str) -> tuple[tuple[str, int], ...]:
    """The parts of `word` that can anchor a phrase (lower case), with their offsets."""
    return tuple((m.group().lower(), m.start()) for m in _ANCHOR_WORD.finditer(word))


def is_lookup(slot: list[tuple[str, ...]]) -> bool:
    """Whether a slot of a resolved phrase is a class whose words are looked up."""
    return len(slot) == 1 and len(slot[0]) == 1 and slot[0][0].startswith("<")


@functools.lru_cache(maxsize=4096)
def has_lookup(phrase: str) -> bool:
    return "<" in phrase and any(is_lookup(slot) for slot in phrase_slots(phrase))


def _check_phrase(phrase: str, where: str, antipattern: bool = False) -> None:
    outside_groups = _SLOT.sub(lambda m: m.group(2) if m.group(3) is None else m.group(), phrase)
    if re.search(r"[()|]", outside_groups):
        raise ConfigError(f"{where}: unbalanced '(', ')' or a '|' outside '(…|…)' in {phrase!r}")
    slots = phrase_slots(phrase)
    if any(not word for slot in slots for alternative in slot for word in alternative):
        raise ConfigError(f"{where}: empty alternative in {phrase!r}")
    if any("/" in word for slot in slots for alternative in slot for word in alternative):
        # Only a group keeps a '/' in a word, which would then never match.
        raise ConfigError(f"{where}: inside '(…|…)' separate alternatives with '|', "
                          f"not '/', in {phrase!r}")
    if antipattern and any(is_lookup(slot) for slot in slots):
        raise ConfigError(f"{where}: an antipattern cannot name a class of more than "
                          f"{LOOKUP_SLOT} words")
    if any(is_lookup(slot) for slot in slots) and all(
            is_lookup(slot) or slot in ([("…",)], [("...",)]) for slot in slots):
        raise ConfigError(f"{where}: a class of more than {LOOKUP_SLOT} words needs other "
                          "words beside it in the phrase, to be found by")
    if any(is_lookup(slot) and before in ([("…",)], [("...",)])
           for before, slot in itertools.pairwise(slots)):
        raise ConfigError(f"{where}: a gap '…' cannot stand before a slot of more than "
                          f"{LOOKUP_SLOT} words (such a slot is looked up after the match)")
    variants = 1
    for slot in slots:
        variants *= len(slot)
    if variants > MAX_VARIANTS:
        raise ConfigError(f"{where}: the alternatives expand to {variants} phrases (limit "
                          f"{MAX_VARIANTS}); split the entry")
    for combination in itertools.product(*slots):
        words = tuple(word for alternative in combination for word in alternative)
        if not any(anchor_words(word) for word in words if word not in GAP_TOKENS):
            raise ConfigError(f"{where}: {' '.join(words)!r} has no word of two letters or more")
        if not words or words[0] in GAP_TOKENS or words[-1] in GAP_TOKENS:
            raise ConfigError(f"{where}: a phrase cannot be empty or start or end with a gap '…'")
        if any(a in GAP_TOKENS and b in GAP_TOKENS for a, b in itertools.pairwise(words)):
            raise ConfigError(f"{where}: two gaps '… …' in a row")


def _check_slash_trap(phrase: str, where: str) -> None:
    """Refuse `the light/the TV`, which reads as "the" + "light/the" + "TV": it was
    meant as two phrases. Checked as written, before classes add alternatives."""
    slots = phrase_slots(phrase)
    for before, slot in itertools.pairwise(slots[:-1]):  # a slot with words after it
        repeated = {word for alternative in before for word in alternative} & {
            alternative[0] for alternative in slot if len(slot) > 1 and len(alternative) == 1}
        if repeated:
            raise ConfigError(
                f"{where}: '/' separates single words, so {phrase!r} repeats "
                f"{sorted(repeated)[0]!r}; for whole phrases write '(…|…)' or a list")


def _check_pattern(pattern: str, where: str, ignore_case: bool,
                   may_be_empty: bool = False) -> None:
    try:
        compiled = re.compile(pattern, re.MULTILINE)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid regular expression: {exc}") from None
    if compiled.groups or _BACKREFERENCE.search(pattern):
        raise ConfigError(f"{where}: use (?:...) instead of capturing groups and backreferences")
    from transcheck.packs import safety  # only packs read afresh are validated

    try:
        safety.check(pattern, ignore_case)
    except safety.UnsafePattern as exc:
        raise ConfigError(f"{where}: the pattern could take forever to match: {exc}") from None
    if _GLOBAL_FLAGS.search(pattern):
        raise ConfigError(f"{where}: write 'ignore-case = true' or a scoped (?i:...) instead of "
                          "a global flag such as (?i)")
    for probe in () if may_be_empty else ("", " ", "a", "\n"):
        found = compiled.search(probe)
        if found is not None and found.start() == found.end():
            raise ConfigError(f"{where}: the pattern can match empty text")


def _check_duplicates(entries: tuple[Entry, ...], path: str) -> None:
    """Refuse a phrase that two entries both stand for: which message would be right?"""
    seen: dict[tuple[str, ...], int] = {}
    for entry in entries:
        if entry.kind == "pattern":
            continue
        for text in entry.texts:
            for words in expand(text):
                key = (*words, str(entry.ignore_case), str(entry.standalone))
                other = seen.setdefault(key, entry.number)
                if other != entry.number:
                    raise ConfigError(f"{path}: {entry.label}: the phrase "
                                      f"'{' '.join(words)}' is already in entry {other}")

