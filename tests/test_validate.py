"""Every validation rule: a bad bank each, asserting the message, the question id and the line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from macros import rules
from macros.check.validate import check_text, content_words, near_duplicates
from tests.factory import bank, dump, prose, question

TODAY = dt.date(2026, 11, 24)
FILE = "data/questions.yaml"


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not in fixture"
    return hits[nth - 1]


def problems_of(data: dict[str, Any] | str) -> tuple[str, list[str]]:
    text = data if isinstance(data, str) else dump(data)
    result, problems = check_text(text, FILE, today=TODAY)
    assert result is None, "the bad fixture was accepted"
    return text, [str(p) for p in problems]


def q(data: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return data["questions"][i]


Mutation = Callable[[dict[str, Any]], None]

# (name, mutation, subject, message fragment, line needle, nth match of needle)
CASES: list[tuple[str, Mutation, str, str, str, int]] = [
    ("unknown field", lambda d: q(d).update(anwser="x"), "question-1", "unknown field `anwser`", "anwser:", 1),
    ("missing field", lambda d: q(d).pop("short_answer"), "question-1", "missing field `short_answer`", "- id: question-1", 1),
    ("wrong type", lambda d: q(d).update(tags="drift"), "question-1", "`tags` must be a list", "tags: drift", 1),
    ("empty text", lambda d: q(d).update(question="   "), "question-1", "`question`", "question: '   '", 1),
    ("whitespace answer", lambda d: q(d).update(answer="\n\n"), "question-1", "write the text", "  answer:", 1),
    ("duplicate id", lambda d: q(d, 1).update(id="question-1"), "question-1", "already used at line", "- id: question-1", 2),
    ("id not a slug", lambda d: q(d).update(id="Data Drift"), "Data Drift", "kebab-case slug", "- id: Data Drift", 1),
    ("unknown level", lambda d: q(d).update(level="expert"), "question-1", "unknown level `expert`", "level: expert", 1),
    ("unknown tag", lambda d: q(d).update(tags=["drift", "magic"]), "question-1", "unknown tag `magic`", "- magic", 1),
    ("related unknown", lambda d: q(d).update(related=["nope"]), "question-1", "unknown question `nope`", "- nope", 1),
    (
        "related itself",
        lambda d: q(d).update(related=["question-1"]),
        "question-1",
        "lists the question itself",
        "  - question-1",
        1,
    ),
    (
        "duplicate question text",
        lambda d: q(d, 1).update(question=q(d)["question"]),
        "question-2",
        "the same question as line",
        "question: What does question 1 mean?",
        2,
    ),
    (
        "near-duplicate question",
        lambda d: (
            q(d).update(question="How do you detect data drift in production?"),
            q(d, 1).update(question="How would you detect data drift in a production model?"),
        ),
        "question-2",
        "nearly the same question",
        "question: How would you detect data drift",
        1,
    ),
    (
        "reference without http url",
        lambda d: q(d)["references"][0].update(url="example.org/one"),
        "question-1",
        "https://",
        "url: example.org/one",
        1,
    ),
    (
        "diagram type",
        lambda d: q(d).update(diagram="flowchat LR\n  A --> B\n", diagram_caption="A flow."),
        "question-1",
        "not a Mermaid diagram type",
        "diagram:",
        1,
    ),
    (
        "diagram without caption",
        lambda d: q(d).update(diagram="flowchart LR\n  A --> B\n"),
        "question-1",
        "diagram_caption",
        "- id: question-1",
        1,
    ),
    (
        "script tag",
        lambda d: q(d).update(short_answer="Hi <script>alert(1)</script>"),
        "question-1",
        "<script>",
        "short_answer:",
        1,
    ),
    ("iframe", lambda d: q(d).update(short_answer="See <iframe src=x></iframe>"), "question-1", "<iframe>", "short_answer:", 1),
    (
        "event handler",
        lambda d: q(d).update(short_answer='<b onmouseover="alert(1)">x</b>'),
        "question-1",
        "event handler `onmouseover`",
        "short_answer:",
        1,
    ),
    (
        "javascript link",
        lambda d: q(d).update(short_answer="[x](javascript:alert(1))"),
        "question-1",
        "href to `javascript:alert(1)`",
        "short_answer:",
        1,
    ),
    (
        "short answer too long",
        lambda d: q(d).update(short_answer=prose(90)),
        "question-1",
        "short_answer has 90 words",
        "short_answer:",
        1,
    ),
    ("answer too short", lambda d: q(d).update(answer=prose(40)), "question-1", "answer has 40 words", "  answer:", 1),
    ("answer too long", lambda d: q(d).update(answer=prose(600)), "question-1", "answer has 600 words", "  answer:", 1),
    ("too few follow-ups", lambda d: q(d)["follow_ups"].pop(), "question-1", "`follow_ups` needs at least 2", "follow_ups:", 1),
    ("no pitfalls", lambda d: q(d).update(pitfalls=[]), "question-1", "`pitfalls` needs at least 1", "pitfalls: []", 1),
    ("one reference", lambda d: q(d)["references"].pop(), "question-1", "`references` has 1: add at least 2", "references:", 1),
    ("no key points", lambda d: q(d).pop("key_points"), "question-1", "missing field `key_points`", "- id: question-1", 1),
    (
        "two key points",
        lambda d: q(d).update(key_points=["One.", "Two."]),
        "question-1",
        "`key_points` needs at least 3",
        "key_points:",
        1,
    ),
    ("six key points", lambda d: q(d).update(key_points=["P."] * 6), "question-1", "at most 5", "key_points:", 1),
    (
        "long key point",
        lambda d: q(d)["key_points"].append(prose(24)),
        "question-1",
        "key point has 24 words: keep it to 20",
        "- the model serves",
        1,
    ),
    (
        "version as a string",
        lambda d: q(d).update(versions=["mlflow>=3.0"]),
        "question-1",
        "must be a mapping of fields",
        "- mlflow>=3.0",
        1,
    ),
    (
        "version package and tool",
        lambda d: q(d).update(versions=[{"package": "mlflow", "tool": "MLflow", "checked": "3.18.0"}]),
        "question-1",
        "names both or neither of `package` and `tool`",
        "- package: mlflow",
        1,
    ),
    (
        "version package unchecked",
        lambda d: q(d).update(versions=[{"package": "mlflow", "since": "3.0"}]),
        "question-1",
        "lacks `checked`",
        "- package: mlflow",
        1,
    ),
    (
        "version unquoted",
        lambda d: q(d).update(versions=[{"package": "mlflow", "since": 3.1, "checked": "3.18.0"}]),
        "question-1",
        "Quote it",
        "since: 3.1",
        1,
    ),
    (
        "version checked before since",
        lambda d: q(d).update(versions=[{"package": "mlflow", "since": "3.0", "checked": "2.22.0"}]),
        "question-1",
        "older than `since`",
        "checked: 2.22.0",
        1,
    ),
    (
        "version not a release",
        lambda d: q(d).update(versions=[{"package": "mlflow", "checked": "three"}]),
        "question-1",
        "not a release number",
        "checked: three",
        1,
    ),
    (
        "diagram too wide",
        lambda d: q(d).update(diagram="flowchart LR\n  A --> B --> C --> D --> E\n", diagram_caption="C."),
        "question-1",
        "draws 5 nodes across",
        "diagram:",
        1,
    ),
    (
        "diagram rank too wide",
        lambda d: q(d).update(diagram="flowchart TB\n  A --> B & C & D & E\n", diagram_caption="C."),
        "question-1",
        "draws 4 nodes side by side",
        "diagram:",
        1,
    ),
    (
        "sequence too wide",
        lambda d: q(d).update(
            diagram="sequenceDiagram\n" + "".join(f"  participant P{k}\n" for k in range(6)) + "  P0->>P5: hi\n",
            diagram_caption="C.",
        ),
        "question-1",
        "6 participants",
        "diagram:",
        1,
    ),
    ("unknown format", lambda d: d["levels"][0].update(format="essay"), "levels", "use one of behavioural", "format: essay", 1),
    (
        "design answer too short",
        lambda d: design(d),
        "question-1",
        "write 600 to 1400 (system-design format)",
        "  answer:",
        1,
    ),
    (
        "design lead-in missing",
        lambda d: design(d, answer=design_answer().replace("**Estimates.**", "Estimates.")),
        "question-1",
        "lacks the lead-in **Estimates.**",
        "  answer:",
        1,
    ),
    (
        "design lead-ins out of order",
        lambda d: design(d, answer=design_answer(order=[1, 0, 2, 3, 4, 5, 6, 7, 8, 9])),
        "question-1",
        "out of order",
        "  answer:",
        1,
    ),
    (
        "design cost without dollars",
        lambda d: design(d, answer=design_answer().replace("$42,000", "42,000 dollars")),
        "question-1",
        "the **Cost.** section does not name a dollar figure",
        "  answer:",
        1,
    ),
    (
        "design plan without steps",
        lambda d: design(d, answer=design_answer().replace("v1 ", "first ").replace("v2 ", "then ")),
        "question-1",
        "the **Iteration plan.** section does not name at least two steps",
        "  answer:",
        1,
    ),
    (
        "behavioural story too long",
        lambda d: behavioural(d, answer=behavioural_answer(story_words=520)),
        "question-1",
        "the **Example story (adapt it; do not recite it).** section has 520 words: write 250 to 450",
        "  answer:",
        1,
    ),
    (
        "design without diagram",
        lambda d: design(d, answer=design_answer(), diagram=None),
        "question-1",
        "missing field `diagram` (system-design format)",
        "level: beginner",
        1,
    ),
    (
        "design with two follow-ups",
        lambda d: design(d, answer=design_answer(), follow_ups=q(d)["follow_ups"][:2]),
        "question-1",
        "add at least 3 follow-up",
        "follow_ups:",
        1,
    ),
    (
        "behavioural lead-in missing",
        lambda d: behavioural(d, answer=prose(300)),
        "question-1",
        "lacks the lead-in **What the interviewer assesses.**",
        "  answer:",
        1,
    ),
    (
        "diagram click",
        lambda d: q(d).update(diagram="flowchart LR\n  A --> B\n  click A call alert()\n", diagram_caption="C."),
        "question-1",
        "`click` directive",
        "diagram:",
        1,
    ),
    (
        "diagram init",
        lambda d: q(d).update(
            diagram="flowchart LR\n  %%{init: {'securityLevel': 'loose'}}%%\n  A --> B\n", diagram_caption="C."
        ),
        "question-1",
        "Mermaid directive",
        "diagram:",
        1,
    ),
    ("no related", lambda d: q(d).update(related=[]), "question-1", "`related` needs at least 1", "related: []", 1),
    (
        "related one way",
        lambda d: q(d, 2)["related"].append("question-1"),
        "question-1",
        "`related` lacks `question-3`",
        "related:",
        1,
    ),
    ("bad date", lambda d: q(d).update(reviewed="2026-02-30"), "question-1", "not a real date", "reviewed: '2026-02-30'", 1),
    ("future review", lambda d: q(d).update(reviewed="2027-01-01"), "question-1", "in the future", "reviewed: '2027-01-01'", 1),
    ("heading in answer", lambda d: q(d).update(answer="## Heading\n\n" + prose(170)), "question-1", "heading", "  answer:", 1),
    (
        "empty level",
        lambda d: d["levels"].append({"id": "expert", "title": "E", "description": "D."}),
        "levels",
        "has no questions",
        "- id: expert",
        1,
    ),
    ("unknown top-level", lambda d: d.update(extra=1), "extra", "unknown field `extra`", "extra: 1", 1),
]


def design_answer(order: list[int] | None = None) -> str:
    """A system-design answer with every lead-in, in `order` (indices into the format's lead-ins)."""
    leads = rules.FORMATS["system-design"].lead_ins
    says = {"Cost.": "About $42,000 a month as sized. ", "Iteration plan.": "v1 ships the rules, v2 adds the model. "}
    return "\n\n".join(f"**{leads[k]}** " + says.get(leads[k], "") + prose(62) for k in (order or range(len(leads))))


def behavioural_answer(story_words: int = 320) -> str:
    """A behavioural answer with every lead-in and a story of `story_words` words."""
    leads = rules.FORMATS["behavioural"].lead_ins
    return "\n\n".join(f"**{lead}** " + prose(story_words if "story" in lead else 60) for lead in leads)


def design(data: dict, **overrides: object) -> None:
    """Make the first level a system-design level and apply `overrides` to its first question."""
    data["levels"][0]["format"] = "system-design"
    q(data).update(
        diagram="flowchart LR\n  A --> B\n",
        diagram_caption="The design.",
        follow_ups=[*q(data)["follow_ups"], {"question": "Third?", "hint": "Yes."}],
    )
    q(data).update({k: v for k, v in overrides.items() if v is not None})
    for key in [k for k, v in overrides.items() if v is None]:
        q(data).pop(key)
        q(data).pop(f"{key}_caption", None)


def behavioural(data: dict, **overrides: object) -> None:
    data["levels"][0]["format"] = "behavioural"
    q(data).update(overrides)


@pytest.mark.parametrize(("name", "mutate", "subject", "fragment", "needle", "nth"), CASES, ids=[c[0] for c in CASES])
def test_rule_reports_line_subject_and_fix(
    name: str, mutate: Mutation, subject: str, fragment: str, needle: str, nth: int
) -> None:
    data = bank(4)
    mutate(data)
    text, problems = problems_of(data)
    expected = f"{FILE}:{line_of(text, needle, nth)}: [{subject}] "
    hits = [p for p in problems if p.startswith(expected) and fragment in p]
    assert hits, f"expected {expected}…{fragment}… in:\n" + "\n".join(problems)
    assert all(":" in p.split("] ", 1)[1] for p in hits), "each message says how to fix it"


def test_valid_bank_loads_with_no_problems() -> None:
    result, problems = check_text(dump(bank(4)), FILE, today=TODAY)
    assert problems == []
    assert result is not None and [x.id for x in result.questions] == ["question-1", "question-2", "question-3", "question-4"]


def test_every_problem_is_reported_not_just_the_first() -> None:
    data = bank(4)
    q(data).update(level="expert", tags=["magic"])
    q(data, 2)["related"].append("nope")
    _, problems = problems_of(data)
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == sorted((p.split(":")[1] for p in problems), key=int)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("levels:\n  - id: a\n    title: [unclosed\nquestions: []\n", 4, "YAML syntax error"),
        ("levels: []\nquestions:\n\t- id: x\n", 3, "YAML syntax error"),
        ("levels: []\nlevels: []\ntopics: []\nquestions: []\n", 2, "appears twice"),
        ("", 1, "the file is empty"),
        ("- just\n- a list\n", 1, "must be a mapping"),
    ],
    ids=["unclosed bracket", "tab indent", "repeated key", "empty file", "not a mapping"],
)
def test_broken_yaml_is_a_located_problem(text: str, line: int, fragment: str) -> None:
    _, problems = problems_of(text)
    assert any(p.startswith(f"{FILE}:{line}: [") and fragment in p for p in problems), problems


