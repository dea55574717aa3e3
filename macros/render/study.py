"""Pure rendering for the study pages: the print-all page and the index the study scripts read."""

from __future__ import annotations

from ..load.bank import Bank
from . import pages as render


def print_all(bank: Bank, site: render.Site) -> str:
    """Every level page, one after the other, for printing (each level starts a new printed page)."""
    marker = '<div class="qa-print-all" hidden></div>\n\n'
    return marker + "\n\n".join(render.level_page(bank, level.id, site, toolbar=False) for level in bank.levels)


def study_index(bank: Bank) -> str:
    """A hidden list of levels and topics with their question ids, linked to their pages, and the aliases.

    The progress, home and quiz scripts read it to count, filter and fetch questions;
    MkDocs resolves (and, in strict builds, checks) the links for the page it is on.
    """
    levels = [
        f'- [{level.title}]({level.id}.md){{ .qa-index-level data-level="{level.id}" data-minutes="{level.minutes}" '
        f'data-ids="{" ".join(q.id for q in bank.in_level(level.id))}" }}'
        for level in bank.levels
    ]
    aliases = " ".join(f"{alias}:{q.id}" for q in bank.questions for alias in q.aliases)
    topics = [
        f'- [{topic.title}](tags.md#{topic.id}){{ .qa-index-topic data-topic="{topic.id}" '
        f'data-ids="{" ".join(q.id for q in bank.tagged(topic.id))}" }}'
        for topic in bank.topics
    ]
    return (
        f'<div class="qa-study-index" data-search-exclude="true" hidden="hidden" data-aliases="{aliases}" markdown>\n\n'
        + "\n".join(levels + topics)
        + "\n\n</div>\n"
    )
