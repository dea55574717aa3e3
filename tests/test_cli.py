"""`python -m macros check`: a one-line summary, or every problem located, and never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.factory import bank, dump

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)}
    )


def test_real_bank_passes_with_a_summary() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"\d+ questions in \d+ levels, 0 problems", result.stdout.strip())


def test_bad_bank_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    data = bank(4)
    data["questions"][0]["level"] = "expert"
    data["questions"][3]["tags"] = ["magic"]
    path = tmp_path / "questions.yaml"
    path.write_text(dump(data), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:") and "[question-1] unknown level `expert`" in lines[0]
    assert "[question-4] unknown tag `magic`" in lines[1]
    assert "Traceback" not in result.stderr


def test_missing_and_unparsable_files_are_problems_not_tracebacks(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1 and "file not found" in missing.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"\xff\xfe not utf-8")
    result = run("check", str(broken))
    assert result.returncode == 1 and "cannot read the file" in result.stdout and "Traceback" not in result.stderr
