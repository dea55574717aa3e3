"""Checks on a parsed bank: the JSON Schema first, then the rules a schema cannot express."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator
from markdown.extensions.toc import slugify
from packaging.version import InvalidVersion, Version

from .. import rules
from ..load.bank import Bank, BankError, Parsed, Path_, Problem, build, parse, read
from ..text import FENCE, prose_words
from . import diagrams, sanitize
from .schema import bank_schema

Glossary = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class GlossaryFile:
    """The glossary's entries as (term, meaning, line), and the file they come from."""

    file: str = ""
    entries: tuple[tuple[str, str, int], ...] = ()

    @property
    def pairs(self) -> Glossary:
        return tuple((term, meaning) for term, meaning, _ in self.entries)


HEADING = re.compile(r"^#{1,6}\s", re.M)
LEAD_IN = re.compile(r"(?:^|\n\n)\s*\*\*(.+?)\*\*")
FIELD_HELP = {
    rules.SLUG_PATTERN: "use a kebab-case slug: lowercase letters, digits and single hyphens, e.g. `data-drift`",
    rules.URL_PATTERN: "use a full URL that starts with https:// (or http://)",
    rules.DATE_PATTERN: "write the date as YYYY-MM-DD, e.g. 2026-11-24",
    r"\S": "write the text (it is empty or only whitespace)",
    r"^[^\n]*\S[^\n]*$": "write it on one line, not empty",
}
# How each contributor-written field is rendered (sanitize.Kind), by its key in the entry. Everything else is a
# slug, URL, date, number or version (checked by its pattern) or escaped text (`versions`), and the diagram has
# its own rules (diagrams.py).
FIELD_KINDS: dict[tuple[str, ...], sanitize.Kind] = {
    ("levels", "title"): sanitize.Kind.PLAIN,
    ("levels", "description"): sanitize.Kind.BLOCK,
    ("topics", "title"): sanitize.Kind.PLAIN,
    ("questions", "question"): sanitize.Kind.LABEL,
    ("questions", "short_answer"): sanitize.Kind.INLINE,
    ("questions", "key_points"): sanitize.Kind.INLINE,
    ("questions", "answer"): sanitize.Kind.BLOCK,
    ("questions", "diagram_caption"): sanitize.Kind.INLINE,
    ("questions", "follow_ups", "question"): sanitize.Kind.LABEL,
    ("questions", "follow_ups", "hint"): sanitize.Kind.INLINE,
    ("questions", "pitfalls"): sanitize.Kind.INLINE,
    ("questions", "references", "title"): sanitize.Kind.LABEL,
}
JSON_TYPES = {"string": "text", "array": "a list", "object": "a mapping of fields", "integer": "a number"}


