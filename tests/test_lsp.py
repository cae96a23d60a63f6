"""`transcheck lsp` in a real session: pygls' own client starts the installed command and
talks to it over standard input and output, as an editor does."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

lsp = pytest.importorskip("lsprotocol.types", reason="the test extra installs transcheck[lsp]")
from pygls.lsp.client import LanguageClient  # noqa: E402

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "article-mt.txt").read_text(encoding="utf-8")
MARKDOWN = ("# Notes\n\nThe plan , she said, was ready.\nIt opens (  soon ) in spring.\n\n"
            "Prices rise by 5 % a year.\n")
HTML = ("<html><body><h1>Plan</h1>\n<p>The plan , she said, was <b>ready</b> .</p>\n"
        "<p>Entry costs 5 % more.</p></body></html>\n")
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="de" target-language="en" datatype="plaintext" original="sign.txt">
    <body>
      <trans-unit id="open"><source>Heute geschlossen.</source>
        <target>Closed today .</target></trans-unit>
      <trans-unit id="price"><source>Eintritt 12 Euro.</source>
        <target>Entry costs 21 euros.</target></trans-unit>
    </body>
  </file>
</xliff>
"""
# A character outside the BMP is two UTF-16 units: columns after it differ from code points.
WIDE = "🙂 The plan , she said.\n"
WAIT = 60


def _script() -> str:
    found = shutil.which("transcheck", path=str(Path(sys.executable).parent))
    assert found, "the transcheck console script is not installed next to this Python"
    return found


