"""Hostile contributions, by class, end to end: the checker refuses them with file:line, or they build harmless.

Every case puts one payload into one field of the real bank. A case marked `refused` must fail the check with
a problem for that question (or section) naming the field; all of them together fail the build before any
page is written. The cases marked `harmless` are built together into one site, which is then scanned: every
page, the permalink pages, the deck and the plain-text exports, and visited in Chromium listening for
dialogs, policy violations and navigation. Nothing may run script, redirect, restyle the page, impersonate
the interface or leak into another field.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown.extensions.toc import slugify

from macros.check import sanitize
from macros.check.diagrams import diagram_findings
from macros.check.validate import check, check_text, glossary_problems, load
from macros.outputs import csp
from macros.outputs.export import anki_note_fields
from tests.conftest import ROOT, SUBPATH, build_site, refuse_other_hosts, serve_directory, unused_port
from tests.factory import bank as factory_bank
from tests.factory import dump

BANK_FILE = ROOT / "data" / "questions.yaml"
REAL = yaml.safe_load(BANK_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the class of attack
    field: str  # where the payload goes (see `apply`)
    payload: Any
    expect: str  # "refused" or "harmless"
    names: str = ""  # for a refused case: what one of its problems must name


C = Case
CASES = [
    # Parser differentials: what one parser reads as inert and another as markup.
    C("abrupt comment", "parser differential", "answer", "Text <!--> <img src=x onerror=alert(1)> -->", "refused"),
    C("cdata section", "parser differential", "answer", "<![CDATA[ ]]><img src=x onerror=alert(1)>", "refused"),
    C("unbalanced closing tags", "parser differential", "answer", "Text</div></details></div><p>outside</p>", "refused"),
    C("processing instruction", "parser differential", "short_answer", "<?php echo 1 ?> text", "refused"),
    C("nested script name", "parser differential", "answer", "<scr<script>ipt>alert(1)</script>", "refused"),
    C(
        "noscript title",
        "parser differential",
        "answer",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "refused",
    ),
    C("svg style", "parser differential", "answer", "<svg><style><img src=x onerror=alert(1)></style></svg>", "refused"),
    C("math mglyph", "parser differential", "answer", "<math><mi><mglyph><style><img src=x onerror=alert(1)>", "refused"),
    C("unclosed comment", "parser differential", "pitfall", "A pitfall <!-- never closed", "harmless"),
    C("backslash before a tag", "parser differential", "answer", r"Text \<script>alert(1)\</script>", "refused"),
    C(
        "entities are text",
        "parser differential",
        "answer",
        "Text &lt;script&gt;alert(1)&lt;/script&gt; and &#60;b&#62;",
        "harmless",
    ),
    # Breaking out of the article.
    C("raw article end", "article breakout", "answer", "Text </article><script>alert(1)</script>", "refused"),
    C(
        "url ending in markup",
        "article breakout",
        "reference_url",
        "https://x.example/a)</article><script>alert(1)</script>",
        "harmless",
    ),
    C("reference title closing the link", "article breakout", "reference_title", "x](javascript:alert(1)) [y", "harmless"),
    C("main end in caption", "article breakout", "diagram_caption", "Caption </main><script>alert(1)</script>", "refused"),
    # Composition across fields.
    C("follow-up pair", "composition", "follow_up_pair", ("**[x**", "](javascript:alert(1))"), "harmless"),
    C("question closes template link", "composition", "question", "What is x](javascript:alert(1))?", "harmless"),
    C("link in question", "composition", "question", "What is [x](javascript:alert(1))?", "refused"),
    C("link in reference title", "composition", "reference_title", "[inner](https://example.org) title", "refused"),
    C(
        "reference definition used elsewhere",
        "composition",
        "definition_pair",
        ("[r]: javascript:alert(1)", "See [this][r]."),
        "harmless",
    ),
    C("reference definition used in field", "composition", "answer", "See [this][r].\n\n[r]: javascript:alert(1)", "refused"),
    C("fence left open", "composition", "answer", "```python\nprint(1)\n", "refused"),
    C("tilde fence left open", "composition", "short_answer", "~~~\ncode", "refused"),
    C("topic title link", "composition", "topic_title", "Drift](javascript:alert(1))", "refused"),
    C("snippet include is text", "composition", "answer", '--8<-- "abbreviations.md"\n\n--8<-- "/etc/passwd"', "harmless"),
    C(
        "abbreviation definition",
        "composition",
        "answer",
        "*[CI]: </abbr><script>alert(1)</script>\n\nCI runs.",
        "refused",
        "abbreviation definition `*[CI]",
    ),
    C("abbreviation redefined", "composition", "pitfall", "*[CI]: Cheat\n\nCI", "refused", "abbreviation definition"),
    # Attribute lists.
    C("attribute list on question", "attribute list", "question", "Why use y? { onmouseover=alert(2) }", "harmless"),
    C("unclosed attribute list", "attribute list", "question", "What is x? { onclick=alert(1) style=color:red", "harmless"),
    C("attribute list id", "attribute list", "answer", "Text\n{: #main }", "refused"),
    C("attribute list in a key point", "attribute list", "key_point", "A point { .md-dialog .md-dialog--active }", "harmless"),
    C("attribute list class", "attribute list", "answer", "Text\n{: .md-dialog .md-dialog--active }", "refused"),
    C("attribute list on emphasis", "attribute list", "hint", "A *hint*{ onclick=alert(1) }", "refused"),
    C("attribute list on level title", "attribute list", "level_title", "Beginner { .md-dialog }", "refused"),
    C("generic title attribute", "attribute list", "answer", 'Text\n{: title="Session expired" }', "refused", "`title` on <p>"),
    C("generic lang attribute", "attribute list", "short_answer", 'Text\n{: lang="ar" }', "refused", "`lang` on <p>"),
    # Fields that were never cleaned.
    C(
        "entity title breakout",
        "uncleaned field",
        "level_title",
        "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "refused",
    ),
    C("markup in level title", "uncleaned field", "level_title", "Beginner <b>", "refused"),
    C(
        "quote in level description",
        "uncleaned field",
        "level_description",
        'First steps" http-equiv="refresh" content="0;url=https://evil.example/',
        "harmless",
    ),
    C(
        "meta in level description",
        "uncleaned field",
        "level_description",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        "refused",
    ),
    C("markup in topic title", "uncleaned field", "topic_title", "<script>alert(1)</script>", "refused"),
    C(
        "version note markup",
        "uncleaned field",
        "version_note",
        '"><script>alert(1)</script><img src=x onerror=alert(1)>',
        "harmless",
    ),
    C("version package markup", "uncleaned field", "version_package", 'x"><img src=x>', "refused"),
    C(
        "entity text in question",
        "uncleaned field",
        "question",
        "What is &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;?",
        "harmless",
    ),
    C("quote in question", "uncleaned field", "question", 'What is " onmouseover="alert(1)?', "harmless"),
    # Diagrams.
    C(
        "mermaid fence in answer",
        "diagram",
        "answer",
        "```mermaid\nflowchart LR\n  A --> B\n  click A call alert()\n```",
        "refused",
    ),
    C("mermaid fence with attributes", "diagram", "answer", "``` { .mermaid }\nflowchart LR\n  A --> B\n```", "refused"),
    C("mermaid entity tag", "diagram", "diagram", 'flowchart TB\n  A["#lt;img src=x onerror=alert(1)#gt;"] --> B', "refused"),
    C("numeric entity tag", "diagram", "diagram", 'flowchart TB\n  A["#60;img src=x onerror=alert(1)#62;"] --> B', "refused"),
    C("tag split across lines", "diagram", "diagram", 'flowchart TB\n  A["<img\nsrc=x onerror=alert(1)>"] --> B', "refused"),
    C("classdef url", "diagram", "diagram", "flowchart TB\n  A --> B\n  classDef x fill:url(https://evil.example/x)", "refused"),
    C("style expression", "diagram", "diagram", "flowchart TB\n  A --> B\n  style A background:expression(alert(1))", "refused"),
    C("linkstyle url", "diagram", "diagram", "flowchart TB\n  A --> B\n  linkStyle 0 stroke:url(#x)", "refused"),
    C("click after semicolon", "diagram", "diagram", "flowchart TB\n  A --> B; click A call alert()", "refused"),
    C(
        "front matter config",
        "diagram",
        "diagram",
        "---\nconfig:\n  securityLevel: loose\n---\nflowchart TB\n  A --> B",
        "refused",
    ),
    C("init directive", "diagram", "diagram", "flowchart TB\n  %%{init: {'securityLevel': 'loose'}}%%\n  A --> B", "refused"),
    C("entity javascript link", "diagram", "diagram", 'flowchart TB\n  A["java#115;cript:alert(1)"] --> B', "refused"),
    C(
        "theme class in diagram",
        "diagram",
        "diagram",
        "flowchart TB\n  A:::md-dialog --> B\n  classDef md-dialog fill:#fff",
        "refused",
    ),
    C(
        "plain style",
        "diagram",
        "diagram",
        "flowchart TB\n  A --> B\n  style A fill:#f9f,stroke:#333,stroke-width:2px",
        "harmless",
    ),
    C("rgb colour", "diagram", "diagram", "flowchart TB\n  A --> B\n  style A fill:rgb(255, 204, 0),stroke:#333", "harmless"),
    C("click in capitals", "diagram", "diagram", "flowchart TB\n  A --> B\n  CLICK A call alert()", "refused", "`click`"),
    C(
        "click capitalised",
        "diagram",
        "diagram",
        'flowchart TB\n  A --> B\n  Click B href "https://evil.example/"',
        "refused",
        "`click`",
    ),
    C(
        "style in capitals",
        "diagram",
        "diagram",
        "flowchart TB\n  A --> B\n  STYLE A fill:url(https://evil.example/x)",
        "refused",
        "url(",
    ),
    C(
        "classdef in capitals",
        "diagram",
        "diagram",
        "flowchart TB\n  A --> B\n  CLASSDEF x fill:url(https://evil.example/x)",
        "refused",
        "url(",
    ),
    C("linkstyle in capitals", "diagram", "diagram", "flowchart TB\n  A --> B\n  LINKSTYLE 0 stroke:url(#x)", "refused", "url("),
    C(
        "declaration after a semicolon",
        "diagram",
        "diagram",
        "flowchart TB\n  A --> B\n  style A fill:#fff;background:url(https://evil.example/x)",
        "refused",
        "background:url(",
    ),
    C(
        "node metadata image",
        "diagram",
        "diagram",
        'flowchart TB\n  A@{ img: "https://evil.example/p.png", h: 60, constraint: "on" } --> B',
        "refused",
        "metadata",
    ),
    C(
        "node metadata icon",
        "diagram",
        "diagram",
        'flowchart TB\n  A@{ icon: "fa:user", form: "square" } --> B',
        "refused",
        "metadata",
    ),
    C("edge metadata", "diagram", "diagram", "flowchart TB\n  A e1@--> B\n  e1@{ animate: true }", "refused", "metadata"),
    C("entity-coded bidi in a label", "diagram", "diagram", 'flowchart TB\n  A["Approve #8238;x"] --> B', "refused", "U+202E"),
    # Classes of the interface.
    C("raw interface classes", "impersonation", "answer", '<span class="md-dialog md-dialog--active">Saved</span>', "refused"),
    C("guide button class", "impersonation", "pitfall", "Press {: .qa-btn } here", "harmless"),
    C("fence with button class", "impersonation", "answer", "```python { .md-button }\nx = 1\n```", "refused"),
    C("admonition", "impersonation", "answer", '!!! warning "Session expired"\n    Log in again.', "refused"),
    # Links and media.
    C("entity javascript link", "links", "answer", "[x](javascript&#58;alert(1))", "refused"),
    C("spaced javascript link", "links", "answer", "[x]( javascript:alert(1))", "refused"),
    C("data link", "links", "hint", "[x](data:text/html;base64,PHNjcmlwdD4=)", "refused"),
    C("image with space", "links", "answer", "![x]( https://evil.example/p.png?total=48200)", "refused"),
    C("image", "links", "short_answer", "![x](https://evil.example/p.png)", "refused"),
    C("autolink javascript", "links", "answer", "<javascript:alert(1)>", "refused"),
    C("vbscript reference", "links", "key_point", "[x](vbscript:msgbox(1))", "refused"),
    C("relative link", "links", "answer", "[x](../beginner/#data-drift)", "refused", "href to `../beginner/#data-drift`"),
    C("protocol-relative link", "links", "hint", "[x](//evil.example/login)", "refused", "href to `//evil.example/login`"),
    C("anchor on the page", "links", "pitfall", "See [the answer](#top).", "harmless"),
    # Ids.
    C("id constructor", "ids", "id", "constructor", "refused"),
    C("alias prototype", "ids", "alias", "prototype", "refused"),
    C("id of a level heading", "ids", "id_of_heading", "", "refused"),
    C("level id of a page", "ids", "level_id", "search", "refused"),
    # The loader.
    C("NUL character", "loader", "hint", "Before\x00after", "refused"),
    C("escape character", "loader", "answer_suffix", "Text \x1b[31m red", "refused"),
    C("bidi override", "loader", "key_point", "Approve \u202eelbat eht pord", "refused", "U+202E"),
    C("line separator", "loader", "answer_suffix", "Text\u2028more", "refused", "U+2028"),
    C("paragraph separator", "loader", "hint", "Text\u2029more", "refused", "U+2029"),
    C("byte-order mark", "loader", "pitfall", "A \ufeffpitfall", "refused", "U+FEFF"),
    C("two-megabyte question", "loader", "question", "What " + "x" * 2_000_000 + "?", "refused"),
    C("long answer", "loader", "answer", "word " * 5_000, "refused"),
    # Hidden characters written as entities: the page shows the character the field may not hold.
    C("hex entity bidi override", "hidden characters", "answer", "Approve &#x202E;elbat eht pord", "refused", "U+202E"),
    C("decimal entity bidi override", "hidden characters", "hint", "Approve &#8238;x", "refused", "U+202E"),
    C("entity line separator", "hidden characters", "key_point", "One&#x2028;two", "refused", "U+2028"),
    C("entity escape character", "hidden characters", "question", "What is &#x1B;x?", "refused", "U+001B"),
    C("entity in a link title", "hidden characters", "answer", '[x](https://example.org "&#x2066;t")', "refused", "U+2066"),
    # Nesting: deep enough to slow or break the parsers that read the page, or the renderer itself.
    C("quotes nested 40 deep", "nesting", "answer", "> " * 40 + "deep", "refused", "elements nested 41 deep"),
    C("lists nested 20 deep", "nesting", "answer", "\n".join("    " * i + "- item" for i in range(20)), "refused", "nested"),
    C("lists nested 3,000 deep", "nesting", "answer", "- " * 3000 + "x", "refused", "nested too deeply to render"),
    # Patterns: a slug, URL or date is the whole text, not a prefix of it.
    C("alias with a trailing newline", "patterns", "alias", "old-name\n", "refused", "slug"),
    C("url with a trailing newline", "patterns", "reference_url", "https://example.org/x\n", "refused", "https://"),
    C("date with a trailing newline", "patterns", "reviewed", "2026-01-01\n", "refused", "YYYY-MM-DD, e.g."),
    # Exports: what a spreadsheet or Anki would read as an instruction.
    C("full-width formula", "exports", "question", '＝HYPERLINK("https://evil.example/","Open")?', "harmless"),
    C("anki sound and mathjax", "exports", "key_point", r"Play [sound:evil.mp3] and \\(x^2\\)", "harmless"),
    # The copied summaries: a question's text that a Markdown chat would read as a link, an image or a tag.
    C(
        "markdown in question text",
        "copied summary",
        "question",
        "Is `[win](https://evil.example/) ![p](https://evil.example/p.png) <b>x</b> | #1 ~~y~~` text?",
        "harmless",
    ),
]
assert len(CASES) >= 60


def apply(data: dict[str, Any], case: Case, n: int) -> str:
    """Put the case's payload into question n (or its level or topic); the subject problems are reported under."""
    q = data["questions"][n]
    p = case.payload
    match case.field:
        case "answer":
            q["answer"] = q["answer"] + "\n\n" + p + "\n"
        case "answer_suffix":
            q["answer"] = q["answer"] + p
        case "short_answer":
            q["short_answer"] = p
        case "question":
            q["question"] = p
        case "pitfall":
            q["pitfalls"][0] = p
        case "key_point":
            q["key_points"][0] = p
        case "hint":
            q["follow_ups"][0]["hint"] = p
        case "follow_up_pair":
            q["follow_ups"][0]["question"], q["follow_ups"][0]["hint"] = p
        case "definition_pair":
            q["answer"] = q["answer"] + "\n\n" + p[0] + "\n"
            q["pitfalls"][0] = p[1]
        case "reference_title":
            q["references"][0]["title"] = p
        case "reference_url":
            q["references"][0]["url"] = p
        case "reviewed":
            q["reviewed"] = p
        case "diagram_caption":
            q["diagram"], q["diagram_caption"] = "flowchart TB\n  A --> B\n", p
        case "diagram":
            q["diagram"], q["diagram_caption"] = p + "\n", "A diagram."
        case "version_note":
            q["versions"] = [{"tool": "Tool", "checked": "1.0", "note": p}]
        case "version_package":
            q["versions"] = [{"package": p, "checked": "1.0"}]
        case "id":
            old = q["id"]
            q["id"] = p
            for other in data["questions"]:
                other["related"] = [p if r == old else r for r in other["related"]]
        case "id_of_heading":
            return apply(data, Case(case.name, case.kind, "id", slugify(data["levels"][0]["title"], "-"), case.expect), n)
        case "alias":
            q["aliases"] = [p]
        case "level_title":
            level = next(lv for lv in data["levels"] if lv["id"] == q["level"])
            level["title"] = p
            return "levels"
        case "level_description":
            level = next(lv for lv in data["levels"] if lv["id"] == q["level"])
            level["description"] = p
            return "levels"
        case "level_id":
            level = next(lv for lv in data["levels"] if lv["id"] == q["level"])
            old, level["id"] = level["id"], p
            for other in data["questions"]:
                if other["level"] == old:
                    other["level"] = p
            return "levels"
        case "topic_title":
            topic = next(t for t in data["topics"] if t["id"] == q["tags"][0])
            topic["title"] = p
            return "topics"
        case _:
            raise ValueError(case.field)
    return q["id"]


