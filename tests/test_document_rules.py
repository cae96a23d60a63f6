"""The TC2 document-level rules: true positives, fixes and near misses for each rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transcheck import check_text
from transcheck.builtin.articles import sound_of
from transcheck.builtin.document_rules import (
    _DROPPED_BY_ADDRESS,
    _DROPPED_BY_END,
    TruncatedText,
    _trimmed_end,
    find_title,
)
from transcheck.config import Settings
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.rule import Rule

from .conftest import ROOT
from .helpers import assert_blocks_read_as_whole, found


def apply_fixes(text: str, code: str) -> str:
    edits = [(d.start, d.end, d.fix)
             for d in check_text(text, select=[code]) if d.fix is not None]
    for start, end, fix in sorted(edits, reverse=True):
        text = text[:start] + (fix or "") + text[end:]
    return text


# --- TC201 repeated-title ---------------------------------------------------------------

TITLE = "Harbor Town Votes to Rebuild Its Old Pier"


def test_title_glued_to_the_end_of_a_paragraph() -> None:
    text = (f"{TITLE}\n\nThe vote was close. Work starts in June.{TITLE}\n\n"
            "The pier closed in 2019.\n")
    assert found(text, "TC201") == [(TITLE, "")]
    assert apply_fixes(text, "TC201") == (f"{TITLE}\n\nThe vote was close. Work starts in June."
                                          "\n\nThe pier closed in 2019.\n")


def test_title_on_a_line_of_its_own_and_after_a_space() -> None:
    text = f"{TITLE}\n\nThe vote was close. {TITLE}\n\n{TITLE}\n\nMore text follows here.\n"
    assert found(text, "TC201") == [(f" {TITLE}", ""), (TITLE, "")]


def test_title_inside_a_sentence_is_reported_without_a_fix() -> None:
    text = f"# {TITLE}\n\nThe headline “{TITLE}” ran on Monday.\n"
    assert found(text, "TC201") == [(TITLE, None)]


@pytest.mark.parametrize("text", [
    f"{TITLE}\n\nThe town will rebuild its old pier, the council decided.\n",  # other words
    f"{TITLE}\nThe vote was close. {TITLE}\n",  # no blank line: not a title in plain text
    "Pier Vote\n\nThe Pier Vote was close.\n",  # too short to look for
    f"{TITLE}\n",  # nothing but the title
])
def test_title_near_misses(text: str) -> None:
    assert found(text, "TC201") == []


def test_an_html_headline_repeating_the_page_title_is_not_reported() -> None:
    page = (f"<html><head><title>{TITLE}</title></head>\n<body>\n<h1>{TITLE}</h1>\n"
            "<p>The vote was close. Work starts in June.</p>\n</body></html>\n")
    engine = Engine(Settings(select=("TC201",)))
    assert engine.check(engine.read(page, "pier.html")) == []
    glued = page.replace("June.</p>", f"June.{TITLE}</p>")
    assert [d.column for d in engine.check(engine.read(glued, "pier.html"))] == [
        glued.splitlines()[3].index(TITLE) + 1]


# --- TC202 repeated-sentence ------------------------------------------------------------

def test_repeated_sentence_in_a_paragraph() -> None:
    text = ("The bridge will close on Monday for repairs. Drivers should use the ring road. "
            "The bridge will close on Monday for repairs.\n")
    assert found(text, "TC202") == [(" The bridge will close on Monday for repairs.", "")]
    assert apply_fixes(text, "TC202") == (
        "The bridge will close on Monday for repairs. Drivers should use the ring road.\n")


def test_repeated_paragraph_is_reported_once() -> None:
    paragraph = "The library opens at nine. Children under twelve need an adult with them."
    text = f"Library Hours Change\n\n{paragraph}\n\nParking is free.\n\n{paragraph}\n"
    assert found(text, "TC202") == [(paragraph, "")]


@pytest.mark.parametrize("text", [
    "Thank you. I am grateful. Thank you.",  # short sentences repeat naturally
    "The bridge will close on Monday for repairs. The bridge will close on Tuesday for repairs.",
    "Ferry Service Ends After Sixty Years of Crossings\n\n"
    "Ferry Service Ends After Sixty Years of Crossings\n",  # the title: TC201's business
])
def test_repeated_sentence_near_misses(text: str) -> None:
    assert found(text, "TC202") == []



@pytest.mark.parametrize(("text", "expected"), [
    # A paragraph of one sentence, then a paragraph of two that repeats it, and the reverse:
    # the one-sentence paragraph is looked up as a sentence when a longer one holds it.
    ("News\n\nThe ferry to the island leaves at noon.\n\nTickets are sold at the harbour office. "
     "The ferry to the island leaves at noon.", [" The ferry to the island leaves at noon."]),
    ("News\n\nTickets are sold at the harbour office. The ferry to the island leaves at noon."
     "\n\nThe ferry to the island leaves at noon.", ["The ferry to the island leaves at noon."]),
    # Two one-sentence paragraphs with the same words, spaced otherwise: a repeated paragraph.
    ("News\n\nThe ferry to the island leaves at noon.\n\nThe ferry to the  island leaves at "
     "noon.", ["The ferry to the  island leaves at noon."]),
])
def test_one_sentence_paragraphs_and_longer_ones(text: str, expected: list[str]) -> None:
    assert [flagged for flagged, _ in found(text, "TC202")] == expected


# Sentences that repeat, of six words and more and shorter, some with other spacing (a
# no-break space or a tab: white space that is not printable, in some documents only).
_SENTENCES = st.sampled_from([
    "The ferry to the island leaves at noon.", "The ferry to the  island leaves at noon.",
    "The ferry to the island\nleaves at noon.", "The ferry to the\u00a0island leaves at noon.",
    "The ferry to the island\tleaves at noon.", "Tickets are sold at the harbour office.",
    "Thank you.", "Dr. Lane opened the new clinic on Main Street.", "It rained all day!",
    "“The ferry to the island leaves at noon.”"])
_REPEATING = st.lists(st.lists(_SENTENCES, min_size=1, max_size=3).map(" ".join),
                      min_size=1, max_size=8).map("\n\n".join)


def _repeats_plainly(text: str) -> list[tuple[int, int, str]]:
    """TC202's findings as its explanation says, without its shortcuts."""
    doc = Document(text)
    title = find_title(doc)
    low = title.end if title else 0
    found, repeated = [], []
    first: dict[str, dict[str, int]] = {"paragraph": {}, "sentence": {}}
    for kind, spans in (("paragraph", doc.paragraphs), ("sentence", doc.sentences)):
        for span in spans:
            words = span.text.split()
            if span.start < low or len(words) < 6:
                continue
            earlier = first[kind].setdefault(" ".join(words), span.start)
            if earlier == span.start or any(p.start <= span.start <= p.end for p in repeated):
                continue
            start = span.start
            if kind == "paragraph":
                repeated.append(span)
            while kind == "sentence" and start and text[start - 1] in " \t":
                start -= 1
            found.append((start, span.end, f"This {kind} repeats the one on line "
                                           f"{doc.position(earlier)[0]}"))
    return sorted(found)


