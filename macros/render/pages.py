"""Pure rendering: a checked bank in, HTML for the pages out.

Every contributor-written string reaches a page only as the HTML the checker rendered and allow-listed
(`Question.html`, `Level.description_html`, ...) or as escaped plain text (titles, ids in attributes).
The page around them is written here as HTML, so no Markdown parser reads the content again: the glue
puts this HTML into the page after MkDocs has rendered the page's own Markdown.

`root` is the relative path from the page being rendered to the site root ("../" from a level page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

from markdown.extensions.toc import slugify

from .. import rules
from ..check.sanitize import plain_text
from ..load.bank import Bank, Question
from . import controls


@dataclass(frozen=True)
class Site:
    """What rendering needs to know about where the site lives."""

    repo_url: str = ""
    site_url: str = ""
    today: dt.date = dt.date(2026, 11, 24)


@dataclass
class Page:
    """A page's HTML and its table of contents (MkDocs toc tokens: level, id, name as HTML, children)."""

    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)


KEY_POINTS_TITLE = "A strong answer covers"


def count(n: int, noun: str = "question") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def attr(value: str) -> str:
    """A value for a double-quoted HTML attribute."""
    return escape(value, quote=True)


def question_href(q: Question, root: str, from_level: str | None = None) -> str:
    """The link to a question: its anchor on the same level page, or its level page."""
    return f"#{q.id}" if q.level == from_level else f"{root}{q.level}/#{q.id}"


def heading_id(title: str) -> str:
    """The id of a level's <h1>, as Markdown's toc extension made it from the title."""
    return slugify(title, "-")


def section(title: str, items: list[str], css: str, ordered: bool = False, searchable: bool = True) -> str:
    """A titled list inside an answer.

    Sections that only point elsewhere (related questions) stay out of the search index.
    """
    tag = "ol" if ordered else "ul"
    exclude = "" if searchable else ' data-search-exclude="true"'
    rows = "".join(f"<li{exclude}>{item}</li>\n" for item in items)
    return f'<p class="qa-section {css}"{exclude}><strong>{title}</strong></p>\n<{tag}>\n{rows}</{tag}>'


def report_url(site: Site, q: Question, permalink: str) -> str:
    """A pre-filled 'new issue' URL on the repository for reporting a problem with an answer."""
    body = (
        f"**Question:** Q{q.number}. {plain_text(q.html.question)}\n**Id:** `{q.id}`\n**Level:** {q.level}\n"
        f"**Link:** {permalink}\n\n**What is wrong or missing?**\n\n\n**Source that shows it (link):**\n"
    )
    query = urlencode({"title": f"[{q.id}] Problem with the answer", "labels": "answer", "body": body})
    return f"{site.repo_url.rstrip('/')}/issues/new?{query}"


def meta_row(bank: Bank, q: Question, root: str) -> str:
    """Tag chips linking to the tags page, and the question's permanent link."""
    chips = " ".join(f'<a class="qa-tag" href="{attr(root)}tags/#{t}">{escape(bank.topic(t).title)}</a>' for t in q.tags)
    permalink = (
        f'<a class="qa-permalink" href="{attr(root)}q/{q.id}/" title="Permanent link to this question" '
        f'aria-label="Permanent link to Q{q.number}">Permanent link</a>'
    )
    return f'<div class="qa-tags" data-search-exclude="true">\n<p>{chips} {permalink}</p>\n</div>'


def related_link(bank: Bank, q: Question, other: Question, root: str) -> str:
    """A link to a related question; one in another group says which group (Q77 · ML system design)."""
    link = f'<a href="{attr(question_href(other, root, q.level))}">Q{other.number}. {other.html.question}</a>'
    if other.level == q.level:
        return link
    return f'{link} <span class="qa-related__group">· {escape(bank.level(other.level).title)}</span>'


def diagram(q: Question) -> str:
    """The diagram's Mermaid source as escaped text (Mermaid reads the text), and its caption."""
    if not q.diagram:
        return ""
    return (
        f'<pre class="mermaid" data-search-exclude="true"><code>{escape(q.diagram, quote=False)}</code></pre>\n'
        f'<p class="qa-caption">{q.html.diagram_caption}</p>'
    )


def review_note(q: Question, site: Site) -> str:
    """'Reviewed on' line, with a visible warning when the review is over a year old."""
    versions = f" · Applies to {escape(', '.join(map(str, q.versions)))}" if q.versions else ""
    note = (
        f'<p class="qa-reviewed" data-search-exclude="true">Reviewed on '
        f'<time datetime="{q.reviewed.isoformat()}">{q.reviewed:%-d %B %Y}</time>{versions}</p>'
    )
    if (site.today - q.reviewed).days > rules.REVIEW_MAX_AGE_DAYS:
        note += (
            '\n<div class="admonition warning">\n<p class="admonition-title">This answer may be out of date</p>\n'
            f"<p>It was last checked against its sources more than {rules.REVIEW_MAX_AGE_DAYS} days ago.</p>\n</div>"
        )
    return note


