"""`make freshness` logic on recorded PyPI responses (tests/data/pypi/*.json, trimmed to versions and yanked flags).

Recorded latest releases: mlflow 3.18.0, kfp 2.17.3, python-json-logger 4.2.0, tfx 1.21.0, vllm 0.34.0.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from macros.check.freshness import fact_staleness, latest_release, stale_answers
from macros.check.validate import check_text
from macros.load.bank import VersionFact
from tests.factory import bank, dump

RECORDED = Path(__file__).parent / "data" / "pypi"


def recorded(name: str) -> dict | None:
    path = RECORDED / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def test_recorded_latest_releases() -> None:
    assert str(latest_release(recorded("mlflow"))) == "3.18.0"
    assert str(latest_release(recorded("tfx"))) == "1.21.0"
    assert str(latest_release(recorded("vllm"))) == "0.34.0"


def test_prereleases_and_yanked_releases_are_not_the_latest() -> None:
    pypi = {"releases": {"1.0.0": [{}], "1.1.0": [{"yanked": True}], "2.0.0rc1": [{}]}, "info": {"version": "2.0.0rc1"}}
    assert str(latest_release(pypi)) == "1.0.0"


def fact(name: str, checked: str | None, since: str | None = None, until: str | None = None) -> VersionFact:
    return VersionFact(name=name, on_pypi=True, checked=checked, since=since, until=until, note="a note")


@pytest.mark.parametrize(
    ("entry", "stale"),
    [
        # a lower bound is never stale by itself, however old
        (fact("mlflow", "3.18.0", since="2.3"), None),
        # from 1.0 on, only a major version behind needs doing
        (fact("mlflow", "3.9.0", since="3.0"), None),
        (fact("mlflow", "2.22.0", since="2.3"), "checked against 2.22.0; the latest release is 3.18.0 (a major version on)"),
        (fact("python-json-logger", "3.3.0", since="3.1"), "latest release is 4.2.0"),
        # below 1.0, a minor version behind needs doing; a patch does not
        (fact("vllm", "0.33.0", since="0.11"), "checked against 0.33.0; the latest release is 0.34.0 (a minor version on)"),
        (fact("vllm", "0.34.0", since="0.11"), None),
        # a range that excludes the latest release
        (fact("tfx", "1.16.0", since="1.16", until="1.17"), "holds only before 1.17; the latest release is 1.21.0"),
        (fact("tfx", "1.21.0", since="1.21", until="1.22"), None),
        (fact("pytorch", "2.0"), "is not on PyPI"),
    ],
)
def test_fact_staleness(entry: VersionFact, stale: str | None) -> None:
    reason = fact_staleness(entry, recorded(entry.name))
    assert (reason is None) if stale is None else (reason is not None and stale in str(reason)), reason


def test_a_tool_is_left_to_the_review_date() -> None:
    tool = VersionFact(name="Kubernetes", on_pypi=False, checked="1.30", since="1.20")
    assert fact_staleness(tool, None) is None


def test_stale_answers_are_grouped_by_answer_with_the_fix() -> None:
    data = bank(3)
    data["questions"][0].update(
        versions=[
            {"package": "mlflow", "since": "2.3", "checked": "2.22.0", "note": "aliases"},
            {"tool": "KServe", "since": "0.16", "note": "Knative mode"},
            {"package": "vllm", "since": "0.11", "checked": "0.33.1", "note": "multi-LoRA"},
        ],
        reviewed="2026-01-10",
    )
    data["questions"][1].update(versions=[{"package": "mlflow", "since": "3.0", "checked": "3.18.0"}], reviewed="2026-11-20")
    data["questions"][2].update(versions=[{"package": "torch", "since": "1.8", "checked": "2.15.0"}], reviewed="2026-11-20")
    loaded, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 29))
    assert loaded is not None, problems
    fetched: list[str] = []

    def fetch(name: str) -> dict | None:
        fetched.append(name)
        return recorded(name) if name != "torch" else {"releases": {"2.15.0": [{}]}, "info": {"version": "2.15.0"}}

    answers = list(stale_answers(loaded, fetch, dt.date(2026, 11, 29)))
    assert [a.qid for a in answers] == ["question-1"], "a lower bound (torch>=1.8) checked against the latest is not listed"
    assert str(answers[0]) == "\n".join(
        [
            "[question-1]",
            "  - mlflow was checked against 2.22.0; the latest release is 3.18.0 (a major version on): "
            're-check the answer\'s mlflow facts against 3.18.0 and set `checked: "3.18.0"`',
            "  - vllm was checked against 0.33.1; the latest release is 0.34.0 (a minor version on): "
            're-check the answer\'s vllm facts against 0.34.0 and set `checked: "0.34.0"`',
            "  - reviewed 2026-01-10, 323 days ago: check it against its sources and set `reviewed`",
        ]
    )
    assert sorted(fetched) == ["mlflow", "torch", "vllm"], "each package is fetched once"
