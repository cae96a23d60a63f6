"""Errors that end in a one-line message and exit status 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self


class TranscheckError(Exception):
    """Base of the errors transcheck reports to the user in one line."""

    # The file the error is about, when it is about one: CI formats annotate that file.
    # (An attribute, so that it crosses processes with the error: pickles keep __dict__.)
    path: str | None = None

    def about(self, path: str) -> Self:
        """This error, about `path` unless it already names a file."""
        if self.path is None:
            self.path = path
        return self


class ConfigError(TranscheckError):
    """A bad configuration file, option, value or rule selector."""


class InputError(TranscheckError):
    """A file that cannot be checked: missing, binary, not UTF-8."""


class FatalError(TranscheckError):
    """Ends the whole run, not just one file: something every file needs (a server) failed."""


class RuleUnavailable(TranscheckError):
    """A rule cannot run (an optional backend is down): the run warns once and goes on."""


class TranscheckWarning(UserWarning):
    """Something the user should know before the run's results (a slow pack): the engine
    collects these as the run's warnings."""


class PluginError(TranscheckError):
    """A plugin registered something malformed: a bad or colliding rule code or name."""
