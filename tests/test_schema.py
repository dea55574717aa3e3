"""The JSON Schema editors use and the checker agree: one source of rules."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros import rules
from macros.check.schema import schema_text
from tests.factory import bank, dump
from tests.test_validate import CASES, FILE, TODAY

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "data" / rules.SCHEMA_FILE

# Rules the schema can express; the others (cross-references, duplicates, markup, word counts,
# dates, diagram types) need the whole bank and live in the checker only.
SCHEMA_CASES = {
    "version as a string",
    "version unquoted",
    "version not a release",
    "unknown field",
    "missing field",
    "wrong type",
    "empty text",
    "whitespace answer",
    "id not a slug",
    "reference without http url",
    "diagram without caption",
    "too few follow-ups",
    "no pitfalls",
    "no key points",
    "two key points",
    "six key points",
    "unknown format",
    "no related",
    "unknown top-level",
}


def committed_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_committed_schema_is_generated_from_the_rules() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `make schema` and commit the result"


def test_bank_file_points_editors_at_the_schema() -> None:
    first = (ROOT / rules.BANK_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=./{rules.SCHEMA_FILE}"


def test_real_bank_is_valid_under_the_schema() -> None:
    data = yaml.safe_load((ROOT / rules.BANK_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), committed_schema())


@pytest.mark.parametrize(("name", "mutate"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_schema_and_checker_agree_on_each_fixture(name: str, mutate) -> None:
    from macros.check.validate import check_text

    data = bank(4)
    mutate(data)
    text = dump(data)
    schema_ok = jsonschema.Draft202012Validator(committed_schema()).is_valid(
        json.loads(json.dumps(yaml.safe_load(text), default=str))
    )
    result, problems = check_text(text, FILE, today=TODAY)
    assert result is None and problems, "the checker refuses every bad fixture"
    assert schema_ok == (name not in SCHEMA_CASES), "editor validation must match the checker for schema rules"


def test_schema_and_checker_both_accept_the_good_fixture() -> None:
    from macros.check.validate import check_text

    text = dump(bank(4))
    assert jsonschema.Draft202012Validator(committed_schema()).is_valid(yaml.safe_load(text))
    assert check_text(text, FILE, today=TODAY)[1] == []
