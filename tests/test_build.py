"""A strict build of the real site, checked in its HTML, search index, permalinks and export."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.check.sanitize import plain_text
from macros.check.validate import load
from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.build
BANK = load(ROOT / "data" / "questions.yaml")


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def with_attr(self, name: str, value: str | None = None) -> list[tuple[str, dict[str, str | None]]]:
        return [(t, a) for t, a in self.tags if name in a and (value is None or a[name] == value)]


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def question_html(html: str, qid: str) -> str:
    start = html.index(f'data-question-id="{qid}"')
    end = html.find('<div class="qa"', start)
    return html[start : end if end > 0 else len(html)]


@pytest.mark.parametrize("level", [lv.id for lv in BANK.levels])
def test_each_level_page_has_its_questions_once_with_anchor_and_closed_answer(site: Path, level: str) -> None:
    html = page(site, level)
    elements = Elements(html)
    wrappers = [a["data-question-id"] for _, a in elements.with_attr("data-question-id") if _ == "div"]
    assert wrappers == [q.id for q in BANK.in_level(level)]
    for q in BANK.in_level(level):
        assert len(elements.with_attr("id", q.id)) == 1, f"anchor #{q.id} must be unique"
        block = question_html(html, q.id)
        assert re.search(rf'<h2 class="qa-title" id="{q.id}">Q{q.number}\. ', block)
        assert '<details class="qa-answer">' in block, "the answer starts closed"
        assert ('<pre class="mermaid">' in block) == bool(q.diagram)


def test_every_question_appears_on_exactly_one_level_page(site: Path) -> None:
    seen = {}
    for level in BANK.levels:
        for _, attrs in Elements(page(site, level.id)).with_attr("data-question-id"):
            seen.setdefault(attrs["data-question-id"], []).append(level.id)
    assert seen == {q.id: [q.level] for q in BANK.questions}
    assert all(q.answer and q.short_answer and q.level for q in BANK.questions)


def test_every_permalink_page_points_at_its_question(site: Path) -> None:
    pages = sorted(p.name for p in (site / "q").iterdir())
    assert pages == sorted([q.id for q in BANK.questions] + [a for q in BANK.questions for a in q.aliases])
    for q in BANK.questions:
        html = page(site, f"q/{q.id}")
        target = f"../../{q.level}/#{q.id}"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
        assert re.search(rf'<link rel="canonical" href="http://[^"]+/{q.level}/#{q.id}">', html)
        assert (site / q.level / "index.html").exists()
        # its own icon, so the browser does not ask the server root for /favicon.ico (a 404 in the console)
        assert '<link rel="icon" href="../../assets/images/favicon.png">' in html
    assert (site / "assets" / "images" / "favicon.png").exists()


def test_json_export_equals_the_bank(site: Path) -> None:
    exported = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    raw = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8"))
    assert [lv["id"] for lv in exported["levels"]] == [lv["id"] for lv in raw["levels"]]
    assert sum(lv["count"] for lv in exported["levels"]) == len(raw["questions"])
    by_id = {q["id"]: q for q in exported["questions"]}
    assert set(by_id) == {q["id"] for q in raw["questions"]}
    for q in raw["questions"]:
        out = by_id[q["id"]]
        for key in ("level", "question", "short_answer", "answer", "tags", "related"):
            assert out[key] == (q[key].strip() if isinstance(q[key], str) else q[key]), (q["id"], key)
        assert out["references"] == q["references"]
        assert out["url"] == f"{q['level']}/#{q['id']}" and out["permalink"] == f"q/{q['id']}/"


def test_home_page_lists_levels_with_computed_counts(site: Path) -> None:
    html = re.sub(r"<abbr[^>]*>(.*?)</abbr>", r"\1", page(site, ""))  # titles may hold abbreviations
    for level in BANK.levels:
        n = len(BANK.in_level(level.id))
        assert re.search(rf'href="{level.id}/">{re.escape(level.title)}</a>.*?<strong>{n} questions?</strong>', html, re.S)


def test_no_root_absolute_links(site: Path) -> None:
    """Pages work from a sub-path. (404.html is served at any depth, so MkDocs roots it at site_url.)"""
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        assert not re.search(r'(?:href|src)="/(?!/)', path.read_text(encoding="utf-8")), path


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "macros", "data"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


def test_build_fails_on_a_broken_bank_with_located_messages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bank_file = project / "data" / "questions.yaml"
    text = bank_file.read_text(encoding="utf-8")
    first = BANK.questions[0]
    broken = text.replace(f"level: {first.level}", "level: expert", 1)
    bank_file.write_text(broken, encoding="utf-8")
    line = next(n for n, ln in enumerate(broken.splitlines(), 1) if "level: expert" in ln)
    result = build_site(tmp_path / "out", "http://127.0.0.1/", project=project)
    assert result.returncode != 0
    assert f"data/questions.yaml:{line}: [{first.id}] unknown level `expert`" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / first.level / "index.html").exists()


def test_build_refuses_a_hostile_answer_before_any_page_is_written(tmp_path: Path) -> None:
    """The three lines of the security report: each refused with its line, none reaches a page."""
    project = copy_project(tmp_path / "project")
    bank_file = project / "data" / "questions.yaml"
    text = bank_file.read_text(encoding="utf-8")
    first = BANK.questions[0]
    hostile = (
        "      [Click for the cheat sheet](javascript&#58;alert(document.domain))\n\n"
        '      <img src="https://tracker.example/p.gif" alt="">\n\n'
        '      <meta http-equiv="refresh" content="5;url=https://evil.example/">\n\n'
    )
    marker = f"  - id: {first.id}\n"
    start = text.index(marker)
    answer = text.index("    answer: |\n", start) + len("    answer: |\n")
    broken = text[:answer] + hostile + text[answer:]
    bank_file.write_text(broken, encoding="utf-8")
    line = broken[:answer].count("\n")
    result = build_site(tmp_path / "out", "http://127.0.0.1/", project=project)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    for what in ("href to `javascript:alert(document.domain)`", "<img> element", "<meta> element"):
        located = f"data/questions.yaml:{line}: [{first.id}] `answer` contains"
        assert any(ln.startswith(located) and what in ln for ln in lines), result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "out").rglob("*.html")), "a page was written"


def test_a_forks_build_links_to_the_fork(tmp_path: Path) -> None:
    fork = "https://github.com/someone/fork"
    result = build_site(tmp_path / "out", "http://127.0.0.1/", extra_env={"REPO_URL": fork, "REPO_NAME": "someone/fork"})
    assert result.returncode == 0, result.stderr
    level = (tmp_path / "out" / "beginner" / "index.html").read_text(encoding="utf-8")
    assert f'href="{fork}/issues/new?' in level, "report links point at the fork"
    assert f'href="{fork}/edit/main/data/questions.yaml"' in level, "edit links point at the fork"
    assert "mlops-interview-guide/mlops-interview-guide" not in level


def test_level_pages_are_thin_and_in_bank_order() -> None:
    from macros.check.layout import layout_problems, level_page_source

    for level in BANK.levels:
        assert (ROOT / "docs" / f"{level.id}.md").read_text(encoding="utf-8") == level_page_source(level.id)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    assert layout_problems(BANK, ROOT / "docs", nav) == []


def test_level_pages_edit_the_bank_and_describe_themselves(site: Path) -> None:
    for level in BANK.levels:
        html = page(site, level.id)
        assert re.search(
            r'<a href="https://github\.com/[^"]+/edit/main/data/questions\.yaml"[^>]*class="md-content__button', html
        )
        described = escape(plain_text(level.description_html))
        assert f'<meta name="description" content="{described}">' in html, "escaped plain text, never Markdown"
        assert f"<title>{level.title} · " in html or f"<title>{level.title} - " in html


def test_abbreviations_expand_on_every_level_page(site: Path) -> None:
    for level in BANK.levels:
        assert re.search(r'<abbr title="[^"]+">[A-Za-z/0-9]+</abbr>', page(site, level.id)), level.id
    glossary = page(site, "glossary")
    assert "<dt><code>PSI</code></dt>" in glossary and "Population Stability Index" in glossary
