"""Printing in Chromium: a level page and the print-all page print every answer open, without navigation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top"]
CONTROLS = [".qa-marks", ".qa-toolbar", ".qa-level-summary .qa-progress", ".qa-permalink", ".qa-report", ".md-clipboard"]


def bank(site: Path) -> dict:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))


def visible(page, selector: str) -> int:
    return page.locator(selector).evaluate_all("els => els.filter(el => el.checkVisibility()).length")


def test_printing_a_level_page_shows_every_answer_without_chrome(page, site: Path) -> None:
    level = bank(site)["levels"][0]
    page.goto(f"{level['id']}/")
    page.locator(".qa-marks").first.wait_for()
    page.locator("div.qa[data-question-id] summary").first.click()  # one answer already open: it stays open
    page.emulate_media(media="print")
    expect(page.locator("div.qa[data-question-id] > details[open]")).to_have_count(level["count"])
    assert visible(page, "div.qa[data-question-id] .qa-short") == level["count"]
    for selector in CHROME + CONTROLS:
        assert visible(page, selector) == 0, f"{selector} is not printed"
    title = page.locator(".qa-title").first
    assert title.evaluate("el => getComputedStyle(el).breakAfter") == "avoid", "a question title stays with its answer"

    page.emulate_media(media="screen")
    expect(page.locator("div.qa[data-question-id] > details[open]")).to_have_count(1)
    assert visible(page, ".md-header") == 1
    assert not page.console_errors


def test_print_all_page_holds_every_level_each_on_new_pages(page, site: Path) -> None:
    data = bank(site)
    page.goto("print/")
    ids = page.locator("div.qa[data-question-id]").evaluate_all("els => els.map(el => el.dataset.questionId)")
    assert ids == [q["id"] for q in data["questions"]], "every question once, in the bank's order"
    expect(page.locator("div.qa[data-question-id] > details[open]")).to_have_count(len(data["questions"]))
    headings = page.locator("article h1")
    assert [t.rstrip("¶") for t in headings.all_inner_texts()[1:]] == [lv["title"] for lv in data["levels"]]

    page.emulate_media(media="print")
    breaks = headings.evaluate_all("els => els.map(el => getComputedStyle(el).breakBefore)")
    assert breaks == ["auto", "auto"] + ["page"] * (len(data["levels"]) - 1), "each level after the first starts a page"
    assert visible(page, ".qa-print-intro") == 0
    for selector in CHROME:
        assert visible(page, selector) == 0, f"{selector} is not printed"
    page.emulate_media(media="screen")

    # a statement, not an expression: page.evaluate would call a function it is given
    page.evaluate("() => { window.print = () => { window.__printed = !document.querySelector('article pre.mermaid') } }")
    page.get_by_role("button", name="Print").click()
    wait_until(page, "window.__printed !== undefined", timeout=20000)
    assert page.evaluate("window.__printed") is True, "every diagram is drawn before the print dialog opens"
    assert not page.console_errors


def test_print_all_page_is_in_the_nav(page) -> None:
    page.goto("")
    page.locator('.md-tabs a[href$="/quiz/"]').click()
    page.wait_for_url("**/quiz/")
    page.locator(".qa-quiz-setup").wait_for()
    for name in ("quiz", "progress", "tags", "glossary", "print"):
        assert page.locator(f'.md-sidebar--primary a.md-nav__link[href$="/{name}/"]').count() == 1


def test_print_this_level_draws_every_diagram_before_the_print_dialog(page, site: Path) -> None:
    level = next(q["level"] for q in bank(site)["questions"] if q["diagram"])
    page.goto(f"{level}/")
    assert page.locator("article pre.mermaid").count() > 0, "diagrams wait in closed answers"
    page.evaluate(
        "() => { window.print = () => { window.__printed = !document.querySelector('article pre.mermaid')"
        " && document.querySelectorAll('div.qa > details:not([open])').length === 0 } }"
    )
    button = page.get_by_role("button", name="Print this level")
    button.click()
    wait_until(page, "window.__printed !== undefined", timeout=20000)
    assert page.evaluate("window.__printed") is True, "every answer open and every diagram drawn when printing"
    expect(button).to_have_text("Print this level")
    assert not page.console_errors
