"""Hostile contributions are refused with their line: the allow-list gate (macros/sanitize.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.check import sanitize
from macros.check.validate import check_text
from tests.factory import bank, dump, prose
from tests.test_validate import FILE, TODAY, line_of

ROOT = Path(__file__).resolve().parent.parent

# (name, Markdown placed in an answer field, what the message names)
HOSTILE_MARKDOWN = [
    ("entity-encoded javascript link", "[cheat sheet](javascript&#58;alert(document.domain))", "javascript:"),
    ("raw javascript link", "[x](javascript:alert(1))", "javascript:"),
    ("mixed-case javascript link", "[x](JaVaScRiPt:alert(1))", "JaVaScRiPt:"),
    ("hex entity in html link", '<a href="&#x6A;avascript:alert(1)">x</a>', "javascript:"),
    ("tab inside html link", '<a href="java&#9;script:alert(1)">x</a>', "script:alert"),
    ("newline inside html link", '<a href="java&#10;script:alert(1)">x</a>', "script:alert"),
    ("leading control character", '<a href="&#1;javascript:alert(1)">x</a>', "javascript:"),
    ("vbscript link", "[x](vbscript:msgbox(1))", "vbscript:"),
    ("data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:"),
    ("data link in html", '<a href="DATA:text/html,<script>alert(1)</script>">x</a>', "DATA:"),
    ("outside image in markdown", "![pixel](https://tracker.example/p.gif)", "<img>"),
    ("outside image in html", '<img src="https://tracker.example/p.gif" alt="">', "<img>"),
    ("image with event handler", '<img src=x onerror="alert(1)">', "<img>"),
    ("meta refresh", '<meta http-equiv="refresh" content="5;url=https://evil.example/">', "<meta>"),
    ("base tag", '<base href="https://evil.example/">', "<base>"),
    ("form", '<form action="https://evil.example/"><input name="q"></form>', "<form>"),
    ("link stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "<link>"),
    ("style element with url", "<style>body { background: url(https://evil.example/x.png) }</style>", "<style>"),
    ("style attribute with url", '<span style="background:url(https://evil.example/x.png)">x</span>', "style attribute"),
    ("script", "<script>alert(1)</script>", "<script>"),
    ("script with src", '<script src="https://evil.example/x.js"></script>', "<script>"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "<iframe>"),
    ("object", '<object data="https://evil.example/x.swf"></object>', "<object>"),
    ("embed", '<embed src="https://evil.example/x.swf">', "<embed>"),
    ("video", '<video src="https://evil.example/x.mp4"></video>', "<video>"),
    ("audio with source", '<audio><source src="https://evil.example/x.mp3"></audio>', "<audio>"),
    ("svg with script link", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "<svg>"),
    ("svg onload", "<svg onload=alert(1)></svg>", "<svg>"),
    ("mathml link", '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>', "<math>"),
    ("event handler on allowed tag", '<b onmouseover="alert(1)">x</b>', "event handler `onmouseover`"),
    ("attribute list event handler", 'Text\n{: onclick="alert(1)" }', "event handler `onclick`"),
    ("attribute list style", 'Text\n{: style="background:url(https://evil.example/x)" }', "style attribute"),
    ("details element", '??? note "Open me"\n    hidden', "<details>"),
    ("template", "<template><img src=x onerror=alert(1)></template>", "<template>"),
    ("button with formaction", '<button formaction="javascript:alert(1)">x</button>', "<button>"),
    ("srcset image", '<img srcset="https://evil.example/a.png 1x">', "<img>"),
    ("relative link", "[x](../beginner/#data-drift)", "href to `../beginner/#data-drift`"),
    ("root-relative link", "[x](/etc/passwd)", "href to `/etc/passwd`"),
    ("protocol-relative link", "[x](//evil.example/x)", "href to `//evil.example/x`"),
    ("generic title attribute", 'Text\n{: title="Session expired" }', "the attribute `title` on <p>"),
    ("generic lang attribute", 'Text\n{: lang="ar" }', "the attribute `lang` on <p>"),
]

HOSTILE_DIAGRAMS = [
    ("click call", "flowchart LR\n  A --> B\n  click A call alert()\n", "`click` directive"),
    ("click href", 'flowchart LR\n  A --> B\n  click B href "javascript:alert(1)"\n', "`click` directive"),
    ("init directive", "flowchart LR\n  %%{init: {'securityLevel': 'loose'}}%%\n  A --> B\n", "Mermaid directive"),
    ("spaced init", "flowchart LR\n  %%{ init : { 'theme': 'dark' } }%%\n  A --> B\n", "Mermaid directive"),
    ("javascript label", 'flowchart LR\n  A["java&#115;cript:alert(1)"] --> B\n', "`javascript:` link"),
    ("sequence link", "sequenceDiagram\n  participant A\n  link A: Docs @ javascript:alert(1)\n", "`javascript:` link"),
    ("sequence data link", "sequenceDiagram\n  participant A\n  link A: Docs @ data:text/html,x\n", "`data:` link"),
    ("image in label", 'flowchart LR\n  A["<img src=https://evil.example/p.gif>"] --> B\n', "<img> element"),
]


def answer_with(snippet: str) -> str:
    return prose(170) + "\n\n" + snippet + "\n"


@pytest.mark.parametrize(("name", "snippet", "named"), HOSTILE_MARKDOWN, ids=[c[0] for c in HOSTILE_MARKDOWN])
def test_hostile_markdown_is_refused_with_its_line(name: str, snippet: str, named: str) -> None:
    data = bank(2)
    data["questions"][1]["answer"] = answer_with(snippet)
    text = dump(data)
    result, problems = check_text(text, FILE, today=TODAY)
    assert result is None
    line = line_of(text, "  answer:", 2)
    hits = [str(p) for p in problems if str(p).startswith(f"{FILE}:{line}: [question-2] `answer` contains") and named in str(p)]
    assert hits, [str(p) for p in problems]


@pytest.mark.parametrize(("name", "source", "named"), HOSTILE_DIAGRAMS, ids=[c[0] for c in HOSTILE_DIAGRAMS])
def test_hostile_diagrams_are_refused_with_their_line(name: str, source: str, named: str) -> None:
    data = bank(2)
    data["questions"][0].update(diagram=source, diagram_caption="A diagram.")
    text = dump(data)
    result, problems = check_text(text, FILE, today=TODAY)
    assert result is None
    line = line_of(text, "diagram:")
    assert any(str(p).startswith(f"{FILE}:{line}: [question-1] `diagram` contains") and named in str(p) for p in problems), [
        str(p) for p in problems
    ]


@pytest.mark.parametrize(
    "field",
    ["question", "short_answer", "key_points", "follow_ups", "pitfalls", "references", "diagram_caption"],
)
def test_every_rendered_field_is_held_to_the_allow_list(field: str) -> None:
    data = bank(2)
    q = data["questions"][0]
    payload = '<img src="https://tracker.example/p.gif">'
    match field:
        case "key_points" | "pitfalls":
            q[field][0] += payload
        case "follow_ups":
            q[field][1]["hint"] += payload
        case "references":
            q[field][0]["title"] += payload
        case "diagram_caption":
            q.update(diagram="flowchart LR\n  A --> B\n", diagram_caption="Caption " + payload)
        case _:
            q[field] += payload
    result, problems = check_text(dump(data), FILE, today=TODAY)
    assert result is None
    assert any("[question-1]" in str(p) and "<img> element" in str(p) and field in str(p) for p in problems), problems


def test_levels_and_topics_are_held_to_the_allow_list() -> None:
    data = bank(2)
    data["levels"][0]["description"] = 'First <meta http-equiv="refresh" content="0;url=https://evil.example/">'
    data["topics"][0]["title"] = "<script>alert(1)</script>Drift"
    _, problems = check_text(dump(data), FILE, today=TODAY)
    assert any("[levels]" in str(p) and "<meta>" in str(p) for p in problems)
    assert any("[topics]" in str(p) and "<script>" in str(p) for p in problems)


LEGITIMATE = [
    "**Bold**, *emphasis*, `code`, ~~no~~ and a [link](https://example.org/page?a=1&b=2#part).",
    "An [anchor](#top) on the page and [mail](mailto:team@example.org).",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "- one\n- two\n\n1. first\n2. second",
    "```python\nprint('<script>alert(1)</script>')\n```",
    "Press ++ctrl+c++ to copy; `#!python x = 1` inline.",
    "Term\n:   Definition",
    "> A quote",
]


@pytest.mark.parametrize("snippet", LEGITIMATE)
def test_legitimate_markdown_passes(snippet: str) -> None:
    assert sanitize.markdown_findings(snippet) == []


def test_checker_renders_with_the_sites_markdown_extensions() -> None:
    """sanitize.EXTENSIONS are the extensions of mkdocs.yml that shape content (not toc, snippets)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(set(names) - {"toc", "pymdownx.snippets"}) == sorted(sanitize.EXTENSIONS)


def test_glossary_entries_pass_the_allow_list() -> None:
    from macros.check.validate import glossary_problems

    assert glossary_problems(ROOT / "docs" / "includes" / "abbreviations.md") == []
