"""A synthetic English corpus with planted machine-translation artifacts, for speed.py.

The prose is written for this benchmark: a few hundred phrases combined by
templates, so any size can be generated, the same every time (fixed seed).
About one sentence in ten carries one artifact of the kind transcheck looks for.
Each sentence also exists clean, so that a PO file can pair a clean msgid with
the msgstr that holds the artifact.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

SUBJECTS = [
    "The harbour authority", "Our night shift", "The county library",
    "A small bakery on Elm Street",
    "The regional rail operator", "The school board", "Most of the volunteers",
    "The new pharmacy", "The ferry company", "A team of surveyors", "The city council",
    "The weather service", "Two local farmers", "The museum's curator", "The hospital's IT staff",
    "The football club", "A group of retired teachers", "The bus drivers' union",
    "The festival organisers", "The water utility", "The university press", "The fire brigade",
    "A family-run hotel", "The planning office", "The youth orchestra", "The recycling centre",
    "The tourist office", "The village choir", "A start-up from the old mill",
    "The district court", "The post office", "Several shop owners", "The airport's ground crew",
    "The chess club", "The parish newsletter", "The lighthouse keeper", "The cycling association",
    "The science teacher", "The housing cooperative", "The market traders",
]
VERBS = [
    "announced", "postponed", "approved", "rejected", "published", "repaired", "inspected",
    "cancelled", "reviewed", "extended", "opened", "closed", "funded", "questioned", "delivered",
    "tested", "redesigned", "moved", "measured", "celebrated", "replaced", "cleaned",
    "shortened", "translated", "discussed", "printed", "counted", "rebuilt", "painted", "booked",
]
OBJECTS = [
    "the spring timetable", "a plan for the riverside path", "the annual report",
    "the roof of the sports hall", "its opening hours", "the old signal box",
    "a survey of local traffic", "the heating system", "the winter concert", "the parking rules",
    "a guide for new residents", "the bridge over the canal", "the budget for next year",
    "the school's kitchen", "a proposal to plant more trees", "the harbour crane",
    "the results of the water tests", "the route of the night bus", "the library's catalogue",
    "a set of new benches", "the ticket machines", "the flood barrier",
    "the exhibition on early printing", "the rules for street markets", "the emergency exits",
    "a map of the cycling routes", "the contract with the cleaning firm", "the town's website",
    "the list of candidates", "the menu for the school canteen",
]
TAILS = [
    "after a long debate", "on Tuesday morning", "before the summer holidays",
    "despite the heavy rain", "for the third time this year", "at short notice",
    "with help from the neighbours", "without much fuss", "in time for the festival",
    "after complaints from residents", "at a meeting in the town hall", "late last night",
    "because of a shortage of staff", "with a grant from the province", "ahead of the elections",
    "during the school break", "as promised in March", "at the request of the mayor",
    "to the surprise of many", "in two stages", "under a new agreement", "over the weekend",
    "while the road was closed", "with little warning", "after the inspection in May",
]
REASONS = [
    "the costs had risen", "nobody had checked the figures", "the old system kept failing",
    "the demand was higher than expected", "the weather had turned", "the staff asked for it",
    "a supplier went out of business", "the law had changed", "the visitors kept coming back",
    "the building was too small", "the trains were always late", "the printer ran out of paper",
]
OPINIONS = [
    "It was about time", "This is only the beginning", "Nobody expected it to be easy",
    "We should have done this years ago", "The plan looks good on paper", "It's a fair compromise",
    "I don't think it will last", "The details still matter", "Everyone deserves a second chance",
    "We'll see how it goes", "That's what the residents wanted", "It won't be cheap",
]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "fifteen"]
UNITS = ["weeks", "months", "days", "years", "kilometres", "rooms", "buses", "volunteers"]
SPEAKERS = [
    "the mayor said", "a spokeswoman explained", "one of the drivers told us",
    "the director wrote in a letter", "a resident said", "the chairman added",
]

def _subject(r: random.Random) -> str:
    """A subject in the middle of a sentence."""
    subject = r.choice(SUBJECTS)
    return subject[0].lower() + subject[1:]


TEMPLATES: list[Callable[[random.Random], str]] = [
    lambda r: f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}.",
    lambda r: f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}, "
              f"because {r.choice(REASONS)}.",
    lambda r: f"{r.choice(TAILS).capitalize()}, {_subject(r)} {r.choice(VERBS)} "
              f"{r.choice(OBJECTS)}.",
    lambda r: f"“{r.choice(OPINIONS)},” {r.choice(SPEAKERS)}.",
    lambda r: f"According to {_subject(r)}, the work "
              f"will take {r.choice(NUMBERS)} {r.choice(UNITS)}.",
    lambda r: f"The work on {r.choice(OBJECTS)} took {r.choice(NUMBERS)} {r.choice(UNITS)}, "
              f"and {r.choice(REASONS)}.",
    lambda r: f"Why {_subject(r)} "
              f"{r.choice(VERBS)} {r.choice(OBJECTS)} is still unclear.",
    lambda r: f"{r.choice(OPINIONS)}: {_subject(r)} "
              f"{r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}.",
    lambda r: f"In {r.choice(['March', 'June', 'October', 'December'])} "
              f"{r.choice(['2019', '2021', '2023', '2024'])}, {_subject(r)} "
              f"{r.choice(VERBS)} {r.choice(OBJECTS)}.",
    lambda r: f"Some people asked whether {r.choice(OBJECTS)} was worth the money; "
              f"others said {r.choice(REASONS)}.",
]


def _space_before(s: str) -> str:
    return s.replace(", ", " , ", 1) if ", " in s else s[:-1] + " ."


def _no_space_after(s: str) -> str:
    if ", " in s:
        return s.replace(", ", ",", 1)
    words = s.split(" ")
    return " ".join([words[0], words[1] + "," + words[2], *words[3:]])


def _quote_words(s: str, opening: str, closing: str) -> str:
    words = s.split(" ")
    if len(words) < 5:
        return s
    words[2] = opening + words[2]
    words[3] = words[3] + closing
    return " ".join(words)


def _unclosed(s: str) -> str:
    words = s.split(" ")
    words[len(words) // 2] = "“" + words[len(words) // 2]
    return " ".join(words)


# (name, transformation); each turns a clean sentence into one with an artifact.
ARTIFACTS: list[tuple[str, Callable[[str], str]]] = [
    ("space before punctuation", _space_before),
    ("missing space after punctuation", _no_space_after),
    ("doubled full stop", lambda s: s[:-1] + ".."),
    ("unclosed quote", _unclosed),
    ("German quotes", lambda s: _quote_words(s, "„", "“")),
    ("guillemets", lambda s: _quote_words(s, "«", "»")),
    ("space inside quotes", lambda s: _quote_words(s, "“ ", " ”")),
    ("straight apostrophe", lambda s: s.replace("’", "'")),
    ("Chinese leftover", lambda s: s[:-1] + "（见下表）。"),
    ("full-width comma", lambda s: s.replace(", ", "，", 1)),
    ("doubled word", lambda s: s.replace(" the ", " the the ", 1)),
    ("placeholder left in", lambda s: s[:-1] + " {0}."),
]
ARTIFACT_RATE = 0.1


def sentence_pairs(seed: int = 8) -> Iterator[tuple[str, str]]:
    """Endless (clean, with artifact or not) sentence pairs."""
    rng = random.Random(seed)
    while True:
        clean = rng.choice(TEMPLATES)(rng).replace("'", "’")
        dirty = rng.choice(ARTIFACTS)[1](clean) if rng.random() < ARTIFACT_RATE else clean
        yield clean, dirty


def paragraph_pairs(seed: int = 8) -> Iterator[tuple[str, str]]:
    """Endless (clean, dirty) paragraphs of three to seven sentences."""
    rng = random.Random(seed + 1)
    pairs = sentence_pairs(seed)
    while True:
        batch = [next(pairs) for _ in range(rng.randint(3, 7))]
        yield " ".join(c for c, _ in batch), " ".join(d for _, d in batch)


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
)


def write_corpus(folder: Path, size: int, parts: int) -> None:
    """Write `corpus.txt` (`size` bytes of paragraphs, blank-line separated), the same text
    split into `parts` files under `parts/`, and `corpus.po` (msgid clean, msgstr as written)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "parts").mkdir(exist_ok=True)
    part_size = size / parts
    written = 0
    index = 0
    with (folder / "corpus.txt").open("w", encoding="utf-8") as txt, \
            (folder / "corpus.po").open("w", encoding="utf-8") as po:
        po.write(PO_HEADER)
        part = (folder / "parts" / "part-000.txt").open("w", encoding="utf-8")
        for number, (clean, dirty) in enumerate(paragraph_pairs()):
            block = dirty + "\n\n"
            txt.write(block)
            part.write(block)
            po.write(f'msgctxt "p{number}"\nmsgid "{po_escape(clean)}"\n'
                     f'msgstr "{po_escape(dirty)}"\n\n')
            written += len(block.encode("utf-8"))
            if written >= size:
                break
            if written >= part_size * (index + 1) and index + 1 < parts:
                part.close()
                index += 1
                part = (folder / "parts" / f"part-{index:03d}.txt").open("w", encoding="utf-8")
        part.close()
    (folder / "done").write_text(str(written), encoding="utf-8")
