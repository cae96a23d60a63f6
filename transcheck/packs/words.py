"""Word classes and inflections for the phrases of rule packs.

A phrase names a construction, not one sentence: `make+` stands for every form of
"make" (make, makes, made, making), and `<event>` for any word of the class `event`,
listed once for all packs in `rules/words/*.toml`. Both are resolved when a pack is
read, into the plain alternatives of the phrase syntax (`make/makes/made/making`,
`(meeting|press conference|…)`), so matching stays one scan and the resolved pack is
what the cache keeps. Inflections come from lemminflect, a lexicon of English forms.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from transcheck.errors import ConfigError
from transcheck.lazy import LazyPattern
from transcheck.user_cache import hasher

# Penn Treebank tags of lemminflect, by the names a class's `forms` key uses.
FORMS: dict[str, tuple[str, ...]] = {
    "all": (),
    "base": (),
    "plural": ("NNS",),
    "third-person": ("VBZ",),
    "past": ("VBD",),
    "past-participle": ("VBN",),
    "ing": ("VBG",),
    "comparative": ("JJR", "RBR"),
    "superlative": ("JJS", "RBS"),
    "s-plural": (),
}
# Parts of speech a class may take all the words of from lemminflect's lexicon, by the
# Penn tag that marks them there.
LEXICON: dict[str, str] = {
    "noun": "NN",
    "verb": "VB",
    "adjective": "JJ",
    "adverb": "RB",
}
_CLASS_NAME = LazyPattern(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_CLASS_REF = LazyPattern(r"^<([^<>]+)>(\+?)$")
_MEMBER = LazyPattern(r"^[\w'’.-]+(?: [\w'’.-]+)*$")


class WordClasses:
    """Classes by name, each a tuple of members (tuples of words), read from `files`
    (path and bytes) when first asked for: a run whose packs come from the cache only
    needs `digest`, which changes with any list, so that a cached pack is read afresh."""

    def __init__(self, files: Sequence[tuple[Path, bytes]] = ()) -> None:
        self.files = tuple(files)
        # This module resolves the classes too: a change to it must miss the cache.
        self.digest = hasher(b"".join(hasher(raw).digest() for raw in (
            _own_code(), *(raw for _, raw in self.files)))).digest()
        self._members: dict[str, tuple[tuple[str, ...], ...]] | None = None

    @property
    def members(self) -> Mapping[str, tuple[tuple[str, ...], ...]]:
        if self._members is None:
            self._members = _parse(self.files)
        return self._members


@functools.lru_cache(maxsize=1)
def _own_code() -> bytes:
    return Path(__file__).read_bytes()


@functools.lru_cache(maxsize=4096)
def inflections(word: str, tags: tuple[str, ...] = ()) -> tuple[str, ...]:
    """`word` and all its inflected forms, or only its forms of the Penn tags `tags`,
    in the order lemminflect gives them; empty when lemminflect does not know the word."""
    import lemminflect  # loaded only when a pack is read, not from the cache

    table = lemminflect.getAllInflections(word)
    found = [] if tags or not table else [word]
    for tag, values in table.items():
        if not tags or tag in tags:
            found.extend(values)
    return tuple(dict.fromkeys(found))


def inflect(word: str, where: str, tags: tuple[str, ...] = ()) -> tuple[str, ...]:
    """`inflections`, or a one-line error naming `where` for a word lemminflect lacks."""
    found = inflections(word.lower(), tags)
    if not found:
        raise ConfigError(f"{where}: no inflections known for {word!r}; list its forms "
                          "with '/' instead of '+'")
    if word[:1].isupper():  # a capital written in the phrase stays
        found = tuple(form[:1].upper() + form[1:] for form in found)
    return found


def resolve_word(token: str, classes: WordClasses, where: str) -> list[tuple[str, ...]]:
    """The word sequences one written word stands for: `make+`, `<event>`, `<event>+`."""
    ref = _CLASS_REF.match(token)
    if ref:
        name, inflected = ref.groups()
        if name not in classes.members:
            known = ", ".join(sorted(classes.members)) or "none"
            raise ConfigError(f"{where}: unknown word class <{name}> (known: {known})")
        members = classes.members[name]
        if not inflected:
            return list(members)
        # A member whose last word has no forms ("round of talks") stands as it is.
        return [(*member[:-1], form) for member in members
                for form in inflections(member[-1].lower()) or member[-1:]]
    if token.endswith("+") and len(token) > 1:
        return [(form,) for form in inflect(token[:-1], where)]
    return [(token,)]


def load_classes(directories: Iterable[Path]) -> WordClasses:
    """The word classes in the `*.toml` files of `directories` (those that exist)."""
    return WordClasses([(path, _read(path)) for directory in directories if directory.is_dir()
                        for path in sorted(directory.glob("*.toml"))])


def _parse(files: Sequence[tuple[Path, bytes]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    members: dict[str, tuple[tuple[str, ...], ...]] = {}
    origin: dict[str, Path] = {}
    for path, raw in files:
        for name, table in _decode(raw, path).items():
            where = f"{path}: [{name}]"
            if name in origin:
                raise ConfigError(f"{where}: the class is already defined in {origin[name]}")
            members[name] = _members(name, table, where)
            origin[name] = path
    return members


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _decode(raw: bytes, path: Path) -> dict[str, Any]:
    # Imported here: a run whose packs come from the cache reads no TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _members(name: str, table: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not _CLASS_NAME.match(name):
        raise ConfigError(f"{where}: a class name is kebab-case, like 'event-noun'")
    if not isinstance(table, dict) or set(table) - {"about", "words", "forms", "lexicon",
                                                    "except"}:
        raise ConfigError(f"{where}: a class has the keys 'about', 'words', 'forms', "
                          "'lexicon' and 'except'")
    about, lexicon = table.get("about"), table.get("lexicon")
    if not isinstance(about, str) or not about.strip():
        raise ConfigError(f"{where}: 'about' (what the class holds) is missing")
    if lexicon is not None and lexicon not in LEXICON:
        raise ConfigError(f"{where}: 'lexicon' must be one of {', '.join(LEXICON)}")
    words = _word_list(table, "words", where, required=lexicon is None)
    excepted = set(_word_list(table, "except", where, required=False))
    if lexicon is not None:
        words = [*words, *lexicon_words(lexicon)]
    forms = table.get("forms", ["base"])
    if not isinstance(forms, list) or not forms or any(f not in FORMS for f in forms):
        raise ConfigError(f"{where}: 'forms' must list some of {', '.join(FORMS)}")
    tags = tuple(tag for form in forms if form != "base" for tag in FORMS[form])
    s_plural = "s-plural" in forms
    found: dict[tuple[str, ...], None] = {}
    for member in words:
        if member in excepted:  # all its forms too
            continue
        *head, last = member.split()
        if "base" in forms:
            found[(*head, last)] = None
        if s_plural:
            for form in s_plurals(last.lower()):
                found[(*head, form)] = None
        if tags or "all" in forms:
            # A lexicon word may lack the form asked for (an adjective without -er).
            forms_of = inflections(last.lower(), tags) if lexicon else inflect(last, where, tags)
            for form in forms_of:
                found[(*head, form)] = None
    return tuple(member for member in found if " ".join(member) not in excepted)


@functools.lru_cache(maxsize=8192)
def s_plurals(noun: str) -> tuple[str, ...]:
    """The plural the spelling rules give `noun` ("furnitures", "informations"), for the
    nouns English does not count; not where that spelling is also a verb's form
    ("researches", "progresses"), which entries tell apart by their context."""
    import lemminflect

    return tuple(form for form in lemminflect.getAllInflectionsOOV(noun, "NOUN").get("NNS", ())
                 if form != noun and "VERB" not in lemminflect.getAllLemmas(form))


def _word_list(table: dict[str, Any], key: str, where: str, required: bool) -> list[str]:
    words = table.get(key, None if required else [])
    if not isinstance(words, list) or (required and not words) or not all(
            isinstance(w, str) and _MEMBER.match(w) for w in words):
        raise ConfigError(f"{where}: '{key}' must list words or phrases of plain words")
    return words


@functools.lru_cache(maxsize=8)
def lexicon_words(part: str) -> tuple[str, ...]:
    """Every lower-case word of one part of speech in lemminflect's lexicon (its
    lemmas: proper names and abbreviations left out)."""
    from lemminflect.core.Inflections import Inflections  # the lexicon, read on a cache miss

    tag = LEXICON[part]
    table: dict[str, dict[str, tuple[str, ...]]] = Inflections()._getInflDict()
    return tuple(sorted(lemma for lemma, forms in table.items()
                        if tag in forms and lemma.isalpha() and lemma.islower()))
