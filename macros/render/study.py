"""Pure rendering for the study pages: the print-all page and the index the study scripts read."""

from __future__ import annotations

from html import escape

from ..load.bank import Bank
from . import pages as render


def print_all(bank: Bank, site: render.Site, root: str = "../") -> render.Page:
    """Every level page, one after the other, for printing (each level starts a new printed page)."""
    levels = [render.level_page(bank, level.id, site, root, toolbar=False) for level in bank.levels]
    marker = '<div class="qa-print-all" hidden></div>\n'
    return render.Page(marker + "\n".join(page.html for page in levels), [entry for page in levels for entry in page.toc])


def study_index(bank: Bank, root: str = "../") -> str:
    """A hidden list of levels and topics with their question ids, linked to their pages, and the aliases.

    The progress, home and quiz scripts read it to count, filter and fetch questions.
    """
    levels = [
        f'<li><a class="qa-index-level" data-level="{level.id}" data-minutes="{level.minutes}" '
        f'data-ids="{" ".join(q.id for q in bank.in_level(level.id))}" href="{render.attr(root)}{level.id}/">{escape(level.title)}</a></li>'
        for level in bank.levels
    ]
    aliases = " ".join(f"{alias}:{q.id}" for q in bank.questions for alias in q.aliases)
    topics = [
        f'<li><a class="qa-index-topic" data-topic="{topic.id}" data-ids="{" ".join(q.id for q in bank.tagged(topic.id))}" '
        f'href="{render.attr(root)}tags/#{topic.id}">{escape(topic.title)}</a></li>'
        for topic in bank.topics
    ]
    return (
        f'<div class="qa-study-index" data-search-exclude="true" hidden="hidden" data-aliases="{aliases}">\n<ul>\n'
        + "\n".join(levels + topics)
        + "\n</ul>\n</div>"
    )