@settings(max_examples=300, deadline=None)
@given(_REPEATING)
def test_repeated_sentences_are_those_of_the_plain_reading(text: str) -> None:
    assert sorted((d.start, d.end, d.message) for d in check_text(text, select=["TC202"])
                  ) == _repeats_plainly(text)

# --- TC203 truncated-text ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "flagged"), [
    ("The full list of winners is as follows:", ":"),
    ("To register, write to the secretary by emailing: before Friday.", "by emailing:"),
    ("Apply by emailing. We reply within a week.", "by emailing."),
    ("For questions, contact the office at: . We are open daily.", "t: ."),
    ("For details, contact us at:\n\nRelated stories from the valley", ":"),
    ("Tickets cost $10 (children under five go free. The show starts at eight.", "("),
    ("The committee met for three hours on Tuesday and agreed on most points. The remaining "
     "issues, including the budget for the new library and the timetable, will be discussed "
     "again when members meet in the spring after the", "e"),
])
def test_truncated_text(text: str, flagged: str) -> None:
    assert [f for f, _ in found(text, "TC203")] == [flagged]


@pytest.mark.parametrize("text", [
    "The rules are simple:\n\nArrive early, bring water and stay on the marked path.",
    "For details, contact us at:\n\ninfo@example.org",
    "For details, call:\n\n555 0100",
    "Apply by email. We reply within a week.",
    "Tickets cost $10 (children under five go free). The show starts at eight.",
    "We lost again :( but the season is long.",
    "Read the report online\n\nIt covers the whole year.",
    "A short line without a period",
    "The committee met for three hours on Tuesday and agreed on most points. The full "
    "minutes, with the budget and the timetable for the new library, are published at "
    "https://example.org/minutes",
])
def test_truncated_text_near_misses(text: str) -> None:
    assert found(text, "TC203") == []