def fresh() -> dict[str, Any]:
    return copy.deepcopy(REAL)


def small() -> dict[str, Any]:
    """A small valid bank (the checker's own fixture) with a diagram and a version fact on its first question."""
    data = factory_bank(4)
    data["questions"][0].update(diagram="flowchart TB\n  A --> B\n", diagram_caption="A diagram.")
    return data


REFUSED = [c for c in CASES if c.expect == "refused"]
HARMLESS = [c for c in CASES if c.expect == "harmless"]


@pytest.mark.parametrize("case", REFUSED, ids=[f"{c.kind}: {c.name}" for c in REFUSED])
def test_hostile_contribution_is_refused_with_its_line(case: Case) -> None:
    data = small()
    subject = apply(data, case, 0)
    text = dump(data)
    bank, problems = check_text(text, "data/questions.yaml")
    assert bank is None, "accepted"
    mine = [p for p in problems if p.subject in {subject, "file"}]
    assert mine, [str(p) for p in problems][:5]
    lines = text.splitlines()
    for p in mine:
        assert 1 <= p.line <= len(lines) and str(p).startswith(f"data/questions.yaml:{p.line}: [")
        assert ": " in p.message, "each message says how to fix it"
    assert any(case.names in p.message for p in mine), [str(p) for p in mine]


