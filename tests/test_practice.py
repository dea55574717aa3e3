"""Practising aloud in Chromium: the quiz self-check and its stored score, the weakest questions,
study sets as links (the tray, unknown ids), and find-in-page inside closed answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def questions(site: Path) -> dict[str, dict]:
    return {q["id"]: q for q in json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]}


def stored(page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem(window.qaProgress.key) || '{}').questions || {}")


def test_self_check_ticks_suggest_a_mark_and_keep_the_score(page, site: Path) -> None:
    qs = questions(site)
    first, second = qs["data-drift"], qs["concept-drift"]
    page.goto("quiz/?ids=data-drift,concept-drift")
    page.locator(".qa-quiz-card").wait_for()
    check = page.locator(".qa-selfcheck")
    expect(check).to_be_hidden()  # nothing to tick before the answer is shown
    page.keyboard.press("Space")
    expect(check).to_be_visible()
    points = check.locator("input[name=said]")
    assert points.count() == len(first["key_points"])
    assert check.locator("label").first.inner_text().strip().endswith(first["key_points"][0])
    knew, didnt = page.get_by_role("button", name="I knew it"), page.get_by_role("button", name="I didn't")
    expect(didnt).to_have_class("qa-btn qa-mark qa-suggested")
    page.keyboard.press("1")
    expect(points.first).to_be_checked()
    expect(page.locator(".qa-selfcheck__score")).to_contain_text(f"1 of {len(first['key_points'])} points said")
    for n in range(2, len(first["key_points"]) + 1):
        page.keyboard.press(str(n))
    expect(knew).to_have_class("qa-btn qa-mark qa-suggested")
    expect(didnt).not_to_have_class("qa-btn qa-mark qa-suggested")
    page.keyboard.press("1")  # untick: the suggestion follows
    expect(didnt).to_have_class("qa-btn qa-mark qa-suggested")
    page.keyboard.press("1")
    page.keyboard.press("k")  # the candidate decides
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved: you knew it.")
    assert stored(page)["data-drift"]["score"]["said"] == len(first["key_points"])
    assert stored(page)["data-drift"]["score"]["of"] == len(first["key_points"])

    page.keyboard.press("n")
    page.keyboard.press("Space")
    page.keyboard.press("2")
    page.keyboard.press("r")
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved: to review.")
    score = stored(page)["concept-drift"]["score"]
    assert (score["said"], score["of"]) == (1, len(second["key_points"]))
    assert stored(page)["concept-drift"]["state"] == "review"

    page.goto("progress/")
    rows = page.locator(".qa-weakest li:not([hidden])")
    expect(rows).to_have_count(1)  # every key point said: not among the weakest
    expect(rows.first).to_contain_text(f"Q{second['number']}. {second['question']}")
    expect(rows.first).to_contain_text(f"1 of {len(second['key_points'])} key points")
    rows.first.locator("a").click()
    page.wait_for_url("**/advanced/#concept-drift")
    wait_until(page, "document.querySelector('[data-question-id=\"concept-drift\"] > details')?.open")


def test_key_points_show_inside_every_answer(page, site: Path) -> None:
    q = questions(site)["canary-deployment"]
    page.goto(f"{q['level']}/#canary-deployment")
    answer = page.locator('[data-question-id="canary-deployment"] > details')
    expect(answer.locator("p.qa-key-points")).to_have_text("A strong answer covers")
    items = answer.locator("p.qa-key-points + ol > li")
    expect(items).to_have_count(len(q["key_points"]))
    expect(items.first).to_have_text(q["key_points"][0])


def test_a_study_set_link_opens_exactly_those_questions_and_names_unknown_ids(page, site: Path) -> None:
    qs = questions(site)
    page.goto("quiz/?ids=rollback,not-a-question,data-drift,rollback")
    expect(page.locator(".qa-set-notice")).to_contain_text("not-a-question")
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 1 of 2 · 1 left")
    assert page.locator(".qa-quiz-question").inner_text() == f"Q{qs['rollback']['number']}. {qs['rollback']['question']}"
    page.keyboard.press("n")
    assert page.locator(".qa-quiz-card").get_attribute("data-quiz-id") == "data-drift"


def test_add_to_set_builds_a_link_without_editing_any_url(page, site: Path) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("beginner/")
    tray = page.locator(".qa-set-tray")
    expect(tray).to_be_hidden()
    for qid in ("model-drift", "what-is-mlops"):
        page.locator(f'[data-question-id="{qid}"] [data-set-toggle]').click()
    expect(page.locator('[data-question-id="model-drift"] [data-set-toggle]')).to_have_attribute("aria-pressed", "true")
    expect(tray).to_be_visible()
    tray.get_by_role("button", name="Your set · 2").click()  # the badge opens the tray
    expect(tray.locator(".qa-set-tray__count")).to_have_text("Your set: 2 questions")
    tray.get_by_role("button", name="Copy quiz link").click()
    link = tray.locator(".qa-set-tray__link a")
    expect(link).to_have_text(page.evaluate("new URL('../quiz/?ids=model-drift,what-is-mlops', location.href).href"))
    assert page.evaluate("navigator.clipboard.readText()") == link.inner_text()
    tray.get_by_role("button", name="Copy mock-interview link").click()
    expect(link).to_contain_text("/mock/?ids=model-drift,what-is-mlops")
    tray.get_by_role("link", name="Quiz these").click()
    page.locator(".qa-quiz-card").wait_for()
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 1 of 2 · 1 left")
    assert page.locator(".qa-quiz-card").get_attribute("data-quiz-id") == "model-drift"


def test_find_in_page_reaches_text_inside_closed_answers(page) -> None:
    """Chromium's find-in-page searches closed <details> (and opens the one it matches); code blocks
    and diagram sources in closed answers are not rendered until opened (the long-page performance)."""
    page.goto("beginner/")
    closed = page.locator('[data-question-id="data-drift"] > details')
    expect(closed).not_to_have_attribute("open", "")
    assert page.evaluate("window.find('covariate shift')"), "text in a closed answer is findable"
    assert (
        page.evaluate("window.getSelection().anchorNode.parentElement.closest('[data-question-id]').dataset.questionId")
        == "data-drift"
    )
    code = page.locator("div.qa > details:not([open]) .highlight").first.element_handle()
    assert code.evaluate("(el) => getComputedStyle(el).display") == "none"
    code.evaluate("(el) => el.closest('details').querySelector('summary').click()")
    assert code.evaluate("(el) => getComputedStyle(el).display") != "none"


def test_the_set_tray_fits_a_phone(page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("beginner/")
    page.locator('[data-question-id="data-drift"] [data-set-toggle]').click()
    tray = page.locator(".qa-set-tray")
    expect(tray).to_be_visible()
    tray.get_by_role("button", name="Your set · 1").click()
    box = tray.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    for button in tray.locator(".qa-btn").all():
        assert button.bounding_box()["height"] >= 44