_CUT_OFF = ("Members met for hours. They agreed on most points, and the rest of the budget for "
            "the new library will be discussed again when they meet in the spring after the")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    "Contact us at:", "call:", "Rules:", "info@example.org", "555 0100", "- a list", "Later.",
    "by emailing.", "a: .", "Fees (some", "[x", "(a) b", ":(", _CUT_OFF, "\n", "\n \n", "", " ",
    "\n\n"]), max_size=8))
def test_truncated_text_read_block_by_block_is_that_of_the_whole_text(blocks: list[str]) -> None:
    """Each distinct block's paragraphs read once, their problems reported at every copy;
    whether a paragraph's last colon announces something missing asked of each copy."""
    from transcheck.builtin.document_rules import TruncatedText

    assert_blocks_read_as_whole(TruncatedText(), "\n\n".join(blocks))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a: \n\t\u3000", max_size=20), st.text(alphabet=" \n\u3000", max_size=90))
def test_truncated_text_finds_the_end_of_the_text_as_rstrip_does(text: str, blanks: str
                                                                   ) -> None:
    text += blanks
    assert _trimmed_end(text) == len(text.rstrip())
    ends_on_colon = [f for f in TruncatedText().check(Document(text))
                     if f.message.startswith("The text ends")]
    assert [f.start for f in ends_on_colon] == (
        [len(text.rstrip()) - 1] if text.rstrip().endswith(":") else [])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["by", "BY", "via", "vıa", "VİA", " ", "\u3000", "\n", ".", ":",
                                 "x", "calling", "CALLİNG", "callıng", "e-mailing", "writing",
                                 " to", "TO", "Σ"]), max_size=10))
@example(["by", " ", "CALLİNG", "."])
@example(["VİA", " ", "writing", " to", " ", ":"])
def test_a_dropped_address_ends_as_its_lower_case_check_expects(pieces: list[str]) -> None:
    """Where the dropped-address pattern (any case) matches, the cheap test of the
    paragraph's lower case that lets it be tried finds its end."""
    body = "".join(pieces)
    if _DROPPED_BY_ADDRESS.search(body):
        assert _DROPPED_BY_END.search(body.lower())


# --- TC204 inconsistent-spelling --------------------------------------------------------

@pytest.mark.parametrize(("text", "pair"), [
    ("Shelling near Kyiv continued. Residents of Kiev stayed inside. Kyiv is calm now.",
     ("Kiev", "Kyiv")),
    ("Fighting in Donbass went on. The Donbas region is large. Donbas again.",
     ("Donbass", "Donbas")),
    ("The colour faded. The color was grey.", ("color", None)),
    ("They organise the fair. We organize the games. We organised it.", ("organize", None)),
    ("He travelled far. She traveled too. They travelled again.", ("traveled", "travelled")),
    ("Send an e-mail. The email arrived. Every email matters.", ("e-mail", "email")),
    ("The set-up took an hour. The setup was simple.", ("setup", None)),
    ("Zelensky spoke first. Zelenskyy spoke again.", ("Zelenskyy", None)),
    ("Colour matters. The color of the sky. Colour again.", ("color", "colour")),
])
def test_inconsistent_spelling_is_reported_once_with_both_forms(
    text: str, pair: tuple[str, str | None]
) -> None:
    flagged, fix = pair
    assert found(text, "TC204") == [(flagged, fix)]
    (diagnostic,) = check_text(text, select=["TC204"])
    assert diagnostic.message.count("“") == 2


