"""The question bank: its typed model and the loader that turns YAML into it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import rules

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the bank, located at a file and line."""

    file: str
    line: int
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.subject}] {self.message}"


class BankError(Exception):
    """Raised when a bank has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Level:
    id: str
    title: str  # plain text (the checker allows no markup in it): escape it wherever it goes
    description: str
    format: str = "standard"
    minutes: int = 2  # per question in a mock interview
    description_html: str = ""  # allow-listed HTML, as the checker rendered it


@dataclass(frozen=True)
class Topic:
    id: str
    title: str  # plain text: escape it wherever it goes


@dataclass(frozen=True)
class FollowUp:
    question: str
    hint: str
    question_html: str = ""
    hint_html: str = ""


@dataclass(frozen=True)
class Reference:
    title: str
    url: str
    title_html: str = ""


@dataclass(frozen=True)
class QuestionHtml:
    """A question's fields as the checker rendered and allow-listed them: what the pages and the deck carry."""

    question: str = ""
    short_answer: str = ""
    key_points: tuple[str, ...] = ()
    answer: str = ""
    diagram_caption: str = ""
    pitfalls: tuple[str, ...] = ()


@dataclass(frozen=True)
class VersionFact:
    """A fact that holds from a release of a PyPI package or a tool (rules.VERSION_FIELDS)."""

    name: str
    on_pypi: bool
    checked: str | None
    since: str | None = None
    until: str | None = None
    note: str = ""

    def __str__(self) -> str:
        """Plain text for the page and the exports: 'mlflow 3.0 and later (note; checked against 3.18.0)'."""
        span = " ".join(
            part
            for part in (
                f"{self.since} and later" if self.since and not self.until else "",
                f"{self.since} to before {self.until}" if self.since and self.until else "",
                f"before {self.until}" if self.until and not self.since else "",
            )
            if part
        )
        details = "; ".join(part for part in (self.note, f"checked against {self.checked}" if self.checked else "") if part)
        return " ".join(part for part in (self.name, span, f"({details})" if details else "") if part)


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    level: str
    question: str
    short_answer: str
    key_points: tuple[str, ...]
    answer: str
    tags: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...]
    pitfalls: tuple[str, ...]
    related: tuple[str, ...]
    references: tuple[Reference, ...]
    reviewed: dt.date
    diagram: str | None = None
    diagram_caption: str | None = None
    versions: tuple[VersionFact, ...] = ()
    aliases: tuple[str, ...] = ()
    html: QuestionHtml = field(default_factory=QuestionHtml)


@dataclass
class Bank:
    """A validated bank: levels, topics and questions in display order."""

    source: str
    levels: tuple[Level, ...]
    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}

    def question(self, qid: str) -> Question:
        return self._by_id[qid]

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    def topic(self, topic_id: str) -> Topic:
        return next(topic for topic in self.topics if topic.id == topic_id)

    def in_level(self, level_id: str) -> list[Question]:
        return [q for q in self.questions if q.level == level_id]

    def tagged(self, topic_id: str) -> list[Question]:
        return [q for q in self.questions if topic_id in q.tags]


@dataclass
class Parsed:
    """Raw YAML data with the line of every mapping key and list item."""

    file: str
    data: Any
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def path_at(self, line: int) -> Path_:
        """The innermost field or item that `line` belongs to (the last to start at or before it)."""
        before = [(start, len(path), path) for path, start in self.lines.items() if start <= line]
        return max(before, key=lambda found: found[:2])[2] if before else ()

    def subject(self, path: Path_) -> str:
        """Name what a path belongs to: a question id, or the section of the file."""
        if not path:
            return "file"
        if path[0] == "questions" and len(path) > 1 and isinstance(self.data, dict):
            items = self.data.get("questions")
            if isinstance(items, list) and isinstance(path[1], int) and path[1] < len(items):
                item = items[path[1]]
                if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
                    return item["id"]
            return f"question #{path[1] + 1}" if isinstance(path[1], int) else "questions"
        return str(path[0])


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int], repeated: list[Path_]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                repeated.append((*path, key))
            seen.add(key)
            _index(value_node, (*path, key), lines, repeated)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), lines, repeated)


