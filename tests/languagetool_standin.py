"""A stand-in for a LanguageTool server, for tests. It is NOT LanguageTool.

It speaks the HTTP protocol LanguageTool documents for `/v2/check` (form fields `text`,
`language`, `motherTongue`; a JSON answer with `software`, `language` and `matches`,
each match with `message`, `shortMessage`, `offset`, `length` in UTF-16 code units,
`replacements`, `context` with line breaks turned into spaces, and a `rule` with `id`,
`description`, `issueType`, `category` and `urls`), plus `/v2/healthcheck` and
`/v2/languages`. Instead of LanguageTool's linguistics it applies the few regular
expressions a test gives it, so nothing here says what LanguageTool would report.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class StandInRule:
    """Report every match of `pattern` as a match of the rule `rule_id`."""

    pattern: str
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()
    issue_type: str = "grammar"
    category_id: str = "GRAMMAR"
    category_name: str = "Grammar"
    description: str = ""
    url: str | None = None


@dataclass
class StandIn:
    """What the server does; tests change the fields while it runs."""

    rules: list[StandInRule] = field(default_factory=list)
    version: str = "0.0-standin"
    status: int = 200  # anything else: answer /v2/check with this status and `error_text`
    error_text: str = "Error: something went wrong"
    delay: float = 0.0  # seconds to wait before answering /v2/check
    body: str | None = None  # answer /v2/check with this body instead of JSON
    requests: list[dict[str, str]] = field(default_factory=list)
    most_at_once: int = 0  # the most /v2/check requests that were being answered together
    url: str = ""
    _at_once: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, form: dict[str, str]) -> dict[str, Any]:
        text = form.get("text", "")
        return {
            "software": {"name": "LanguageTool", "version": self.version,
                         "buildDate": "2000-01-01", "apiVersion": 1},
            "language": {"name": "English (US)", "code": form.get("language", "")},
            "matches": [m for rule in self.rules for m in _matches(rule, text)],
        }

    @property
    def texts(self) -> list[str]:
        return [form["text"] for form in self.requests]

    @contextmanager
    def answering(self, form: dict[str, str]) -> Iterator[None]:
        with self._lock:
            self.requests.append(form)
            self._at_once += 1
            self.most_at_once = max(self.most_at_once, self._at_once)
        try:
            yield
        finally:
            with self._lock:
                self._at_once -= 1


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _matches(rule: StandInRule, text: str) -> Iterator[dict[str, Any]]:
    for m in re.finditer(rule.pattern, text):
        offset, length = _utf16(text[:m.start()]), _utf16(m.group())
        context = text.replace("\n", " ").replace("\r", " ")
        yield {
            "message": rule.message,
            "shortMessage": rule.message.split(".")[0],
            "replacements": [{"value": r} for r in rule.replacements],
            "offset": offset,
            "length": length,
            "context": {"text": context, "offset": offset, "length": length},
            "sentence": text,
            "type": {"typeName": "Other"},
            "rule": {
                "id": rule.rule_id,
                "description": rule.description or rule.message,
                "issueType": rule.issue_type,
                "category": {"id": rule.category_id, "name": rule.category_name},
                **({"urls": [{"value": rule.url}]} if rule.url else {}),
            },
        }


def _handler(state: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/v2/healthcheck":
                self._send(200, "OK", "text/plain")
            elif path == "/v2/languages":
                languages = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
                             {"name": "English (GB)", "code": "en", "longCode": "en-GB"}]
                self._send(200, json.dumps(languages), "application/json")
            else:
                self._send(404, "Error: not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            fields = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
            form = {key: values[0] for key, values in fields.items()}
            if urlsplit(self.path).path != "/v2/check":
                self._send(404, "Error: not found", "text/plain")
                return
            with state.answering(form):
                if state.delay:
                    time.sleep(state.delay)
                if state.status != 200:
                    self._send(state.status, state.error_text, "text/plain")
                elif state.body is not None:
                    self._send(200, state.body, "text/html")
                else:
                    self._send(200, json.dumps(state.answer(form)), "application/json")

        def _send(self, status: int, body: str, content_type: str) -> None:
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
                pass

    return Handler


@contextmanager
def stand_in(state: StandIn | None = None) -> Iterator[StandIn]:
    """Run a stand-in server on 127.0.0.1 for the `with` block; `state.url` is its address."""
    state = state or StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
