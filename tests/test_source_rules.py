"""Source-aware rules (TC5): true positives and near misses, each a target beside its source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import check_text


def found(target: str, source: str, code: str, lang: str | None = None) -> list[str]:
    config = {"source-lang": lang} if lang else None
    return [target[d.start:d.end] for d in
            check_text(target, source=source, select=[code], config=config)]


FLAGGED = [
    # (code, source, target, source language, the span reported)
    ("TC501", "Der Preis beträgt 35 Euro.", "The price is 53 euros.", "de", "53"),
    ("TC501", "Die Sitzung dauerte 3 Stunden.", "The meeting lasted an hour.", "de",
     "The meeting lasted an hour."),
    ("TC501", "会议于2019年举行。", "The meeting was held in 2021.", "zh", "2021"),
    ("TC501", "Das Treffen beginnt um 14:30 Uhr.", "The meeting starts at 4:30 pm.", "de", "4"),
    ("TC502", "Sie haben %d neue Nachrichten.", "You have new messages.", "de",
     "You have new messages."),
    ("TC502", "Datei %s wurde gelöscht.", "File %s was deleted by %s.", "de", "%s"),
    ("TC503", "Mehr unter www.beispiel.de/preise.", "More at www.example.com/prices.", "de",
     "www.example.com/prices"),
    ("TC503", "Folgen Sie @stadtwerke_bonn.", "Follow @citywaterworks.", "de",
     "@citywaterworks"),
    ("TC505", "新款iPhone将于九月发布。", "The new phone will be released in September.", "zh",
     "The new phone will be released in September."),
    ("TC505", "Patienten mit COVID-19 erhielten Dexamethason.",
     "Patients with the virus received dexamethasone.", "de",
     "Patients with the virus received dexamethasone."),
    ("TC505", "Der Impfstoff mRNA-1273 wurde geprüft.", "The vaccine was tested.", "de",
     "The vaccine was tested."),
    ("TC506", "Das Wetter ist heute schön.", "Das Wetter ist heute schön.", "de",
     "Das Wetter ist heute schön."),
    ("TC506", "Le comité se réunira la semaine prochaine à Genève.",
     "Le comité se réunira la semaine prochaine à Genève pour voter.", "fr",
     "Le comité se réunira la semaine prochaine à Genève pour voter."),
    ("TC507", "Die Gebühr ist morgen fällig.", "The gebühr is due tomorrow.", "de",
     "gebühr"),
    ("TC507", "我们在杭州开会。", "We met in 杭州.", "zh", "杭州"),
    ("TC507", "Il trattamento è durato sei mesi.", "The trattamento lasted six months.", "it",
     "trattamento"),
    ("TC508", "Der Vertrag gilt ab Januar, verlängert sich automatisch um ein weiteres Jahr "
              "und kann mit einer Frist von drei Monaten schriftlich gekündigt werden.",
     "The contract applies.", "de", "The contract applies."),
    ("TC508", "Les patients opérés ont été suivis pendant deux ans, et aucun d'entre eux "
              "n'a présenté de récidive locale ni de complication tardive.",
     "Patients were followed for two years.", "fr",
     "Patients were followed for two years."),
    ("TC509", "Sie sagte: „Der Plan funktioniert gut.“",
     'She said: "The plan" works well.', "de", '"'),
    ("TC510", "Der Vorstand (fünf Mitglieder) tagte am Montag.", "The board met on Monday.",
     "de", "The board met on Monday."),
    ("TC511", "Möchten Sie die Datei löschen?", "You want to delete the file.", "de", "."),
]

ACCEPTED = [
    # Correct translations that look like the problems above.
    ("TC501", "Der Wert stieg um 3,5 % auf 1.000 Stück.",
     "The value rose by 3.5% to 1,000 units.", "de"),
    ("TC501", "Der Umsatz lag bei 3 Mio. Euro.", "Sales were 3 million euros.", "de"),
    ("TC501", "Es kamen 3万 Besucher.", "30,000 visitors came.", "de"),
    ("TC501", "约有3万人参加，预计1200万至1400万游客。",
     "About 30,000 people took part; 12 to 14 million visitors are expected.", "zh"),
    ("TC501", "Wir haben zwölf Äpfel und drei Birnen.", "We have 12 apples and 3 pears.", "de"),
    ("TC501", "会议于2月11日举行。", "The meeting was held on February 11.", "zh"),
    ("TC501", "上世纪80年代，他是厂长。", "In the 1980s, he was the factory director.", "zh"),
    ("TC501", "Das Ergebnis: 3 Tore.", "The result: three goals.", "de"),
    ("TC501", "Das Treffen beginnt um 14.30 Uhr.", "The meeting starts at 2:30 pm.", "de"),
    ("TC501", "会议下午3点开始。", "The meeting starts at 3 p.m.", "zh"),
    ("TC501", "Les 3/4 des patients étaient des femmes.",
     "Three quarters of the patients were women.", "fr"),
    ("TC501", "Au total, 1 234 patients (âge moyen 54,3 ans) ; IC à 95 % : 1,12–1,87.",
     "In total, 1,234 patients (mean age 54.3 years); 95% CI: 1.12–1.87.", "fr"),
    ("TC502", "Sie haben %d neue Nachrichten.", "You have %d new messages.", "de"),
    ("TC502", "Hallo {name}, willkommen!", "Hello {name}, welcome!", "de"),
    ("TC502", "%1$s hat %2$s geteilt.", "%2$s was shared by %1$s.", "de"),
    ("TC503", "Mehr unter www.beispiel.de/preise.", "More at www.beispiel.de/preise.", "de"),
    ("TC503", "Schreiben Sie an info@beispiel.de.", "Write to info@beispiel.de.", "de"),
    ("TC505", "新款iPhone将于九月发布。", "The new iPhone will be released in September.", "zh"),
    ("TC505", "Die OMS warnt vor dem Virus.", "The WHO warns against the virus.", "fr"),
    ("TC505", "IL-6 war bei COVID-19-Patienten mit Typ-2-Diabetes erhöht.",
     "IL-6 was raised in COVID-19 patients with type 2 diabetes.", "de"),
    ("TC505", "Le SARS-CoV-2 circule.", "SARS-CoV-2 is circulating.", "fr"),
    # Ordinals, units and labels that English writes its own way.
    ("TC505", "Le 1er essai a échoué, le 2e a réussi.",
     "The first trial failed, the second succeeded.", "fr"),
    ("TC505", "La sesión duró 1h45.", "The session lasted 1 h 45 min.", "es"),
    ("TC505", "A taxa foi de 12% (IC95: 9-15).", "The rate was 12% (95% CI: 9-15).", "pt"),
    ("TC505", "Die Wohnung hat 80 m2.", "The flat has 80 m².", "de"),
    ("TC505", "Patienten mit COVID-19 erhielten Dexamethason.",
     "Patients with COVID 19 received dexamethasone.", "de"),
    ("TC501", "La sesión duró 1h45.", "The session lasted 1 h 45 min.", "es"),
    ("TC501", "A taxa foi de 12% (IC95: 9-15).", "The rate was 12% (95% CI: 9-15).", "pt"),
    ("TC506", "Berlin, Paris, London", "Berlin, Paris, London", "de"),
    ("TC506", "Das Wetter ist heute schön.", "The weather is nice today.", "de"),
    ("TC507", "Das Radio läuft im Hotel.", "The radio is on in the hotel.", "de"),
    ("TC507", "Er sprach über Kindergarten und Angst.",
     "He spoke about kindergarten and angst.", "de"),
    ("TC507", "Se trató con tramadol a los pacientes con diabetes mellitus.",
     "Patients with diabetes mellitus were treated with tramadol.", "es"),
    ("TC507", "Une infection à H. pylori a été confirmée.",
     "An H. pylori infection was confirmed.", "fr"),
    ("TC507", "Die Troponin-Werte waren normal.", "The troponin values were normal.", "de"),
    ("TC507", "O paciente usou um stent.", "The patient had a stent.", "pt"),
    ("TC508", "Der Vertrag gilt ab Januar.", "The contract applies from January.", "de"),
    ("TC508", "Die Ergebnisse der vorliegenden Untersuchung wurden anschließend "
              "ausführlich diskutiert.", "The results were then discussed in detail.", "de"),
    ("TC508", "Los pacientes mejoraron.", "The patients' condition improved over time.", "es"),
    ("TC509", "Sie sagte: „Der Plan funktioniert gut.“",
     'She said: "The plan works well."', "de"),
    ("TC509", "Er nannte es „Plan B“ und ging.", 'He called it "Plan B" and left.', "de"),
    ("TC510", "Der Vorstand (fünf Mitglieder) tagte.", "The board (five members) met.", "de"),
    ("TC510", "Der Vorstand tagte am Montag.", "The board (all five) met on Monday.", "de"),
    ("TC510", "Les résultats (voir tableau 3) montrent une baisse.",
     "The results show a decrease, see Table 3.", "fr"),
    ("TC511", "Möchten Sie die Datei löschen?", "Do you want to delete the file?", "de"),
    ("TC511", "Er fragte, ob sie kommt.", "He asked whether she was coming.", "de"),
]


@pytest.mark.parametrize(("code", "source", "target", "lang", "span"), FLAGGED)
def test_flags(code: str, source: str, target: str, lang: str, span: str) -> None:
    assert found(target, source, code, lang) == [span]


@pytest.mark.parametrize(("code", "source", "target", "lang"), ACCEPTED)
def test_accepts(code: str, source: str, target: str, lang: str) -> None:
    assert found(target, source, code, lang) == []


def test_without_a_source_nothing_is_compared() -> None:
    assert check_text("The price is 53 euros.", select=["TC5"]) == []


def test_paragraphs_pair_with_paragraphs() -> None:
    source = "Der Preis beträgt 35 Euro.\n\nEs regnet seit 4 Tagen."
    target = "The price is 35 euros.\n\nIt has been raining for 5 days."
    [finding] = check_text(target, source=source, select=["TC501"])
    assert (finding.line, finding.column, finding.unit) == (3, 25, "2")


def test_source_language_is_detected_and_switches_its_packs_on() -> None:
    source = "Ich habe gestern einen Brief vom Finanzamt bekommen und sofort geantwortet."
    target = "Yesterday I became a letter from the tax office and answered at once."
    codes = {d.code for d in check_text(target, source=source)}
    assert "TC302" in codes  # german-calques, for a German source
    assert "TC302" not in {d.code for d in check_text(target, source=source,
                                                      config={"source-lang": "fr"})}


XLIFF = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="de" target-language="en" datatype="plaintext" original="app">
    <body>
      <trans-unit id="price">
        <source>Der Preis beträgt 35 Euro.</source>
        <target>The price is 53 euros.</target>
      </trans-unit>
      <trans-unit id="weather">
        <source>Das Wetter ist heute schön.</source>
        <target>Das Wetter ist heute schön.</target>
      </trans-unit>
      <trans-unit id="inbox">
        <source>Sie haben %d neue Nachrichten.</source>
        <target>You have new messages.</target>
      </trans-unit>
      <trans-unit id="clean">
        <source>Klicken Sie <x id="1"/> auf <g id="2">Weiter</g>, um %s zu speichern.</source>
        <target>Click <x id="1"/> on <g id="2">Next</g> to save %s.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_findings_on_the_target_lines(run_cli, tmp_path) -> None:
    path = tmp_path / "app.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    result = run_cli("--format", "json", "--select", "TC5", str(path))
    assert result.returncode == 1, result.stderr
    import json

    found = {(d["line"], d["code"], d["unit"]) for d in json.loads(result.stdout)}
    assert found == {(7, "TC501", "price"), (11, "TC506", "weather"), (15, "TC502", "inbox")}


def test_po_dropped_placeholder_on_its_msgstr_line(run_cli, tmp_path) -> None:
    path = tmp_path / "app.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#, c-format\n'
                    'msgid "Sie haben %d Dateien"\nmsgstr "You have files"\n', encoding="utf-8")
    result = run_cli("--select", "TC502", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:7:9: TC502 The source's “%d” is not in")


def test_article_pair_on_the_command_line(run_cli, tmp_path) -> None:
    source, target = tmp_path / "article.de.txt", tmp_path / "article.txt"
    source.write_text("Der Preis beträgt 35 Euro.\n\nEs regnet.\n", encoding="utf-8")
    target.write_text("The price is 53 euros.\n\nIt rains.\n", encoding="utf-8")
    result = run_cli("--select", "TC5", "--source", str(source), str(target))
    assert result.returncode == 1
    assert f"{target}:1:14: TC501" in result.stdout


@pytest.mark.parametrize(("source", "target", "lang", "spans"), [
    ("Die aktuellen Zahlen zeigen einen Anstieg.", "The actual figures show an increase.",
     "de", ["actual"]),
    ("Les chiffres actuels sont bons.", "The actual figures are good.", "fr", ["actual"]),
    ("Ella está embarazada.", "She is embarrassed.", "es", ["embarrassed"]),
    ("Das kostet eine Billion Euro.", "That costs one billion euros.", "de", ["billion"]),
    # Near misses: the right word, or a source that means "actual" too.
    ("Die aktuellen Zahlen zeigen einen Anstieg.", "The current figures show an increase.",
     "de", []),
    ("Die tatsächlichen, aktuellen Kosten sind höher.", "The actual current costs are higher.",
     "de", []),
    ("Das ist der eigentliche Grund.", "That is the actual reason.", "de", []),
])
def test_false_friends(source: str, target: str, lang: str, spans: list[str]) -> None:
    assert found(target, source, "TC514", lang) == spans


def test_glossary_required_and_forbidden(tmp_path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target,forbidden\nKündigung,termination,cancellation\n",
                        encoding="utf-8")
    config = {"glossary": str(glossary), "source-lang": "de"}

    def spans(target: str, source: str) -> list[str]:
        return [target[d.start:d.end] for d in check_text(
            target, source=source, select=["TC513"], config=config)]

    source = "Die Kündigung ist schriftlich einzureichen."
    assert spans("The cancellation must be in writing.", source) == [
        "The cancellation must be in writing.", "cancellation"]
    assert spans("The termination must be submitted in writing.", source) == []
    assert spans("Terminations must be in writing.", source) == []
    assert spans("Send it in writing.", "Schicken Sie es schriftlich.") == []


def test_tbx_glossary(tmp_path) -> None:
    from transcheck.bilingual.glossary import load

    path = tmp_path / "terms.tbx"
    path.write_text("""<?xml version="1.0"?>
