"""`transcheck lsp`: a Language Server (pygls) that shows transcheck's findings in editors.

Each open document is checked by the engine the CLI would build for its path (the
nearest configuration file, rebuilt when that file changes) with `Engine.read` and
`Engine.check`, so an editor shows exactly what `transcheck FILE` prints. Checks run
in one worker thread, a moment after the last keystroke, so typing never waits for a
long document; a check that an edit overtook is not published. A configuration that
cannot be read becomes one diagnostic at the top of the document.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from transcheck import __version__
from transcheck.config import find_config
from transcheck.diagnostics import Diagnostic, Severity
from transcheck.document import Document
from transcheck.engine import Engine
from transcheck.errors import TranscheckError
from transcheck.factory import make_engine
from transcheck.fixes import edits
from transcheck.inputs import Skipped
from transcheck.reporters import FileResult
from transcheck.reporters.text import describe_fix
from transcheck.runner import check_text

# Seconds of quiet after an edit before the document is checked again.
DEBOUNCE = 0.3
# Readers whose files have comments, where a suppression comment can go.
_COMMENTED = {"markdown", "html"}
# A document that is no file on disk is read as its language says.
_SUFFIXES = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "xliff": ".xlf",
             "po": ".po"}
_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error,
             Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.INFO: lsp.DiagnosticSeverity.Information}
SOURCE = "transcheck"


@dataclass(frozen=True)
class Checked:
    """A document's last check: what was read, what was found, as the client sees it."""

    version: int | None
    document: Document
    engine: Engine
    found: list[tuple[Diagnostic, lsp.Diagnostic]]


# A check's outcome: the engine and what it found (or why it skipped the file), what
# went wrong, or None for an empty document.
Outcome = tuple[Engine, FileResult | Skipped] | str | None


class TranscheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("transcheck", __version__)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="transcheck")
        self.engines: dict[Path | None, tuple[int | None, Engine]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.checked: dict[str, Checked] = {}

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds, instead of any check not yet published."""
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay))

    async def _check(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        text_document = self.workspace.get_text_document(uri)
        version, text = text_document.version, text_document.source
        path = _path(uri, text_document.language_id)
        loop = asyncio.get_running_loop()
        outcome = await loop.run_in_executor(self.worker, self._run, path, text)
        if uri not in self.workspace.text_documents or (
                self.workspace.get_text_document(uri).version != version):
            return  # closed, or edited meanwhile: that edit's own check follows
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=self._published(uri, version, outcome)))

    def _published(self, uri: str, version: int | None,
                   outcome: Outcome) -> list[lsp.Diagnostic]:
        self.checked.pop(uri, None)
        if outcome is None:  # an empty document
            return []
        if isinstance(outcome, str):
            return [_problem(outcome, lsp.DiagnosticSeverity.Error)]
        engine, result = outcome
        if isinstance(result, Skipped):  # not translated into English, say
            return [_problem(result.reason, lsp.DiagnosticSeverity.Information)]
        found = [(d, self._lsp_diagnostic(result.document, d)) for d in result.diagnostics]
        self.checked[uri] = Checked(version, result.document, engine, found)
        return [item for _, item in found]

    def _run(self, path: str, text: str) -> Outcome:
        """In the worker: the document checked as the command checks a file, or what
        went wrong, in one line."""
        if not text.strip():
            return None
        try:
            engine = self.engine_for(path)
            return engine, check_text(engine, text, path)
        except TranscheckError as exc:
            return str(exc)
        except Exception as exc:  # a bug: say so in the editor, keep serving
            logging.exception("checking %s", path)
            return f"{path}: {type(exc).__name__}: {exc}"

    def engine_for(self, path: str) -> Engine:
        """The engine the CLI would use for `path`, rebuilt when its config file changes."""
        config = find_config(Path(path))
        stamp = config.stat().st_mtime_ns if config else None
        cached = self.engines.get(config)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        engine = make_engine(paths=[path])
        _ = engine.rules  # a bad selection is a configuration error, reported now
        if cached is not None:
            cached[1].finish()
        self.engines[config] = (stamp, engine)
        return engine

    def _lsp_diagnostic(self, doc: Document, d: Diagnostic) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=self._range(doc, d), severity=_SEVERITY[d.severity], code=d.code,
            source=SOURCE, message=d.message, data={"name": d.name, "fix": d.fix})

    def _range(self, doc: Document, d: Diagnostic) -> lsp.Range:
        """`d`'s span in the client's units (UTF-16 unless it asked for others)."""
        codec = self.workspace.position_codec

        def position(line: int, column: int) -> lsp.Position:
            prefix = doc.line_text(line)[:column - 1]
            return lsp.Position(line - 1, codec.client_num_units(prefix))

        return lsp.Range(position(d.line, d.column), position(d.end_line, d.end_column))

    def actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None or checked.version != self.workspace.get_text_document(uri).version:
            return []  # the findings are older than the text: no edit would fit
        wanted = params.context.only
        units = self.workspace.position_codec.client_num_units
        here = [(d, item) for d, item in checked.found if _touches(item.range, params.range)]
        actions = []
        if _wants(wanted, lsp.CodeActionKind.QuickFix):
            for d, item in here:
                if d.fix is not None:
                    actions.append(self._action(
                        f"Fix {d.code}: {describe_fix(checked.document, d)}", checked, uri,
                        [lsp.TextEdit(item.range, d.fix)], [item], preferred=True))
            if _has_comments(checked):
                for d, item in here:
                    actions.append(self._action(
                        f"Suppress {d.code} on this line", checked, uri,
                        [_suppression(checked.document, d, units)], [item]))
        fixable = edits(checked.document, [d for d, _ in checked.found])
        if fixable and _wants(wanted, lsp.CodeActionKind.SourceFixAll):
            # By span: an edit's replacement may differ from its diagnostic's fix (a space
            # that would be left trailing is not inserted).
            by_span = {(d.start, d.end): item for d, item in checked.found}
            actions.append(self._action(
                "Fix all transcheck findings with a safe fix", checked, uri,
                [lsp.TextEdit(by_span[e.start, e.end].range, e.replacement)
                 for e in fixable], [], kind=lsp.CodeActionKind.SourceFixAll))
        return actions

    @staticmethod
    def _action(title: str, checked: Checked, uri: str, changes: list[lsp.TextEdit],
                diagnostics: list[lsp.Diagnostic], preferred: bool = False,
                kind: str = lsp.CodeActionKind.QuickFix) -> lsp.CodeAction:
        # Versioned: a client refuses the edit if the text changed since the check.
        edit = lsp.TextDocumentEdit(
            lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=checked.version),
            list(changes))
        return lsp.CodeAction(title=title, kind=kind, diagnostics=diagnostics or None,
                              is_preferred=preferred or None,
                              edit=lsp.WorkspaceEdit(document_changes=[edit]))

    def close(self, uri: str) -> None:
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def finish(self) -> None:
        for _, engine in self.engines.values():
            engine.finish()
        self.worker.shutdown(wait=False, cancel_futures=True)


def _path(uri: str, language_id: str | None) -> str:
    """The file a document is, or a name whose suffix picks the reader its language needs."""
    suffix = _SUFFIXES.get(language_id or "", ".txt")
    return to_fs_path(uri) or str(Path.cwd() / f"untitled{suffix}")


def _problem(message: str, severity: lsp.DiagnosticSeverity) -> lsp.Diagnostic:
    """What kept the document from being checked (a broken configuration, a catalogue
    into another language), shown on its first line."""
    return lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(1, 0)),
                          severity=severity, source=SOURCE, message=f"transcheck: {message}")


def _touches(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)


def _has_comments(checked: Checked) -> bool:
    reader = checked.engine.readers.get(Path(checked.document.path).suffix.lower())
    return reader is not None and reader.name in _COMMENTED


def _suppression(doc: Document, d: Diagnostic, units: Callable[[str], int]) -> lsp.TextEdit:
    """A `transcheck-disable-next-line` comment for `d`'s line.

    At the end of the line before when that line ends in prose, so a Markdown paragraph
    is not cut in two; else on a line of its own above, indented as the line is.
    """
    comment = f"<!-- transcheck-disable-next-line {d.code} -->"
    before = doc.line_text(d.line - 1) if d.line > 1 else ""
    last = doc.line_starts[d.line - 2] + len(before.rstrip()) - 1 if before.strip() else -1
    if last >= 0 and doc.text[last] == doc.raw[last]:  # not masked: prose
        at = lsp.Position(d.line - 2, units(before))
        return lsp.TextEdit(lsp.Range(at, at), f" {comment}")
    line = doc.line_text(d.line)
    start = lsp.Position(d.line - 1, 0)
    return lsp.TextEdit(lsp.Range(start, start), f"{line[:len(line) - len(line.lstrip())]}"
                                                 f"{comment}\n")


def server() -> TranscheckServer:
    ls = TranscheckServer()

    @ls.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: TranscheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @ls.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: TranscheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @ls.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: TranscheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @ls.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: TranscheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @ls.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[
        lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
    def code_action(ls: TranscheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.actions(params)

    @ls.feature(lsp.SHUTDOWN)
    def shutdown(ls: TranscheckServer, params: None) -> None:
        ls.finish()

    return ls


def serve() -> None:
    """Serve one client on standard input and output."""
    server().start_io()
