"""`mkdocs serve` reports a broken bank, recovers once it is fixed, and picks up edits to macros/."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.check.validate import load
from tests.conftest import ROOT
from tests.test_build import copy_project

pytestmark = pytest.mark.build


class Server:
    """A `mkdocs serve` process whose output is read line by line."""

    def __init__(self, project: Path, port: int) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/guide/"}
        self.url = f"http://127.0.0.1:{port}/guide/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 60, touch: Path | None = None) -> list[str]:
        """Output lines up to the first one containing `text`; re-touch `touch` every 5 s meanwhile."""
        seen: list[str] = []
        end = time.monotonic() + timeout
        next_touch = time.monotonic() + 5
        while time.monotonic() < end:
            if touch is not None and time.monotonic() > next_touch:
                touch.touch()  # the watcher can miss a change made while it starts up
                next_touch += 5
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} not printed; output was:\n{''.join(seen)}")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = copy_project(tmp_path / "project")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = Server(project, port)
    try:
        server.wait_for("Serving on")
        yield server, project
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=10)


def test_serve_reports_a_broken_bank_and_recovers(served: tuple[Server, Path]) -> None:
    server, project = served
    bank_file = project / "data" / "questions.yaml"
    good = bank_file.read_text(encoding="utf-8")
    first = load(ROOT / "data" / "questions.yaml").questions[0]
    bank_file.write_text(good.replace(f"level: {first.level}", "level: expert", 1), encoding="utf-8")
    output = "".join(server.wait_for(f"[{first.id}] unknown level `expert`", touch=bank_file))
    assert "data/questions.yaml:" in output and "Traceback" not in output
    bank_file.write_text(good.replace(first.question, first.question.rstrip("?") + " today?", 1), encoding="utf-8")
    server.wait_for("Documentation built", touch=bank_file)
    assert first.question.rstrip("?") + " today?" in server.get(f"{first.level}/")


def test_serve_applies_edits_to_the_macros_package(served: tuple[Server, Path]) -> None:
    server, project = served
    render = project / "macros" / "render" / "pages.py"
    render.write_text(render.read_text(encoding="utf-8").replace("In 30 seconds", "In half a minute"), encoding="utf-8")
    server.wait_for("Documentation built", touch=render)
    assert "In half a minute" in server.get("beginner/")


def test_serve_answers_every_request_a_page_makes(served: tuple[Server, Path]) -> None:
    """No 404 for a newcomer to read as a bug: the worker every page registers exists (and only removes
    itself and any offline copy), and search has its index."""
    server, _ = served
    worker = server.get("sw.js")
    assert "unregister()" in worker and "addAll" not in worker, "no offline copy under serve"
    assert "pagefind" in server.get("pagefind/pagefind.js").lower()
