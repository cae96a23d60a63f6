"""The LanguageTool backend: a server for the run, `/v2/check` requests, an on-disk cache.

- `server`: a local LanguageTool, installed (and downloaded once, with a progress bar)
  by language-tool-python, started for the run and always stopped.
- `client`: `POST /v2/check` to that server, a team's server or the public API.
- `protocol`: the JSON answer, read into `LTMatch`es with code-point offsets.
- `cache`: answers on disk, by text, language, mother tongue and LanguageTool version.
- `backend`: paragraphs in, matches out: cache, batches, concurrent requests, errors.

Why not language-tool-python's `LanguageTool.check` and its `Match`: a `Match` keeps ten
fields and drops `shortMessage`, the rule's description (which `transcheck explain`
shows) and its URL; it corrects `offset` from UTF-16 units to code points but not
`length`, so a span with an emoji in it comes out wrong; and its client restarts a local
server on any I/O error, which must not happen from several threads at once. Its
`LanguageTool` class, finally, retries a server that fails to start on up to 900 ports,
waiting 15 seconds on each, so a server that hangs would hang the run for hours. So
transcheck uses the library for what it does well — finding or downloading a
LanguageTool installation and checking the Java version — and reads `/v2/check` itself.
"""

from __future__ import annotations


class Unavailable(Exception):
    """LanguageTool cannot be used; the message is one line that says what to do."""
