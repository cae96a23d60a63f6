"""Bilingual files: XLIFF, TMX, PO, TSV/CSV and JSON Lines become units at the file's offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transcheck.bilingual.plugin import transcheck_readers
from transcheck.config import Settings
from transcheck.document import Document
from transcheck.errors import InputError

READERS = {suffix: reader for reader in transcheck_readers() for suffix in reader.suffixes}


def read(name: str, text: str, **options: object) -> Document:
    settings = Settings(plugin_options=options)
    return READERS[Path(name).suffix].read(text, name, settings)


def targets(doc: Document) -> list[str]:
    return [doc.raw[u.start:u.end] for u in doc.units]


XLIFF12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="de-DE" target-language="en-US" datatype="plaintext" original="x">
    <body>
      <trans-unit id="price">
        <source>Der Preis ist gestiegen.</source>
        <target state="translated">The price has gone up.</target>
        <alt-trans><target>Not this one.</target></alt-trans>
      </trans-unit>
      <trans-unit id="click">
        <source>Klicken Sie <x id="1"/> auf <g id="2">Weiter</g> &amp; warten.</source>
        <target>Click <x id="1"/> on <g id="2">Next</g> &amp; wait.</target>
      </trans-unit>
      <trans-unit id="todo"><source>Noch offen.</source></trans-unit>
      <trans-unit id="locked" translate="no"><source>Marke</source><target>Marke</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_1_units_languages_and_positions() -> None:
    doc = read("a.xlf", XLIFF12)
    assert (doc.source_lang, doc.target_lang) == ("de-de", "en-us")
    assert [u.id for u in doc.units] == ["price", "click", "todo"]
    assert targets(doc) == ["The price has gone up.",
                            'Click <x id="1"/> on <g id="2">Next</g> &amp; wait.', ""]
    price, click, todo = doc.units
    assert doc.position(price.start) == (7, 36)
    assert price.source == "Der Preis ist gestiegen."
    assert click.source == "Klicken Sie  auf Weiter & warten."
    assert click.source_codes == ('<x id="1"/>', '<g id="2">')
    assert todo.empty and doc.position(todo.start)[0] == 14
    # Inline tags take no room in the prose; a placeholder tag is a code token.
    prose = doc.text[click.start:click.end]
    assert "<" not in prose and "Next" in prose and prose.startswith("Click 0")
    assert "Not this one" not in doc.text and "Marke" not in doc.text


XLIFF2 = """\
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1"><source>Bonjour <ph id="1"/>.</source><target>Hello <ph id="1"/>.</target>
   </segment>
   <segment id="s2"><source>Au revoir.</source><target>Goodbye.</target></segment>
  </unit>
  <unit id="u2"><segment><source>Merci.</source><target/></segment></unit>
 </file>
</xliff>
"""


def test_xliff_2_segments_are_units() -> None:
    doc = read("b.xliff", XLIFF2)
    assert doc.source_lang == "fr"
    assert [u.id for u in doc.units] == ["u1/s1", "u1/s2", "u2"]
    assert targets(doc) == ['Hello <ph id="1"/>.', "Goodbye.", ""]
    assert doc.units[0].source_codes == ('<ph id="1"/>',)


TMX = """\
<?xml version="1.0"?>
<tmx version="1.4">
  <header srclang="es" datatype="plaintext" segtype="sentence" adminlang="en"
          creationtool="x" creationtoolversion="1" o-tmf="x"/>
  <body>
    <tu tuid="7">
      <tuv xml:lang="es"><seg>Hola, mundo.</seg></tuv>
      <tuv xml:lang="en"><seg>Hello, world.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="es"><seg>Adiós.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>Goodbye.</seg></tuv>
      <tuv xml:lang="de"><seg>Tschüss.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_takes_the_english_variant_of_each_unit() -> None:
    doc = read("c.tmx", TMX)
    assert doc.source_lang == "es"
    assert targets(doc) == ["Hello, world.", "Goodbye."]
    assert [(u.id, u.source, u.target_lang) for u in doc.units] == [
        ("7", "Hola, mundo.", "en"), ("2", "Adiós.", "en-gb")]


def test_xml_that_is_xliff_is_recognised_by_content() -> None:
    xml = READERS[".xlf"]
    assert xml.sniff is not None and xml.sniff(XLIFF12) and not xml.sniff("<html></html>")


@pytest.mark.parametrize(("text", "line"), [
    (XLIFF12.replace("</target>", "</targt>", 1), 7),
    ('<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff/>', 1),
    ("<html><body/></html>", 1),
])
def test_malformed_xml_is_one_error_with_its_line(text: str, line: int) -> None:
    with pytest.raises(InputError, match=rf"^a\.xlf:{line}: "):
        read("a.xlf", text)


