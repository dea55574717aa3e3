"""Pure rendering: a bank in, Markdown for MkDocs out."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from textwrap import indent
from urllib.parse import urlencode

from .. import rules
from ..load.bank import Bank, Question
from . import controls


@dataclass(frozen=True)
class Site:
    """What rendering needs to know about where the site lives."""

    repo_url: str = ""
    site_url: str = ""
    today: dt.date = dt.date(2026, 11, 24)


KEY_POINTS_TITLE = "A strong answer covers"


def count(n: int, noun: str = "question") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _link(bank: Bank, q: Question, from_level: str | None) -> str:
    """Markdown link to a question from a page (a level page, or a top-level page when None)."""
    target = f"#{q.id}" if q.level == from_level else f"{q.level}.md#{q.id}"
    return f"[Q{q.number}. {q.question}]({target})"


def meta_row(bank: Bank, q: Question) -> str:
    """Tag chips linking to the tags page, and the question's permanent link."""
    chips = " ".join(f"[{bank.topic(t).title}](tags.md#{t}){{ .qa-tag }}" for t in q.tags)
    permalink = (
        f'<a class="qa-permalink" href="../q/{q.id}/" title="Permanent link to this question" '
        f'aria-label="Permanent link to Q{q.number}">Permanent link</a>'
    )
    return f'<div class="qa-tags" data-search-exclude="true" markdown>\n{chips} {permalink}\n</div>'


def _section(title: str, items: list[str], css: str, ordered: bool = False, searchable: bool = True) -> str:
    """A titled list inside an answer; classes come from attr_list, not raw HTML blocks.

    Sections that only point elsewhere (related questions) stay out of the search index: every
    page loads the whole index, so its size is paid on every page load.
    """
    bullet = "1." if ordered else "-"
    exclude = "" if searchable else ' data-search-exclude="true"'
    after_item = "" if searchable else '\n    {: data-search-exclude="true" }'
    body = "\n".join(f"{bullet} {item}{after_item}" for item in items)
    return f"**{title}**\n{{: .qa-section .{css}{exclude} }}\n\n{body}"


def report_url(site: Site, q: Question, permalink: str) -> str:
    """A pre-filled 'new issue' URL on the repository for reporting a problem with an answer."""
    body = (
        f"**Question:** Q{q.number}. {q.question}\n**Id:** `{q.id}`\n**Level:** {q.level}\n"
        f"**Link:** {permalink}\n\n**What is wrong or missing?**\n\n\n**Source that shows it (link):**\n"
    )
    query = urlencode({"title": f"[{q.id}] Problem with the answer", "labels": "answer", "body": body})
    return f"{site.repo_url.rstrip('/')}/issues/new?{query}"


def answer_body(bank: Bank, q: Question, site: Site) -> str:
    """The inside of a question's answer block, in Markdown."""
    parts = [
        f"**In 30 seconds:** {q.short_answer}\n{{: .qa-short }}",
        _section(KEY_POINTS_TITLE, list(q.key_points), "qa-key-points", ordered=True),
        q.answer,
    ]
    if q.diagram:
        parts.append(f'``` mermaid {{ data-search-exclude="true" }}\n{q.diagram}\n```\n\n{q.diagram_caption}\n{{: .qa-caption }}')
    parts.append(_section("What interviewers ask next", [f"**{f.question}** {f.hint}" for f in q.follow_ups], "qa-follow-ups"))
    parts.append(_section("Mistakes that cost the offer", list(q.pitfalls), "qa-pitfalls"))
    related = [_link(bank, bank.question(r), q.level) for r in q.related]
    parts.append(_section("Related questions", related, "qa-related", searchable=False))
    parts.append(_section("References", [f"[{r.title}]({r.url})" for r in q.references], "qa-references", ordered=True))
    parts.append(review_note(q, site))
    if site.repo_url:
        report = report_url(site, q, f"{site.site_url}q/{q.id}/")
        parts.append(
            f'[Report a problem with this answer]({report}){{ .qa-report target="_blank" rel="noopener" data-search-exclude="true" }}'
        )
    return "\n\n".join(parts)


def review_note(q: Question, site: Site) -> str:
    """'Reviewed on' line, with a visible warning when the review is over a year old."""
    versions = f" · Applies to {html.escape(', '.join(map(str, q.versions)))}" if q.versions else ""
    note = f'Reviewed on <time datetime="{q.reviewed.isoformat()}">{q.reviewed:%-d %B %Y}</time>{versions}\n{{: .qa-reviewed data-search-exclude="true" }}'
    if (site.today - q.reviewed).days > rules.REVIEW_MAX_AGE_DAYS:
        note += (
            '\n\n!!! warning "This answer may be out of date"\n'
            f"    It was last checked against its sources more than {rules.REVIEW_MAX_AGE_DAYS} days ago."
        )
    return note


def question_block(bank: Bank, q: Question, site: Site) -> str:
    """One question: wrapper, heading with its stable id, tags, and a closed answer block."""
    aliases = "".join(f'<a id="{a}" class="qa-alias"></a>' for a in q.aliases)
    return (
        f'<div class="qa" data-question-id="{q.id}" data-level="{q.level}" data-tags="{" ".join(q.tags)}" data-progress="none" markdown>\n'
        f"{aliases}\n\n"
        f"## Q{q.number}. {q.question} {{ #{q.id} .qa-title }}\n\n"
        f"{meta_row(bank, q)}\n\n"
        f'??? qa-answer "Answer"\n\n{indent(answer_body(bank, q, site), "    ")}\n\n'
        f"{controls.marks(q.number)}\n\n"
        "</div>\n"
    )


def level_page(bank: Bank, level_id: str, site: Site, toolbar: bool = True) -> str:
    """The whole Markdown of one level page (the print-all page leaves out the study toolbar)."""
    level = bank.level(level_id)
    questions = bank.in_level(level_id)
    tools = controls.level_toolbar(level.id, len(questions), "../quiz/") if toolbar else ""
    head = (
        f"# {level.title}\n\n{level.description}\n\n"
        f'<div class="qa-level-summary" data-level="{level.id}"><p>{count(len(questions))}</p>{tools}</div>\n\n'
    )
    return head + "\n".join(question_block(bank, q, site) for q in questions)


def home_levels(bank: Bank) -> str:
    """The list of levels for the home page, with computed question counts."""
    rows = [
        f'<div class="qa-level-card" data-level="{level.id}" markdown>\n'
        f"### [{level.title}]({level.id}.md)\n\n"
        f"**{count(len(bank.in_level(level.id)))}** · {level.description}\n\n"
        f'<div class="qa-js-only">{controls.progress_bar(len(bank.in_level(level.id)))}</div>\n\n</div>'
        for level in bank.levels
    ]
    return "\n\n".join(rows)


def tags_page(bank: Bank) -> str:
    """Every topic with its questions, linked."""
    sections = []
    for topic in bank.topics:
        questions = bank.tagged(topic.id)
        items = "\n".join(f"- {_link(bank, q, None)}" for q in questions) or "- No questions yet."
        sections.append(f"## {topic.title} {{ #{topic.id} }}\n\n{items}")
    return "\n\n".join(sections)


def glossary(abbreviations: str) -> str:
    """The glossary page body: every abbreviation from the snippets file, as a definition list."""
    entries = sorted(rules.ABBREVIATION.finditer(abbreviations), key=lambda m: m["term"].lower())
    return "\n\n".join(f"`{m['term']}`\n:   {m['meaning'].strip()}" for m in entries)
