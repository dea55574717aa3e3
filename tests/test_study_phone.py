"""On a phone and without JavaScript: no sideways scrolling, big enough buttons, readable answers, working permalinks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import refuse_other_hosts

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
TAP = 44
TARGETS = ".qa-btn, .qa-permalink[data-qa-copy], .qa-choice"


def bank(site: Path) -> dict:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))


def scroll_width(page) -> int:
    """How wide the page is: Material clips <html> sideways (overflow-x: hidden), so <body> tells the truth."""
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")


def too_wide(page) -> list[str]:
    """Visible elements sticking out to the right, outside any scrolling box (for the failure message)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const scrolls = (el) => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
                    if (getComputedStyle(p).overflowX !== "visible") return true;
                return false;
            };
            return [...document.body.querySelectorAll("*")]
                .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.checkVisibility() && !scrolls(el))
                .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`);
        }"""
    )


def small_targets(page) -> list[str]:
    """Visible study controls smaller than a fingertip."""
    return page.locator(TARGETS).evaluate_all(
        f"""els => els.filter(el => el.checkVisibility())
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([, r]) => r.width < {TAP} || r.height < {TAP})
            .map(([el, r]) => `${{el.textContent.trim()}} ${{Math.round(r.width)}}x${{Math.round(r.height)}}`)"""
    )


def test_phone_level_pages_do_not_scroll_sideways(page, site: Path) -> None:
    data = bank(site)
    page.set_viewport_size(PHONE)
    for level in data["levels"]:
        page.goto(f"{level['id']}/")
        page.locator(".qa-level-summary").get_by_role("button", name="Expand all").click()
        diagrams = sum(1 for q in data["questions"] if q["level"] == level["id"] and q["diagram"])
        expect(page.locator("div.qa div.mermaid")).to_have_count(diagrams, timeout=20000)
        page.locator("div.qa[data-question-id]").last.scroll_into_view_if_needed()
        assert scroll_width(page) <= PHONE["width"], f"{level['id']} scrolls sideways: {too_wide(page)}"
        widths = page.locator("div.qa div.mermaid").evaluate_all("els => els.map(el => el.getBoundingClientRect().right)")
        assert all(right <= PHONE["width"] for right in widths), "diagrams stay on the screen (wide ones scroll inside)"
        assert small_targets(page) == []
    for path in ("", "progress/"):
        page.goto(path)
        page.locator("[data-qa-progress]").first.wait_for()
        assert scroll_width(page) <= PHONE["width"], f"/{path} scrolls sideways: {too_wide(page)}"
        assert small_targets(page) == []
    assert not page.console_errors


def test_phone_quiz_does_not_scroll_sideways(page, site: Path) -> None:
    q = next((q for q in bank(site)["questions"] if q["diagram"]), bank(site)["questions"][0])
    position = [x["id"] for x in bank(site)["questions"] if x["level"] == q["level"]].index(q["id"])
    page.set_viewport_size(PHONE)
    page.goto(f"quiz/?levels={q['level']}&shuffle=0&count=all")
    page.locator(".qa-quiz-setup").wait_for()
    assert scroll_width(page) <= PHONE["width"], too_wide(page)
    assert small_targets(page) == []
    page.get_by_role("button", name="Start the quiz").click()
    for _ in range(position):
        page.get_by_role("button", name="Next question").click()
    expect(page.locator(".qa-quiz-card")).to_have_attribute("data-quiz-id", q["id"])
    page.get_by_role("button", name="Show answer").click()
    if q["diagram"]:
        page.locator(".qa-quiz-answer div.mermaid svg").wait_for(timeout=15000)
        assert page.locator(".qa-quiz-answer div.mermaid").bounding_box()["width"] <= PHONE["width"]
    assert scroll_width(page) <= PHONE["width"], too_wide(page)
    assert small_targets(page) == []
    assert not page.console_errors


@pytest.fixture()
def no_js(browser, server: str) -> Iterator[object]:
    """A page with JavaScript disabled (own storage), failing on requests to other hosts."""
    context = browser.new_context(base_url=server, java_script_enabled=False)
    outside = refuse_other_hosts(context, allowed=("http://127.0.0.1",))
    yield context.new_page()
    context.close()
    assert not outside, f"requests to other hosts: {outside}"


def test_without_javascript_answers_read_and_permalinks_work(no_js, site: Path, server: str) -> None:
    page = no_js
    data = bank(site)
    q = data["questions"][3]
    page.goto(f"{q['level']}/")
    block = page.locator(f'div.qa[data-question-id="{q["id"]}"]')
    assert page.locator("button[data-mark]:visible, .qa-toolbar:visible, .qa-progress:visible").count() == 0, (
        "no controls that would not work"
    )
    report = block.locator("a.qa-report")
    assert report.count() == 1 and "/issues/new?" in report.get_attribute("href"), "reporting is a plain link"
    answer = block.locator("details")
    assert answer.evaluate("d => d.open") is False
    expect(block.locator(".qa-short")).to_be_hidden()
    block.locator("summary").click()
    expect(block.locator(".qa-short")).to_be_visible()
    assert block.locator(".qa-short").inner_text().replace("In 30 seconds:", "").strip() != ""

    link = block.locator("a.qa-permalink")
    assert link.evaluate("a => a.href") == f"{server}q/{q['id']}/"
    link.click()
    page.wait_for_url(f"{server}{q['level']}/#{q['id']}")
    expect(page.locator(f"#{q['id']}")).to_be_in_viewport()

    page.emulate_media(media="print")
    level_count = next(lv["count"] for lv in data["levels"] if lv["id"] == q["level"])
    expect(page.locator("div.qa .qa-short:visible")).to_have_count(level_count)
    page.emulate_media(media="screen")

    for path in ("quiz/", "progress/"):
        page.goto(path)
        expect(page.locator(".qa-needs-js")).to_be_visible()