PO = """\
msgid ""
msgstr ""
"Language: en\\n"
"X-Source-Language: de\\n"

#: src/files.c:10
#, c-format
msgid "Sie haben %d Dateien"
msgstr "You have %d files"

msgctxt "menu"
msgid "Datei öffnen"
msgstr ""
"Open "
"\\"file\\""

msgid "Eine Datei"
msgid_plural "%d Dateien"
msgstr[0] "One file"
msgstr[1] "%d files"

msgid "Leer"
msgstr ""

#~ msgid "Alt"
#~ msgstr "Old"
"""


def test_po_msgstr_lines_are_units() -> None:
    doc = read("d.po", PO)
    assert (doc.source_lang, doc.target_lang) == ("de", "en")
    assert [u.source for u in doc.units] == [
        "Sie haben %d Dateien", "Datei öffnen", "Eine Datei", "%d Dateien", "Leer"]
    first = doc.units[0]
    assert doc.position(first.start) == (9, 9)
    assert doc.text[first.start:first.end] == "You have 00 files"  # the placeholder is code
    assert [doc.position(u.start)[0] for u in doc.units] == [9, 14, 19, 20, 23]
    # Continued lines join; escaped quotes are quotes, their backslashes take no room.
    assert "Open" in doc.text and '\u200b"file\u200b"' in doc.text
    assert [u.id for u in doc.units] == [None, "menu", "[0]", "[1]", None]
    assert doc.units[-1].empty


def test_broken_po_entry_names_its_line() -> None:
    with pytest.raises(InputError, match=r"^e\.po:3: malformed PO file"):
        read("e.po", 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n')


def test_tsv_and_csv_with_header_columns() -> None:
    tsv = read("f.tsv", "id\tsource\ttarget\n1\tGuten Tag.\tGood day.\n2\tDanke.\t\n")
    assert targets(tsv) == ["Good day.", ""] and [u.id for u in tsv.units] == ["1", "2"]
    assert tsv.position(tsv.units[0].start) == (2, 14)
    csv = read("g.csv", 'target,source\n"Say ""hi"", then go.",Sag hallo.\nYes,Ja\n')
    assert targets(csv) == ['Say ""hi"", then go.', "Yes"]
    assert csv.text[csv.units[0].start:csv.units[0].end] == 'Say \u200b"hi\u200b", then go.'


def test_table_columns_are_configurable_and_required() -> None:
    doc = read("h.tsv", "de\ten\nJa.\tYes.\n", **{"source-column": "de", "target-column": "en"})
    assert targets(doc) == ["Yes."]
    with pytest.raises(InputError, match=r"^h\.tsv:1: no 'source' column"):
        read("h.tsv", "de\ten\nJa.\tYes.\n")
    with pytest.raises(InputError, match=r"^i\.csv:3: 1 fields, the header has 2"):
        read("i.csv", "source,target\nJa,Yes\nNein\n")


def test_json_lines_with_source_and_target() -> None:
    rows = [{"id": 4, "meta": {"target": "not this"}, "source": "Hallo", "target": 'Say "hi"'},
            {"source": "Leer", "target": ""}]
    doc = read("j.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    assert targets(doc) == ['Say \\"hi\\"', ""] and doc.units[0].id == "4"
    with pytest.raises(InputError, match=r"^k\.jsonl:2: not JSON"):
        read("k.jsonl", '{"source": "a", "target": "b"}\n{oops\n')
    with pytest.raises(InputError, match=r"^k\.jsonl:1: no string 'target'"):
        read("k.jsonl", '{"source": "a", "target": 3}\n')


def test_cli_points_into_the_target_element(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "a.xlf"
    path.write_text(XLIFF12.replace("The price has gone up.", "The price has gone up ."),
                    encoding="utf-8")
    result = run_cli("--format", "json", "--select", "TC111", str(path))
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)
    assert (finding["line"], finding["column"], finding["unit"]) == (7, 57, "price")


def test_cli_skips_a_catalogue_into_another_language(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text('msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Hello"\nmsgstr "Hallo"\n',
                    encoding="utf-8")
    result = run_cli(str(path))
    assert result.returncode == 0 and "not English: not checked" in result.stderr


def test_cli_malformed_file_is_one_line_and_others_are_checked(run_cli, tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.xlf", tmp_path / "good.txt"
    bad.write_text("<xliff><file>\n<body>\n</file></xliff>\n", encoding="utf-8")
    good.write_text("A sentence , with a stray space.\n", encoding="utf-8")
    result = run_cli(str(bad), str(good))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"transcheck: error: {bad}:3: malformed XML: mismatched tag" in result.stderr
    assert "good.txt:1:11: TC111" in result.stdout


def test_unclosed_po_string_names_its_line() -> None:
    with pytest.raises(InputError, match=r"^e\.po:2: malformed PO file: a string that does"):
        read("e.po", 'msgid "a"\nmsgstr "b\n\nmsgid "c"\nmsgstr "d"\n')


def test_cli_counts_units_without_translation(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "a.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    result = run_cli(str(path))
    assert "1 unit without a translation skipped (--include-empty" in result.stderr
