"""The study macros are pure functions of the checked bank: checked on their HTML, without a build."""

from __future__ import annotations

import datetime as dt
import re

from macros.check.validate import check_text
from macros.load.bank import Bank
from macros.render import pages as render
from macros.render import study
from tests.factory import bank, dump

SITE = render.Site(repo_url="https://github.com/example/guide", today=dt.date(2026, 11, 24))


def make_bank() -> Bank:
    data = bank(5)
    data["questions"][1]["tags"] = ["drift", "deployment"]
    result, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 24))
    assert not problems, problems
    return result


def test_print_all_is_every_level_page_in_order() -> None:
    b = make_bank()
    md = study.print_all(b, SITE).html
    assert md.startswith('<div class="qa-print-all" hidden></div>')
    for level in b.levels:
        page = render.level_page(b, level.id, SITE, toolbar=False)
        assert page.html in md, "the level pages themselves, not a copy of their logic"
    assert "data-filter" not in md and "data-print" not in md, "no study toolbar on the print-all page"
    titles = re.findall(r'<h1 id="[^"]+">([^<]+)<a class="headerlink"', md)
    assert titles == [level.title for level in b.levels]
    assert re.findall(r'data-question-id="([^"]+)"', md) == [q.id for q in b.questions]


def test_study_index_lists_each_level_and_topic_with_its_question_ids() -> None:
    b = make_bank()
    md = study.study_index(b)
    assert md.startswith('<div class="qa-study-index" data-search-exclude="true" hidden="hidden" data-aliases="">')
    for level in b.levels:
        ids = " ".join(q.id for q in b.in_level(level.id))
        assert (
            f'<a class="qa-index-level" data-level="{level.id}" data-minutes="{level.minutes}" '
            f'data-ids="{ids}" href="../{level.id}/">{level.title}</a>' in md
        )
    for topic in b.topics:
        ids = " ".join(q.id for q in b.tagged(topic.id))
        assert (
            f'<a class="qa-index-topic" data-topic="{topic.id}" data-ids="{ids}" href="../tags/#{topic.id}">{topic.title}</a>'
            in md
        )
    assert 'data-topic="deployment" data-ids="question-2"' in md


def test_study_index_carries_aliases_and_mock_minutes() -> None:
    data = bank(4)
    data["levels"][1]["minutes"] = 35
    data["questions"][0]["aliases"] = ["old-name"]
    b, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 29))
    assert b is not None, problems
    md = study.study_index(b)
    assert 'data-aliases="old-name:question-1"' in md
    assert 'data-level="beginner" data-minutes="2"' in md
    assert 'data-level="advanced" data-minutes="35"' in md


def test_start_panel_renders_what_a_first_visit_sees() -> None:
    b = make_bank()
    html = study.start_panel(b)
    assert f'href="quiz/?quick={study.QUICK_COUNT}"' in html, "the quick start is a plain link"
    assert '<section class="qa-start__continue" aria-label="Continue" hidden>' in html, "nothing to continue yet"
    assert (
        'href="quiz/?draw=due&amp;count=all&amp;start=1"' in html
        and 'href="quiz/?draw=weakest&amp;count=all&amp;start=1"' in html
    )
    assert 'href="progress/#plan"' in html and 'href="mock/"' in html
    assert '<div class="qa-storage-problem" role="alert" hidden>' in html


def test_plan_panel_offers_every_level_as_a_group_to_cover() -> None:
    b = make_bank()
    html = study.plan_panel(b)
    for level in b.levels:
        assert (
            f'value="{level.id}" checked> {level.title} <span class="qa-choice__n">({len(b.in_level(level.id))})</span>' in html
        )
    assert '<input type="date" id="qa-plan-date" name="date" required>' in html
    assert 'class="qa-plan-today" hidden' in html
