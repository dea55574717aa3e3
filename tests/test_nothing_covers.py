"""Nothing fixed covers content: the study-set tray (a badge that opens), "Back to top" and the dock
leave every heading, status line, footer link and question button reachable, at 360 and 1280 px."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_transitions, wait_until

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 800}}
HEADINGS = "article h1, article h2, article h3"
STATUS = ".qa-quiz-count, .qa-mock-count, .qa-mock-level, .qa-mark-status:not(:empty), .qa-quiz-saved:not(:empty)"
BUTTONS = "div.qa .qa-marks .qa-btn, .qa-quiz-card .qa-btn, .qa-mock-card .qa-btn"
FOOTER = ".md-footer__link"

# Each visible element whose centre is on screen (below the header, which scrolls content under it by
# design) must be what the browser finds at that centre: otherwise something fixed lies over it.
COVERED = """(selector) => {
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent || '').trim().slice(0, 40)}"`;
  return [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility()).flatMap((el) => {
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    if (y <= header || y >= innerHeight || x <= 0 || x >= innerWidth) return [];
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === el || el.contains(hit)) ? [] : [`${name(el)} under ${hit ? name(hit) : 'nothing'}`];
  });
}"""


def covered(page, *selectors: str) -> list[str]:
    """What is covered once the page has settled (Material sizes its sidebars on the next frames after
    a scroll): polled for up to two seconds, then reported."""
    deadline = 40
    while True:
        found = [hit for selector in selectors for hit in page.evaluate(COVERED, selector)]
        deadline -= 1
        if not found or not deadline:
            return found
        page.wait_for_timeout(50)


def show_back_to_top(page) -> None:
    """Material shows "Back to top" when the reader scrolls up: scroll down, then up a little."""
    page.mouse.move(10, 300)
    page.mouse.wheel(0, 1200)
    page.wait_for_timeout(200)
    page.mouse.wheel(0, -150)
    expect(page.locator(".md-top")).to_be_visible()
    wait_for_transitions(page)


def to_the_end(page) -> None:
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_until(page, "Math.abs(window.scrollY + innerHeight - document.documentElement.scrollHeight) < 2")


def level_with_questions(site: Path) -> str:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))["levels"][0]["id"]


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_the_set_tray_is_a_badge_that_opens_and_covers_nothing_at_the_end(page, site: Path, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    level = level_with_questions(site)
    page.goto(f"{level}/")
    blocks = page.locator("div.qa[data-question-id]")
    for i in (0, 1):
        blocks.nth(i).locator("[data-set-toggle]").click()
    tray = page.locator(".qa-set-tray")
    badge = tray.get_by_role("button", name="Your set · 2")
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("aria-expanded", "false")
    expect(tray.get_by_role("button", name="Copy quiz link")).to_be_hidden()
    box = tray.bounding_box()
    assert box["height"] <= 60 and box["width"] <= 200, f"a small badge: {box}"
    expect(tray.get_by_role("status")).to_have_text("Your set: 2 questions")

    for state in ("collapsed", "open"):
        if state == "open":
            badge.click()
            expect(badge).to_have_attribute("aria-expanded", "true")
            expect(tray.get_by_role("button", name="Copy quiz link")).to_be_visible()
            tray.get_by_role("button", name="Copy quiz link").click()  # the longest state, with the link shown
            expect(tray.locator(".qa-set-tray__link a")).to_be_visible()
        wait_until(  # the footer grows by the tray's height (measured on the next frame)
            page,
            "Math.abs(parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--qa-dock-height'))"
            f" - ({viewport['height']} - document.querySelector('.qa-set-tray').getBoundingClientRect().top)) <= 1",
            timeout=3000,
        )
        top = tray.bounding_box()["y"]
        to_the_end(page)
        last = blocks.last
        assert covered(page, FOOTER, BUTTONS, HEADINGS, STATUS) == [], state
        assert last.locator(".qa-marks").bounding_box()["y"] + 44 <= top, f"{state}: the last buttons sit above the tray"
        for link in page.locator(FOOTER).all():
            link_box = link.bounding_box()
            assert link_box["y"] + link_box["height"] <= top, f"{state}: {link.inner_text()} is above the tray"

    page.keyboard.press("Escape")  # Esc closes it, focus back on the badge
    expect(badge).to_have_attribute("aria-expanded", "false")
    expect(badge).to_be_focused()
    badge.click()
    tray.get_by_role("button", name="Clear").click()
    expect(tray).to_be_hidden()
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--qa-dock-height')") == "0px"
    assert not page.console_errors


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_back_to_top_covers_no_heading_status_line_or_button(page, site: Path, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    level = level_with_questions(site)
    page.goto(f"{level}/")
    page.locator("div.qa[data-question-id]").first.locator("[data-set-toggle]").click()
    show_back_to_top(page)
    assert covered(page, HEADINGS, STATUS) == [], "mid-page: buttons scroll out from under it, headings are never under it"
    to_the_end(page)
    page.mouse.wheel(0, -40)
    expect(page.locator(".md-top")).to_be_visible()
    wait_for_transitions(page)
    assert covered(page, FOOTER, BUTTONS, HEADINGS) == [], "at the end, with Back to top shown"
    top = page.locator(".md-top").bounding_box()
    tray = page.locator(".qa-set-tray").bounding_box()
    assert top["y"] + top["height"] <= tray["y"], "Back to top sits above the tray"

    page.goto(f"quiz/?levels={level}&shuffle=0")
    page.get_by_role("button", name="Start the quiz").click()
    for _ in range(3):
        page.get_by_role("button", name="Show answer").click()
        show_back_to_top(page)
        page.get_by_role("button", name="Next question").click()  # scrolls the next question's heading up
        page.mouse.wheel(0, -100)
        expect(page.locator(".qa-quiz-count")).to_be_in_viewport()
        assert covered(page, HEADINGS, STATUS) == []

    ids = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"][:3]
    for role in ("candidate", "interviewer"):
        page.goto(f"mock/?ids={','.join(q['id'] for q in ids)}&as={role}")
        page.locator(".qa-mock-card").wait_for()
        page.get_by_role("button", name="Next").click()
        show_back_to_top(page)
        page.get_by_role("button", name="Question 1").click()
        page.mouse.wheel(0, -100)
        expect(page.locator(".qa-mock-count")).to_be_in_viewport()
        assert covered(page, HEADINGS, STATUS) == [], role
    assert not page.console_errors
