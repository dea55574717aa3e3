"""The lock of every question id ever published: ids may gain aliases, never disappear."""

from __future__ import annotations

from pathlib import Path

from ..load.bank import Bank, Problem


def read_published(path: Path) -> list[tuple[int, str]]:
    """Ids in the lock file with their line numbers (comments and blanks skipped)."""
    if not path.exists():
        return []
    return [
        (n, line.strip())
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def reachable_ids(bank: Bank) -> set[str]:
    """Every id a link may use: current ids and aliases."""
    return {q.id for q in bank.questions} | {a for q in bank.questions for a in q.aliases}


def published_problems(bank: Bank, lock: Path) -> list[Problem]:
    """A published id that no question answers to any more is a broken link."""
    reachable = reachable_ids(bank)
    return [
        Problem(
            str(lock),
            line,
            qid,
            "this published id no longer exists: restore the question, or add it under "
            "`aliases:` of the question that replaced it so old links keep working",
        )
        for line, qid in read_published(lock)
        if qid not in reachable
    ]


def lock_text(bank: Bank, lock: Path) -> str:
    """The lock file with ids new in this bank appended (ids are never removed)."""
    known = [qid for _, qid in read_published(lock)]
    new = [q.id for q in bank.questions if q.id not in known]
    header = "# Every question id ever published. Append only: a removed id breaks links.\n"
    return header + "".join(f"{qid}\n" for qid in [*known, *new])
