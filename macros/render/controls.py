"""HTML of the study controls (progress bars, marks, filters, progress tools).

They are rendered into the pages rather than created by progress.js, so nothing
moves when the script wires them up (no layout shift) and they are in place
before first paint. `.qa-js-only` hides them when JavaScript is off.
"""

from __future__ import annotations

from html import escape

from ..load.bank import Bank


def progress_bar(total: int, label: str = "") -> str:
    """A stacked known/review bar with its counts as a first visit sees them; progress.js repaints them."""
    caption = f'<span class="qa-counts__label">{escape(label)}</span>' if label else ""
    counts = "".join(
        f'<span class="qa-count qa-count--{key}"><strong data-count="{key}">{n}</strong> {text}</span>'
        for key, text, n in (("known", "known", 0), ("review", "to review", 0), ("none", "not yet", total))
    )
    return (
        '<div class="qa-progress" data-qa-progress>'
        '<div class="qa-bar" role="img" aria-label="Your progress">'
        '<span class="qa-bar__known"></span><span class="qa-bar__review"></span></div>'
        f'<p class="qa-counts">{caption}{counts}</p></div>'
    )


def marks(number: int) -> str:
    """The "I know this" / "Review again" buttons under a question, and "Add to set" (study-set.js)."""
    return (
        f'<div class="qa-marks qa-js-only" role="group" aria-label="Your progress on Q{number}" data-search-exclude="true">'
        '<button type="button" class="qa-btn qa-mark" data-mark="known" aria-pressed="false">I know this</button>'
        '<button type="button" class="qa-btn qa-mark" data-mark="review" aria-pressed="false">Review again</button>'
        '<span class="qa-mark-status"></span>'
        '<button type="button" class="qa-btn qa-set-toggle" data-set-toggle aria-pressed="false">Add to set</button></div>'
    )


def level_toolbar(level_id: str, total: int, quiz_href: str) -> str:
    """Progress bar, filters, expand/collapse all, print (diagrams drawn first) and a quiz link for one level page."""
    filters = "".join(
        f'<button type="button" class="qa-btn" data-filter="{value}" aria-pressed="{str(value == "all").lower()}">'
        f'<span>{label}</span> <span class="qa-filter__n">({n})</span></button>'
        for value, label, n in (("all", "All", total), ("review", "Review", 0), ("none", "Not yet", total))
    )
    return (
        f'<div class="qa-js-only">{progress_bar(total)}'
        '<div class="qa-toolbar">'
        f'<div class="qa-filter" role="group" aria-label="Show questions">{filters}</div>'
        '<div class="qa-toolbar__group">'
        '<button type="button" class="qa-btn" data-expand="open">Expand all</button>'
        '<button type="button" class="qa-btn" data-expand="close">Collapse all</button>'
        '<button type="button" class="qa-btn" data-print>Print this level</button>'
        f'<a class="qa-btn qa-quiz-link" href="{quiz_href}?levels={level_id}">Quiz this level</a>'
        "</div></div>"
        '<p class="qa-filter-empty" hidden role="status"></p></div>'
    )


def due_line(quiz_href: str) -> str:
    """How many questions are due today, with one-tap quizzes of what is due and of the weakest (progress.js)."""
    return (
        '<p class="qa-due qa-js-only"><span class="qa-due__text">Nothing is due for review today.</span> '
        f'<a class="qa-btn qa-btn--primary" data-due-link="due" href="{quiz_href}?draw=due&amp;count=all&amp;start=1" hidden>'
        "Quiz what&#8217;s due</a> "
        f'<a class="qa-btn" data-due-link="weakest" href="{quiz_href}?draw=weakest&amp;count=all&amp;start=1" hidden>'
        "Quiz my weakest</a></p>"
    )


def storage_problem() -> str:
    """Where progress.js says that stored progress could not be read, with its kept copy."""
    return (
        '<div class="qa-storage-problem" role="alert" hidden><p class="qa-storage-problem__text"></p>'
        '<p class="qa-toolbar"><button type="button" class="qa-btn" data-progress-action="copy-download">Download the copy</button>'
        '<button type="button" class="qa-btn" data-progress-action="copy-delete">Delete the copy</button></p></div>'
    )


def progress_home(bank: Bank) -> str:
    """The home page's progress bar, all levels together (what is due is in the start panel)."""
    bar = progress_bar(len(bank.questions), "All levels:")
    return f'<div class="qa-progress-home qa-js-only">{bar}</div>'


def progress_panel(bank: Bank) -> str:
    """The progress page: what is due (and any storage problem), a bar per level and one for all levels."""
    rows = [
        f'<div class="qa-progress-row" data-level="{level.id}"><h2><a href="../{level.id}/">{escape(level.title)}</a></h2>'
        f"{progress_bar(len(bank.in_level(level.id)))}</div>"
        for level in bank.levels
    ]
    rows.append(f'<div class="qa-progress-row" data-level="all"><h2>All levels</h2>{progress_bar(len(bank.questions))}</div>')
    return f'<div class="qa-progress-panel qa-js-only">{storage_problem()}{due_line("../quiz/")}{"".join(rows)}</div>'


def progress_tools() -> str:
    """Export, import and reset buttons for the progress page."""
    return (
        '<div class="qa-progress-tools qa-js-only"><div class="qa-toolbar">'
        '<button type="button" class="qa-btn" data-progress-action="export">Export progress</button>'
        '<label class="qa-btn qa-file">Import progress<input type="file" accept="application/json,.json" '
        'data-progress-action="import" class="qa-file__input"></label>'
        '<button type="button" class="qa-btn qa-btn--danger" data-progress-action="reset">Reset progress</button>'
        '</div><p class="qa-progress-message" role="status" aria-live="polite"></p></div>'
    )


def weakest_panel(bank: Bank) -> str:
    """Every question as a hidden row; progress.js shows the ten weakest, least likely recalled first."""
    rows = "".join(
        f'<li data-id="{q.id}" hidden><a href="../{q.level}/#{q.id}">Q{q.number}. {q.html.question}</a>'
        '<span class="qa-weakest__score"></span></li>'
        for q in bank.questions
    )
    return (
        '<div class="qa-weakest qa-js-only" data-search-exclude="true">'
        '<p class="qa-weakest__empty">No weak questions yet: in the <a href="../quiz/">quiz</a>, tick the key points '
        "you said after revealing an answer; a question you did not know, or answered with under 60% of its key points, "
        "appears here.</p>"
        f"<ol>{rows}</ol></div>"
    )
