"""Which answers' version facts and reviews have aged: the logic of `make freshness`, free of network I/O.

A `versions` entry that is a PEP 508 requirement names a package on PyPI. Given the package's
PyPI JSON (https://pypi.org/pypi/<name>/json), an entry is stale when its range excludes the
latest release, or when the newest version it names (in the specifier or its note, such as
"tested with 3.17") is an older minor version than the latest release. Entries marked
`tool:` are not on PyPI and are skipped. A review older than six months is stale too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from .. import rules
from ..load.bank import Bank, Question

VERSION_IN_TEXT = re.compile(r"(?<![\w.])v?(\d+\.\d+(?:\.\d+)?)(?![\w.])")


@dataclass(frozen=True)
class Stale:
    """One aged fact of one answer."""

    qid: str
    what: str

    def __str__(self) -> str:
        return f"[{self.qid}] {self.what}"


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


def package_of(entry: str) -> tuple[Requirement, str] | None:
    """The requirement and note of a `versions` entry, or None for a `tool:` entry."""
    if entry.startswith(rules.TOOL_PREFIX):
        return None
    requirement, note = rules.split_version(entry)
    return Requirement(requirement), note.removesuffix(")")


def newest_named(requirement: Requirement, note: str) -> Version | None:
    """The newest version an entry names, in its specifier or its note."""
    named = [Version(spec.version.rstrip(".*")) for spec in requirement.specifier if spec.version.rstrip(".*")[0].isdigit()]
    for text in VERSION_IN_TEXT.findall(note):
        try:
            named.append(Version(text))
        except InvalidVersion:
            continue
    return max(named) if named else None


def entry_staleness(entry: str, pypi: dict[str, Any] | None) -> str | None:
    """Why a `versions` entry is stale against its package's PyPI data, or None when it is current."""
    parsed = package_of(entry)
    if parsed is None:
        return None
    requirement, note = parsed
    if pypi is None:
        return f"`{entry}`: {requirement.name} is not on PyPI: mark the entry `{rules.TOOL_PREFIX} ...` or fix the name"
    latest = latest_release(pypi)
    if latest is None:
        return None
    if not requirement.specifier.contains(latest, prereleases=False):
        return f"`{entry}` excludes the latest release {latest}: check the answer against it and widen the range"
    newest = newest_named(requirement, note)
    if newest is not None and newest.release[:2] < latest.release[:2]:
        return f"`{entry}` names {newest}, the latest release is {latest}: check the answer against it and name the version you checked"
    return None


def stale_facts(bank: Bank, fetch: Callable[[str], dict[str, Any] | None], today: dt.date) -> Iterator[Stale]:
    """Every aged version fact and review in the bank; `fetch` returns a package's PyPI JSON or None."""
    cache: dict[str, dict[str, Any] | None] = {}
    for q in bank.questions:
        yield from _question(q, fetch, cache)
        age = (today - q.reviewed).days
        if age > rules.FRESHNESS_MAX_AGE_DAYS:
            yield Stale(q.id, f"reviewed {q.reviewed.isoformat()}, {age} days ago: check it against its sources")


def _question(q: Question, fetch: Callable[[str], dict[str, Any] | None], cache: dict[str, Any]) -> Iterator[Stale]:
    for entry in q.versions:
        parsed = package_of(entry)
        if parsed is None:
            continue
        name = canonicalize_name(parsed[0].name)
        if name not in cache:
            cache[name] = fetch(name)
        reason = entry_staleness(entry, cache[name])
        if reason:
            yield Stale(q.id, reason)
