"""axe-core finds no violations on the home, level, quiz, tags, glossary and progress pages and in the study views, light and dark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import wait_for_transitions

pytestmark = pytest.mark.browser
STUDY_PAGES = ["", "quiz/", "tags/", "glossary/", "progress/"]


def levels(site: Path) -> list[str]:
    return [level["id"] + "/" for level in json.loads((site / "questions.json").read_text(encoding="utf-8"))["levels"]]


def violations(page) -> list[str]:
    page.mouse.move(0, 0)  # no hover styles left where a click was
    wait_for_transitions(page, 5000)  # colours settled
    result = Axe().run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}: {v['nodes'][0].get('failureSummary', '')[:300]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page, site: Path, scheme: str) -> None:
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    found: list[str] = []
    for path in STUDY_PAGES + levels(site):
        page.goto(path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        found += violations(page)
        if path in levels(site):
            page.evaluate("document.querySelectorAll('div.qa > details').forEach(d => d.open = true)")
            found += [f"(answers open) {v}" for v in violations(page)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_in_the_practice_views(page, scheme: str) -> None:
    """The quiz self-check, the study-set tray and the weakest questions, as a user sees them."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto("quiz/?ids=data-drift,model-drift")
    page.locator(".qa-quiz-card").wait_for()
    page.keyboard.press("Space")
    page.keyboard.press("1")
    found = violations(page)
    page.keyboard.press("r")
    page.get_by_text("Saved: to review.").wait_for()  # the mark is saved once the scheduler answers
    page.goto("beginner/")
    page.locator('[data-question-id="data-drift"] [data-set-toggle]').click()
    page.locator(".qa-set-tray").wait_for()
    found += violations(page)  # the badge
    page.get_by_role("button", name="Your set · 1").click()
    page.get_by_role("button", name="Copy quiz link").click()
    found += violations(page)
    page.goto("progress/")
    page.locator(".qa-weakest li:not([hidden])").first.wait_for()
    found += violations(page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_in_the_guided_study_views(page, scheme: str) -> None:
    """The home page's first screen with something to continue and a plan, the plan panel, the quiz
    setup with its options open, a card with the timer and the recorder, and the quiz summary."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto("quiz/")
    page.locator(".qa-quiz-more summary").click()
    page.get_by_label("Time my answers (each level’s minutes)").check()
    page.get_by_label("Record my answers to play back").check()
    found = violations(page)
    page.goto("quiz/?ids=data-drift,model-drift")
    page.locator(".qa-quiz-timer").wait_for()
    found += violations(page)
    page.keyboard.press("Space")
    page.keyboard.press("1")
    page.keyboard.press("r")
    page.get_by_text("Saved: to review.").wait_for()
    found += violations(page)
    page.get_by_role("button", name="End the quiz").click()
    page.locator(".qa-quiz-summary").wait_for()
    found += violations(page)
    page.goto("progress/")
    page.get_by_label("Interview date").fill(page.evaluate("window.qaPlan.addDays(window.qaStorage.today(), 10)"))
    page.get_by_role("button", name="Make my plan").click()
    page.locator(".qa-plan-today").wait_for()
    found += violations(page)
    page.goto("")
    page.locator(".qa-start__continue").wait_for()
    page.locator("[data-start=plan-today]").wait_for()
    found += violations(page)
    assert not found, "\n".join(found)