@pytest.mark.parametrize("text", [
    "She was in mourning on the morning of the funeral.",
    "He filled the form and filed it.",
    "We said four words for the record.",
    "The theatre and the theatres nearby.",
    "Colour and colours: the colourful show.",
    "The meter at the gate reads in metres.",  # a device and a unit, not two spellings
    "In the long term, a long-term plan helps.",
    "Philip met Kyiv officials. Kyiv welcomed him.",
])
def test_inconsistent_spelling_near_misses(text: str) -> None:
    assert found(text, "TC204") == []


# --- TC205 a-or-an ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fix"), [
    ("She is an university lecturer.", "a"),
    ("He is a expert on trade.", "an"),
    ("It took a hour.", "an"),
    ("An European partner joined.", "A"),
    ("She met a FBI agent.", "an"),
    ("He needs a MRI scan.", "an"),
    ("It was an one-off payment.", "a"),
    ("He is a 18-year-old student.", "an"),
    ("It was an 7-hour trip.", "a"),
    ("They sent an U.S. envoy.", "a"),
    ("The company reported a 8% rise.", "an"),
    ("A apple fell.", "An"),
    ("He is a honest man.", "an"),
    ("She drove a SUV.", "an"),
])
def test_wrong_article(text: str, fix: str) -> None:
    result = found(text, "TC205")
    assert len(result) == 1
    assert result[0][1] == fix


@pytest.mark.parametrize("text", [
    "A university librarian, an FBI agent and an MRI scan.",
    "A one-off visit, a one-time grant and a once-great team.",
    "An hour, an honest answer, an heir and an honorary degree.",
    "A U.S. senator, a UN report, a URL and a UV lamp.",
    "An X-ray room, an ultrasound unit and an 11-hour shift.",
    "A European plan, a eulogy, a unique chance and a unanimous vote.",
    "An historic day and a historic day.",
    "An NGO, an LGBT group, a NATO summit and a NASA probe.",
    "Grade A apples and Plan A are fine. Options a or b.",
    "They sold a 4 TB drive, an 80-page report and an 18th-century desk.",
    "An unidentified man, an unimportant detail and an uninformed guess.",
    "She ate a Xmas pudding and bought an Xbox.",
    "There is a about ten-minute wait.",  # a stray article, not this rule's business
])
def test_article_near_misses(text: str) -> None:
    assert found(text, "TC205") == []


@pytest.mark.parametrize(("word", "sound"), [
    ("university", "consonant"), ("hour", "vowel"), ("FBI", "vowel"), ("one-off", "consonant"),
    ("MRI", "vowel"), ("NASA", "consonant"), ("8th", "vowel"), ("1850s", None),
    ("historic", "either"), ("xylophone", None), ("unimportant", None), ("umbrella", "vowel"),
])
def test_sound_of(word: str, sound: str | None) -> None:
    assert sound_of(word) == sound


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    "a apple", "An hour", "an car", "A", "a", "an ", "AN ox", "(a egg", "x a\n", "a  ",
    "Plan A an idea", "the an", "apple a", "\n", "", "“an box", "Vitamin\na egg"]), max_size=8))
def test_articles_read_block_by_block_are_those_of_the_whole_text(blocks: list[str]) -> None:
    """Each distinct block read once, its misfits tried at every copy: the same findings,
    also where an article ends a block and takes its word from the next."""
    from transcheck.builtin.articles import IndefiniteArticle

    assert_blocks_read_as_whole(IndefiniteArticle(), "\n\n".join(blocks))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    "a—b", "—x", "x—", "a — b", "x —", "— y", "a – b", "a - b", "a -- b", "a--b", "use --jobs",
    "a -", "- b", "10–15", "\n", "", " "]), max_size=8))
