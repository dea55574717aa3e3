"""Every rule about the question bank, defined once: fields, patterns and content thresholds."""

from __future__ import annotations

import re

SCHEMA_FILE = "questions.schema.json"
BANK_FILE = "data/questions.yaml"
PUBLISHED_IDS_FILE = "data/published-ids.txt"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

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

# Raw HTML that could run code in a reader's browser.
UNSAFE_MARKUP = (
    (re.compile(r"<\s*script\b", re.I), "a raw <script> tag"),
    (re.compile(r"<\s*iframe\b", re.I), "a raw <iframe> tag"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "an inline event handler (on...=)"),
    (re.compile(r"javascript\s*:", re.I), "a javascript: link"),
)
