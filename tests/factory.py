"""Builders of valid bank data for tests and benchmarks: change one thing, see one problem."""

from __future__ import annotations

import copy
from typing import Any

import yaml

LEVELS = [
    {"id": "beginner", "title": "Beginner", "description": "First steps."},
    {"id": "advanced", "title": "Advanced", "description": "Deeper questions."},
]
TOPICS = [{"id": "drift", "title": "Drift"}, {"id": "deployment", "title": "Deployment"}]
WORDS = "the model serves predictions while a monitor compares live inputs with the training window".split()


def prose(n: int, seed: str = "") -> str:
    """`n` words of deterministic prose, distinct per seed."""
    words = [f"{seed}{i}" if i % 17 == 0 and seed else WORDS[i % len(WORDS)] for i in range(n)]
    return " ".join(words)


def question(qid: str, level: str = "beginner", **overrides: Any) -> dict[str, Any]:
    """A question that meets every rule, with `overrides` applied."""
    entry: dict[str, Any] = {
        "id": qid,
        "level": level,
        "question": f"What does {qid.replace('-', ' ')} mean?",
        "tags": ["drift"],
        "short_answer": f"A short answer about {qid}.",
        "key_points": [f"First point about {qid}.", "Second point: the mechanism.", "Third point: the trade-off."],
        "answer": prose(170, qid) + "\n\n```python\nprint('example')\n```\n",
        "follow_ups": [
            {"question": "What comes next?", "hint": "Say how you would check it."},
            {"question": "And after that?", "hint": "Name the trade-off."},
        ],
        "pitfalls": ["Confusing it with something else."],
        "related": [],
        "references": [
            {"title": "Source one", "url": "https://example.org/one"},
            {"title": "Source two", "url": "https://example.org/two"},
        ],
        "reviewed": "2026-11-01",
    }
    entry.update(overrides)
    return entry


def bank(n: int = 3) -> dict[str, Any]:
    """A valid bank of `n` questions across two levels, each related to the next and the previous (both ways)."""
    ids = [f"question-{i}" for i in range(1, n + 1)]
    questions = [
        question(
            qid,
            level="beginner" if i < (n + 1) // 2 else "advanced",
            related=list(dict.fromkeys([ids[(i + 1) % n], ids[(i - 1) % n]])),
        )
        for i, qid in enumerate(ids)
    ]
    return {"levels": copy.deepcopy(LEVELS), "topics": copy.deepcopy(TOPICS), "questions": questions}


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
