"""The LanguageTool backend does not trust its server or its cache: an overall deadline,
a size limit, offsets, lengths and replacements validated, cache entries signed."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from transcheck.errors import FatalError
from transcheck.languagetool import client
from transcheck.languagetool.backend import Backend, Options
from transcheck.languagetool.protocol import parse_check

from .languagetool_standin import StandIn, StandInRule, stand_in
from .test_languagetool import lt, run


@contextmanager
def raw_server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A server on 127.0.0.1 that reads each request's head and then runs `answer`."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.recv(65536)
            threading.Thread(target=_answer, args=(conn,), daemon=True).start()

    def _answer(conn: socket.socket) -> None:
        try:
            answer(conn)
        except OSError:  # the client gave up, as it should
            pass
        finally:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


def _check(url: str, tmp_path: Path, timeout: float = 2.0) -> tuple[str, float]:
    """The error a backend on `url` ends with, and after how long (a thread: a backend
    that never ends must not hang the tests)."""
    backend = Backend(Options(url, "en-US", None, tmp_path / "cache", timeout))
    outcome: list[str] = []

    def work() -> None:
        try:
            backend.check(["We will recieve it."])
            outcome.append("no error")
        except FatalError as exc:
            outcome.append(str(exc))

    start = time.monotonic()
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=30)
    return (outcome[0] if outcome else "still waiting"), time.monotonic() - start


def test_a_server_that_trickles_meets_the_deadline(tmp_path: Path) -> None:
    def trickle(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100000\r\n\r\n")
        for _ in range(600):
            conn.sendall(b" ")
            time.sleep(0.1)

    with raw_server(trickle) as url:
        error, seconds = _check(url, tmp_path)
    assert "did not answer within 2 s" in error
    assert seconds < 10


def test_an_endless_answer_is_cut_at_the_size_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "MAX_ANSWER_BYTES", 1_000_000)

    def endless(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\n\r\n[")
        for _ in range(200):  # 13 MB, then it stops: a test must end either way
            conn.sendall(b"1," * 32768)

    with raw_server(endless) as url:
        error, _ = _check(url, tmp_path, timeout=30)
    assert "answered more than 1 MB for one request" in error


def _answer(offset: object, length: object, replacement: str = "receive") -> dict[str, object]:
    return {"software": {"version": "1"}, "matches": [{
        "offset": offset, "length": length, "message": "Spelling.",
        "replacements": [{"value": replacement}],
        "rule": {"id": "SPELL", "issueType": "misspelling"}}]}


@pytest.mark.parametrize(("offset", "length"), [
    (8, -3), (-1, 2), (8, 100), (30, 1), ("8", 7), (8.0, 7), (True, 1)])
def test_offsets_and_lengths_outside_the_text_are_refused(offset: object, length: object) -> None:
    with pytest.raises(ValueError, match=r"outside the text|valid offset"):
        parse_check(_answer(offset, length), "We will recieve it.")


@pytest.mark.parametrize("replacement", ["rec\x1b[2Jeive", "receive\n", "rec\u202eeive",
                                         "x" * 1000])
def test_a_replacement_that_is_not_plain_text_is_dropped(replacement: str) -> None:
    _, [match] = parse_check(_answer(8, 7, replacement), "We will recieve it.")
    assert match.replacements == ()


def test_a_negative_length_from_the_server_is_no_insertion(tmp_path: Path) -> None:
    with stand_in(StandIn(body=json.dumps(_answer(8, -3)))) as server, pytest.raises(
            FatalError, match="did not answer like a LanguageTool server"):
        run(tmp_path, server.url, "We will recieve it.\n")


def test_a_tampered_cache_entry_is_asked_again(tmp_path: Path) -> None:
    text = "We will recieve it.\n"
    with stand_in(StandIn(rules=[StandInRule(r"\brecieve\b", "SPELL", "Spelling.",
                                             ("receive",), "grammar")])) as server:
        [first] = lt(run(tmp_path, server.url, text))
        assert first.fix == "receive"
        entries = [p for p in (tmp_path / ".transcheck_cache").rglob("*.json")
                   if "matches" in p.read_text(encoding="utf-8")]
        assert entries
        for entry in entries:
            data = json.loads(entry.read_text(encoding="utf-8"))
            for match in data["matches"]:
                match["replacements"] = ["DESTROYED"]
            entry.write_text(json.dumps(data), encoding="utf-8")
        server.requests.clear()
        [again] = lt(run(tmp_path, server.url, text))
        assert again.fix == "receive" and server.texts == ["We will recieve it."]
        for entry in entries:  # planted without a signature, as a pull request could
            data = json.loads(entry.read_text(encoding="utf-8"))
            del data["signature"]
            entry.write_text(json.dumps(data), encoding="utf-8")
        server.requests.clear()
        [third] = lt(run(tmp_path, server.url, text))
        assert third.fix == "receive" and server.texts == ["We will recieve it."]
        server.requests.clear()
        lt(run(tmp_path, server.url, text))
        assert server.requests == []  # what this user's run stored is trusted


def test_explain_prints_no_control_planted_in_the_cache(run_cli, tmp_path: Path) -> None:
    rules = tmp_path / ".transcheck_cache" / "languagetool" / "rules"
    rules.mkdir(parents=True)
    (rules / "SPELL.json").write_text(json.dumps({
        "id": "SPELL", "description": "Spelling.\x1b]0;owned\x07\x1b[2J", "issue_type": "grammar",
        "category_id": "TYPOS", "category_name": "Typos", "url": None}), encoding="utf-8")
    (tmp_path / "transcheck.toml").write_text("", encoding="utf-8")
    shown = run_cli("explain", "LT-SPELL", cwd=tmp_path).stdout
    assert "Spelling." in shown and "\x1b" not in shown and "\x07" not in shown
