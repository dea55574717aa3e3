"""macros.schema_check reports exactly what jsonschema reports, so the checker can skip importing it."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import schema_check
from macros.schema import bank_schema
from tests.conftest import ROOT
from tests.factory import bank, dump
from tests.test_validate import CASES

REFERENCE = jsonschema.Draft202012Validator(bank_schema())


def errors(instance: Any) -> tuple[list[tuple], list[tuple]]:
    """(ours, jsonschema's) as sorted (keyword, path, message) triples."""
    ours = sorted((e.validator, e.absolute_path, e.message) for e in schema_check.iter_errors(bank_schema(), instance))
    theirs = sorted((e.validator, tuple(e.absolute_path), e.message) for e in REFERENCE.iter_errors(instance))
    return ours, theirs


def as_loaded(data: dict) -> Any:
    """The bank as the checker sees it: dumped to YAML and read back."""
    return json.loads(json.dumps(yaml.safe_load(dump(data)), default=str))


@pytest.mark.parametrize(("name", "mutate"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_same_errors_on_every_checker_fixture(name: str, mutate) -> None:
    data = bank(4)
    mutate(data)
    ours, theirs = errors(as_loaded(data))
    assert ours == theirs


def test_same_verdict_on_the_real_bank() -> None:
    real = json.loads(json.dumps(yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8")), default=str))
    assert errors(real) == ([], [])


LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.sampled_from(["data-drift", "https://x.org", " ", ""])
)
KEYS = st.sampled_from(
    ["id", "title", "level", "question", "short_answer", "answer", "tags", "diagram", "diagram_caption", "url", "hint", "x"]
)


BASE = as_loaded(bank(3))


def mutated_bank(draw: st.DrawFn) -> Any:
    """A valid bank with random fields replaced, added or removed."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 6))):
        section = draw(st.sampled_from(["levels", "topics", "questions"]))
        item = draw(st.sampled_from(data[section]))
        key = draw(KEYS)
        action = draw(st.sampled_from(["set", "delete", "list"]))
        if action == "delete":
            item.pop(key, None)
        elif action == "list":
            item[key] = draw(st.lists(st.one_of(LEAF, st.dictionaries(KEYS, LEAF, max_size=3)), max_size=3))
        else:
            item[key] = draw(LEAF)
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.composite(mutated_bank)())
def test_same_errors_on_random_banks(data: Any) -> None:
    ours, theirs = errors(data)
    assert [e for e in ours if e not in theirs] == [e for e in theirs if e not in ours] == []


def test_an_unsupported_keyword_is_refused_not_ignored() -> None:
    with pytest.raises(ValueError, match="not supported"):
        list(schema_check.iter_errors({"enum": ["a"]}, "b"))
