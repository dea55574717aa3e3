"""Property: whatever the text, the loader returns a bank or located problems, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.check.validate import check_text
from tests.conftest import ROOT

REAL = (ROOT / "data" / "questions.yaml").read_text(encoding="utf-8")
REAL_LINES = REAL.splitlines(keepends=True)
PROBLEM = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): \[(?P<subject>[^\]]+)\] (?P<message>.+)$", re.S)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_loads_or_reports(text: str) -> None:
    bank, problems = check_text(text, "q.yaml")
    assert (bank is None) == bool(problems)
    last_line = text.count("\n") + 2
    for problem in problems:
        match = PROBLEM.match(str(problem))
        assert match, f"unformatted problem: {problem}"
        assert 1 <= int(match["line"]) <= last_line, problem
        assert match["message"].strip()


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    assert_loads_or_reports(text)


YAMLISH = st.lists(
    st.sampled_from(
        [
            "levels:",
            "questions:",
            "topics:",
            "  - id: x",
            "    level: beginner",
            "- [a, b",
            "key: {",
            "&a [*a]",
            "? [x]\n: y",
            "'unclosed",
            "  tags: drift",
            "\t- tab",
            "---",
            "...",
            "id: Bad Id",
            "!!python/object:os.system",
        ]
    ),
    max_size=12,
).map("\n".join)


@FUZZ
@given(YAMLISH)
def test_yaml_like_text(text: str) -> None:
    assert_loads_or_reports(text)


@st.composite
def mutated_bank(draw: st.DrawFn) -> str:
    lines = list(REAL_LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "char", "truncate"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip()
        elif kind == "char" and lines[i].strip():
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + draw(st.sampled_from([":", "-", "'", '"', "{", "[", "#", " ", "x"])) + lines[i][j + 1 :]
        elif kind == "truncate":
            lines = lines[:i]
        if not lines:
            break
    return "".join(lines)


@FUZZ
@given(mutated_bank())
def test_mutations_of_the_real_bank(text: str) -> None:
    assert_loads_or_reports(text)


def test_the_real_bank_loads(tmp_path: Path) -> None:
    bank, problems = check_text(REAL, "data/questions.yaml")
    assert problems == [] and bank is not None and len(bank.questions) >= 50