class Session:
    """A client connected to a running `transcheck lsp`, keeping what it publishes."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, list[Any]] = {}
        self.changed = asyncio.Condition()
        self.versions: dict[str, int] = {}

    async def receive(self, params: Any) -> None:
        async with self.changed:
            self.published.setdefault(params.uri, []).append(params)
            self.changed.notify_all()

    async def wait_for(self, uri: str, accept: Callable[[Any], bool] = lambda p: True) -> Any:
        """The first publication for `uri` (from now on) that `accept`s."""
        seen = len(self.published.get(uri, []))

        def found() -> Any:
            return next((p for p in self.published.get(uri, [])[seen:] if accept(p)), None)

        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(found), WAIT)
        return found()

    async def open(self, path: Path, text: str | None = None, language: str = "plaintext"
                   ) -> str:
        uri = path.resolve().as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri=uri, language_id=language, version=1,
            text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def replace(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    async def actions(self, uri: str, at: Any) -> list[Any]:
        result = await self.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri=uri), at, lsp.CodeActionContext(diagnostics=[])))
        return list(result or [])


@contextlib.asynccontextmanager
async def session(cwd: Path) -> AsyncIterator[tuple[Session, Any]]:
    client = LanguageClient("transcheck-tests", "1")
    talk = Session(client)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def receive(params: Any) -> None:
        await talk.receive(params)

    await client.start_io(_script(), "lsp", cwd=str(cwd),
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    result = await asyncio.wait_for(client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=cwd.as_uri(), process_id=os.getpid())),
        WAIT)
    client.initialized(lsp.InitializedParams())
    try:
        yield talk, result
    finally:
        await asyncio.wait_for(client.shutdown_async(None), WAIT)
        client.exit(None)
        await client.stop()


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(scenario())


def _cli_json(path: Path) -> list[dict[str, Any]]:
    result = subprocess.run([_script(), "--format", "json", str(path)], capture_output=True,
                            text=True, cwd=path.parent, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


def _as_cli(diagnostic: Any) -> tuple[Any, ...]:
    severity = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning",
                lsp.DiagnosticSeverity.Information: "info"}[diagnostic.severity]
    r = diagnostic.range
    return (r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1,
            diagnostic.code, severity, diagnostic.message)


def _keys(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["line"], item["column"], item["end_line"], item["end_column"], item["code"],
            item["severity"], item["message"])


def test_it_answers_initialize_with_its_capabilities(tmp_path):
    async def scenario() -> Any:
        async with session(tmp_path) as (_, result):
            return result

    result = run(scenario)
    assert result.server_info.name == "transcheck"
    assert result.capabilities.text_document_sync is not None
    kinds = result.capabilities.code_action_provider.code_action_kinds
    assert lsp.CodeActionKind.QuickFix in kinds and lsp.CodeActionKind.SourceFixAll in kinds


@pytest.mark.parametrize(("name", "text", "language"), [
    ("article.txt", ARTICLE, "plaintext"),
    ("notes.md", MARKDOWN, "markdown"),
    ("page.html", HTML, "html"),
    ("sign.xlf", XLIFF, "xml"),
])
def test_it_publishes_what_the_command_prints(tmp_path, name, text, language):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    async def scenario() -> Any:
        async with session(tmp_path) as (talk, _):
            uri = await talk.open(path, language=language)
            return await talk.wait_for(uri)

    published = run(scenario)
    expected = [_keys(item) for item in _cli_json(path)]
    assert len(expected) >= 2
    assert [_as_cli(d) for d in published.diagnostics] == expected
    assert published.version == 1
    assert {d.source for d in published.diagnostics} == {"transcheck"}


def test_positions_count_utf16_units_as_editors_do(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_text(WIDE, encoding="utf-8")

    async def scenario() -> Any:
        async with session(tmp_path) as (talk, _):
            return await talk.wait_for(await talk.open(path))

    (diagnostic,) = run(scenario).diagnostics
    (item,) = _cli_json(path)
    assert item["code"] == "TC111" and item["column"] == 11  # code points
    assert diagnostic.range.start.character == 11  # 10 code points, the first of 2 units


def test_a_fix_is_offered_as_a_code_action(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    async def scenario() -> tuple[Any, list[Any], list[Any]]:
        async with session(tmp_path) as (talk, _):
            uri = await talk.open(path)
            published = await talk.wait_for(uri)
            fixable = next(d for d in published.diagnostics if d.data["fix"] is not None)
            here = await talk.actions(uri, fixable.range)
            everything = await talk.actions(uri, lsp.Range(lsp.Position(0, 0),
                                                           lsp.Position(10_000, 0)))
            return fixable, here, everything

    fixable, here, everything = run(scenario)
    fix = next(a for a in here if a.kind == lsp.CodeActionKind.QuickFix and a.is_preferred)
    assert fix.title.startswith(f"Fix {fixable.code}: ")
    (change,) = fix.edit.document_changes
    assert change.text_document.version == 1
    (edit,) = change.edits
    assert edit.range == fixable.range and edit.new_text == fixable.data["fix"]
    fixes = [item for item in _cli_json(path) if item["fix"] is not None]
    assert any(a.kind == lsp.CodeActionKind.SourceFixAll for a in everything)
    quick = [a for a in everything if a.kind == lsp.CodeActionKind.QuickFix]
    assert len(quick) == len(fixes)  # plain text has no comments: no suppression offered


def test_a_suppression_comment_is_offered_where_the_format_has_comments(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")

    async def scenario() -> tuple[list[str], list[Any]]:
        async with session(tmp_path) as (talk, _):
            uri = await talk.open(path, language="markdown")
            published = await talk.wait_for(uri)
            chosen = []
            for code, line in (("TC111", 2), ("TC112", 3)):
                finding = next(d for d in published.diagnostics
                               if d.code == code and d.range.start.line == line)
                actions = await talk.actions(uri, finding.range)
                (suppress,) = [a for a in actions if a.title.startswith("Suppress")]
                assert suppress.title == f"Suppress {code} on this line"
                chosen.extend(suppress.edit.document_changes[0].edits)
            text = MARKDOWN
            for edit in sorted(chosen, key=lambda e: (e.range.start.line, e.range.start.character),
                               reverse=True):
                text = _apply(text, edit)
            version = talk.replace(uri, text)
            after = await talk.wait_for(uri, lambda p: p.version == version)
            return text.splitlines(), after.diagnostics

    lines, left = run(scenario)
    # The first line of a paragraph gets a comment line above; a later line, a comment at
    # the end of the line before, so the paragraph stays one.
    assert lines[2] == "<!-- transcheck-disable-next-line TC111 -->"
    assert lines[3] == ("The plan , she said, was ready. "
                        "<!-- transcheck-disable-next-line TC112 -->")
    assert [d.code for d in left] == ["TC433"]  # the one not suppressed; no TC901


def test_a_broken_config_is_one_diagnostic_and_its_repair_is_seen(tmp_path):
    config = tmp_path / "transcheck.toml"
    config.write_text("select = [\n", encoding="utf-8")
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")

    async def scenario() -> tuple[Any, Any]:
        async with session(tmp_path) as (talk, _):
            uri = await talk.open(path, language="markdown")
            broken = await talk.wait_for(uri)
            config.write_text('select = ["TC433"]\n', encoding="utf-8")
            talk.client.text_document_did_save(lsp.DidSaveTextDocumentParams(
                lsp.TextDocumentIdentifier(uri=uri)))
            repaired = await talk.wait_for(uri)
            return broken, repaired

    broken, repaired = run(scenario)
    (problem,) = broken.diagnostics
    assert problem.severity == lsp.DiagnosticSeverity.Error
    assert problem.message.startswith("transcheck: ") and "transcheck.toml" in problem.message
    assert [d.code for d in repaired.diagnostics] == ["TC433"]


def test_a_catalogue_into_another_language_is_said_to_be_skipped(tmp_path):
    path = tmp_path / "sign.de.xlf"
    path.write_text(XLIFF.replace('source-language="de" target-language="en"',
                                  'source-language="en" target-language="de"'), encoding="utf-8")

    async def scenario() -> Any:
        async with session(tmp_path) as (talk, _):
            return await talk.wait_for(await talk.open(path, language="xml"))

    (note,) = run(scenario).diagnostics
    assert note.severity == lsp.DiagnosticSeverity.Information
    assert note.message == "transcheck: translated into 'de', not English: not checked"


def test_a_document_edited_while_being_checked(tmp_path):
    """A long document is checked in the background: the server answers meanwhile, and
    only the findings of the text as last edited are published."""
    path = tmp_path / "long.txt"
    # Seconds to check, with the engine to build. Every paragraph numbered: a block that
    # comes again is read once, and copies of one article would take no time.
    long_text = "\n\n".join(f"{paragraph} ({n})" for n in range(400)
                              for paragraph in ARTICLE.strip().split("\n\n"))
    path.write_text(long_text, encoding="utf-8")
    short = tmp_path / "short.txt"
    final = "The path , she added, closes at dusk.\n"
    short.write_text(final, encoding="utf-8")

    async def scenario() -> tuple[list[Any], bool, int]:
        async with session(tmp_path) as (talk, _):
            uri = await talk.open(path)
            await talk.actions(uri, lsp.Range(lsp.Position(0, 0), lsp.Position(0, 5)))
            answered_during_check = uri not in talk.published
            await asyncio.sleep(0.2)  # the check has started; it takes seconds
            for n in range(5):  # typing: each edit restarts the wait
                version = talk.replace(uri, final[:20 + n] + final[20 + n:])
            await talk.wait_for(uri, lambda p: p.version == version)
            await asyncio.sleep(1.5)  # anything late (the long check) would come now
            return talk.published[uri], answered_during_check, version

    published, answered_during_check, version = run(scenario)
    assert answered_during_check
    assert [p.version for p in published] == [version]
    assert [_as_cli(d) for d in published[0].diagnostics] == [
        _keys(item) for item in _cli_json(short)]


def test_without_pygls_it_says_what_to_install(tmp_path):
    hide = ("import sys; sys.modules['pygls'] = sys.modules['lsprotocol'] = None; "
            "from transcheck.cli import main; main(['lsp'])")
    result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr == ("transcheck: error: the language server needs pygls: "
                             "pip install 'transcheck[lsp]'\n")


def _apply(text: str, edit: Any) -> str:
    """`text` with one LSP edit made (ASCII text: characters are code points)."""
    lines = text.splitlines(keepends=True)

    def offset(p: Any) -> int:
        return sum(len(line) for line in lines[:p.line]) + p.character

    return text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
