"""Every Python snippet in an answer runs as printed, or says it is an excerpt.

A snippet is an excerpt when its first line is a comment starting `# Excerpt`, or when the paragraph
just before it starts with *Excerpt*. Every other snippet must run on a CPU as printed, imports and data
included; output an answer shows goes in a ```text block right after the snippet and must be exactly
what it prints. Here the snippets that need only the standard library and the test dependencies (numpy,
scipy, scikit-learn, pandas, nh3) are run; the rest are run by the authors (README: "Adding a question").
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.check.validate import load
from tests.conftest import ROOT

BANK = load(ROOT / "data" / "questions.yaml")
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<code>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class Snippet:
    qid: str
    index: int
    code: str
    output: str | None  # the ```text block right after it, if any
    excerpt: bool

    @property
    def name(self) -> str:
        return f"{self.qid}#{self.index}"

    def modules(self) -> set[str]:
        found = set()
        for node in ast.walk(ast.parse(self.code)):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
        return found


def snippets() -> list[Snippet]:
    found = []
    for q in BANK.questions:
        fences = list(FENCE.finditer(q.answer))
        for n, m in enumerate(fences):
            if m["info"].strip().split()[:1] != ["python"]:
                continue
            before = q.answer[: m.start()].rstrip().split("\n\n")[-1].lstrip()
            after = fences[n + 1] if n + 1 < len(fences) else None
            shown = None
            if after and after["info"].strip() == "text" and not q.answer[m.end() : after.start()].strip():
                shown = after["code"]
            excerpt = m["code"].lstrip().startswith("# Excerpt") or before.startswith("*Excerpt")
            found.append(Snippet(q.id, n, m["code"], shown, excerpt))
    return found


SNIPPETS = snippets()
RUNNABLE = [s for s in SNIPPETS if not s.excerpt]
HERE = [s for s in RUNNABLE if all(importlib.util.find_spec(m) is not None for m in s.modules())]


def test_the_bank_has_snippets_and_most_run_here() -> None:
    assert len(SNIPPETS) >= 40
    assert len(HERE) >= len(RUNNABLE) // 2, [s.name for s in RUNNABLE if s not in HERE]


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.name for s in RUNNABLE])
def test_every_runnable_snippet_is_valid_python(snippet: Snippet) -> None:
    compile(snippet.code, snippet.name, "exec")


@pytest.mark.parametrize("snippet", HERE, ids=[s.name for s in HERE])
def test_snippet_runs_as_printed(snippet: Snippet, tmp_path: Path) -> None:
    script = tmp_path / "snippet.py"
    script.write_text(snippet.code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, f"{snippet.name} failed:\n{result.stderr[-2000:]}"
    if snippet.output is not None:
        printed = [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")]
        shown = [line.rstrip() for line in snippet.output.rstrip("\n").split("\n")]
        assert printed == shown, f"{snippet.name} prints something else than its answer shows"
