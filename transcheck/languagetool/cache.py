"""LanguageTool's answers on disk, so that an unchanged paragraph costs no request.

An entry is keyed by the paragraph's text, the language, the mother tongue and the
LanguageTool version, and holds the matches (selection happens later, so the same entry
serves every `--select`). Beside the entries: what each LanguageTool rule is (its
description, for `transcheck explain`), and the version each remote server last reported.
Writing is best effort (a read-only checkout still gets its findings) and atomic (a
rename), so concurrent runs may share a directory.

The directory is in the project, where a pull request or a CI cache restored from
another branch can plant files; an answer read back would be applied by `--fix` with
no request made. So every entry is signed with the user's own key (`user_cache.secret`,
outside the project): an entry without a valid signature is a miss, and asked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any

from transcheck import user_cache
from transcheck.languagetool.protocol import LTMatch

# Bump when the stored form of a match changes: old entries are then never read.
FORMAT = 2
_GITIGNORE = "# Created by transcheck: a cache, not to be committed.\n*\n"


class Cache:
    """Entries under `directory`; `ignored_root`, if given, gets a `.gitignore` of `*`."""

    def __init__(self, directory: Path, ignored_root: Path | None = None) -> None:
        self.directory = directory
        self.ignored_root = ignored_root

    @staticmethod
    def key(text: str, language: str, mother_tongue: str | None, version: str) -> str:
        material = json.dumps([FORMAT, version, language, mother_tongue or "", text])
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def get(self, key: str) -> list[LTMatch] | None:
        data = self._read(self.directory / key[:2] / f"{key[2:]}.json")
        try:
            if not data or not hmac.compare_digest(str(data["signature"]),
                                                   _signature(key, data["matches"])):
                return None  # not written by this user's transcheck
            return [LTMatch.from_json(m) for m in data["matches"]]
        except (KeyError, TypeError):  # written by another version of transcheck
            return None

    def put(self, key: str, matches: list[LTMatch]) -> None:
        stored = [m.to_json() for m in matches]
        signature = _signature(key, stored)
        if signature:
            self._write(self.directory / key[:2] / f"{key[2:]}.json",
                        {"matches": stored, "signature": signature})
        for match in matches:
            path = self._rule_path(match.rule_id)
            if not path.exists():
                self._write(path, _rule_info(match))

    def rule(self, rule_id: str) -> dict[str, Any] | None:
        """What LanguageTool said about the rule `rule_id` when it last reported it."""
        return self._read(self._rule_path(rule_id))

    def rules(self) -> list[dict[str, Any]]:
        """Every LanguageTool rule seen, by id."""
        found = (self._read(p) for p in sorted((self.directory / "rules").glob("*.json")))
        return [info for info in found if info]

    def server_version(self, url: str, max_age: float) -> str | None:
        """The version the server at `url` reported less than `max_age` seconds ago."""
        data = self._read(self._server_path(url))
        if not data or time.time() - float(data.get("seen", 0)) > max_age:
            return None
        return str(data.get("version", "")) or None

    def record_server_version(self, url: str, version: str) -> None:
        self._write(self._server_path(url), {"url": url, "version": version, "seen": time.time()})

    def _rule_path(self, rule_id: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in rule_id)
        return self.directory / "rules" / f"{safe}.json"

    def _server_path(self, url: str) -> Path:
        return self.directory / "servers" / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}.json"

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self._make_ignored_root()
            path.parent.mkdir(parents=True, exist_ok=True)
            user_cache.write_json(path, data)

    def _make_ignored_root(self) -> None:
        root, self.ignored_root = self.ignored_root, None
        if root and not root.exists():
            root.mkdir(parents=True, exist_ok=True)
            (root / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")


def _signature(key: str, matches: Any) -> str:
    """The user's signature of an entry; "" (never valid) without a key to sign with."""
    secret = user_cache.secret()
    if secret is None:
        return ""
    material = json.dumps([key, matches], sort_keys=True, ensure_ascii=True)
    return hmac.new(secret, material.encode("ascii"), hashlib.sha256).hexdigest()


def _rule_info(match: LTMatch) -> dict[str, Any]:
    return {
        "id": match.rule_id,
        "description": match.description,
        "issue_type": match.issue_type,
        "category_id": match.category_id,
        "category_name": match.category_name,
        "url": match.url,
    }
