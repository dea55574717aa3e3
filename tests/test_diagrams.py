"""Diagrams in Chromium: every one renders, reads at 11 CSS px or more inline (scrolling sideways
when wider than the page), opens full screen with pan and zoom, prints at the page width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_until
from tests.test_accessibility import violations
from tests.test_csp import RECORD_VIOLATIONS

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
MIN_LABEL = 11  # CSS px: the smallest label a reader is asked to read

# The smallest rendered label of a figure: each label's font size times the scale its SVG is drawn at
# on screen (getScreenCTM includes the viewBox and every transform), in CSS px.
SMALLEST_LABEL = """(figure) => {
  const root = figure.querySelector('.qa-diagram__canvas').shadowRoot;
  let min = Infinity;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || el.closest('style')) continue;
    const m = (el.closest('foreignObject') || el.closest('text') || el).getScreenCTM();
    min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b));
  }
  return min;
}"""


def diagram_questions(site: Path) -> dict[str, list[str]]:
    by_level: dict[str, list[str]] = {}
    for q in json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]:
        if q["diagram"]:
            by_level.setdefault(q["level"], []).append(q["id"])
    return by_level


def open_level(page, level: str, ids: list[str]) -> None:
    """A level page with every answer open and every diagram drawn."""
    page.goto(f"{level}/")
    page.locator(".qa-level-summary").get_by_role("button", name="Expand all").click()
    expect(page.locator("div.qa div.qa-diagram")).to_have_count(len(ids), timeout=30000)


def test_the_bank_has_at_least_fifteen_diagrams(site: Path) -> None:
    assert sum(len(ids) for ids in diagram_questions(site).values()) >= 15


def test_every_diagram_renders_without_error(page, site: Path) -> None:
    for level, ids in diagram_questions(site).items():
        page.goto(f"{level}/")
        for qid in ids:
            block = page.locator(f'[data-question-id="{qid}"]')
            block.locator("summary").first.click()
            svg = block.locator("div.qa-diagram svg")
            svg.wait_for(timeout=20000)
            box = svg.bounding_box()
            assert box and box["height"] > 40 and box["width"] > 40, f"{qid}: empty diagram"
            assert block.locator("pre.mermaid").count() == 0, f"{qid}: diagram source left unrendered"
        assert "Syntax error" not in page.content()
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_every_diagram_reads_at_eleven_px_or_scrolls_sideways(page, site: Path, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    small: list[str] = []
    for level, ids in diagram_questions(site).items():
        open_level(page, level, ids)
        for qid in ids:
            figure = page.locator(f'[data-question-id="{qid}"] div.qa-diagram')
            label = figure.evaluate(SMALLEST_LABEL)
            if label < MIN_LABEL:
                small.append(f"{qid}: {label:.1f} px")
            scroll = figure.locator(".qa-diagram__scroll")
            wide = scroll.evaluate("(el) => el.scrollWidth > el.clientWidth + 1")
            hint = figure.locator(".qa-diagram__hint")
            if wide:  # the diagram scrolls inside its figure, says so, and the keyboard can scroll it
                expect(hint).to_be_visible()
                assert scroll.get_attribute("tabindex") == "0", qid
                scroll.focus()
                page.keyboard.press("ArrowRight")
                wait_until(page, f"document.querySelector('[data-question-id=\"{qid}\"] .qa-diagram__scroll').scrollLeft > 0")
            else:
                expect(hint).to_be_hidden()
            right = scroll.evaluate("(el) => el.getBoundingClientRect().right")
            assert right <= viewport["width"], f"{qid}: the figure sticks out of the page"
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        assert width <= viewport["width"], f"{level}: the page scrolls sideways"
    assert not small, f"labels under {MIN_LABEL} px: {small}"
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_full_screen_view_zooms_by_keyboard_and_wheel_and_gives_focus_back(page, site: Path, viewport: dict) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size(viewport)
    levels = diagram_questions(site)
    level, ids = max(levels.items(), key=lambda item: len(item[1]))
    page.goto(f"{level}/")
    block = page.locator(f'[data-question-id="{ids[0]}"]')
    block.locator("summary").first.click()
    opener = block.get_by_role("button", name="Open full screen")
    opener.click()
    caption = block.locator(".qa-caption").inner_text().strip()
    dialog = page.get_by_role("dialog", name=caption)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(caption)
    box = dialog.bounding_box()
    assert box["width"] >= viewport["width"] - 1 and box["height"] >= viewport["height"] - 1, "full screen"
    assert page.evaluate("document.activeElement.closest('dialog') !== null"), "focus moves into the view"
    canvas = dialog.locator(".qa-diagram-dialog__canvas")
    assert canvas.locator("svg").count() == 1

    def size() -> float:
        return canvas.bounding_box()["width"]

    def settled(previous: float) -> float:
        wait_until(
            page, f"Math.abs(document.querySelector('.qa-diagram-dialog__canvas').getBoundingClientRect().width - {previous}) > 1"
        )
        page.wait_for_timeout(300)  # the short zoom animation
        return size()

    fit = size()
    assert fit <= viewport["width"], "opens fitted to the screen"
    page.keyboard.press("+")
    bigger = settled(fit)
    assert bigger > fit * 1.2
    page.keyboard.press("-")
    page.keyboard.press("-")
    smaller = settled(bigger)
    assert smaller < fit
    page.keyboard.press("0")
    assert abs(settled(smaller) - fit) < 1, "0 fits again"
    x = canvas.bounding_box()["x"]
    page.keyboard.press("ArrowRight")
    wait_until(page, f"document.querySelector('.qa-diagram-dialog__canvas').getBoundingClientRect().x < {x - 20}")
    page.keyboard.press("ArrowLeft")
    wait_until(page, f"Math.abs(document.querySelector('.qa-diagram-dialog__canvas').getBoundingClientRect().x - {x}) < 2")
    stage = dialog.locator(".qa-diagram-dialog__stage").bounding_box()
    page.mouse.move(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    page.mouse.wheel(0, -300)
    assert settled(fit) > fit, "the mouse wheel zooms in"
    dialog.get_by_role("button", name="Zoom out").click()  # the buttons do the same
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()

    opener.click()  # and again, closed by its button
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    assert page.evaluate("window.__violations") == []
    assert not page.console_errors, page.console_errors


def test_a_wide_diagram_prints_at_the_page_width(page, site: Path) -> None:
    levels = diagram_questions(site)
    level, ids = max(levels.items(), key=lambda item: len(item[1]))
    page.set_viewport_size(PHONE)
    open_level(page, level, ids)
    page.emulate_media(media="print")
    for qid in ids:
        figure = page.locator(f'[data-question-id="{qid}"] div.qa-diagram')
        svg = figure.locator("svg").bounding_box()
        content = figure.bounding_box()
        assert svg["width"] <= content["width"] + 1, f"{qid}: cut off on paper"
        expect(figure.locator(".qa-diagram__bar")).to_be_hidden()


def test_mermaid_loads_once_and_only_when_a_diagram_is_opened(page, site: Path) -> None:
    levels = diagram_questions(site)
    (first, first_ids), (second, second_ids) = list(levels.items())[:2]
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if "/vendor/" in r.url else None)
    page.goto(f"{first}/")
    page.wait_for_load_state("networkidle")
    assert requested == [], "nothing heavy until a diagram is about to be seen"
    block = page.locator(f'[data-question-id="{first_ids[0]}"]')
    block.locator("summary").first.click()
    block.locator("div.qa-diagram svg").wait_for(timeout=20000)
    assert page.evaluate("performance.getEntriesByName('qa-first-diagram').length") == 1
    page.locator(f'.md-sidebar--primary a.md-nav__link[href$="/{second}/"]').first.click()  # instant navigation
    page.wait_for_url(f"**/{second}/")
    block = page.locator(f'[data-question-id="{second_ids[0]}"]')
    block.locator("summary").first.click()
    block.locator("div.qa-diagram svg").wait_for(timeout=20000)
    mermaid = [u for u in requested if "/vendor/mermaid/" in u]
    assert len(mermaid) == 1, f"Mermaid is downloaded once per visit: {mermaid}"
    assert [u for u in requested if "/vendor/panzoom/" in u], "the viewer's library comes with the first diagram"
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_with_diagrams_drawn_and_full_screen(page, site: Path, scheme: str) -> None:
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.set_viewport_size(PHONE)
    levels = diagram_questions(site)
    level, ids = max(levels.items(), key=lambda item: len(item[1]))
    open_level(page, level, ids)
    found = violations(page)
    page.locator(f'[data-question-id="{ids[0]}"]').get_by_role("button", name="Open full screen").click()
    expect(page.locator("dialog.qa-diagram-dialog")).to_be_visible()
    found += [f"(full screen) {v}" for v in violations(page)]
    assert not found, "\n".join(found)


def test_full_screen_view_pinches_and_drags_on_a_touch_screen(browser, server: str, site: Path) -> None:
    levels = diagram_questions(site)
    level, ids = max(levels.items(), key=lambda item: len(item[1]))
    context = browser.new_context(base_url=server, viewport=PHONE, has_touch=True, is_mobile=True, service_workers="block")
    page = context.new_page()
    page.goto(f"{level}/")
    block = page.locator(f'[data-question-id="{ids[0]}"]')
    block.locator("summary").first.click()
    block.get_by_role("button", name="Open full screen").tap()
    canvas = page.locator(".qa-diagram-dialog__canvas")
    canvas.wait_for()
    fit = canvas.bounding_box()
    touch = context.new_cdp_session(page)

    def gesture(*moves: list[tuple[float, float]]) -> None:
        """Fingers down at their first points, through the rest, then up (Chromium's touch input)."""

        def points(step: int) -> list[dict]:
            return [{"x": m[step][0], "y": m[step][1], "id": i} for i, m in enumerate(moves)]

        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
        for step in range(1, len(moves[0])):
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(step)})
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    mid = PHONE["height"] / 2
    gesture([(150 - 8 * k, mid) for k in range(11)], [(210 + 8 * k, mid) for k in range(11)])  # pinch out
    pinched = canvas.bounding_box()
    assert pinched["width"] > fit["width"] * 1.5, "pinching zooms in"
    gesture([(180 + 10 * k, mid) for k in range(11)])  # one finger to the right
    wait_until(page, f"document.querySelector('.qa-diagram-dialog__canvas').getBoundingClientRect().x > {pinched['x'] + 50}")
    context.close()
