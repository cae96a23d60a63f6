"""`POST /v2/check` to a LanguageTool server; every failure becomes one line saying what to do."""

from __future__ import annotations

import json
import threading
import time
from urllib.parse import urlsplit

import requests

from transcheck.languagetool import Unavailable
from transcheck.languagetool.protocol import LTMatch, parse_check

PUBLIC_API = "https://api.languagetool.org/v2"
_PUBLIC_HOSTS = ("api.languagetool.org", "languagetool.org", "www.languagetool.org")
# The public API's documented limits are 20 requests, 75 KB per minute and 20 KB per
# request; 20 requests a minute is a peak it asks clients not to sustain, so stay at 10.
PUBLIC_REQUESTS_PER_MINUTE = 10
PUBLIC_BYTES_PER_MINUTE = 75_000
# An answer lists matches of a batch of a few KB: far less than this, whatever the text.
MAX_ANSWER_BYTES = 50_000_000
_CHUNK = 65536


def api_base(url: str) -> str:
    """`http://host:8010`, `.../v2/` or `.../v2/check` → `http://host:8010/v2`."""
    base = url.rstrip("/")
    base = base.removesuffix("/check")
    return base if base.endswith("/v2") else base + "/v2"


def is_public_api(url: str) -> bool:
    return (urlsplit(url).hostname or "") in _PUBLIC_HOSTS


class Pace:
    """Spaces requests out so that at most `requests` and `size` bytes go out per minute."""

    def __init__(self, requests_per_minute: int, bytes_per_minute: int) -> None:
        self.interval = 60.0 / requests_per_minute
        self.bytes_per_minute = bytes_per_minute
        self._next = 0.0
        self._lock = threading.Lock()

    def delay(self, size: int, now: float) -> float:
        """Book a request of `size` bytes at `now`; return how long it must wait first."""
        with self._lock:
            start = max(now, self._next)
            self._next = start + max(self.interval, 60.0 * size / self.bytes_per_minute)
            return start - now

    def wait(self, size: int) -> None:
        time.sleep(self.delay(size, time.monotonic()))


class Client:
    """Checks texts with the LanguageTool server at `base` (an `api_base` URL)."""

    def __init__(self, base: str, timeout: float, pace: Pace | None = None) -> None:
        self.base = base
        self.timeout = timeout
        self.pace = pace
        self._local = threading.local()  # a `requests.Session` per thread

    def check(
        self, text: str, language: str, mother_tongue: str | None
    ) -> tuple[str, list[LTMatch]]:
        """LanguageTool's version and its matches for `text`, offsets in code points."""
        form = {"text": text, "language": language}
        if mother_tongue:
            form["motherTongue"] = mother_tongue
        if self.pace:
            self.pace.wait(len(text.encode("utf-8")))
        body = self._post("/check", form)
        try:
            return parse_check(json.loads(body), text)
        except ValueError as exc:  # also what `json.loads` raises on a body that is not JSON
            raise Unavailable(
                f"{self.base}/check did not answer like a LanguageTool server ({exc}); "
                "check the URL"
            ) from None

    def _post(self, path: str, form: dict[str, str]) -> bytes:
        """The body of the server's answer, read within `timeout` seconds in all (not per
        read: a server may trickle a byte a second) and `MAX_ANSWER_BYTES` at most."""
        where = f"the LanguageTool server at {self.base}"
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        deadline = time.monotonic() + self.timeout
        try:
            response = session.post(self.base + path, data=form, timeout=self.timeout,
                                    stream=True)
            with response:
                _refuse_status(response, where, len(form["text"]))
                return _body(response, deadline, where, self.timeout)
        except requests.exceptions.ConnectTimeout:
            raise Unavailable(f"{where} does not answer; is it running? check the URL") from None
        except requests.exceptions.Timeout:
            raise Unavailable(
                f"{where} did not answer within {self.timeout:g} s; "
                "raise languagetool-timeout or use a faster server"
            ) from None
        except requests.exceptions.ConnectionError:
            raise Unavailable(f"cannot connect to {where}; is it running? check the URL") from None
        except requests.exceptions.RequestException as exc:
            raise Unavailable(f"request to {where} failed: {type(exc).__name__}") from None


def _refuse_status(response: requests.Response, where: str, size: int) -> None:
    if response.status_code in (426, 429):
        raise Unavailable(
            f"{where} refused the request: rate limit reached (HTTP {response.status_code}); "
            "wait a minute, or run a LanguageTool server of your own (see README)"
        )
    if response.status_code == 413:
        raise Unavailable(
            f"{where} refused a text of {size} characters as too long "
            "(HTTP 413); raise the server's maxTextLength"
        )
    if response.status_code >= 400:
        raise Unavailable(
            f"{where} answered HTTP {response.status_code}: {_first_line(response)}"
        )


def _body(response: requests.Response, deadline: float, where: str, timeout: float) -> bytes:
    """The body, a chunk as it arrives at a time, with the deadline and the size limit."""
    raw = response.raw
    read = getattr(raw, "read1", None) or raw.read  # read1: whatever has arrived
    chunks: list[bytes] = []
    size = 0
    while chunk := read(_CHUNK, decode_content=True):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise Unavailable(f"{where} answered more than {MAX_ANSWER_BYTES // 1_000_000} MB "
                              "for one request; is it a LanguageTool server?")
        if time.monotonic() > deadline:
            raise Unavailable(f"{where} did not answer within {timeout:g} s; "
                              "raise languagetool-timeout or use a faster server")
        chunks.append(chunk)
    return b"".join(chunks)


def _first_line(response: requests.Response) -> str:
    text = response.raw.read(_CHUNK, decode_content=True).decode("utf-8", "replace")
    lines = text.strip().splitlines()
    return " ".join(lines[0].split())[:200] if lines else response.reason or "no explanation"
