"""The local LanguageTool server's life: started once, health-checked, always stopped.

No LanguageTool can be installed here, so each test compiles a stand-in for it: a Java
class named like LanguageTool's server (`org.languagetool.server.HTTPServer`) that
answers `/v2/healthcheck` and `/v2/check` (with no matches: it checks nothing), packed
as `languagetool-server.jar` where language-tool-python looks for an installation,
`$LTP_PATH/LanguageTool-<version>/`. Environment variables make it misbehave the ways a
real server can: die at start, never become healthy, answer slowly.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION

from .conftest import _script
from .helpers import interruptible

JAVA = shutil.which("java")
needs_java = pytest.mark.skipif(not JAVA, reason="needs java")
needs_javac = pytest.mark.skipif(not (JAVA and shutil.which("javac")),
                                 reason="needs javac to compile the stand-in server")

STAND_IN = """\
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stand-in for LanguageTool's server in transcheck's tests. It checks nothing. */
public class HTTPServer {
  public static void main(String[] args) throws Exception {
    int port = 8081;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("-p") || args[i].equals("--port")) port = Integer.parseInt(args[i + 1]);
    }
    Files.writeString(Path.of(System.getenv("STANDIN_DIR"), "pid"),
                      Long.toString(ProcessHandle.current().pid()));
    String mode = System.getenv().getOrDefault("STANDIN_MODE", "ok");
    if (mode.equals("crash")) throw new IllegalStateException("the stand-in was told to fail");
    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    server.createContext("/v2/healthcheck", exchange -> {
      if (!mode.equals("unhealthy")) send(exchange, "OK");
    });
    server.createContext("/v2/check", exchange -> {
      Files.writeString(Path.of(System.getenv("STANDIN_DIR"), "checked"), "yes");
      if (mode.equals("slow")) pause(120_000);
      send(exchange, "{\\"software\\":{\\"name\\":\\"LanguageTool\\","
                     + "\\"version\\":\\"0.0-stand-in\\"},\\"matches\\":[]}");
    });
    server.start();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) { out.write(bytes); }
  }
}
"""


@pytest.fixture(scope="module")
def server_jar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = tmp_path_factory.mktemp("stand-in")
    source = build / "org" / "languagetool" / "server" / "HTTPServer.java"
    source.parent.mkdir(parents=True)
    source.write_text(STAND_IN, encoding="utf-8")
    classes = build / "classes"
    subprocess.run(["javac", "-d", str(classes), str(source)], check=True, capture_output=True)
    jar = build / "languagetool-server.jar"
    with zipfile.ZipFile(jar, "w") as archive:
        for compiled in classes.rglob("*.class"):
            archive.write(compiled, compiled.relative_to(classes).as_posix())
    return jar


@pytest.fixture
def project(tmp_path: Path, server_jar: Path) -> Path:
    """An article, and a LanguageTool 'installation' where language-tool-python looks."""
    installed = tmp_path / "ltp" / f"LanguageTool-{LTP_DOWNLOAD_VERSION}"
    installed.mkdir(parents=True)
    shutil.copy(server_jar, installed / "languagetool-server.jar")
    (tmp_path / "article.txt").write_text("The plan , said the mayor, was ready.\n",
                                          encoding="utf-8")
    (tmp_path / "transcheck.toml").write_text("languagetool-timeout = 5\n", encoding="utf-8")
    return tmp_path


def environment(project: Path, mode: str = "ok", **extra: str) -> dict[str, str]:
    return {**os.environ, "LTP_PATH": str(project / "ltp"), "STANDIN_DIR": str(project),
            "STANDIN_MODE": mode, **extra}


def transcheck(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_script(), "--languagetool", *args, "article.txt"], cwd=project,
                          env=env or environment(project), capture_output=True, text=True,
                          timeout=120)


def assert_stopped(project: Path) -> None:
    pid = int((project / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@needs_javac
def test_the_server_runs_for_the_run_and_is_stopped(project):
    result = transcheck(project)
    assert result.returncode == 1, result.stderr  # TC111; the stand-in reports nothing
    assert "TC111" in result.stdout
    assert (project / "checked").exists()
    assert_stopped(project)


@needs_javac
def test_an_unchanged_article_starts_no_server(project):
    transcheck(project)
    (project / "pid").unlink()
    result = transcheck(project)
    assert result.returncode == 1
    assert not (project / "pid").exists()


@needs_javac
def test_a_server_that_dies_at_start(project):
    result = transcheck(project, **environment(project, "crash"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "the LanguageTool server exited at start (status 1)" in line
    assert "IllegalStateException: the stand-in was told to fail" in line
    assert_stopped(project)


@needs_javac
def test_a_server_that_never_becomes_healthy_is_stopped(project):
    (project / "transcheck.toml").write_text("languagetool-timeout = 1.5\n", encoding="utf-8")
    result = transcheck(project, **environment(project, "unhealthy"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "did not answer within 1.5 s of its start; raise languagetool-timeout" in line
    assert_stopped(project)


@needs_javac
def test_optional_goes_on_without_a_broken_server(project):
    result = transcheck(project, "--languagetool-optional", **environment(project, "crash"))
    assert result.returncode == 1
    assert "TC111" in result.stdout
    assert result.stderr.startswith("transcheck: warning: LanguageTool: ")
    assert_stopped(project)


@needs_javac
@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_ctrl_c_stops_the_server(project):
    process = subprocess.Popen(
        [*_script(), "--languagetool", "article.txt"], cwd=project,
        env=environment(project, "slow"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 60
    while not (project / "checked").exists():  # wait until the check is on the server
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in stderr
    assert_stopped(project)


@needs_java
def test_no_java(project):
    no_java = project / "bin"
    no_java.mkdir()
    result = transcheck(project, **environment(project, PATH=str(no_java)))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "Java is not installed" in line
    assert "--languagetool-url" in line


@needs_java
def test_no_network_for_the_first_download(tmp_path):
    (tmp_path / "article.txt").write_text("A plain sentence.\n", encoding="utf-8")
    # Nothing installed, and the download host is a port where nothing listens.
    env = {**os.environ, "LTP_PATH": str(tmp_path / "empty"),
           "LTP_DOWNLOAD_HOST_NEW_RELEASES": "http://127.0.0.1:9/",
           "LTP_DOWNLOAD_HOST_RELEASE": "http://127.0.0.1:9/"}
    result = transcheck(tmp_path, **env)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert f"LanguageTool {LTP_DOWNLOAD_VERSION} is not installed in" in line
    assert "downloading it from 127.0.0.1 failed (ConnectionError)" in line
    assert "connect to the network once" in line