def test_dashes_read_block_by_block_are_those_of_the_whole_text(blocks: list[str]) -> None:
    """Each distinct block read once, its dashes counted and reported at every copy."""
    from transcheck.builtin.consistency import MixedDashes

    assert_blocks_read_as_whole(MixedDashes(), "\n\n".join(blocks))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="colr9_-'’ .\n", max_size=30))
def test_spelling_places_are_the_words_of_the_word_pattern(text: str) -> None:
    from transcheck.builtin.consistency import _WORD, _places

    forms = {"color", "colour", "col"}
    assert _places(text, forms) == [
        m.span() for m in _WORD.finditer(text) if m.group().lower() in forms]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Colour col", "color-col", "'col", "9col", "\n", "", " ", "K"]),
                max_size=10))
def test_spelling_places_read_block_by_block_are_those_of_the_whole_text(
        blocks: list[str]) -> None:
    """Each distinct block read once, its hits tried at every copy: the same places."""
    from transcheck.blocks import lower_blocks
    from transcheck.builtin.consistency import _places

    text = "\n\n".join(blocks)
    forms = {"color", "colour", "col"}
    assert _places(text, forms, lower_blocks(Document(text))) == _places(text, forms)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="colr -\n", max_size=40),
       st.sets(st.sampled_from(["col", "color", "colour", "o", "lo", "r -"]), min_size=1))
def test_spelling_hits_found_one_by_one_are_those_of_the_automaton(
        text: str, forms: set[str]) -> None:
    from transcheck.builtin.consistency import _automaton, _hits

    expected = [(last + 1 - length, length) for last, length in _automaton(forms).iter(text)]
    assert sorted(_hits(text, forms)) == sorted(expected)


def test_spelling_places_after_joiners() -> None:
    from transcheck.builtin.consistency import _places

    assert _places("'col x-col 9-col a'col", {"col"}) == [(1, 4), (13, 16)]


def test_a_word_in_straight_single_quotes_is_counted() -> None:
    text = "The colour was red. Later they chose the 'color' blue for the whole range."
    assert found(text, "TC204") == [("color", None)]


# --- TC206 mixed-dashes -----------------------------------------------------------------

def test_spaced_en_dash_among_em_dashes() -> None:
    text = "The bridge—closed since May—reopens today – a week early."
    assert found(text, "TC206") == [(" – ", "—")]
    assert apply_fixes(text, "TC206") == "The bridge—closed since May—reopens today—a week early."


def test_every_minority_dash_is_reported() -> None:
    text = "One – two – three. Then four — five. Six – seven."
    assert found(text, "TC206") == [(" — ", " – ")]