def answer_body(bank: Bank, q: Question, site: Site, root: str = "../") -> str:
    """The inside of a question's answer block."""
    h = q.html
    parts = [
        f'<p class="qa-short"><strong>In 30 seconds:</strong> {h.short_answer}</p>',
        section(KEY_POINTS_TITLE, list(h.key_points), "qa-key-points", ordered=True),
        h.answer,
        diagram(q),
        section(
            "What interviewers ask next",
            [f"<strong>{f.question_html}</strong> {f.hint_html}" for f in q.follow_ups],
            "qa-follow-ups",
        ),
        section("Mistakes that cost the offer", list(h.pitfalls), "qa-pitfalls"),
        section(
            "Related questions",
            [related_link(bank, q, bank.question(r), root) for r in q.related],
            "qa-related",
            searchable=False,
        ),
        section(
            "References", [f'<a href="{attr(r.url)}">{r.title_html}</a>' for r in q.references], "qa-references", ordered=True
        ),
        review_note(q, site),
    ]
    if site.repo_url:
        report = report_url(site, q, f"{site.site_url}q/{q.id}/")
        parts.append(
            f'<p><a class="qa-report" href="{attr(report)}" rel="noopener" target="_blank" data-search-exclude="true">'
            "Report a problem with this answer</a></p>"
        )
    return "\n".join(part for part in parts if part)


def question_block(bank: Bank, q: Question, site: Site, root: str = "../") -> str:
    """One question: wrapper, heading with its stable id, tags, a closed answer block and the study controls."""
    aliases = "".join(f'<a id="{a}" class="qa-alias"></a>' for a in q.aliases)
    return (
        f'<div class="qa" data-level="{q.level}" data-progress="none" data-question-id="{q.id}" data-tags="{" ".join(q.tags)}">\n'
        f"{aliases}"
        f'<h2 class="qa-title" id="{q.id}">Q{q.number}. {q.html.question}'
        f'<a class="headerlink" href="#{q.id}" title="Permanent link">&para;</a></h2>\n'
        f"{meta_row(bank, q, root)}\n"
        f'<details class="qa-answer">\n<summary>Answer</summary>\n{answer_body(bank, q, site, root)}\n</details>\n'
        f"{controls.marks(q.number)}\n"
        "</div>"
    )


def toc_entry(q: Question) -> dict[str, Any]:
    return {"level": 2, "id": q.id, "name": escape(f"Q{q.number}. {plain_text(q.html.question)}"), "children": []}


def level_page(bank: Bank, level_id: str, site: Site, root: str = "../", toolbar: bool = True) -> Page:
    """One level page (the print-all page leaves out the study toolbar)."""
    level = bank.level(level_id)
    questions = bank.in_level(level_id)
    tools = controls.level_toolbar(level.id, len(questions), f"{root}quiz/") if toolbar else ""
    h1 = heading_id(level.title)
    head = (
        f'<h1 id="{h1}">{escape(level.title)}<a class="headerlink" href="#{h1}" title="Permanent link">&para;</a></h1>\n'
        f"{level.description_html}\n"
        f'<div class="qa-level-summary" data-level="{level.id}"><p>{count(len(questions))}</p>{tools}</div>\n'
    )
    body = "\n".join(question_block(bank, q, site, root) for q in questions)
    toc = [{"level": 1, "id": h1, "name": escape(level.title), "children": [toc_entry(q) for q in questions]}]
    return Page(head + body, toc)


def home_levels(bank: Bank, root: str = "") -> str:
    """The list of levels for the home page, with computed question counts."""
    return "\n".join(
        f'<div class="qa-level-card" data-level="{level.id}">\n'
        f'<h3 id="{heading_id(level.title)}"><a href="{attr(root)}{level.id}/">{escape(level.title)}</a>'
        f'<a class="headerlink" href="#{heading_id(level.title)}" title="Permanent link">&para;</a></h3>\n'
        f"<p><strong>{count(len(bank.in_level(level.id)))}</strong> · {_unwrap(level.description_html)}</p>\n"
        f'<div class="qa-js-only">{controls.progress_bar(len(bank.in_level(level.id)))}</div>\n</div>'
        for level in bank.levels
    )


def _unwrap(fragment: str) -> str:
    """A one-paragraph fragment without its <p> (to follow other text in the same paragraph)."""
    inner = fragment.strip()
    if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
        return inner[3:-4]
    return inner


def tags_page(bank: Bank, root: str = "../") -> Page:
    """Every topic with its questions, linked."""
    sections, toc = [], []
    for topic in bank.topics:
        items = "".join(
            f'<li><a href="{attr(question_href(q, root))}">Q{q.number}. {q.html.question}</a></li>\n'
            for q in bank.tagged(topic.id)
        )
        sections.append(
            f'<h2 id="{topic.id}">{escape(topic.title)}<a class="headerlink" href="#{topic.id}" title="Permanent link">&para;</a></h2>\n'
            f"<ul>\n{items or '<li>No questions yet.</li>'}\n</ul>"
        )
        toc.append({"level": 2, "id": topic.id, "name": escape(topic.title), "children": []})
    return Page("\n".join(sections), toc)


def glossary(entries: tuple[tuple[str, str], ...]) -> str:
    """The glossary page body: every abbreviation, as a definition list (terms and meanings are plain text)."""
    rows = "".join(
        f"<dt><code>{escape(term)}</code></dt>\n<dd>{escape(meaning)}</dd>\n"
        for term, meaning in sorted(entries, key=lambda e: e[0].lower())
    )
    return f"<dl>\n{rows}</dl>"