def test_a_yaml_alias_bomb_is_refused_before_it_expands() -> None:
    levels = "\n".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10))
    text = "l0: &l0 [x]\n" + levels + "\nlevels: []\ntopics: []\nquestions: *l9\n"
    bank, problems = check_text(text, "data/questions.yaml")
    assert bank is None
    assert problems[0].line == 1 and "anchor" in problems[0].message and "write the value out" in problems[0].message


def test_a_bank_over_the_size_limit_is_refused_unread() -> None:
    from macros import rules

    bank, problems = check_text("#" * (rules.MAX_BANK_BYTES + 1), "data/questions.yaml")
    assert bank is None and "keep it under" in problems[0].message


def test_the_glossary_holds_plain_text_only(tmp_path: Path) -> None:
    glossary = tmp_path / "abbreviations.md"
    glossary.write_text("*[CI]: Continuous integration\n*[X]: </abbr><script>alert(1)</script>\n*[Y<b>]: Why\n", encoding="utf-8")
    problems = [str(p) for p in glossary_problems(glossary)]
    assert any(p.startswith(f"{glossary}:2: [glossary]") for p in problems)
    assert any(p.startswith(f"{glossary}:3: [glossary]") for p in problems)
    assert not any(f"{glossary}:1:" in p for p in problems)


