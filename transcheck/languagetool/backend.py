"""Paragraphs in, LanguageTool matches out: the cache first, then batches sent concurrently.

The paragraph is the unit of caching: editing one paragraph re-checks that paragraph
only. Paragraphs that miss the cache are joined into batches (a blank line between
them, which LanguageTool treats as a paragraph break) of a few kilobytes, sent on a
small thread pool, and the answers are split back by offset.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from transcheck.errors import FatalError, RuleUnavailable
from transcheck.languagetool import Unavailable
from transcheck.languagetool.cache import Cache
from transcheck.languagetool.client import (
    PUBLIC_BYTES_PER_MINUTE,
    PUBLIC_REQUESTS_PER_MINUTE,
    Client,
    Pace,
    api_base,
    is_public_api,
)
from transcheck.languagetool.protocol import LTMatch, valid

if TYPE_CHECKING:
    from transcheck.languagetool.server import LocalServer

SEPARATOR = "\n\n"
BATCH_BYTES = 6_000
PUBLIC_BATCH_BYTES = 18_000  # the public API takes 20 KB per request
WORKERS = 4
# How long a remote server's reported version is trusted before one request re-checks it.
VERSION_MAX_AGE = 24 * 3600.0
_PROBE = "This is a short text."


@dataclass(frozen=True)
class Options:
    """How to reach LanguageTool. `url` None: a local server started for the run."""

    url: str | None
    language: str
    mother_tongue: str | None
    cache_dir: Path
    timeout: float
    optional: bool = False
    ignored_cache_root: Path | None = None


class Backend:
    """One per run: `check` any number of times, then `close` (stops a local server)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.cache = Cache(options.cache_dir, options.ignored_cache_root)
        public = options.url is not None and is_public_api(options.url)
        self.batch_bytes = PUBLIC_BATCH_BYTES if public else BATCH_BYTES
        self.workers = 1 if public else WORKERS
        self.pace = Pace(PUBLIC_REQUESTS_PER_MINUTE, PUBLIC_BYTES_PER_MINUTE) if public else None
        self._server: LocalServer | None = None
        self._client: Client | None = None
        self._version: str | None = None
        self._pool: ThreadPoolExecutor | None = None

    def check(self, texts: Sequence[str]) -> list[list[LTMatch]]:
        """The matches of each text, offsets relative to it.

        Raises `FatalError`, or `RuleUnavailable` when LanguageTool is optional.
        """
        if not texts:
            return []
        try:
            return self._check(texts)
        except Unavailable as exc:
            if self.options.optional:
                raise RuleUnavailable(f"LanguageTool: {exc}; going on without it") from None
            raise FatalError(
                f"LanguageTool: {exc} (or pass --languagetool-optional to go on without it)"
            ) from None

    def close(self) -> None:
        if self._pool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self._server:
            self._server.stop()
            self._client = None  # a later check starts the server again

    def _check(self, texts: Sequence[str]) -> list[list[LTMatch]]:
        o = self.options
        version = self._known_version()
        keys = [Cache.key(text, o.language, o.mother_tongue, version) for text in texts]
        results = [self._cached(key, text) for key, text in zip(keys, texts, strict=True)]
        missing = [i for i, found in enumerate(results) if found is None]
        batches = _batches(missing, texts, self.batch_bytes)
        for batch, (answer_version, matches) in zip(batches, self._send(batches, texts),
                                                   strict=True):
            if o.url and answer_version and answer_version != self._version:
                # The server was upgraded since it last said its version.
                self.cache.record_server_version(o.url, answer_version)
                self._version = answer_version
            for i, found in zip(batch, _split(matches, [texts[i] for i in batch]), strict=True):
                results[i] = found
                self.cache.put(Cache.key(texts[i], o.language, o.mother_tongue,
                                         self._version or version), found)
        return [found or [] for found in results]

    def _cached(self, key: str, text: str) -> list[LTMatch] | None:
        found = self.cache.get(key)
        return found if found is not None and valid(found, text) else None

    def _send(
        self, batches: list[list[int]], texts: Sequence[str]
    ) -> list[tuple[str, list[LTMatch]]]:
        if not batches:
            return []
        client = self._connect()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="languagetool")
        o = self.options
        futures: list[Future[tuple[str, list[LTMatch]]]] = [
            self._pool.submit(client.check, SEPARATOR.join(texts[i] for i in batch),
                              o.language, o.mother_tongue)
            for batch in batches
        ]
        try:
            return [future.result() for future in futures]
        except BaseException:  # an error or Ctrl-C: do not send what has not gone yet
            for future in futures:
                future.cancel()
            raise

    def _known_version(self) -> str:
        """The LanguageTool version for cache keys, found without starting a server if possible."""
        if self._version is None:
            url = self.options.url
            if url is None:
                self._server = _local_server(self.options.timeout)
                self._version = self._server.version
            else:
                self._version = self.cache.server_version(url, VERSION_MAX_AGE) or self._probe(url)
        return self._version

    def _probe(self, url: str) -> str:
        o = self.options
        version, _ = self._connect().check(_PROBE, o.language, o.mother_tongue)
        self.cache.record_server_version(url, version)
        return version

    def _connect(self) -> Client:
        if self._client is None:
            if self.options.url is not None:
                base = api_base(self.options.url)
            else:
                assert self._server is not None, "the version is known before any request"
                base = self._server.start()
            self._client = Client(base, self.options.timeout, self.pace)
        return self._client


def _batches(indexes: list[int], texts: Sequence[str], limit: int) -> list[list[int]]:
    """Consecutive runs of `indexes` whose texts add up to at most `limit` bytes."""
    batches: list[list[int]] = []
    size = limit
    for i in indexes:
        length = len(texts[i].encode("utf-8")) + len(SEPARATOR)
        if size + length > limit:
            batches.append([])
            size = 0
        batches[-1].append(i)
        size += length
    return batches


def _split(matches: list[LTMatch], texts: list[str]) -> list[list[LTMatch]]:
    """Give each text of a batch its matches, offsets relative to it; drop those across texts."""
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    found: list[list[LTMatch]] = [[] for _ in texts]
    for match in matches:
        i = bisect.bisect_right(starts, match.offset) - 1
        if i >= 0 and match.offset + match.length <= starts[i] + len(texts[i]):
            found[i].append(match.shifted(-starts[i]))
    return found


def _local_server(timeout: float) -> LocalServer:
    # language-tool-python, which installs and describes a local LanguageTool, comes with
    # the `languagetool` extra: a server at a URL needs no more than HTTP.
    try:
        from transcheck.languagetool.server import LocalServer
    except ImportError:
        raise Unavailable(
            "a local LanguageTool server needs the languagetool extra: pip install "
            "'transcheck[languagetool]' (or use a server: --languagetool-url URL)") from None
    return LocalServer(timeout)