def _plain(value: Any) -> Any:
    """Dates become ISO strings, as editors and the JSON Schema see them."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _anchors(text: str, file: str) -> list[Problem]:
    """Anchors and aliases, refused before any object is built: a few hundred bytes of nested aliases
    expand to gigabytes (a "billion laughs"), and the bank has no use for them."""
    problems = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                problems.append(
                    Problem(
                        file,
                        event.start_mark.line + 1,
                        "file",
                        f"a YAML {what} (`{'*' if what == 'alias' else '&'}{event.anchor}`): write the value out in full; "
                        "the bank allows no anchors or aliases",
                    )
                )
                if len(problems) >= 20:
                    break
    except yaml.YAMLError:
        return []  # reported with its line when the document is composed
    return problems


# A character no field may hold, in the file as written; a CR that ends a line (CRLF) is a line ending.
_HIDDEN = re.compile(rf"(?!\r\n){rules.FORBIDDEN_CHARACTERS.pattern}")


def _hidden(text: str) -> list[tuple[int, list[str]]]:
    """(line, characters) for each line holding characters no field may hold, lines counted at "\n" as an
    editor counts them (YAML also breaks lines at U+0085, U+2028 and U+2029, which would shift every line after)."""
    found = ((number, _HIDDEN.findall(line + "\n")) for number, line in enumerate(text.split("\n"), start=1))
    return [(number, list(dict.fromkeys(chars))) for number, chars in found if chars]


class _BankLoader(_Loader):
    """The safe loader, reading a scalar it cannot construct (the date 2026-13-45, an integer of 5,000 digits)
    as the text it is written as: the schema and the rules then say what is wrong with it, at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            if not isinstance(node, yaml.ScalarNode):
                raise
            self.recursive_objects.pop(node, None)
            return node.value


def parse(text: str, file: str) -> tuple[Parsed | None, list[Problem]]:
    """Parse YAML text, keeping lines; syntax errors, duplicate keys, anchors, aliases and hidden characters
    become problems."""
    size = len(text.encode("utf-8"))
    if size > rules.MAX_BANK_BYTES:
        return None, [Problem(file, 1, "file", f"the file has {size:,} bytes: keep it under {rules.MAX_BANK_BYTES:,}")]
    text = text.removeprefix("\ufeff")  # a byte-order mark before the first line is an encoding mark, not content
    hidden = _hidden(text)
    text = _HIDDEN.sub("\ufffd", text)  # parsed where the editor shows them, reported below at their lines
    anchors = _anchors(text, file)
    if anchors:
        return None, anchors
    parsed, problems = _compose(text, file)
    for number, chars in hidden:
        path = parsed.path_at(number) if parsed else ()
        key = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        problems.append(
            Problem(
                file,
                number,
                parsed.subject(path) if parsed else "file",
                f"{f'`{key}` contains ' if key else ''}the character(s) {', '.join(map(rules.character_name, chars))} "
                "on this line: delete them (retype the text around them if they are invisible)",
            )
        )
    return parsed, sorted(problems, key=lambda p: p.line)


