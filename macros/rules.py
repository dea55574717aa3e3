"""Every rule about the question bank, defined once: fields, patterns and content thresholds."""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMA_FILE = "questions.schema.json"
BANK_FILE = "data/questions.yaml"
PUBLISHED_IDS_FILE = "data/published-ids.txt"
GLOSSARY_FILE = "docs/includes/abbreviations.md"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TOOL_PREFIX = "tool:"  # a `versions` entry for a tool not on PyPI (freshness cannot look it up)
# The glossary (docs/includes/abbreviations.md): one `*[TERM]: What it stands for` per line.
ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$", re.M)


def split_version(entry: str) -> tuple[str, str]:
    """A PyPI `versions` entry as its PEP 508 requirement and its note ("mlflow>=3.0 (note)")."""
    requirement, _, note = entry.partition(" (")
    return requirement, note


# Content standard for every answer (issue "Answers worth studying").
SHORT_ANSWER_MAX_WORDS = 65
ANSWER_MIN_WORDS = 150
ANSWER_MAX_WORDS = 450
MIN_FOLLOW_UPS = 2
MIN_PITFALLS = 1
MIN_REFERENCES = 2
MIN_RELATED = 1
MAX_TAGS = 5
REVIEW_MAX_AGE_DAYS = 365
FRESHNESS_MAX_AGE_DAYS = 183  # `make freshness` lists answers not reviewed for six months
MIN_KEY_POINTS = 3  # fewer is a slogan, not an answer
MAX_KEY_POINTS = 5  # more than five cannot be said, or ticked, while listening
KEY_POINT_MAX_WORDS = 20  # one breath: a point a candidate can say and an interviewer can tick
NEAR_DUPLICATE_SIMILARITY = 0.75  # Jaccard similarity of a question's content words

# The first word of a Mermaid diagram names its type.
MERMAID_TYPES = frozenset(
    {
        "flowchart",
        "graph",
        "sequenceDiagram",
        "classDiagram",
        "stateDiagram",
        "stateDiagram-v2",
        "erDiagram",
        "journey",
        "gantt",
        "pie",
        "quadrantChart",
        "requirementDiagram",
        "gitGraph",
        "C4Context",
        "mindmap",
        "timeline",
        "sankey-beta",
        "xychart-beta",
        "block-beta",
        "packet-beta",
        "kanban",
        "architecture-beta",
        "radar-beta",
    }
)


# The mock interview's timer per question, by answer format, when a level does not set `minutes`:
# a concept question is answered in about two minutes, a story in five, a design round in 35.
MOCK_MINUTES = {"standard": 2, "behavioural": 5, "system-design": 35}
MAX_MOCK_MINUTES = 60


@dataclass(frozen=True)
class AnswerFormat:
    """The shape an answer must have in a level of this format, with the reason for it."""

    name: str
    answer_min_words: int
    answer_max_words: int
    min_follow_ups: int
    min_references: int
    diagram_required: bool
    lead_ins: tuple[str, ...]  # bold lead-ins that must open paragraphs, in this order
    why: str


STANDARD = AnswerFormat(
    name="standard",
    answer_min_words=ANSWER_MIN_WORDS,
    answer_max_words=ANSWER_MAX_WORDS,
    min_follow_ups=MIN_FOLLOW_UPS,
    min_references=MIN_REFERENCES,
    diagram_required=False,
    lead_ins=(),
    why="mechanism, a concrete example, trade-offs",
)

FORMATS = {
    STANDARD.name: STANDARD,
    # A design round is 35 to 45 minutes on one open problem: an answer needs room for every stage,
    # and interviewers score it by whether each stage was covered, in this order, with numbers.
    "system-design": AnswerFormat(
        name="system-design",
        answer_min_words=400,
        answer_max_words=900,
        min_follow_ups=3,
        min_references=2,
        diagram_required=True,  # every design round ends at a whiteboard drawing
        lead_ins=(
            "Requirements and clarifying questions.",
            "Estimates.",
            "Architecture.",
            "Data and features.",
            "Training.",
            "Serving.",
            "Monitoring.",
            "Failure modes and trade-offs.",
        ),
        why="each stage of a design round, in order, with estimates in numbers",
    ),
    # A behavioural answer is a story told to a rubric: the candidate must know what is scored,
    # tell it in STAR order, adapt an example rather than recite one, and avoid the known red flags.
    "behavioural": AnswerFormat(
        name="behavioural",
        answer_min_words=250,
        answer_max_words=650,
        min_follow_ups=2,
        min_references=1,  # the sources are practices (postmortems, decision records), not papers
        diagram_required=False,
        lead_ins=(
            "What the interviewer assesses.",
            "How to structure it (STAR).",
            "Example story (adapt it; do not recite it).",
            "Red flags.",
        ),
        why="what is assessed, a STAR structure, an example story to adapt, red flags",
    ),
}
