"""The quiz in Chromium: choosing questions, the keyboard flow, the rendered answers and the FSRS due deck."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def bank(site: Path) -> dict:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))


def in_level(site: Path, level: str) -> list[dict]:
    return [q for q in bank(site)["questions"] if q["level"] == level]


def card_id(page) -> str:
    return page.locator(".qa-quiz-card").get_attribute("data-quiz-id")


def start(page, query: str = "") -> None:
    """Open the quiz with preset choices and start it."""
    page.goto(f"quiz/{query}")
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".qa-quiz-card").wait_for()


def press(page, key: str) -> None:
    page.keyboard.press(key)


def test_quiz_flow_with_the_keyboard_records_progress(page, site: Path, server: str) -> None:
    data = bank(site)
    level = data["levels"][1]
    qs = in_level(site, level["id"])
    page.goto("quiz/?shuffle=0&count=all")
    form = page.locator(".qa-quiz-setup")
    for lv in data["levels"]:
        form.locator(f'input[name=level][value="{lv["id"]}"]').set_checked(lv is level)
    expect(form.locator(".qa-quiz-match")).to_have_text(f"{len(qs)} questions to draw from.")
    form.get_by_role("button", name="Start the quiz").click()

    count = page.locator(".qa-quiz-count")
    answer = page.locator(".qa-quiz-answer")
    expect(count).to_have_text(f"Question 1 of {len(qs)} · {len(qs) - 1} left")
    assert card_id(page) == qs[0]["id"]
    assert page.locator(".qa-quiz-question").inner_text() == f"Q{qs[0]['number']}. {qs[0]['question']}"
    expect(answer).to_be_hidden()
    press(page, "Space")
    expect(answer).to_be_visible()
    expect(page.get_by_role("button", name="Show answer")).to_be_hidden()
    press(page, "k")
    expect(page.get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved: you knew it.")

    press(page, "n")
    expect(count).to_have_text(f"Question 2 of {len(qs)} · {len(qs) - 2} left")
    assert card_id(page) == qs[1]["id"]
    expect(answer).to_be_hidden()
    press(page, "r")  # grading reveals the answer too
    expect(answer).to_be_visible()
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved: to review. Next review tomorrow.")
    assert page.url.startswith(f"{server}quiz/?resume"), "a reload comes back to the running quiz"
    for n in range(3, len(qs) + 1):
        press(page, "n")
        expect(count).to_contain_text(f"Question {n} of {len(qs)}")
    expect(count).to_contain_text("last question")
    press(page, "n")

    totals = page.locator(".qa-quiz-totals")
    expect(totals).to_contain_text(f"1 knew it · 1 to review · {len(qs) - 2} skipped")
    assert page.url.startswith(f"{server}quiz/"), "n is the quiz's key here, not Material's 'next page'"
    assert page.locator(".qa-quiz-results li").count() == len(qs)

    page.get_by_role("button", name="Quiz the 1 question to review").click()
    expect(count).to_have_text("Question 1 of 1 · last question")
    assert card_id(page) == qs[1]["id"]

    page.locator(".qa-quiz-card").get_by_role("button", name="End the quiz").click()
    page.locator(".qa-quiz-results a").first.click()  # instant navigation to the question
    page.wait_for_url(f"**/{level['id']}/#{qs[1]['id']}")
    expect(page.locator(f'div.qa[data-question-id="{qs[0]["id"]}"]')).to_have_attribute("data-progress", "known")
    expect(page.locator(f'div.qa[data-question-id="{qs[1]["id"]}"]')).to_have_attribute("data-progress", "review")
    assert not page.console_errors


def test_quiz_shows_the_rendered_answer_with_its_diagram(page, site: Path) -> None:
    q = next((q for q in bank(site)["questions"] if q["diagram"]), None)
    if q is None:
        pytest.skip("no question with a diagram in the bank")
    position = [x["id"] for x in in_level(site, q["level"])].index(q["id"])
    page.goto(f"{q['level']}/")
    original = page.locator(f'div.qa[data-question-id="{q["id"]}"] > details')
    short = original.locator(".qa-short").text_content()
    code_blocks = original.locator(".highlight").count()
    links = original.locator("a[href]").count()

    start(page, f"?levels={q['level']}&shuffle=0&count=all")
    for _ in range(position):
        press(page, "n")
    expect(page.locator(".qa-quiz-card")).to_have_attribute("data-quiz-id", q["id"])
    page.get_by_role("button", name="Show answer").click()
    answer = page.locator(".qa-quiz-answer")
    assert answer.locator(".qa-short").text_content() == short
    assert answer.locator(".highlight").count() == code_blocks
    assert answer.locator("a[href]").count() == links, "the same links, 'Report a problem' included"
    svg = answer.locator("div.mermaid svg")
    svg.wait_for(timeout=15000)
    assert svg.bounding_box()["height"] > 50
    for href in answer.locator("a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        assert href.startswith(("http://", "https://")), f"links from the level page are made absolute: {href}"
    assert not page.console_errors


def test_quiz_draws_by_level_topic_and_progress(page, site: Path) -> None:
    data = bank(site)
    level = data["levels"][0]
    qs = in_level(site, level["id"])
    page.goto(f"{level['id']}/")
    for q, state in ((qs[0], "review"), (qs[2], "review"), (qs[3], "known")):
        button = page.locator(f'div.qa[data-question-id="{q["id"]}"] [data-mark="{state}"]')
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")

    page.goto("quiz/?draw=review&shuffle=0&count=all")
    match = page.locator(".qa-quiz-match")
    expect(match).to_have_text("2 questions to draw from.")
    page.get_by_role("button", name="Start the quiz").click()
    seen = [card_id(page)]
    press(page, "n")
    seen.append(card_id(page))
    assert seen == [qs[0]["id"], qs[2]["id"]]

    page.goto("quiz/")
    form = page.locator(".qa-quiz-setup")
    form.locator(".qa-quiz-more summary").click()  # the draw is under "More options"
    form.get_by_label("Only “not yet”").check()
    expect(match).to_have_text(f"{len(data['questions']) - 3} questions to draw from.")
    form.get_by_label("Not known yet").check()
    expect(match).to_have_text(f"{len(data['questions']) - 1} questions to draw from.")

    form.get_by_label("Every matching question").check()
    tags = sorted({t for q in qs for t in q["tags"]})
    topic = tags[0]
    for lv in data["levels"]:
        form.locator(f'input[name=level][value="{lv["id"]}"]').set_checked(lv is level)
    form.locator(f'input[name=topic][value="{topic}"]').check()
    expected = sum(1 for q in qs if topic in q["tags"])
    expect(match).to_have_text(f"{expected} question{'s' if expected != 1 else ''} to draw from.")
    form.locator("input[name=level]").nth(0).uncheck()
    expect(match).to_have_text("No question matches: tick more levels or topics.")
    expect(form.get_by_role("button", name="Start the quiz")).to_be_disabled()


def test_quiz_this_level_link_and_instant_navigation(page, site: Path) -> None:
    data = bank(site)
    level = data["levels"][-1]
    page.goto(f"{level['id']}/")
    page.locator(".qa-level-summary").get_by_role("link", name="Quiz this level").click()
    page.wait_for_url(f"**/quiz/?levels={level['id']}")
    form = page.locator(".qa-quiz-setup")
    expect(form.locator("input[name=level]:checked")).to_have_count(1)
    assert form.locator("input[name=level]:checked").get_attribute("value") == level["id"]
    expect(form.locator(".qa-quiz-match")).to_have_text(f"{level['count']} questions to draw from.")
    assert page.locator(".qa-quiz-setup").count() == 1


def test_due_today_deck_follows_the_fsrs_schedule(page, site: Path) -> None:
    """ts-fsrs 5.4.2, default parameters, whole days: a new card rated Again is due the next day,
    Good in 3 days; Good on the next day's review of the Again card, 3 days; Good after 3 days, 14."""
    level = bank(site)["levels"][0]
    a, b = in_level(site, level["id"])[:2]
    day0 = dt.datetime(2027, 3, 1, 9, 30)

    def on_day(n: int) -> None:
        page.clock.set_fixed_time(day0 + dt.timedelta(days=n))

    def due_deck(expected: list[str]) -> None:
        page.goto("quiz/?draw=due&shuffle=0&count=all")
        match = page.locator(".qa-quiz-match")
        if not expected:
            expect(match).to_have_text("Nothing matching is due for review today.")
            return
        expect(match).to_have_text(f"{len(expected)} question{'s' if len(expected) > 1 else ''} to draw from.")
        page.get_by_role("button", name="Start the quiz").click()
        seen = []
        for _ in expected:
            seen.append(card_id(page))
            press(page, "k")
            expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved")
            press(page, "n")
        page.locator(".qa-quiz-summary").wait_for()
        assert seen == expected

    on_day(0)
    start(page, f"?levels={level['id']}&shuffle=0&count=all")
    press(page, "r")  # a: did not know it (Again) -> tomorrow
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Next review tomorrow")
    press(page, "n")
    press(page, "k")  # b: knew it, no key point ticked (Good) -> in 3 days
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Next review in 3 days")
    due_deck([])
    on_day(1)
    due_deck([a["id"]])  # Good -> day 4
    on_day(2)
    due_deck([])
    on_day(3)
    due_deck([b["id"]])  # Good -> in 14 days (day 17)
    page.goto(f"{level['id']}/")
    status = page.locator(f'div.qa[data-question-id="{b["id"]}"] .qa-mark-status')
    expect(status).to_have_text("Next review in 14 days")
    on_day(4)
    page.goto("")
    expect(page.locator(".qa-start .qa-due")).to_contain_text("1 question is due for review today.")
