"""The JSON Schema of data/questions.yaml, generated from the rules so checker and editor agree."""

from __future__ import annotations

import json
from typing import Any

from .. import rules

NONBLANK = r"\S"


def _text(description: str, *, single_line: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": NONBLANK, "description": description}
    if single_line:
        schema["pattern"] = r"^[^\n]*\S[^\n]*$"
    return schema


def _version_text(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": rules.TOOL_VERSION_PATTERN,
        "description": description + ' Quote it, e.g. "3.10": unquoted, YAML reads 3.10 as the number 3.1.',
    }


def _slug(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": rules.SLUG_PATTERN, "description": description}


def _slugs(description: str, min_items: int = 0) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "pattern": rules.SLUG_PATTERN},
        "minItems": min_items,
        "uniqueItems": True,
        "description": description,
    }


def _record(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


LEVEL = _record(
    {
        "id": _slug("Kebab-case slug of the level; its page is docs/<id>.md and lives at /<id>/."),
        "title": _text("Level name shown in the navigation.", single_line=True),
        "description": _text("One or two sentences on who should study this level."),
        "format": {
            "type": "string",
            "enum": sorted(rules.FORMATS),
            "description": "Answer format of the level's questions (macros/rules.py FORMATS); standard when absent.",
        },
        "minutes": {
            "type": "integer",
            "minimum": 1,
            "maximum": rules.MAX_MOCK_MINUTES,
            "description": "Minutes a candidate gets per question in a mock interview (default by format: "
            + ", ".join(f"{k} {v}" for k, v in rules.MOCK_MINUTES.items())
            + ").",
        },
    },
    ["id", "title", "description"],
    "A level: one page of questions.",
)

TOPIC = _record(
    {
        "id": _slug("Kebab-case slug used in a question's tags."),
        "title": _text("Topic name shown on tag chips and the tags page.", single_line=True),
    },
    ["id", "title"],
    "A topic that questions can be tagged with.",
)

FOLLOW_UP = _record(
    {
        "question": _text("A question an interviewer asks next.", single_line=True),
        "hint": _text("One line on how to answer it."),
    },
    ["question", "hint"],
    "A follow-up question with a hint.",
)

REFERENCE = _record(
    {
        "title": _text("Title of the source, as it names itself.", single_line=True),
        "url": {
            "type": "string",
            "pattern": rules.URL_PATTERN,
            "description": "Full http(s) URL of the primary source.",
        },
    },
    ["title", "url"],
    "A primary source for the answer.",
)

VERSION = _record(
    {
        "package": {
            "type": "string",
            "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "description": "The PyPI name of the package the fact depends on (make freshness looks it up).",
        },
        "tool": _text("A tool that is not on PyPI (Kubernetes, KServe, a specification), by its name.", single_line=True),
        "since": _version_text("The release the fact first holds in: a lower bound, never stale by itself."),
        "until": _version_text("The first release the fact no longer holds in, if it stops holding."),
        "checked": _version_text("The release the answer was checked against (required for a package)."),
        "note": _text("What the fact is, in a few words.", single_line=True),
    },
    [],
    "A fact of the answer that depends on a release: a PyPI package or a tool.",
)

QUESTION = _record(
    {
        "id": _slug(
            "Kebab-case slug, unique and stable forever: it is the anchor (#id) and the "
            "permalink (/q/<id>/). Never rename a published id; add the old one to aliases."
        ),
        "level": _slug("Id of one of the levels."),
        "question": _text("The question, on one line.", single_line=True),
        "short_answer": _text(f"Markdown: what to say in the first 30 seconds, at most {rules.SHORT_ANSWER_MAX_WORDS} words."),
        "key_points": {
            "type": "array",
            "items": _text(f"One point, at most {rules.KEY_POINT_MAX_WORDS} words.", single_line=True),
            "minItems": rules.MIN_KEY_POINTS,
            "maxItems": rules.MAX_KEY_POINTS,
            "description": "The points a strong answer must make, in the order to make them.",
        },
        "answer": _text(
            f"Markdown: the deep answer, {rules.ANSWER_MIN_WORDS} to {rules.ANSWER_MAX_WORDS} "
            "words of prose (more in system-design and behavioural levels): mechanism, a concrete example, trade-offs."
        ),
        "tags": {
            **_slugs("Topic ids from topics.", 1),
            "maxItems": rules.MAX_TAGS,
        },
        "diagram": _text("Mermaid source; its first word is the diagram type (flowchart, ...)."),
        "diagram_caption": _text("One sentence saying what the diagram shows."),
        "follow_ups": {
            "type": "array",
            "items": FOLLOW_UP,
            "minItems": min(f.min_follow_ups for f in rules.FORMATS.values()),
            "description": "Questions an interviewer asks next, each with a hint.",
        },
        "pitfalls": {
            "type": "array",
            "items": _text("What weak answers say or miss."),
            "minItems": rules.MIN_PITFALLS,
            "description": "What weak answers say or miss.",
        },
        "related": _slugs("Ids of related questions.", rules.MIN_RELATED),
        "references": {
            "type": "array",
            "items": REFERENCE,
            "minItems": min(f.min_references for f in rules.FORMATS.values()),
            "description": "Primary sources: official docs, papers, engineering write-ups.",
        },
        "reviewed": {
            "type": "string",
            "pattern": rules.DATE_PATTERN,
            "description": "Date (YYYY-MM-DD) the answer was last checked against its sources.",
        },
        "versions": {
            "type": "array",
            "items": VERSION,
            "minItems": 1,
            "description": "Tool versions the answer depends on.",
        },
        "aliases": _slugs("Former ids of this question; their links keep working.", 1),
    },
    [
        "id",
        "level",
        "question",
        "short_answer",
        "key_points",
        "answer",
        "tags",
        "follow_ups",
        "pitfalls",
        "related",
        "references",
        "reviewed",
    ],
    "One interview question with its answer.",
)
QUESTION["dependentRequired"] = {"diagram": ["diagram_caption"], "diagram_caption": ["diagram"]}


def bank_schema() -> dict[str, Any]:
    """Return the JSON Schema for the whole bank file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "MLOps Interview Guide question bank",
        "description": "Generated by `python -m macros schema`; edit macros/schema.py, not this file.",
        "type": "object",
        "properties": {
            "levels": {"type": "array", "items": LEVEL, "minItems": 1, "description": "Levels in order."},
            "topics": {"type": "array", "items": TOPIC, "description": "The tag vocabulary."},
            "questions": {
                "type": "array",
                "items": QUESTION,
                "minItems": 1,
                "description": "Questions in display order.",
            },
        },
        "required": ["levels", "topics", "questions"],
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The schema as the exact text committed in data/questions.schema.json."""
    return json.dumps(bank_schema(), indent=2) + "\n"
