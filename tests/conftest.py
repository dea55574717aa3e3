"""Shared fixtures: a strict build of the real site, served from a sub-path, and Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "mlops-interview-guide"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(
    site_dir: Path, site_url: str, project: Path = ROOT, config: str = "mkdocs.yml", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build; the caller asserts on the result."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def wait_until(page, expression: str, timeout: float = 30000) -> None:
    """Poll a JavaScript expression until it is truthy.

    Playwright's wait_for_function compiles its predicate with eval inside the page, which the
    site's Content-Security-Policy rightly refuses; evaluate() runs over the DevTools protocol.
    """
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(50)


def wait_for_transitions(page, timeout: float = 30000) -> None:
    """Wait until no CSS transition or animation runs, so colours and positions read are the settled ones."""
    wait_until(page, "document.getAnimations().every((a) => a.playState !== 'running')", timeout)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def unused_port() -> int:
    """A TCP port on localhost that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _GzipHandler(_QuietHandler):
    """Compresses text responses for clients that accept gzip, as GitHub Pages does."""

    TEXT = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"})

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.TEXT or not path.is_file():
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve_directory(directory: Path, port: int, gzip_text: bool = False) -> Iterator[None]:
    """Serve `directory` over HTTP on localhost:`port` in a background thread."""
    handler = functools.partial(_GzipHandler if gzip_text else _QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def free_port() -> int:
    return unused_port()


@pytest.fixture(scope="session")
def base_url(free_port: int) -> str:
    """Where the site is served: a sub-path, as on GitHub project pages."""
    return f"http://127.0.0.1:{free_port}/{SUBPATH}/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, base_url: str) -> Path:
    """The real site, built strictly once per test session."""
    root = tmp_path_factory.mktemp("served")
    site_dir = root / SUBPATH
    result = build_site(site_dir, base_url)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def server(site: Path, free_port: int, base_url: str) -> Iterator[str]:
    """Serve the built site on localhost; yields the site's base URL."""
    with serve_directory(site.parent, free_port):
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Missing browser: skip locally, fail under CI."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def refuse_other_hosts(context, allowed: tuple[str, ...] = ("http://127.0.0.1", "data:", "blob:")) -> list[str]:
    """Abort every request of `context` to a URL outside `allowed`; the list of those URLs, for the test to assert empty."""
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


@pytest.fixture()
def page(browser, server: str) -> Iterator[object]:
    """A fresh browser page (own storage) that fails the test on requests to any other host.

    The offline service worker is blocked here (each fresh context would precache the whole
    site); tests/test_offline.py runs it.
    """
    context = browser.new_context(base_url=server, service_workers="block")
    outside = refuse_other_hosts(context)
    page = context.new_page()
    page.outside_requests = outside
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()
    assert not outside, f"requests to other hosts: {outside}"
