"""Rendering is a pure function of the checked bank: checked on its HTML, without a build."""

from __future__ import annotations

import datetime as dt

from macros.check.validate import check_text
from macros.load.bank import Bank
from macros.render import pages as render
from tests.factory import bank, dump

SITE = render.Site(repo_url="https://github.com/example/guide", today=dt.date(2026, 11, 24))


def make_bank(**changes) -> Bank:
    data = bank(4)
    data["questions"][0].update(changes)
    result, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 24))
    assert not problems, problems
    return result


def test_level_page_has_each_question_once_with_its_anchor_in_order() -> None:
    b = make_bank()
    page = render.level_page(b, "beginner", SITE)
    md = page.html
    assert md.startswith('<h1 id="beginner">Beginner<a class="headerlink"') and "<p>First steps.</p>" in md
    for n, q in enumerate(b.in_level("beginner"), start=1):
        assert md.count(f'data-question-id="{q.id}"') == 1
        assert f'<h2 class="qa-title" id="{q.id}">Q{n}. {q.question}<a class="headerlink"' in md
    assert md.index('id="question-1"') < md.index('id="question-2"')
    assert page.toc[0]["name"] == "Beginner"
    assert [entry["id"] for entry in page.toc[0]["children"]] == [q.id for q in b.in_level("beginner")]


def test_answer_is_closed_and_holds_every_part_in_order() -> None:
    b = make_bank(
        diagram="flowchart LR\n  A --> B", diagram_caption="From A to B.", versions=[{"tool": "MLflow", "since": "2.9"}]
    )
    md = render.question_block(b, b.question("question-1"), SITE)
    assert '<details class="qa-answer">\n<summary>Answer</summary>' in md and "<details open" not in md
    order = [
        "In 30 seconds",
        "example",
        '<pre class="mermaid"',
        "From A to B.",
        "What interviewers ask next",
        "Mistakes that cost the offer",
        "Related questions",
        "References",
        "Reviewed on",
    ]
    positions = [md.index(part) for part in order]
    assert positions == sorted(positions)
    assert "Applies to MLflow 2.9 and later" in md
    assert '<a href="#question-2">Q2. What does question 2 mean?</a>' in md
    assert "flowchart LR\n  A --&gt; B" in md, "the diagram source reaches the page as escaped text"


def test_related_question_on_another_level_links_to_that_page() -> None:
    b = make_bank(related=["question-2", "question-4"])
    md = render.question_block(b, b.question("question-1"), SITE)
    assert (
        '<a href="../advanced/#question-4">Q4. What does question 4 mean?</a> <span class="qa-related__group">· Advanced</span>'
        in md
    )
    assert '<a href="#question-2">Q2. What does question 2 mean?</a></li>' in md, "a question on the same page names no group"


def test_stale_review_shows_a_visible_warning() -> None:
    b = make_bank(reviewed="2025-06-01")
    stale = render.question_block(b, b.question("question-1"), SITE)
    fresh = render.question_block(b, b.question("question-2"), SITE)
    assert "may be out of date" in stale and "may be out of date" not in fresh
    assert '<time datetime="2025-06-01">1 June 2025</time>' in stale


def test_aliases_keep_old_anchors() -> None:
    b = make_bank(aliases=["old-name"])
    assert '<a id="old-name" class="qa-alias"></a>' in render.question_block(b, b.question("question-1"), SITE)


def test_home_counts_are_computed() -> None:
    b = make_bank(level="advanced")
    beginner, advanced = render.home_levels(b).split("qa-level-card")[1:]
    assert '<a href="beginner/">Beginner</a>' in beginner and "<strong>1 question</strong>" in beginner
    assert '<a href="advanced/">Advanced</a>' in advanced and "<strong>3 questions</strong>" in advanced


def test_tags_page_lists_every_topic_with_linked_questions() -> None:
    b = make_bank(tags=["deployment"])
    md = render.tags_page(b).html
    assert '<h2 id="drift">Drift' in md and '<h2 id="deployment">Deployment' in md
    deployment = md.split('id="deployment"')[1]
    assert '<a href="../beginner/#question-1">Q1. What does question 1 mean?</a>' in deployment


def test_report_link_prefills_the_issue() -> None:
    b = make_bank()
    url = render.report_url(SITE, b.question("question-1"), "https://x.test/q/question-1/")
    assert url.startswith("https://github.com/example/guide/issues/new?title=%5Bquestion-1%5D")
    assert "beginner" in url and "https%3A%2F%2Fx.test%2Fq%2Fquestion-1%2F" in url


def test_glossary_lists_abbreviations_alphabetically() -> None:
    md = render.glossary((("PSI", "Population Stability Index"), ("CI", "Continuous integration & <delivery>")))
    assert md == (
        "<dl>\n<dt><code>CI</code></dt>\n<dd>Continuous integration &amp; &lt;delivery&gt;</dd>\n"
        "<dt><code>PSI</code></dt>\n<dd>Population Stability Index</dd>\n</dl>"
    )


def test_layout_requires_a_page_per_level_in_bank_order(tmp_path) -> None:
    from macros.check.layout import layout_problems, level_page_source

    b = make_bank()
    (tmp_path / "beginner.md").write_text(level_page_source("beginner"))
    problems = layout_problems(b, tmp_path, [{"Levels": ["advanced.md", "beginner.md"]}])
    assert problems[0].startswith("level `advanced` has no page: create ") and '{{ level_page("advanced") }}' in problems[0]
    assert "list them as ['beginner.md', 'advanced.md']" in problems[1]
    (tmp_path / "advanced.md").write_text(level_page_source("advanced"))
    assert layout_problems(b, tmp_path, ["beginner.md", "advanced.md"]) == []


def test_study_controls_are_rendered_with_first_visit_counts() -> None:
    b = make_bank()
    md = render.level_page(b, "beginner", SITE).html
    questions = b.in_level("beginner")
    assert md.count('data-mark="known"') == md.count('data-mark="review"') == len(questions)
    for n, q in enumerate(questions, start=1):
        block = render.question_block(b, q, SITE)
        assert block.index("qa-answer") < block.index(f'aria-label="Your progress on Q{n}"'), "marks sit under the answer"
    summary = md[md.index("qa-level-summary") : md.index("data-question-id")]
    assert f'<strong data-count="none">{len(questions)}</strong> not yet' in summary
    assert f'data-filter="all" aria-pressed="true"><span>All</span> <span class="qa-filter__n">({len(questions)})' in summary
    assert 'href="../quiz/?levels=beginner"' in summary
    assert "qa-js-only" in summary, "hidden when JavaScript is off"