<martif type="TBX"><text><body>
<termEntry id="c1">
 <langSet xml:lang="de"><tig><term>Kündigung</term></tig></langSet>
 <langSet xml:lang="en"><tig><term>termination</term></tig>
  <tig><term>cancellation</term>
   <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""", encoding="utf-8")
    [entry] = load(str(path))
    assert (entry.source, entry.required, entry.forbidden) == (
        ("Kündigung",), ("termination",), ("cancellation",))


def test_bad_glossary_exits_2_with_one_line(run_cli, tmp_path) -> None:
    glossary, text = tmp_path / "terms.csv", tmp_path / "a.txt"
    glossary.write_text("de,en\nJa,Yes\n", encoding="utf-8")
    text.write_text("Yes.\n", encoding="utf-8")
    result = run_cli("--glossary", str(glossary), str(text))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"transcheck: error: {glossary}:1: a glossary needs a header row with 'source' and "
        "'target' (and optionally 'forbidden'); it has: de, en"]


def test_same_source_translated_two_ways(tmp_path) -> None:
    from transcheck.bilingual.tables import read_table
    from transcheck.builtin.source_terms import InconsistentTranslation
    from transcheck.config import Settings

    table = ("source\ttarget\nDatei speichern\tSave file\nDatei öffnen\tOpen file\n"
             "Datei speichern.\tStore the file\nDatei öffnen\tOpen file\n"
             "Die Datei wurde gespeichert\tThe file was saved\n"
             "Die Datei ist gespeichert\tThe file was saved\n")
    doc = read_table(table, "t.tsv", Settings(source_lang="de"))
    found = [(doc.position(f.start)[0], f.message) for f in InconsistentTranslation().check(doc)]
    assert found == [(4, "Translated differently from the same source on line 2"),
                     (7, "Translated like a different source on line 6")]


def test_paragraph_counts_differ_sentences_are_aligned() -> None:
    from transcheck.bilingual.pairs import paired
    from transcheck.document import Document

    source = ("Der Preis beträgt 35 Euro. Er gilt ab Montag.\n\n"
              "Es regnet seit Tagen. Die Flüsse steigen. Die Stadt warnt.\n\n"
              "Morgen wird es besser.")
    target = ("The price is 35 euros.\n\nIt applies from Monday.\n\n"
              "It has been raining for days. The rivers are rising.\n\n"
              "The city warns. Tomorrow will be better.")
    doc = paired(Document(target), source)
    assert [u.source for u in doc.units] == [
        "Der Preis beträgt 35 Euro.", "Er gilt ab Montag.",
        "Es regnet seit Tagen. Die Flüsse steigen.", "Die Stadt warnt. Morgen wird es besser."]


def test_pair_that_cannot_be_aligned_names_file_and_line() -> None:
    from transcheck.bilingual.pairs import paired
    from transcheck.document import Document
    from transcheck.errors import InputError

    target = "\n\n".join(f"Sentence number {i} is here." for i in range(30))
    with pytest.raises(InputError, match=r"^article\.txt:13: cannot align with a\.de\.txt"):
        paired(Document(target, "article.txt"), "Kurz.\n\nZwei.", "a.de.txt")
    with pytest.raises(InputError, match=r"^a\.de\.txt:1: nothing to align"):
        paired(Document("A.\n\nB.", "article.txt"), "", "a.de.txt")
    assert check_text("", source="Etwas.") == []


PIECES = st.sampled_from([
    *"ab AB 09.,;:!?()[]{}%$@#/-\"'“”„«»「」（）。，？万亿千百十一二两\n", "\n\n", "%d", "{0}",
    '<x id="1"/>', "http://a.b/c", "3,5", "1.000", " pm", "Mio.", "3/4", "COVID-19-X", "%(x)s"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join),
       st.lists(PIECES, max_size=30).map("".join),
       st.sampled_from([None, "de", "zh", "fr", "el"]))
def test_source_aware_rules_never_crash(source: str, target: str, lang: str | None) -> None:
    import contextlib

    from transcheck.errors import InputError

    with contextlib.suppress(InputError):  # a source with no text to align with
        check_text(target, source=source, select=["TC5"],
                   config={"source-lang": lang} if lang else None)
