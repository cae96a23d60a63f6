"""Markdown and HTML input: only prose is checked, at the lines and columns of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transcheck.document import Document
from transcheck.readers import ZERO_WIDTH
from transcheck.readers.html import read_html
from transcheck.readers.markdown import read_markdown

# Artifacts in the prose (marked PROSE below) and the same look-alikes where they are not prose.
ARTICLE_MD = """\
---
title: "Harbour works , phase two"
tags: [ ports , budget ]
---
# The harbour reopens , finally

The council met on Monday , and the vote was close.

Run `make build ,` and then `deploy ( fast )` to publish. The pier ( built in 1911 ) stays.

```text
fenced = "code" , with ( spaces )
```

    indented code , here

See [the notice](<https://example.org/a , b> "Title , here") or [this](#a "A ( b )").

> A quoted line with a stray space before the question mark ?

<div class="note">
An HTML block , not prose.
</div>

| Item | Note |
|------|------|
| Rope | long , heavy |

[notice]: https://example.org/ref "Reference , title"
"""

PROSE = {  # (line, column, code) of every artifact outside code, markup and metadata
    (5, 22, "TC111"),  # "reopens ," in the heading
    (7, 26, "TC111"),  # "Monday ,"
    (9, 69, "TC112"),  # "( built"
    (9, 83, "TC112"),  # "1911 )"
    (19, 60, "TC111"),  # "mark ?" inside a block quote
    (27, 14, "TC111"),  # "long ," in a table cell
}


def _json(run_cli, *args: str, stdin: str | None = None) -> list[dict[str, object]]:
    result = run_cli("--format", "json", "--select", "TC1", *args, stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_markdown_article_flagged_only_in_prose(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE_MD, encoding="utf-8")
    found = {(d["line"], d["column"], d["code"]) for d in _json(run_cli, str(article))}
    assert found == PROSE


def test_columns_point_at_the_source(tmp_path: Path) -> None:
    doc = read_markdown(ARTICLE_MD, "a.md")
    for line, column, _ in PROSE:
        offset = doc.offset(line, column)
        assert doc.raw[offset] == " " and doc.text[offset] == " "


def test_stdin_filename_picks_the_reader(run_cli) -> None:
    text = "Use `a , b` here , now.\n"
    as_text = _json(run_cli, "-", stdin=text)
    as_markdown = _json(run_cli, "--stdin-filename", "notes/doc.md", "-", stdin=text)
    assert [(d["column"], d["path"]) for d in as_text] == [(7, "-"), (17, "-")]
    assert [(d["column"], d["path"]) for d in as_markdown] == [(17, "notes/doc.md")]


@pytest.mark.parametrize("reader, source", [
    (read_markdown, ARTICLE_MD),
    (read_markdown, "a\r\nb `c`\rd *e*\n\n- [x](y)\r\n"),
    (read_html, "<p>a\r\nb <code>c</code></p>\r<!-- d -->\n"),
])
def test_text_keeps_length_and_line_breaks(reader, source: str) -> None:
    doc: Document = reader(source, "x")
    assert len(doc.text) == len(doc.raw)
    assert [i for i, c in enumerate(doc.text) if c in "\r\n"] == [
        i for i, c in enumerate(source) if c in "\r\n"
    ]


@pytest.mark.parametrize("markdown, text", [
    # Code spans become one neutral token: no space before the period appears.
    ("Use `x` now.", "Use 000 now."),
    # Emphasis and link syntax take no room next to a visible character.
    ("A **bold** word.", f"A {ZERO_WIDTH * 2}bold{ZERO_WIDTH * 2} word."),
    ("See [the docs](http://a.b).", f"See {ZERO_WIDTH}the docs{ZERO_WIDTH * 13}."),
    # ... and spaces where it stands between blanks.
    ("A ** b", "A ** b"),
    ("a\n<!-- x -->\nb", "a\n" + " " * 10 + "\nb"),
    # An unpaired marker is a literal character of the text.
    ("Five * six", "Five * six"),
    # Escapes: the backslash is markup, the character prose.
    (r"Not \*emphasis\*.", f"Not {ZERO_WIDTH}*emphasis{ZERO_WIDTH}*."),
    # A character reference is kept as written.
    ("Tom &amp; Jerry", "Tom &amp; Jerry"),
    # Headings and list markers are block structure.
    ("## Title ##", "   Title   "),
    ("1. First item", "   First item"),
])
def test_markdown_masks(markdown: str, text: str) -> None:
    assert read_markdown(markdown, "x.md").text == text


def test_front_matter_and_code_blocks_are_blank() -> None:
    doc = read_markdown("---\na: b ,\n---\n```\nx , y\n```\n\n    z , w\n", "x.md")
    assert doc.text.strip() == ""


HTML = """\
<!DOCTYPE html>
<html><head><title>Harbour news</title>
<style>p { margin : 0 }</style><script>var a = "b" ;</script></head>
<body>
<p>The pier ( built in 1911 ) stays , said <b>Ann</b>.</p>
<pre>fenced , code</pre>
<p>Run <code>make ( fast )</code> now &amp; then; it&rsquo;s <em>fine</em> .</p>
</body></html>
"""


def test_html_checks_text_nodes_only(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    found = {(d["line"], d["column"], d["code"]) for d in _json(run_cli, str(page))}
    assert found == {(5, 14, "TC112"), (5, 28, "TC112"), (5, 36, "TC111")}


def test_html_masks() -> None:
    doc = read_html(HTML, "page.html")
    lines = doc.text.splitlines()
    assert lines[1].strip() == "Harbour news"
    assert lines[2].strip() == "" and lines[5].strip() == ""
    said = f"said {ZERO_WIDTH * 3}Ann{ZERO_WIDTH * 4}."
    assert lines[4].strip() == f"The pier ( built in 1911 ) stays , {said}"
    assert "Run " + "0" * 26 + " now &amp; then; it&rsquo;s" in lines[6]
    # Entities are markup: a rule about entities in plain text must not see them as prose.
    start = doc.raw.index("&amp;")
    assert (start, start + 5) in doc.markup


def test_entities_in_html_are_not_encoding_damage(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Fish &amp; chips, &ldquo;fresh&rdquo; daily.</p>\n", encoding="utf-8")
    plain = tmp_path / "page.txt"
    plain.write_text("Fish &amp; chips, &ldquo;fresh&rdquo; daily.\n", encoding="utf-8")
    assert run_cli(str(page)).returncode == 0
    # The same text as plain text: if a rule flags entities there, it does so on purpose.
    codes_plain = {d["code"] for d in json.loads(run_cli("--format", "json", str(plain)).stdout)}
    codes_html = {d["code"] for d in json.loads(run_cli("--format", "json", str(page)).stdout)}
    assert codes_html == set() and codes_html <= codes_plain


def test_markdown_and_html_files_are_found_in_directories(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("The plan , said he.\n", encoding="utf-8")
    (tmp_path / "b.markdown").write_text("The plan , said he.\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>The plan , said he.</p>\n", encoding="utf-8")
    paths = {Path(str(d["path"])).name for d in _json(run_cli, str(tmp_path))}
    assert paths == {"a.md", "b.markdown"}  # HTML only when named or included
    paths = {Path(str(d["path"])).name for d in _json(run_cli, "--include", "*.html",
                                                      str(tmp_path))}
    assert paths == {"c.html"}


def _marks(doc: Document) -> list[tuple[str, str]]:
    return [(m.kind, doc.raw[m.start:m.end]) for m in doc.marks]


def test_markdown_marks_emphasis_and_code() -> None:
    doc = read_markdown("He read *Le Monde*, **Die Zeit** and `grep -r`; a * b * c.\n", "a.md")
    assert _marks(doc) == [("emphasis", "*Le Monde*"), ("emphasis", "**Die Zeit**"),
                           ("code", "`grep -r`")]


def test_html_marks_emphasis_code_and_foreign_language() -> None:
    doc = read_html('<p>He read <em>Le Monde</em>, <cite>Die Zeit</cite>, <code>ls</code> and '
                    '<span lang="de">Guten Tag</span>, <b>bold</b>, <span lang="en-GB">colour'
                    '</span>.</p><script><em>x</em></script>\n', "a.html")
    assert _marks(doc) == [
        ("emphasis", "<em>Le Monde</em>"), ("emphasis", "<cite>Die Zeit</cite>"),
        ("code", "<code>ls</code>"), ("foreign", '<span lang="de">Guten Tag</span>')]
    assert doc.marked(doc.raw.index("Guten"), doc.raw.index(" Tag") + 4, ("foreign",))
    assert not doc.marked(doc.raw.index("Guten"), doc.raw.index(" Tag") + 4, ("emphasis",))


def test_plain_text_marks_typed_emphasis() -> None:
    from transcheck.readers import read_plain

    doc = read_plain("She read *Le Monde* and _Die Zeit_, not snake_case_names.\n", "a.txt")
    assert _marks(doc) == [("emphasis", "*Le Monde*"), ("emphasis", "_Die Zeit_")]