def test_glossary_terms_are_abbreviations_not_words(tmp_path: Path) -> None:
    """A lowercase term (`model`, `a`) would wrap an ordinary word in <abbr> in every field and page."""
    glossary = tmp_path / "abbreviations.md"
    glossary.write_text(
        "*[CI]: Continuous integration\n*[model]: A trained artefact\n*[p99]: 99th percentile\n", encoding="utf-8"
    )
    problems = [str(p) for p in glossary_problems(glossary)]
    assert [p.split(": [")[0] for p in problems] == [f"{glossary}:2"], problems
    assert "start with a capital or a digit" in problems[0]


def test_glossary_lines_are_counted_as_an_editor_counts_them(tmp_path: Path) -> None:
    """A line separator (U+2028) inside an entry does not start a new entry: the entry is refused at its line."""
    glossary = tmp_path / "abbreviations.md"
    glossary.write_text("*[CI]: Continuous\u2028integration\n*[CD]: Continuous delivery\n", encoding="utf-8")
    problems = glossary_problems(glossary)
    assert [p.line for p in problems] == [1], [str(p) for p in problems]
    assert "'\\u2028'" in problems[0].message


def test_a_problem_the_glossary_causes_names_the_glossary(tmp_path: Path) -> None:
    """An entry that gives a field a finding the field does not have on its own is reported at the entry's line."""
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "includes").mkdir(parents=True)
    glossary = tmp_path / "docs" / "includes" / "abbreviations.md"
    glossary.write_text("*[CD]: Continuous delivery\n*[CI]: Continuous integration\n", encoding="utf-8")
    data = small()
    # Lists nested to the limit: the glossary's <abbr> around CI is one element deeper.
    lists = "\n".join("    " * i + "- item" for i in range(sanitize.MAX_NESTING // 2 - 1)) + "\n" + "    " * 5 + "- CI"
    data["questions"][1]["answer"] += "\n\n" + lists + "\n"
    bank_file = tmp_path / "data" / "questions.yaml"
    bank_file.write_text(dump(data), encoding="utf-8")
    assert sanitize.markdown_findings(lists) == []
    _, problems = check(bank_file)
    assert [str(p).split(" ", 1)[0] for p in problems] == [f"{glossary}:2:"], [str(p) for p in problems]
    assert "`CI` makes `answer` at" in problems[0].message and "[question-2]" in problems[0].message
    glossary.write_bytes(b"*[CI]: Continuous integration\n*[CD]: Continuous \xff delivery\n")
    assert [(p.line, p.subject) for p in glossary_problems(glossary)] == [(2, "glossary")]


def test_a_hidden_character_is_reported_at_its_own_line(tmp_path: Path) -> None:
    """Characters written out are found in the file's lines before YAML reads it: the line is the character's,
    not the field's, and a line separator does not shift the lines YAML counts after it."""
    data = small()
    answer = data["questions"][1]["answer"]
    data["questions"][1]["answer"] = answer + "\n\nFirst line.\nSecond line with a \u202e here.\n\nAnd\u2028more.\n"
    data["questions"][3]["tags"] = ["no-such-topic"]
    text = dump(data)
    lines = text.split("\n")
    bidi = next(n for n, line in enumerate(lines, 1) if "\u202e" in line)
    separator = next(n for n, line in enumerate(lines, 1) if "\u2028" in line)
    tag = next(n for n, line in enumerate(lines, 1) if "no-such-topic" in line)
    assert bidi > next(n for n, line in enumerate(lines, 1) if line.startswith("  answer:") and n > 30)
    _, problems = check_text(text, "data/questions.yaml")
    found = {(p.line, p.subject) for p in problems}
    assert (bidi, "question-2") in found and (separator, "question-2") in found, [str(p) for p in problems]
    assert (tag, "question-4") in found, [str(p) for p in problems]
    assert any("U+202E (RIGHT-TO-LEFT OVERRIDE)" in p.message for p in problems if p.line == bidi)


@pytest.mark.parametrize(
    ("name", "line", "written"),
    [
        ("a date that does not exist", "  reviewed: '2026-11-01'", "  reviewed: 2026-13-45"),
        ("a timestamp that does not exist", "  reviewed: '2026-11-01'", "  reviewed: 2026-02-30 25:61:00"),
        ("an integer of 5,000 digits", "- id: beginner", "- id: beginner\n  minutes: " + "9" * 5000),
    ],
)
def test_a_value_yaml_cannot_construct_is_a_problem_at_its_line(name: str, line: str, written: str) -> None:
    text = dump(small()).replace(line, written, 1)
    assert written in text
    bank, problems = check_text(text, "data/questions.yaml")
    assert bank is None and problems
    at = text.split("\n").index(written.split("\n")[-1]) + 1
    assert any(p.line == at and p.subject in {"question-1", "levels"} for p in problems), [str(p)[:120] for p in problems]


def test_a_field_that_breaks_the_renderer_is_a_finding_and_the_next_field_is_still_checked() -> None:
    broken = sanitize.render("- " * 3000 + "x")
    assert broken.html == "" and "nested too deeply" in str(broken.findings[0])
    assert [str(f) for f in sanitize.render('Text\n{: onclick="alert(1)" }').findings] == [
        "an event handler `onclick` on <p>: remove it; content cannot run script"
    ]


def test_style_values_are_split_outside_parentheses() -> None:
    assert diagram_findings("flowchart TB\n  A --> B\n  classDef x fill:rgb(1, 2, 3),stroke:rgba(0,0,0,0.5);color:#fff") == []


def hostile_project(tmp_path: Path, cases: list[Case]) -> Path:
    """A copy of the project whose bank carries every case, each in its own question."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "macros", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    data = fresh()
    for n, case in enumerate(cases):
        apply(data, case, n)
    (project / "data" / "questions.yaml").write_text(dump(data), encoding="utf-8")
    return project


@pytest.mark.build
def test_every_refused_case_together_fails_the_build_before_any_page(tmp_path: Path) -> None:
    cases = [c for c in REFUSED if c.field not in {"level_id", "level_title", "level_description"}]
    project = hostile_project(tmp_path, cases)
    site = tmp_path / "site"
    result = build_site(site, "http://127.0.0.1:8000/x/", project=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert len(re.findall(r"data/questions\.yaml:\d+: \[", output)) >= len(cases)
    assert not (site / "index.html").exists(), "a page was written"


# ------------------------------------------------------------------ the harmless cases, built and visited


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Any]:
    tmp = tmp_path_factory.mktemp("hostile")
    project = hostile_project(tmp, HARMLESS)
    port = unused_port()
    base = f"http://127.0.0.1:{port}/{SUBPATH}/"
    site = tmp / "served" / SUBPATH
    result = build_site(site, base, project=project)
    assert result.returncode == 0, result.stdout + result.stderr
    bank = load(project / "data" / "questions.yaml")
    return site, base, bank


CONTENT_CLASSES = frozenset({"highlight", "keys"}) | sanitize.PYGMENTS_CLASSES


class Styles(HTMLParser):
    """<style> elements and style attributes in a fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.found.append(tag)


def test_every_built_page_passes_the_audit(hostile_site: tuple[Path, str, Any]) -> None:
    site, _, _ = hostile_site
    allowed = {h.strip("'") for h in re.findall(r"'(sha256-[^']+)'", (site / "index.html").read_text(encoding="utf-8"))}
    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert csp.audit(page, allowed, permalink=path.relative_to(site).parts[:1] == ("q",)) == [], path
        article = re.search(r"<article\b.*?</article>", page, re.S)
        if article:
            assert Styles(article.group(0)).found == [], path


def test_content_reaches_the_page_exactly_as_checked(hostile_site: tuple[Path, str, Any]) -> None:
    """Byte for byte: each question's checked HTML is what its level page carries."""
    site, _, bank = hostile_site
    for q in bank.questions:
        page = (site / q.level / "index.html").read_text(encoding="utf-8")
        for fragment in (q.html.question, q.html.short_answer, q.html.answer, *q.html.key_points, *q.html.pitfalls):
            assert fragment in page, (q.id, fragment[:80])
        for fragment in (q.html.answer, q.html.short_answer, *q.html.key_points):
            assert sanitize.clean(fragment) == fragment, "what the page carries is already clean"


def test_no_interface_class_comes_from_content(hostile_site: tuple[Path, str, Any]) -> None:
    _, _, bank = hostile_site
    for q in bank.questions:
        for fragment in (q.html.question, q.html.short_answer, q.html.answer, *q.html.key_points, *q.html.pitfalls):
            for classes in re.findall(r'class="([^"]*)"', fragment):
                for name in classes.split():
                    assert name in CONTENT_CLASSES or sanitize.allowed_class("span", name) or name.startswith("key-"), (
                        q.id,
                        name,
                    )


class Head(HTMLParser):
    """The elements of a page's <head> with their attributes, and the text of its <title>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title: list[str] = []
        self.in_title = False
        self.feed(text[: text.index("</head>")])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)


META_ATTRIBUTES = {"name", "property", "content", "charset", "http-equiv"}


def test_plain_text_contexts_carry_escaped_text(hostile_site: tuple[Path, str, Any]) -> None:
    """Titles, meta tags and labels hold text: no payload adds an attribute or an element to them."""
    site, _, _ = hostile_site
    for path in [*site.glob("*/index.html"), *site.glob("q/*/index.html"), site / "index.html"]:
        head = Head(path.read_text(encoding="utf-8"))
        for tag, attrs in head.elements:
            if tag == "meta":
                assert set(attrs) <= META_ATTRIBUTES, (path, attrs)
                if "http-equiv" in attrs:
                    assert attrs["http-equiv"] in {"Content-Security-Policy", "refresh", "X-UA-Compatible"}, (path, attrs)
        assert [tag for tag, _ in head.elements if tag in {"base", "style", "iframe", "object", "img"}] == [], path
        assert "".join(head.title).strip(), path


def test_the_deck_carries_the_page_html(hostile_site: tuple[Path, str, Any], tmp_path: Path) -> None:
    site, base, bank = hostile_site
    with zipfile.ZipFile(site / "mlops-interview-guide.apkg") as deck:
        deck.extract("collection.anki2", tmp_path)
    rows = sqlite3.connect(tmp_path / "collection.anki2").execute("select flds from notes").fetchall()
    assert len(rows) == len(bank.questions)
    cards = {front: back for front, back in (row[0].split("\x1f") for row in rows)}
    allowed: set[str] = set()
    for q in bank.questions:
        front, back = anki_note_fields(q, base)
        assert cards[front] == back, "the card is the deck's template around the checked HTML"
        for field in (front, back):  # Anki reads `[sound:...]` as a file to play; its MathJax typesets \\(...\\)
            assert "[" not in field and field.startswith('<div class="tex2jax_ignore">'), field[:80]
        for fragment in (q.html.question, q.html.answer, q.html.short_answer):
            assert fragment.replace("[", "&#91;") in front + back
        assert csp.audit(back, allowed) == []
    assert any("&#91;sound:evil.mp3]" in back for back in cards.values())


def test_csv_cells_cannot_run_as_formulas_and_json_is_data(hostile_site: tuple[Path, str, Any]) -> None:
    site, _, _ = hostile_site
    for row in csv.reader(io.StringIO((site / "questions.csv").read_text(encoding="utf-8"))):
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "\ufeff")), value[:40]
    text = (site / "questions.json").read_text(encoding="utf-8")
    assert "<" not in text
    json.loads(text)


RECORD = """
window.__violations = [];
window.__dialogs = 0;
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.mark.browser
def test_visiting_every_page_runs_nothing_and_goes_nowhere(hostile_site: tuple[Path, str, Any], browser) -> None:
    site, base, bank = hostile_site
    port = int(base.split(":")[2].split("/")[0])
    pages = ["", "tags/", "glossary/", "print/", "quiz/", "progress/", *{f"{q.level}/" for q in bank.questions}]
    with serve_directory(site.parent, port):
        context = browser.new_context(service_workers="block")
        outside = refuse_other_hosts(context, allowed=("http://127.0.0.1",))
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.add_init_script(RECORD)
        for path in pages:
            page.goto(base + path)
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            page.wait_for_load_state("networkidle")
            assert page.url.startswith(base + path), f"navigated away from {path} to {page.url}"
            assert page.evaluate("window.__violations") == [], (path, page.evaluate("window.__violations"))
            assert page.evaluate("typeof window.alert") == "function"
        assert dialogs == [] and outside == []
        context.close()


def pasted(text: str) -> str:
    """A question's text as a copied summary must hold it: on one line, with every character that Markdown or
    HTML reads as syntax escaped by a backslash (CommonMark shows `\\x` as the character x)."""
    return re.sub(r"([\\`*_\[\]<>()#!|~&])", r"\\\1", " ".join(text.split()))


@pytest.mark.browser
def test_copied_summaries_hold_question_text_as_text(hostile_site: tuple[Path, str, Any], browser) -> None:
    """The quiz's and the mock interview's "Copy as Markdown": pasted into a Markdown chat or document, a
    question's text stays text, never a link, an image, a heading or a tag."""
    site, base, bank = hostile_site
    port = int(base.split(":")[2].split("/")[0])
    texts = {q.id: sanitize.plain_text(q.html.question) for q in bank.questions}
    ids = [qid for qid, text in texts.items() if re.search(r"[\[\]<>()!#|`*_~&\\]", text)]
    assert any("[win](https://evil.example/)" in texts[qid] for qid in ids)
    copied = {}
    with serve_directory(site.parent, port):
        context = browser.new_context(service_workers="block")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.split("/mlops")[0])
        page = context.new_page()
        page.goto(base + "quiz/?ids=" + ",".join(ids))
        page.locator(".qa-quiz-card").wait_for()
        for _ in ids:
            page.keyboard.press("n")
        page.locator(".qa-quiz-summary").get_by_role("button", name="Copy as Markdown").click()
        page.get_by_text("Copied the summary as Markdown.").wait_for()
        copied["quiz"] = page.evaluate("navigator.clipboard.readText()")
        page.goto(base + "mock/?ids=" + ",".join(ids) + "&as=interviewer")
        page.locator(".qa-mock-card").wait_for()
        page.get_by_role("button", name="Finish").click()
        page.locator(".qa-mock-summary").get_by_role("button", name="Copy as Markdown").click()
        page.get_by_text("Copied the summary as Markdown.").wait_for()
        copied["mock"] = page.evaluate("navigator.clipboard.readText()")
        context.close()
    for name, markdown in copied.items():
        for qid in ids:
            assert pasted(texts[qid]) in markdown, (name, texts[qid], markdown)
        assert not re.search(r"(?<!\\)[\[<]", markdown), (name, markdown)
