"""Evaluate the bank's JSON Schema (macros/schema.py) without importing jsonschema.

The schema uses ten keywords (type, properties, required, additionalProperties,
items, minItems, maxItems, uniqueItems, pattern, dependentRequired). Evaluating
them here costs about 2 ms; importing jsonschema alone cost 25-55 ms, 3-6% of a
whole site build. tests/test_schema_check.py proves this module reports exactly
the errors jsonschema's Draft 2020-12 validator reports, on every checker fixture
and on random banks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

TYPES: dict[str, type | tuple[type, ...]] = {"string": str, "array": list, "object": dict}
SUPPORTED = frozenset(
    {"type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "uniqueItems", "pattern"}
    | {"dependentRequired", "$schema", "$id", "title", "description"}
)


@dataclass(frozen=True)
class SchemaError:
    """One failed keyword, with the fields of jsonschema's ValidationError that the checker reads."""

    validator: str
    validator_value: Any
    instance: Any
    schema: dict[str, Any]
    absolute_path: tuple[str | int, ...]
    message: str


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _has_repeats(items: list[Any]) -> bool:
    seen: list[Any] = []
    for item in items:
        if any(item == other and type(item) is type(other) for other in seen):
            return True
        seen.append(item)
    return False


def iter_errors(schema: dict[str, Any], instance: Any, path: tuple[str | int, ...] = ()) -> Iterator[SchemaError]:
    """Every error of `instance` under `schema`, keyword by keyword in schema order (as jsonschema does)."""

    def error(keyword: str, message: str) -> SchemaError:
        return SchemaError(keyword, schema[keyword], instance, schema, path, message)

    for keyword, value in schema.items():
        if keyword not in SUPPORTED:
            raise ValueError(f"schema keyword {keyword!r} is not supported by macros/schema_check.py")
        if keyword == "type" and not isinstance(instance, TYPES[value]):
            yield error(keyword, f"{instance!r} is not of type {value!r}")
        elif isinstance(instance, dict):
            if keyword == "properties":
                for name, sub in value.items():
                    if name in instance:
                        yield from iter_errors(sub, instance[name], (*path, name))
            elif keyword == "required":
                for name in value:
                    if name not in instance:
                        yield error(keyword, f"{name!r} is a required property")
            elif keyword == "additionalProperties" and value is False:
                extra = [name for name in instance if name not in schema.get("properties", {})]
                if extra:
                    listed = ", ".join(repr(name) for name in sorted(extra, key=str))
                    verb = "was" if len(extra) == 1 else "were"
                    yield error(keyword, f"Additional properties are not allowed ({listed} {verb} unexpected)")
            elif keyword == "dependentRequired":
                for name, needed in value.items():
                    if name in instance:
                        for other in needed:
                            if other not in instance:
                                yield error(keyword, f"{other!r} is a dependency of {name!r}")
        elif isinstance(instance, list):
            if keyword == "items":
                for index, item in enumerate(instance):
                    yield from iter_errors(value, item, (*path, index))
            elif keyword == "minItems" and len(instance) < value:
                yield error(keyword, f"{instance!r} should be non-empty" if value == 1 else f"{instance!r} is too short")
            elif keyword == "maxItems" and len(instance) > value:
                yield error(keyword, f"{instance!r} is too long")
            elif keyword == "uniqueItems" and value and _has_repeats(instance):
                yield error(keyword, f"{instance!r} has non-unique elements")
        elif isinstance(instance, str) and keyword == "pattern" and not _regex(value).search(instance):
            yield error(keyword, f"{instance!r} does not match {value!r}")
