"""Every rule about the question bank, defined once: fields, patterns and content thresholds."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SCHEMA_FILE = "questions.schema.json"
BANK_FILE = "data/questions.yaml"
PUBLISHED_IDS_FILE = "data/published-ids.txt"
GLOSSARY_FILE = "docs/includes/abbreviations.md"

# Patterns as JSON Schema (ECMA-262) reads them, where `$` is the end of the text; Python's `$` also matches
# before a final newline, so Python code matches them with `fullmatch` (validate.py reads the schema that way).
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# The glossary (docs/includes/abbreviations.md): one `*[TERM]: What it stands for` per line (matched whole).
ABBREVIATION = re.compile(r"\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)")

# A `versions` entry names a PyPI `package` (which `make freshness` looks up) or a `tool` that is not on PyPI,
# the release a fact first holds in (`since`, a lower bound that never goes stale by itself), optionally the
# release it stops holding in (`until`), and the release the answer was `checked` against (required for a
# package: freshness compares it with the latest release).
VERSION_FIELDS = ("package", "tool", "since", "until", "checked", "note")
TOOL_VERSION_PATTERN = r"^[0-9][0-9A-Za-z.+-]*$"

# Characters no field may hold, written out, as an entity or as a YAML escape: C0 and C1 controls (NEL, U+0085,
# among them) but tab and newline; the bidirectional overrides and isolates that make text read differently
# from how it runs ("Trojan source"); the line and paragraph separators (a line break to YAML and to
# JavaScript, not to an editor); and the byte-order mark (allowed only as the first character of a file).
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


def character_name(ch: str) -> str:
    """A character as a contributor can search for it: `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


# Names an id may not take. Question ids are object keys in the study scripts and element ids on the pages:
# none may be a key every JavaScript object already has, or an id the pages use for something else.
# Level ids are page folders: none may be a folder the site already has.
RESERVED_QUESTION_IDS = frozenset(
    {
        "constructor", "prototype", "proto", "hasownproperty", "isprototypeof", "propertyisenumerable",
        "tostring", "tolocalestring", "valueof", "top", "content", "main", "search", "answer",
    }
)  # fmt: skip
RESERVED_LEVEL_IDS = frozenset(
    {"assets", "q", "quiz", "mock", "progress", "tags", "glossary", "print", "search", "index", "404", "includes", "sitemap"}
)

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

# Limits, so that one entry cannot bloat every page, the offline copy and the exports (a field's
# characters, by its key; the longest answers today are about 9,000 characters).
DEFAULT_FIELD_MAX_CHARS = 600
FIELD_MAX_CHARS = {
    "answer": 20_000,
    "diagram": 4_000,
    "short_answer": 1_000,
    "description": 1_000,
    "url": 500,
    "note": 300,
    "question": 300,
    "title": 300,
}
MAX_BANK_BYTES = 40_000_000  # the 2,000-question benchmark bank is about 12 MB

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
class SectionRule:
    """A lead-in's section must match `pattern` (a regular expression): it names `what`; `fix` says how."""

    lead_in: str
    pattern: str
    what: str
    fix: str


# A behavioural story is told in 2 to 3 minutes, at 125 to 150 spoken words a minute.
STORY_MIN_WORDS = 250
STORY_MAX_WORDS = 450


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
    section_rules: tuple[SectionRule, ...] = ()  # what a lead-in's section must say
    section_words: dict[str, tuple[int, int]] = field(default_factory=dict)  # words of prose a section may have


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
    # and interviewers score it by whether each stage was covered, in this order, with numbers. A staff
    # bar also asks what the design costs as sized and how it ships in steps, so the range is wider than
    # the 400 to 900 words a stage list needs: sizing every component, a cost line and a plan add about 400.
    "system-design": AnswerFormat(
        name="system-design",
        answer_min_words=600,
        answer_max_words=1400,
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
            "Cost.",
            "Iteration plan.",
            "Failure modes and trade-offs.",
        ),
        why="each stage of a design round, in order, with estimates in numbers, a cost and an iteration plan",
        section_rules=(
            SectionRule(
                "Cost.",
                r"\$\s?\d",
                "a dollar figure",
                "give the cost of the design as sized (per month, per 1,000 requests or per 1M tokens) "
                "and the biggest lever on it",
            ),
            SectionRule(
                "Iteration plan.",
                r"\bv0\b(?s:.*)\bv1\b|\bv1\b(?s:.*)\bv2\b",
                "at least two steps (v0 then v1, or v1 then v2)",
                "say what ships first, what comes next and the evidence that moves it on",
            ),
        ),
    ),
    # A behavioural answer is a story told to a rubric: the candidate must know what is scored,
    # tell it in STAR order, adapt an example rather than recite one, and avoid the known red flags.
    # Loops give a story 2 to 3 minutes before the follow-ups: about 250 to 450 words spoken.
    "behavioural": AnswerFormat(
        name="behavioural",
        answer_min_words=250,
        answer_max_words=750,
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
        section_words={"Example story (adapt it; do not recite it).": (STORY_MIN_WORDS, STORY_MAX_WORDS)},
    ),
}
