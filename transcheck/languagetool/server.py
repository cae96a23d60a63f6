"""A LanguageTool server of our own for the run: installed by language-tool-python, always stopped.

language-tool-python finds an installation under `$LTP_PATH/LanguageTool-<version>/`
(default `~/.cache/language_tool_python/`), checks the Java version, downloads the
release the first time (with a progress bar) and builds the command line
`java -cp <jar> org.languagetool.server.HTTPServer -p <port>`. transcheck runs that
command once, on a free port of this machine, waits for `/v2/healthcheck` and stops
the process at the end of the run, also on errors and Ctrl-C (and at interpreter exit,
for Python API users who never end a run).
"""

from __future__ import annotations

import atexit
import shutil
import socket
import subprocess
import tempfile
import time
from typing import IO
from urllib.parse import urlsplit

import requests
from language_tool_python.download_lt import LocalLanguageTool
from language_tool_python.exceptions import LanguageToolError
from language_tool_python.utils import get_language_tool_download_path

from transcheck.languagetool import Unavailable

_POLL_SECONDS = 0.2
_STOP_SECONDS = 10.0


def installed_version() -> LocalLanguageTool:
    """The newest LanguageTool installed, or else the version the library downloads."""
    return LocalLanguageTool.get_latest_installed_version() or LocalLanguageTool.from_version_name()


class LocalServer:
    """`start()` returns the server's API base URL; `stop()` may be called any number of times."""

    def __init__(self, startup_timeout: float) -> None:
        try:
            self.tool = installed_version()
        except OSError as exc:
            raise Unavailable(f"cannot read the LanguageTool folder: {exc}") from None
        self.version = self.tool.version_name
        self.startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def start(self) -> str:
        self._install()
        port = _free_port()
        try:
            command = self.tool.get_server_cmd(port)
        except (LanguageToolError, FileNotFoundError) as exc:
            raise Unavailable(f"{exc}; reinstall LanguageTool {self.version}") from None
        # Kept open while the server runs, for the message of a server that dies at start.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr
        )
        atexit.register(self.stop)
        base = f"http://localhost:{port}/v2"
        try:
            self._wait_until_healthy(base)
        except BaseException:
            self.stop()
            raise
        return base

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        atexit.unregister(self.stop)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._stderr:
            self._stderr.close()
            self._stderr = None

    def _install(self) -> None:
        if not shutil.which("java"):
            raise Unavailable(
                "Java is not installed (a local LanguageTool needs Java 17 or newer); "
                "install it, or use --languagetool-url with a LanguageTool server"
            )
        folder = get_language_tool_download_path()
        try:
            self.tool.download()  # checks Java; downloads only what is not installed
        except (ModuleNotFoundError, SystemError) as exc:  # the library's "no Java"/"old Java"
            raise Unavailable(f"{exc}; install Java 17 or newer") from None
        except SystemExit:  # the library exits when it cannot read `java -version`
            raise Unavailable("cannot tell the Java version from `java -version`") from None
        except (requests.RequestException, TimeoutError, LanguageToolError, OSError) as exc:
            host = urlsplit(self.tool.download_url).hostname
            raise Unavailable(
                f"LanguageTool {self.version} is not installed in {folder} and downloading it "
                f"from {host} failed ({type(exc).__name__}); connect to the network once, "
                f"or unzip LanguageTool-{self.version}.zip there, or use --languagetool-url"
            ) from None

    def _wait_until_healthy(self, base: str) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout
        while True:
            status = self._process.poll()
            if status is not None:
                raise Unavailable(
                    f"the LanguageTool server exited at start (status {status}): "
                    f"{self._last_error_line() or 'no message'}"
                )
            try:
                if requests.get(base + "/healthcheck", timeout=_POLL_SECONDS * 5).ok:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise Unavailable(
                    f"the LanguageTool server did not answer within {self.startup_timeout:g} s "
                    "of its start; raise languagetool-timeout"
                )
            time.sleep(_POLL_SECONDS)

    def _last_error_line(self) -> str:
        """The root cause of a Java stack trace: its last line that is not a stack frame."""
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").splitlines()
        causes = [line for line in lines if line.strip() and not line[0].isspace()]
        return causes[-1][:200] if causes else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        port: int = probe.getsockname()[1]
        return port