def test_near_duplicates_finds_rewordings_but_not_neighbours() -> None:
    texts = ["What is data drift?", "What is concept drift?", "Explain data drift.", "How do you detect data drift?"]
    assert list(near_duplicates(texts, rules.NEAR_DUPLICATE_SIMILARITY)) == [(0, 2)]
    assert content_words("What's a model registry used for?") == content_words("What is a model registry?")


def test_aliases_count_as_ids() -> None:
    data = bank(4)
    q(data, 1).update(aliases=["question-1"])
    text, problems = problems_of(data)
    alias_line = line_of(text, "- question-1", 2)  # the first is question-2's related link
    assert any("already used" in p and f":{alias_line}:" in p for p in problems)


def test_each_format_accepts_a_well_formed_answer() -> None:
    data = bank(2)  # one beginner question, one advanced
    design(data, answer=design_answer())
    assert check_text(dump(data), FILE, today=TODAY)[1] == []
    data = bank(2)
    behavioural(data, answer=behavioural_answer())
    assert check_text(dump(data), FILE, today=TODAY)[1] == []


def test_fixture_question_meets_standard() -> None:
    """The factory's question is the smallest valid entry: the README example follows it."""
    data = bank(2)
    data["questions"] = [question("only-one", related=["other"]), question("other", level="advanced", related=["only-one"])]
    assert check_text(dump(data), FILE, today=TODAY)[1] == []