def test_double_hyphens_with_and_without_spaces() -> None:
    text = ("Rates rose--and fell -- and rose again. The plan — a good one — held, "
            "and the fund — a small one — grew.")
    assert found(text, "TC206") == [("--", " — "), (" -- ", " — ")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a- \n—", max_size=30))
def test_double_hyphens_are_found_where_the_plain_pattern_finds_them(text: str) -> None:
    from transcheck.builtin.consistency import _dashes

    assert _dashes(text, "double hyphen") == [
        m.span() for m in re.finditer(r"(?<=\w)(?:--| -- )(?=\w)", text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a1_ \n—–-", max_size=30))
def test_spaced_dashes_are_found_where_the_plain_pattern_finds_them(text: str) -> None:
    from transcheck.builtin.consistency import _dashes

    for style, dash, word in (("spaced em dash", "—", r"\S"), ("spaced en dash", "–", r"\S"),
                              ("spaced hyphen", "-", r"[^\W\d]")):
        assert _dashes(text, style) == [
            m.span() for m in re.finditer(rf"(?<={word}) {dash} (?={word})", text)]


@pytest.mark.parametrize("text", [
    "The bridge—closed since May—reopens today.",
    "Open 10–15 May, on the Paris–Lyon line, the bridge—closed since May—reopens.",
    "The test – a short one – ends at noon.",
    "One dash—here, and one - there.",  # no style is used twice yet
    # Two em dashes and two spaced en dashes: no style holds three in five of them.
    "The ferry—late again—docked at ten. The bus – full – left early.",
    "- a list item\n- another item with a well-known name — and a note",
    "The score was 5 - 3 at half time—remarkable—and it stayed so.",
    "The tool—small and fast—runs anywhere: use --jobs for speed and --quiet for less.",
    "Install it—it takes a minute—then pass --verbose-- or not.",
])
def test_dash_near_misses(text: str) -> None:
    assert found(text, "TC206") == []


# --- TC207 doubled-word -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "flagged"), [
    ("The council approved the the budget.", " the"),
    ("The council approved the\nthe budget.", "\nthe"),
    ("The the report came out.", " the"),
    ("We went to to the market.", " to"),
    ("A new new plan.", " new"),
    ("- the council approved the\n  the budget.", "\n  the"),  # a list item's wrapped line
    ("    the the code-looking line", " the"),  # on one line, indentation does not matter
])
def test_doubled_word(text: str, flagged: str) -> None:
    assert found(text, "TC207") == [(flagged, "")]


def test_doubled_word_in_every_copy_of_a_repeated_paragraph() -> None:
    paragraph = "The council approved the the budget."
    text = "\n\n".join([paragraph, "Another paragraph.", paragraph, paragraph])
    assert found(text, "TC207") == [(" the", "")] * 3


def test_doubled_word_fix() -> None:
    assert apply_fixes("He read the the report.", "TC207") == "He read the report."


@pytest.mark.parametrize("text", [
    "He had had enough.",
    "She said that that was fine.",
    "What it is is a start.",
    "He gave her her keys.",
    "They logged in in May and signed up up the road.",
    "Fang Fang and Tian Tian spoke.",
    "Bye bye, said the child.",
    "Ylang ylang oil is used in perfume.",
    "No, no, it is fine.",
    "Read on to the\n\nthe end.",  # across a blank line: two paragraphs
    "It happened in 2020 2020 style.",
    "Install it:\n\n    pip install --user transcheck\n    transcheck --jobs 4 docs/\n",
    "Run the tool\n\ttool --help prints the options.",
])
def test_doubled_word_near_misses(text: str) -> None:
    assert found(text, "TC207") == []


# --- TC208 repetition-loop --------------------------------------------------------------

def test_repetition_loop() -> None:
    text = "The plan helps the people of the region of the region of the region."
    assert found(text, "TC208") == [("of the region of the region of the region",
                                     "of the region")]


def test_longer_loop() -> None:
    unit = "we must act now"
    text = f"He said {unit} {unit} {unit} {unit} before leaving."
    assert found(text, "TC208") == [(" ".join([unit] * 4), unit)]


@pytest.mark.parametrize("text", [
    "Location, location, location.",
    "It got worse and worse and worse.",
    "Step by step by step.",
    "of the region of the region",  # twice is not a loop
    "Thank you, thank you, thank you all.",
])
def test_repetition_loop_near_misses(text: str) -> None:
    assert found(text, "TC208") == []


# --- The planted artifacts of the example article ---------------------------------------

def test_example_article_has_the_planted_document_artifacts() -> None:
    text = (ROOT / "examples" / "article-mt.txt").read_text(encoding="utf-8")
    lines = {d.line: d.code for d in check_text(text, select=["TC2"])}
    assert lines == {15: "TC207", 23: "TC201"}


# --- Regressions found on technical prose -------------------------------------------------

@pytest.mark.parametrize("text", [
    "It detects a utf-8 bom in an html page.",
    "Open an lzma stream or an mp3 file; an n-tuple holds n items.",
    "Use an LZMAFile object.",
])
def test_articles_before_abbreviations_in_lower_case(text: str) -> None:
    assert found(text, "TC205") == []


def test_a_before_a_lower_case_abbreviation_read_as_letters() -> None:
    assert found(text="Save it as a html file.", select="TC205") == [("a", "an")]


def test_doubled_word_is_not_a_module_and_its_attribute() -> None:
    assert found("import doctest\ndoctest.testmod()", "TC207") == []


def test_identifiers_are_not_spellings() -> None:
    assert found("PathLike objects are path-like. Call setUp in the set-up step.",
                 "TC204") == []