def _compose(text: str, file: str) -> tuple[Parsed | None, list[Problem]]:
    """The document with the line of every key and item, or the YAML error at its line."""
    loader = _BankLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(file, 1, "file", "the file is empty: it needs levels, topics and questions")]
        data = _plain(loader.construct_document(node))
    except RecursionError:
        return None, [Problem(file, 1, "file", "an anchor refers to itself (or nesting is too deep): remove the recursive alias")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        return None, [
            Problem(
                file, line, "file", f"YAML syntax error: {what}: check the indentation and quoting on this line or the one above"
            )
        ]
    except yaml.YAMLError as err:
        return None, [Problem(file, 1, "file", f"YAML error: {err}")]
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    repeated: list[Path_] = []
    try:
        _index(node, (), lines, repeated)
    except RecursionError:
        return None, [Problem(file, 1, "file", "an anchor refers to itself (or nesting is too deep): remove the recursive alias")]
    parsed = Parsed(file, data, lines)
    return parsed, [
        Problem(file, lines[path], parsed.subject(path), f"the field `{path[-1]}` appears twice in one entry: keep one")
        for path in repeated
    ]


def build(parsed: Parsed, level_order: list[str], fragments: dict[Path_, str] | None = None) -> Bank:
    """Turn validated raw data into the typed bank; numbers follow level order, then file order.

    `fragments` holds the allow-listed HTML of every rendered field by its path (from the checker).
    """
    data = parsed.data
    html = fragments or {}
    order = sorted(range(len(data["questions"])), key=lambda i: level_order.index(data["questions"][i]["level"]))

    def question(n: int, i: int) -> Question:
        q = data["questions"][i]
        at = ("questions", i)
        return Question(
            id=q["id"],
            number=n,
            level=q["level"],
            question=q["question"].strip(),
            short_answer=q["short_answer"].strip(),
            key_points=tuple(k.strip() for k in q["key_points"]),
            answer=q["answer"].strip(),
            tags=tuple(q["tags"]),
            follow_ups=tuple(
                FollowUp(
                    f["question"].strip(),
                    f["hint"].strip(),
                    html.get((*at, "follow_ups", k, "question"), ""),
                    html.get((*at, "follow_ups", k, "hint"), ""),
                )
                for k, f in enumerate(q["follow_ups"])
            ),
            pitfalls=tuple(p.strip() for p in q["pitfalls"]),
            related=tuple(q["related"]),
            references=tuple(
                Reference(r["title"].strip(), r["url"], html.get((*at, "references", k, "title"), ""))
                for k, r in enumerate(q["references"])
            ),
            reviewed=dt.date.fromisoformat(q["reviewed"]),
            diagram=q["diagram"].strip() if "diagram" in q else None,
            diagram_caption=q["diagram_caption"].strip() if "diagram_caption" in q else None,
            versions=tuple(_version(v) for v in q.get("versions", ())),
            aliases=tuple(q.get("aliases", ())),
            html=QuestionHtml(
                question=html.get((*at, "question"), ""),
                short_answer=html.get((*at, "short_answer"), ""),
                key_points=tuple(html.get((*at, "key_points", k), "") for k in range(len(q["key_points"]))),
                answer=html.get((*at, "answer"), ""),
                diagram_caption=html.get((*at, "diagram_caption"), ""),
                pitfalls=tuple(html.get((*at, "pitfalls", k), "") for k in range(len(q["pitfalls"]))),
            ),
        )

    return Bank(
        source=parsed.file,
        levels=tuple(
            Level(
                lv["id"],
                lv["title"].strip(),
                lv["description"].strip(),
                lv.get("format", "standard"),
                lv.get("minutes", rules.MOCK_MINUTES[lv.get("format", "standard")]),
                html.get(("levels", i, "description"), ""),
            )
            for i, lv in enumerate(data["levels"])
        ),
        topics=tuple(Topic(t["id"], t["title"].strip()) for t in data["topics"]),
        questions=tuple(question(n, i) for n, i in enumerate(order, start=1)),
    )


def _version(entry: dict[str, Any]) -> VersionFact:
    def text(key: str) -> str | None:
        value = entry.get(key)
        return str(value).strip() if value is not None else None

    return VersionFact(
        name=text("package") or text("tool") or "",
        on_pypi="package" in entry,
        checked=text("checked"),
        since=text("since"),
        until=text("until"),
        note=text("note") or "",
    )


def read(path: str | Path) -> tuple[str | None, list[Problem]]:
    """Read a bank file's text, or say why it cannot be read."""
    file = str(path)
    try:
        return Path(path).read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem(file, 1, "file", "file not found: pass the path of questions.yaml")]
    except UnicodeDecodeError as err:
        line = err.object[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                file, line, "file", f"cannot read the file: a byte on this line is not UTF-8 ({err.reason}); save it as UTF-8"
            )
        ]
    except OSError as err:
        return None, [Problem(file, 1, "file", f"cannot read the file: {err}")]
