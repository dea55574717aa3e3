"""`make freshness` logic on recorded PyPI responses (tests/data/pypi/*.json, trimmed to versions and yanked flags)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from macros.check.freshness import entry_staleness, latest_release, stale_facts
from macros.check.validate import check_text
from tests.factory import bank, dump

RECORDED = Path(__file__).parent / "data" / "pypi"


def recorded(name: str) -> dict | None:
    path = RECORDED / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def test_recorded_latest_releases() -> None:
    assert str(latest_release(recorded("mlflow"))) == "3.18.0"
    assert str(latest_release(recorded("tfx"))) == "1.21.0"


def test_prereleases_and_yanked_releases_are_not_the_latest() -> None:
    pypi = {"releases": {"1.0.0": [{}], "1.1.0": [{"yanked": True}], "2.0.0rc1": [{}]}, "info": {"version": "2.0.0rc1"}}
    assert str(latest_release(pypi)) == "1.0.0"


@pytest.mark.parametrize(
    ("entry", "stale"),
    [
        ("mlflow>=3.0 (log_model name=; tested with 3.18)", None),
        ("kfp>=2.0 (checked against 2.17.3)", None),
        ("mlflow>=3.0 (log_model name=)", "names 3.0, the latest release is 3.18.0"),
        ("python-json-logger>=3.1", "names 3.1, the latest release is 4.2.0"),
        ("tfx>=1.16,<1.17", "excludes the latest release 1.21.0"),
        ("mlflow<3 (stages)", "excludes the latest release 3.18.0"),
        ("tool: Kubernetes >= 1.34", None),
        ("pytorch>=2.0", "is not on PyPI"),
    ],
)
def test_entry_staleness(entry: str, stale: str | None) -> None:
    name = entry.split(">")[0].split("<")[0]
    reason = entry_staleness(entry, recorded(name))
    assert (reason is None) if stale is None else (reason is not None and stale in reason), reason


def test_stale_facts_lists_old_reviews_and_aged_versions() -> None:
    data = bank(2)
    data["questions"][0].update(versions=["mlflow>=2.3 (aliases)", "tool: KServe >= 0.16"], reviewed="2026-01-10")
    data["questions"][1].update(versions=["mlflow>=3.0 (tested with 3.18)"], reviewed="2026-11-20")
    loaded, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 29))
    assert loaded is not None, problems
    fetched: list[str] = []

    def fetch(name: str) -> dict | None:
        fetched.append(name)
        return recorded(name)

    stale = [str(s) for s in stale_facts(loaded, fetch, dt.date(2026, 11, 29))]
    assert stale == [
        "[question-1] `mlflow>=2.3 (aliases)` names 2.3, the latest release is 3.18.0: "
        "check the answer against it and name the version you checked",
        "[question-1] reviewed 2026-01-10, 323 days ago: check it against its sources",
    ]
    assert fetched == ["mlflow"], "each package is fetched once"
