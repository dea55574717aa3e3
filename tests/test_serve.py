"""`mkdocs serve` reports a broken bank, recovers once it is fixed, and picks up edits to macros/."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.validate import load
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

    def wait_for(self, text: str, timeout: float = 60) -> list[str]:
        """Output lines up to the first one containing `text`."""
        seen: list[str] = []
        end = time.monotonic() + timeout
        while time.monotonic() < end:
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
def served(tmp_path: Path, free_port: int) -> Iterator[tuple[Server, Path]]:
    project = copy_project(tmp_path / "project")
    server = Server(project, free_port + 1)
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
    time.sleep(1.5)  # the watcher ignores changes in the first moments after start-up
    bank_file.write_text(good.replace(f"level: {first.level}", "level: expert", 1), encoding="utf-8")
    output = "".join(server.wait_for(f"[{first.id}] unknown level `expert`"))
    assert "data/questions.yaml:" in output and "Traceback" not in output
    bank_file.write_text(good.replace(first.question, first.question.rstrip("?") + " today?", 1), encoding="utf-8")
    server.wait_for("Documentation built")
    assert first.question.rstrip("?") + " today?" in server.get(f"{first.level}/")


def test_serve_applies_edits_to_the_macros_package(served: tuple[Server, Path]) -> None:
    server, project = served
    render = project / "macros" / "render.py"
    time.sleep(1.5)
    render.write_text(render.read_text(encoding="utf-8").replace("In 30 seconds", "In half a minute"), encoding="utf-8")
    server.wait_for("Documentation built")
    assert "In half a minute" in server.get("beginner/")
