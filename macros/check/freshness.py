"""Which answers need re-checking: the logic of `make freshness`, free of network I/O.

A `versions` entry says when a fact began to hold (`since`, a lower bound: true forever, never stale
by itself) and which release the answer was `checked` against. Given the package's PyPI JSON
(https://pypi.org/pypi/<name>/json), an entry needs doing only when:

- the checked release is behind the latest by a minor version or more, for a package below 1.0
  (0.x releases may break anything), or by a major version otherwise;
- or its range excludes the latest release (`until` reached: the fact no longer holds there).

Entries for a `tool` are not on PyPI and are left to the review date. A review older than six
months needs doing too. Findings are grouped by answer, each with the fix to make.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from .. import rules
from ..load.bank import Bank, Question, VersionFact


@dataclass(frozen=True)
class Stale:
    """One thing to re-check in one answer, and the fix."""

    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.what}: {self.fix}"


@dataclass
class Answer:
    """Everything one answer needs re-checked."""

    qid: str
    items: list[Stale] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join([f"[{self.qid}]", *(f"  - {item}" for item in self.items)])


def latest_release(pypi: dict[str, Any]) -> Version | None:
    """The newest final, non-yanked release in a PyPI JSON response."""
    finals = []
    for text, files in pypi.get("releases", {}).items():
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if version.is_prerelease or version.is_devrelease or (files and all(f.get("yanked") for f in files)):
            continue
        finals.append(version)
    if finals:
        return max(finals)
    try:
        return Version(pypi["info"]["version"])
    except (KeyError, InvalidVersion):
        return None


def behind(checked: Version, latest: Version) -> bool:
    """A minor version behind below 1.0, a major version behind from 1.0 on."""
    if checked.major == 0:
        return latest.release[:2] > checked.release[:2]
    return latest.major > checked.major


def fact_staleness(fact: VersionFact, pypi: dict[str, Any] | None) -> Stale | None:
    """What to re-check for one package entry against its PyPI data, or None when nothing needs doing."""
    if not fact.on_pypi:
        return None
    if pypi is None:
        return Stale(f"`{fact.name}` is not on PyPI", "fix the package name, or write the entry as a `tool`")
    latest = latest_release(pypi)
    if latest is None:
        return None
    if fact.until and latest >= Version(fact.until):
        return Stale(
            f"{fact} holds only before {fact.until}; the latest release is {latest}",
            "say what changed in the answer and move `until`, or drop the fact",
        )
    if fact.checked and behind(Version(fact.checked), latest):
        step = "minor" if Version(fact.checked).major == 0 else "major"
        return Stale(
            f"{fact.name} was checked against {fact.checked}; the latest release is {latest} (a {step} version on)",
            f're-check the answer\'s {fact.name} facts against {latest} and set `checked: "{latest}"`',
        )
    return None


def stale_answers(bank: Bank, fetch: Callable[[str], dict[str, Any] | None], today: dt.date) -> Iterator[Answer]:
    """Every answer with something to re-check; `fetch` returns a package's PyPI JSON or None (each fetched once)."""
    cache: dict[str, dict[str, Any] | None] = {}
    for q in bank.questions:
        answer = Answer(q.id, list(_facts(q, fetch, cache)))
        age = (today - q.reviewed).days
        if age > rules.FRESHNESS_MAX_AGE_DAYS:
            answer.items.append(
                Stale(f"reviewed {q.reviewed.isoformat()}, {age} days ago", "check it against its sources and set `reviewed`")
            )
        if answer.items:
            yield answer


def _facts(q: Question, fetch: Callable[[str], dict[str, Any] | None], cache: dict[str, Any]) -> Iterator[Stale]:
    for fact in q.versions:
        if not fact.on_pypi:
            continue
        name = canonicalize_name(fact.name)
        if name not in cache:
            cache[name] = fetch(name)
        stale = fact_staleness(fact, cache[name])
        if stale:
            yield stale