def version_problems(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with one `versions` entry, as (field, message) pairs."""
    if ("package" in entry) == ("tool" in entry):
        return [("", "names both or neither of `package` and `tool`: name a PyPI `package` or a `tool` not on PyPI")]
    problems = []
    if "package" in entry and "checked" not in entry:
        problems.append(("", 'lacks `checked`: add the release you checked the answer against, e.g. checked: "3.18.0"'))
    if "package" not in entry:
        return problems
    parsed: dict[str, Version] = {}
    for key in ("since", "until", "checked"):
        value = entry.get(key)
        if isinstance(value, str):
            try:
                parsed[key] = Version(value)
            except InvalidVersion:
                problems.append(
                    (key, f"`{key}` is {value!r}, not a release number of the package: write it as on PyPI, e.g. 3.18.0")
                )
    if "since" in parsed and "checked" in parsed and parsed["checked"] < parsed["since"]:
        problems.append(
            (
                "checked",
                f"`checked` {entry['checked']} is older than `since` {entry['since']}: check against a release the fact holds in",
            )
        )
    if "since" in parsed and "until" in parsed and parsed["until"] <= parsed["since"]:
        problems.append(("until", f"`until` {entry['until']} is not after `since` {entry['since']}: the range is empty"))
    return problems


def sections(answer: str) -> dict[str, str]:
    """The text under each bold lead-in that opens a paragraph, up to the next one."""
    prose = FENCE.sub("", answer)
    found = list(LEAD_IN.finditer(prose))
    return {
        m.group(1): prose[m.end() : (found[n + 1].start() if n + 1 < len(found) else len(prose))] for n, m in enumerate(found)
    }


def _suggest(value: str, options: Iterable[str]) -> str:
    """' (did you mean `x`?)' when a close option exists."""
    close = get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    for name, kinds in (("text", str), ("a list", list), ("a mapping of fields", dict), ("a number", (int, float))):
        if isinstance(value, kinds):
            return name
    return type(value).__name__


def _field(path: Path_) -> str:
    named = (
        [str(p) for p in path[2:] if not isinstance(p, int)]
        if path[:1] == ("questions",)
        else [str(p) for p in path if not isinstance(p, int)]
    )
    return ".".join(named) or (str(path[0]) if path else "file")


def _schema_message(error: ValidationError) -> tuple[Path_, str]:
    """Turn a JSON Schema error into a located, actionable message."""
    path: Path_ = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    name = _field(path)
    match error.validator:
        case "required":
            missing = re.search(r"'(.+?)' is a required property", error.message)
            key = missing.group(1) if missing else "?"
            about = schema.get("properties", {}).get(key, {}).get("description", "")
            return path, f"missing field `{key}`: add it ({about})"
        case "additionalProperties":
            allowed = ", ".join(schema.get("properties", {}))
            extra = [k for k in error.instance if k not in schema.get("properties", {})]
            return (
                (*path, extra[0]),
                f"unknown field `{extra[0]}`{_suggest(extra[0], schema.get('properties', {}))}: remove it or fix its spelling (allowed: {allowed})",
            )
        case "type":
            want = JSON_TYPES.get(str(error.validator_value), str(error.validator_value))
            return path, f"`{name}` must be {want}, not {_kind(error.instance)}: {schema.get('description', '')}"
        case "pattern":
            fix = FIELD_HELP.get(str(error.validator_value), "match the expected form")
            return path, f"`{name}` is {str(error.instance)[:60]!r}: {fix}"
        case "minItems":
            return (
                path,
                f"`{name}` needs at least {error.validator_value} item(s), has {len(error.instance)}: {schema.get('description', '')}",
            )
        case "maxItems":
            return (
                path,
                f"`{name}` allows at most {error.validator_value} item(s), has {len(error.instance)}: keep the most relevant",
            )
        case "uniqueItems":
            return path, f"`{name}` lists the same item twice: remove the repeat"
        case "minimum" | "maximum":
            return path, f"`{name}` is {error.instance}: {schema.get('description', '')}"
        case "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            return (
                path,
                f"`{name}` is {error.instance!r}{_suggest(str(error.instance), map(str, error.validator_value))}: use one of {options}",
            )
        case "dependentRequired":
            return path, f"{error.message}: `diagram` and `diagram_caption` go together; add the missing one"
    return path, f"`{name}`: {error.message}"


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """A schema pattern as ECMA-262 (JSON Schema's dialect) reads it: a final `$` is the end of the text.
    Python's `$` also matches before a final newline, which would let `id: "drift\\n"` pass as a slug."""
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator() -> Validator:
    return _Validator(bank_schema())


def _schema_problems(parsed: Parsed) -> list[Problem]:
    problems = []
    for error in _validator().iter_errors(parsed.data):
        path, message = _schema_message(error)
        problems.append(Problem(parsed.file, parsed.line(path), parsed.subject(path), message))
    return problems


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _items(data: Any, section: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(section) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def _ids(items: list[tuple[int, dict[str, Any]]]) -> set[str]:
    return {item["id"] for _, item in items if isinstance(item.get("id"), str)}


STOP_WORDS = frozenset(
    "a an the is are was be what whats how do does you your we in of for to and or why would which "
    "each one it its with by can should explain describe define mean meant use used using when".split()
)


def content_words(text: str) -> frozenset[str]:
    """The words that carry a question's meaning, crudely stemmed."""
    stems = (w.removesuffix("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS)
    return frozenset(w for w in stems if w and w not in STOP_WORDS)


def near_duplicates(texts: list[str], threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs (earlier, later) whose content words have Jaccard similarity >= threshold.

    Prefix filtering keeps this far below quadratic: two sets that similar must share
    one of the rarest words in each set's short prefix.
    """
    sets = [content_words(t) for t in texts]
    frequency: dict[str, int] = {}
    for words in sets:
        for w in words:
            frequency[w] = frequency.get(w, 0) + 1
    index: dict[str, list[int]] = {}
    for j, words in enumerate(sets):
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        candidates = {i for w in prefix for i in index.get(w, ())}
        for i in sorted(candidates):
            union = len(sets[i] | words)
            if union and len(sets[i] & words) / union >= threshold:
                yield i, j
                break
        for w in prefix:
            index.setdefault(w, []).append(j)


class _Rules:
    """The cross-field rules, each adding problems at the line it concerns."""

    def __init__(self, parsed: Parsed, today: dt.date, glossary: GlossaryFile) -> None:
        self.parsed = parsed
        self.today = today
        self.glossary = glossary
        self.problems: list[Problem] = []
        self.fragments: dict[Path_, str] = {}  # the allow-listed HTML of every rendered field, by path
        self.levels = _items(parsed.data, "levels")
        self.topics = _items(parsed.data, "topics")
        self.questions = _items(parsed.data, "questions")
        self.formats = {
            level.get("id"): rules.FORMATS.get(level.get("format", rules.STANDARD.name), rules.STANDARD)
            for _, level in self.levels
        }

    def add(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.parsed.file, self.parsed.line(path), self.parsed.subject(path), message))

    def run(self) -> list[Problem]:
        for section, items in (("levels", self.levels), ("topics", self.topics), ("questions", self.questions)):
            self.unique_ids(section, items)
        self.reserved_ids()
        self.content_safety()
        self.references_between_entries()
        self.text_rules()
        self.duplicate_questions()
        return self.problems

    def reserved_ids(self) -> None:
        """Ids may not collide with what the pages and scripts already use (rules.RESERVED_*)."""
        headings = {
            slugify(level["title"], "-"): level["title"] for _, level in self.levels if isinstance(level.get("title"), str)
        }
        for i, q in self.questions:
            for key, name in [
                ("id", q.get("id")),
                *(("aliases", a) for a in q.get("aliases") or [] if isinstance(q.get("aliases"), list)),
            ]:
                if not isinstance(name, str):
                    continue
                if name in rules.RESERVED_QUESTION_IDS:
                    self.add(
                        ("questions", i, key),
                        f"the id `{name}` is reserved (the study scripts or the pages use it): choose another slug",
                    )
                elif name in headings:
                    self.add(
                        ("questions", i, key),
                        f"the id `{name}` is the anchor of the level heading {headings[name]!r}: choose another slug",
                    )
        for i, level in self.levels:
            if level.get("id") in rules.RESERVED_LEVEL_IDS:
                self.add(
                    ("levels", i, "id"), f"the level id `{level['id']}` is a folder the site already has: choose another slug"
                )

    def unique_ids(self, section: str, items: list[tuple[int, dict[str, Any]]]) -> None:
        first: dict[str, int] = {}
        for i, item in items:
            names = [(item.get("id"), (section, i, "id"))] + [
                (alias, (section, i, "aliases", k))
                for k, alias in enumerate(item.get("aliases") or [])
                if isinstance(item.get("aliases"), list)
            ]
            for name, path in names:
                if not isinstance(name, str):
                    continue
                if name in first:
                    line = self.parsed.line((section, first[name], "id"))
                    self.add(path, f"id `{name}` is already used at line {line}: ids must be unique; choose another slug")
                else:
                    first[name] = i

    def content_safety(self) -> None:
        """Every field is rendered once and held to the allow-list (sanitize.py); what passes is kept for the pages.

        Diagrams have their own rules (diagrams.py); every string has a length limit and no control characters.
        """
        for path, text in _strings(self.parsed.data, ()):
            keys = tuple(p for p in path if isinstance(p, str))
            kind = FIELD_KINDS.get(keys)
            if not self.text_limits(path, keys, text) or kind is None or not text.strip():
                continue  # too long to render, not rendered, or reported by the schema
            rendered = sanitize.render(text, kind, self.glossary.pairs)
            self.fragments[path] = rendered.html
            own = set(sanitize.render(text, kind).findings) if rendered.findings and self.glossary.entries else None
            for finding in rendered.findings:
                cause = self.glossary_cause(text, kind, finding) if own is not None and finding not in own else None
                if cause is None:
                    self.add(path, f"`{_field(path)}` contains {finding}")
                else:
                    term, line = cause
                    where = f"{self.parsed.file}:{self.parsed.line(path)} [{self.parsed.subject(path)}]"
                    self.problems.append(
                        Problem(
                            self.glossary.file, line, "glossary", f"`{term}` makes `{_field(path)}` at {where} contain {finding}"
                        )
                    )
        for i, q in self.questions:
            if isinstance(q.get("diagram"), str):
                for finding in diagrams.diagram_findings(q["diagram"]):
                    self.add(("questions", i, "diagram"), f"`diagram` contains {finding}")

    def glossary_cause(self, text: str, kind: sanitize.Kind, finding: sanitize.Finding) -> tuple[str, int] | None:
        """The glossary entry (term, line) that alone gives a field a finding it does not have on its own."""
        for term, meaning, line in self.glossary.entries:
            if term in text and finding in sanitize.render(text, kind, ((term, meaning),)).findings:
                return term, line
        return None

    def text_limits(self, path: Path_, keys: tuple[str, ...], text: str) -> bool:
        """A field has a length limit (so one entry cannot bloat every page and the offline copy) and no controls.

        False when the field is too long to render at all.
        """
        bad = rules.FORBIDDEN_CHARACTERS.search(text)
        if bad:  # a YAML escape such as "\u202e" (the loader reports characters written out, at their line)
            self.add(
                path,
                f"`{_field(path)}` contains the character {rules.character_name(bad.group())}: delete it "
                "(retype the text around it if it is invisible)",
            )
        limit = rules.FIELD_MAX_CHARS.get(keys[-1] if keys else "", rules.DEFAULT_FIELD_MAX_CHARS)
        if len(text) > limit:
            self.add(path, f"`{_field(path)}` has {len(text):,} characters: keep it under {limit:,} (split or shorten it)")
            return False
        return True

    def references_between_entries(self) -> None:
        levels, topics, questions = _ids(self.levels), _ids(self.topics), _ids(self.questions)
        used_levels: set[str] = set()
        for i, q in self.questions:
            qid = q.get("id")
            level = q.get("level")
            if isinstance(level, str):
                used_levels.add(level)
                if level not in levels:
                    self.add(
                        ("questions", i, "level"),
                        f"unknown level `{level}`{_suggest(level, levels)}: use one of {', '.join(sorted(levels))}",
                    )
            for k, tag in enumerate(q.get("tags") or []) if isinstance(q.get("tags"), list) else ():
                if isinstance(tag, str) and tag not in topics:
                    self.add(
                        ("questions", i, "tags", k),
                        f"unknown tag `{tag}`{_suggest(tag, topics)}: use one of the topics ({', '.join(sorted(topics))}) or add it under topics",
                    )
            for k, other in enumerate(q.get("related") or []) if isinstance(q.get("related"), list) else ():
                if other == qid:
                    self.add(
                        ("questions", i, "related", k), f"`related` lists the question itself (`{other}`): link other questions"
                    )
                elif isinstance(other, str) and other not in questions:
                    self.add(
                        ("questions", i, "related", k),
                        f"`related` names unknown question `{other}`{_suggest(other, questions)}: use the id of an existing question",
                    )
        self.related_both_ways()
        for i, level in self.levels:
            if isinstance(level.get("id"), str) and level["id"] not in used_levels:
                self.add(
                    ("levels", i, "id"),
                    f"level `{level['id']}` has no questions: add questions with `level: {level['id']}` or remove the level",
                )

    def related_both_ways(self) -> None:
        """A related link is followed in both directions: a reader of either question sees the other."""
        related = {
            q["id"]: (i, q["related"])
            for i, q in self.questions
            if isinstance(q.get("id"), str) and isinstance(q.get("related"), list)
        }
        for qid, (_, links) in related.items():
            for other in links:
                if other in related and other != qid and qid not in related[other][1]:
                    line = self.parsed.line(("questions", related[qid][0], "id"))
                    self.add(
                        ("questions", related[other][0], "related"),
                        f"`related` lacks `{qid}` (line {line}), which links here: add it; related questions link both ways",
                    )

    def text_rules(self) -> None:
        for i, q in self.questions:
            diagram = q.get("diagram")
            if isinstance(diagram, str) and diagram.strip():
                kind = diagram.split()[0]
                if kind not in rules.MERMAID_TYPES:
                    self.add(
                        ("questions", i, "diagram"),
                        f"diagram starts with `{kind}`, not a Mermaid diagram type: start with `flowchart LR`, `sequenceDiagram`, `stateDiagram-v2`, ...",
                    )
                too_wide = diagrams.budget_problem(diagram)
                if too_wide:
                    self.add(("questions", i, "diagram"), f"diagram {too_wide}")
            short = q.get("short_answer")
            if isinstance(short, str) and len(prose_words(short)) > rules.SHORT_ANSWER_MAX_WORDS:
                self.add(
                    ("questions", i, "short_answer"),
                    f"short_answer has {len(prose_words(short))} words: keep it to {rules.SHORT_ANSWER_MAX_WORDS} (what to say in the first 30 seconds)",
                )
            for key in ("short_answer", "answer"):
                if isinstance(q.get(key), str) and HEADING.search(FENCE.sub("", q[key])):
                    self.add(
                        ("questions", i, key),
                        f"`{key}` contains a Markdown heading: use a **bold** lead-in instead "
                        "(headings inside answers break the page outline and search)",
                    )
            self.format_rules(i, q)
            self.key_points(i, q)
            self.versions(i, q)
            reviewed = q.get("reviewed")
            if isinstance(reviewed, str) and re.fullmatch(rules.DATE_PATTERN, reviewed):
                try:
                    day = dt.date.fromisoformat(reviewed)
                except ValueError:
                    self.add(("questions", i, "reviewed"), f"`reviewed` is {reviewed!r}, not a real date: write YYYY-MM-DD")
                    continue
                if day > self.today:
                    self.add(
                        ("questions", i, "reviewed"),
                        f"`reviewed` is {reviewed}, in the future: write the date you checked the answer",
                    )

    def format_rules(self, i: int, q: dict[str, Any]) -> None:
        """The answer's length and shape, as its level's format asks (macros/rules.py FORMATS)."""
        fmt = self.formats.get(q.get("level"), rules.STANDARD)
        named = "" if fmt is rules.STANDARD else f" ({fmt.name} format)"
        answer = q.get("answer")
        if isinstance(answer, str) and answer.strip():
            count = len(prose_words(answer))
            if not fmt.answer_min_words <= count <= fmt.answer_max_words:
                self.add(
                    ("questions", i, "answer"),
                    f"answer has {count} words of prose: write {fmt.answer_min_words} to {fmt.answer_max_words}{named} ({fmt.why})",
                )
            self.lead_ins(i, answer, fmt)
            self.sections(i, answer, fmt)
        for key, least, what in (
            ("follow_ups", fmt.min_follow_ups, "follow-up question(s) with hints"),
            ("references", fmt.min_references, "primary source(s)"),
        ):
            items = q.get(key)
            floor = min(getattr(f, f"min_{key}") for f in rules.FORMATS.values())  # below it, the schema reports
            if isinstance(items, list) and floor <= len(items) < least:
                self.add(("questions", i, key), f"`{key}` has {len(items)}: add at least {least} {what}{named}")
        if fmt.diagram_required and not q.get("diagram"):
            self.add(
                ("questions", i, "level"),
                f"missing field `diagram`{named}: add a Mermaid diagram of the design and a `diagram_caption`",
            )

    def sections(self, i: int, answer: str, fmt: rules.AnswerFormat) -> None:
        """What each lead-in's section must say (a dollar cost, an ordered plan) and how long it may be."""
        text = sections(answer)
        for rule in fmt.section_rules:
            if rule.lead_in in text and not re.search(rule.pattern, text[rule.lead_in]):
                self.add(("questions", i, "answer"), f"the **{rule.lead_in}** section does not name {rule.what}: {rule.fix}")
        for lead_in, (least, most) in fmt.section_words.items():
            if lead_in in text:
                count = len(prose_words(text[lead_in]))
                if not least <= count <= most:
                    self.add(
                        ("questions", i, "answer"),
                        f"the **{lead_in}** section has {count} words: write {least} to {most} "
                        f"(about 2 to 3 minutes spoken, before the follow-ups)",
                    )

    def lead_ins(self, i: int, answer: str, fmt: rules.AnswerFormat) -> None:
        """Each required bold lead-in opens a paragraph, in the format's order."""
        found = [m.group(1) for m in LEAD_IN.finditer(FENCE.sub("", answer))]
        wanted = list(fmt.lead_ins)
        missing = [lead for lead in wanted if lead not in found]
        if missing:
            self.add(
                ("questions", i, "answer"),
                f"answer lacks the lead-in **{missing[0]}**: open a paragraph with it; the {fmt.name} format needs "
                + ", ".join(f"**{lead}**" for lead in wanted),
            )
        elif [lead for lead in found if lead in wanted] != wanted:
            self.add(
                ("questions", i, "answer"),
                f"answer has its lead-ins out of order: the {fmt.name} format needs them as "
                + ", ".join(f"**{lead}**" for lead in wanted),
            )

    def key_points(self, i: int, q: dict[str, Any]) -> None:
        points = q.get("key_points")
        for k, point in enumerate(points) if isinstance(points, list) else ():
            if isinstance(point, str) and len(point.split()) > rules.KEY_POINT_MAX_WORDS:
                self.add(
                    ("questions", i, "key_points", k),
                    f"key point has {len(point.split())} words: keep it to {rules.KEY_POINT_MAX_WORDS} "
                    "(a point said in one breath and ticked while listening)",
                )

    def versions(self, i: int, q: dict[str, Any]) -> None:
        """Each version fact names a PyPI package (so `make freshness` can check it) or a tool, and the release checked."""
        entries = q.get("versions")
        for k, entry in enumerate(entries) if isinstance(entries, list) else ():
            if not isinstance(entry, dict):
                continue  # the schema reports it
            for key, message in version_problems(entry):
                path = ("questions", i, "versions", k, key) if key else ("questions", i, "versions", k)
                self.add(path, f"version fact {message}")

    def duplicate_questions(self) -> None:
        asked = [(i, q["question"]) for i, q in self.questions if isinstance(q.get("question"), str) and q["question"].strip()]
        texts = [text for _, text in asked]
        for a, b in near_duplicates(texts, rules.NEAR_DUPLICATE_SIMILARITY):
            line = self.parsed.line(("questions", asked[a][0], "question"))
            same = content_words(texts[a]) == content_words(texts[b])
            what = "the same question as" if same else "nearly the same question as"
            self.add(
                ("questions", asked[b][0], "question"),
                f"{what} line {line} ({texts[a]!r}): merge them, or make the difference explicit in the wording",
            )


def check_text(
    text: str, file: str, today: dt.date | None = None, glossary: GlossaryFile | None = None
) -> tuple[Bank | None, list[Problem]]:
    """Parse and check bank text: the bank (with every field's allow-listed HTML) if it is valid, and every problem."""
    parsed, problems = parse(text, file)
    if parsed is None:
        return None, problems
    problems += _schema_problems(parsed)
    checks = _Rules(parsed, today or dt.date.today(), glossary or GlossaryFile())
    problems += checks.run()
    problems.sort(key=lambda p: p.line)
    if problems:
        return None, problems
    level_order = [level["id"] for level in parsed.data["levels"]]
    return build(parsed, level_order, checks.fragments), []


def glossary_path(bank_path: str | Path) -> Path:
    """The site's glossary: docs/includes/abbreviations.md beside the bank's data/ folder."""
    return Path(bank_path).resolve().parent.parent / rules.GLOSSARY_FILE


def check(
    path: str | Path, today: dt.date | None = None, glossary: GlossaryFile | None = None
) -> tuple[Bank | None, list[Problem]]:
    """Check the bank file at `path`, with `glossary` or else the glossary of the project it belongs to (its
    valid entries: `glossary_problems` reports the others)."""
    text, problems = read(path)
    if text is None:
        return None, problems
    return check_text(text, str(path), today, glossary if glossary is not None else read_glossary(glossary_path(path))[0])


# A glossary term is an abbreviation as written in running text: it starts with a capital or a digit (or, as
# percentiles do, a letter and a digit: p99), so it never matches an ordinary word ("a", "the", "model") and
# wraps it in <abbr> across every field and page.
GLOSSARY_TERM = re.compile(r"(?:[A-Z0-9]|[a-z][0-9])[A-Za-z0-9/.+-]*")


def read_glossary(path: str | Path) -> tuple[GlossaryFile, list[Problem]]:
    """The glossary's valid entries with their lines, and what is wrong with the others: one
    `*[TERM]: What it stands for` per line (lines counted at "\n" only, as an editor counts them), plain text only."""
    file = str(path)
    if not Path(path).exists():
        return GlossaryFile(file), []
    text, problems = read(path)
    if text is None:
        return GlossaryFile(file), [replace(p, subject="glossary") for p in problems]
    entries = []
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        match = rules.ABBREVIATION.fullmatch(line)
        if match is None:
            problems.append(Problem(file, number, "glossary", "not an abbreviation: write `*[TERM]: What it stands for`"))
            continue
        term, meaning = match["term"], match["meaning"].strip()
        found = [f"`{term}` contains {finding}" for finding in sanitize.render(meaning, sanitize.Kind.PLAIN).findings]
        if not GLOSSARY_TERM.fullmatch(term):
            found.insert(
                0,
                f"`{term}` is not a term: start with a capital or a digit (p99 for a percentile), then letters, digits and / . + -",
            )
        problems.extend(Problem(file, number, "glossary", message) for message in found)
        if not found:
            entries.append((term, meaning, number))
    return GlossaryFile(file, tuple(entries)), problems


def glossary_problems(path: str | Path) -> list[Problem]:
    """What is wrong with the glossary (abbreviations expanded in every field): terms and their meanings are plain text."""
    return read_glossary(path)[1]


def load(path: str | Path, glossary: GlossaryFile | None = None) -> Bank:
    """Load a valid bank (checked with `glossary`, as `check`) or raise BankError listing every problem."""
    bank, problems = check(path, glossary=glossary)
    if bank is None:
        raise BankError(problems)
    return bank
