"""Pure rendering for the study pages: the print-all page and the index the study scripts read."""

from __future__ import annotations

from html import escape

from ..load.bank import Bank
from . import controls
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


QUICK_COUNT = 10  # questions in the home page's quick start
QUICK_MINUTES = 3  # it draws from the levels answered in at most this many minutes (quiz.js QUICK_MINUTES)


def quick_minutes(bank: Bank) -> int:
    """About how long the quick start takes: its questions are drawn in turn from the short levels."""
    short = [level.minutes for level in bank.levels if level.minutes <= QUICK_MINUTES] or [QUICK_MINUTES]
    return round(QUICK_COUNT * sum(short) / len(short))


def start_panel(bank: Bank) -> str:
    """The home page's first screen: quick start, continue (resume, due, weakest), the plan, the mock.

    Rendered with what a first visit sees, so nothing moves when start.js and progress.js
    paint what the stored progress adds (a quiz to resume, reviews due, today's plan).
    """
    plan_default = "Interview coming up? Give its date and get a list for every day until then."
    return (
        '<div class="qa-start qa-js-only" data-search-exclude="true">'
        f"{controls.storage_problem()}"
        f'<a class="qa-btn qa-btn--primary qa-start__quick" href="quiz/?quick={QUICK_COUNT}">'
        f"Quick start: {QUICK_COUNT} questions, about {quick_minutes(bank)} minutes</a>"
        '<section class="qa-start__continue" aria-label="Continue" hidden>'
        '<a class="qa-btn qa-btn--primary" data-start="resume" href="quiz/?resume" hidden>Resume your quiz</a>'
        f"{controls.due_line('quiz/')}</section>"
        '<section class="qa-start__plan" aria-label="Your plan">'
        f'<p class="qa-start__plan-text" data-default="{plan_default}">{plan_default}</p>'
        '<a class="qa-btn qa-btn--primary" data-start="plan-today" href="quiz/" hidden>Start today\'s list</a>'
        '<a class="qa-btn" data-start="plan" href="progress/#plan">Plan to interview day</a></section>'
        '<a class="qa-btn qa-start__mock" href="mock/">Mock interview for two</a>'
        "</div>"
    )


def plan_panel(bank: Bank) -> str:
    """The progress page's plan: today's list (painted by plan.js) and the form to set the date and groups."""
    groups = "".join(
        f'<label class="qa-choice"><input type="checkbox" name="level" value="{level.id}" checked> {escape(level.title)} '
        f'<span class="qa-choice__n">({len(bank.in_level(level.id))})</span></label>'
        for level in bank.levels
    )
    return (
        '<div class="qa-plan qa-js-only" data-search-exclude="true">'
        '<div class="qa-plan-today" hidden>'
        '<p class="qa-plan-headline"></p><p class="qa-plan-count"></p><p class="qa-plan-pace"></p>'
        '<p><a class="qa-btn qa-btn--primary" data-plan="start" href="../quiz/">Start today\'s list</a></p>'
        '<ol class="qa-plan-list"></ol></div>'
        '<form class="qa-plan-form" aria-label="Plan to interview day">'
        '<p class="qa-quiz-field"><label for="qa-plan-date">Interview date</label>'
        '<input type="date" id="qa-plan-date" name="date" required></p>'
        f'<fieldset class="qa-plan-groups"><legend>Groups to cover</legend>{groups}</fieldset>'
        '<div class="qa-toolbar"><button type="submit" class="qa-btn qa-btn--primary">Make my plan</button>'
        '<button type="button" class="qa-btn" data-plan="clear" hidden>Remove the plan</button></div>'
        '<p class="qa-plan-message" role="status"></p></form></div>'
    )
