"""Guided study in Chromium (issue 15): the home page's first screen, the plan to interview day,
FSRS reviews from the self-check, a quiz that fits a phone and survives leaving it, and practising
aloud with a timer and a local recording. Positions are measured at 360x740 and 1280x800."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, refuse_other_hosts

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
SIZES = pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
DAY0 = dt.datetime(2027, 3, 1, 9, 30)


def bank(site: Path) -> dict:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))


def minutes(site: Path) -> dict[str, int]:
    html = (site / "quiz" / "index.html").read_text(encoding="utf-8")
    return {level: int(n) for level, n in re.findall(r'data-level="([^"]+)" data-minutes="(\d+)"', html)}


def stored(page) -> dict:
    """The stored progress document, parsed here (ids such as __proto__ survive)."""
    return json.loads(page.evaluate("localStorage.getItem(window.qaProgress.key)") or "null")


def open_quiz(page, query: str) -> None:
    page.goto(f"quiz/{query}")
    page.locator(".qa-quiz-card").wait_for()


def card_id(page) -> str:
    return page.locator(".qa-quiz-card").get_attribute("data-quiz-id")


def on_day(page, n: int, hour: int = 0) -> None:
    page.clock.set_fixed_time(DAY0 + dt.timedelta(days=n, hours=hour))


def below_fold(page, selector: str, height: int) -> float:
    """The bottom edge of an element, from the top of the first screen (no scrolling)."""
    box = page.locator(selector).bounding_box()
    assert box, f"{selector} is not shown"
    return box["y"] + box["height"] + page.evaluate("scrollY") - height


# ----------------------------------------------------------------- 1. first screen


@SIZES
def test_the_first_screen_starts_something_without_scrolling(page, site: Path, size: dict) -> None:
    page.set_viewport_size(size)
    page.goto("")
    assert page.evaluate("scrollY") == 0
    for selector in (".qa-start__quick", ".qa-start__plan", ".qa-start__mock"):
        assert below_fold(page, selector, size["height"]) <= 0, f"{selector} is below the first screen"
    description = page.get_by_text(re.compile(r"^A free, open-source study guide")).bounding_box()
    assert description["y"] >= page.locator(".qa-start__mock").bounding_box()["y"], "the description follows the tools"
    expect(page.locator(".qa-start__continue")).to_be_hidden()  # nothing to continue on a first visit

    page.locator(".qa-start__quick").click()  # one tap
    page.locator(".qa-quiz-card").wait_for()
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 1 of 10 · 9 left")
    quick = {level for level, n in minutes(site).items() if n <= 3}
    by_id = {q["id"]: q for q in bank(site)["questions"]}
    drawn = page.evaluate("JSON.parse(localStorage.getItem(window.qaProgress.key)).session.ids")
    assert len(drawn) == len(set(drawn)) == 10
    assert {by_id[i]["level"] for i in drawn} <= quick, "the quick start draws short questions"
    assert len({by_id[i]["level"] for i in drawn}) >= min(3, len(quick)), "across the levels"
    assert not page.console_errors


@SIZES
def test_continue_offers_resume_due_and_weakest_on_the_first_screen(page, site: Path, size: dict) -> None:
    level = bank(site)["levels"][0]
    first, second = [q for q in bank(site)["questions"] if q["level"] == level["id"]][:2]
    page.set_viewport_size(size)
    on_day(page, 0)
    open_quiz(page, f"?ids={first['id']},{second['id']}")
    page.keyboard.press("Space")
    page.keyboard.press("r")  # didn't know: due tomorrow, and weak
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Next review tomorrow")
    page.keyboard.press("n")
    on_day(page, 1)
    page.goto("")
    cont = page.locator(".qa-start__continue")
    expect(cont).to_be_visible()
    expect(cont.locator("[data-start=resume]")).to_have_text("Resume your quiz (question 2 of 2)")
    expect(cont.locator(".qa-due__text")).to_have_text("1 question is due for review today.")
    for selector in (
        ".qa-start__quick",
        "[data-start=resume]",
        "[data-due-link=due]",
        "[data-due-link=weakest]",
        ".qa-start__plan",
        ".qa-start__mock",
    ):
        assert below_fold(page, selector, size["height"]) <= 0, f"{selector} is below the first screen"

    cont.get_by_role("link", name="Quiz what’s due").click()  # one tap: the due quiz starts
    page.locator(".qa-quiz-card").wait_for()
    assert card_id(page) == first["id"]
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 1 of 1 · last question")
    page.goto("")
    page.get_by_role("link", name="Quiz my weakest").click()
    page.locator(".qa-quiz-card").wait_for()
    assert card_id(page) == first["id"]
    assert not page.console_errors


# --------------------------------------------------------------------- 2. the plan


def set_plan(page, date: str, levels: list[str] | None = None) -> None:
    form = page.locator(".qa-plan-form")
    form.get_by_label("Interview date").fill(date)
    if levels is not None:
        for box in form.locator("input[name=level]").all():
            box.set_checked(box.get_attribute("value") in levels)
    form.locator("button[type=submit]").click()
    expect(page.locator(".qa-plan-message")).to_contain_text("Plan saved")


def list_ids(page) -> list[str]:
    return page.locator(".qa-plan-list li").evaluate_all("els => els.map(el => el.dataset.id)")


def test_a_plan_spreads_the_questions_to_interview_day_and_adapts(page, site: Path, tmp_path: Path) -> None:
    data = bank(site)
    focus = [lv["id"] for lv in data["levels"][:2]]
    pool = [q["id"] for lv in focus for q in data["questions"] if q["level"] == lv]
    on_day(page, 0)
    page.goto("progress/#plan")
    expect(page.locator(".qa-plan-today")).to_be_hidden()
    set_plan(page, "2027-03-11", focus)  # ten days
    per_day = math.ceil(len(pool) / 10)
    today = page.locator(".qa-plan-today")
    expect(today).to_be_visible()
    expect(page.locator(".qa-plan-pace")).to_have_text(f"On track: {per_day} new questions a day.")
    assert list_ids(page) == pool[:per_day], "new questions first, in level order"

    page.get_by_role("link", name=f"Start today's list ({per_day} left)").click()  # one tap
    page.locator(".qa-quiz-card").wait_for()
    for i in range(2):
        assert card_id(page) == pool[i]
        page.keyboard.press("Space")
        page.keyboard.press("k" if i == 0 else "r")
        expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved")
        page.keyboard.press("n")
    page.goto("progress/#plan")
    expect(page.locator(".qa-plan-count")).to_have_text(f"Today: {per_day} new questions · 2 done.")
    expect(page.locator(f'.qa-plan-list li[data-id="{pool[0]}"]')).to_have_attribute("data-done", "true")
    page.goto("")
    expect(page.locator(".qa-start__plan-text")).to_contain_text(f"Today: {per_day} new questions · 2 done.")
    expect(page.locator("[data-start=plan-today]")).to_have_text(f"Start today's list ({per_day - 2} left)")

    on_day(page, 2)  # day 1 missed: what is left is spread over the eight days that remain
    page.goto("progress/#plan")
    left = len(pool) - 2
    target = math.ceil(left / 8)
    reviews = [pool[1]]  # "didn't know" on day 0: due on day 1, still due
    assert list_ids(page) == pool[2 : 2 + target] + reviews
    if target > per_day:
        expect(page.locator(".qa-plan-pace")).to_have_text(
            f"Behind: {target} new questions a day now, up from {per_day}, to finish in time."
        )
    expect(page.locator(".qa-plan-count")).to_have_text(f"Today: {target} new questions and 1 review · 0 done.")

    set_plan(page, "2027-03-23", focus)  # the date moves: a new plan from today
    target = math.ceil(left / 21)
    expect(page.locator(".qa-plan-pace")).to_have_text(f"On track: {target} new question{'s' if target > 1 else ''} a day.")
    assert list_ids(page)[:target] == pool[2 : 2 + target]

    with page.expect_download() as info:  # the plan travels with the progress
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / "progress.json"
    info.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["plan"]["date"] == "2027-03-23" and exported["plan"]["levels"] == focus
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(".qa-plan-today")).to_be_hidden()
    page.locator("input[data-progress-action=import]").set_input_files(str(saved))
    expect(page.locator(".qa-plan-today")).to_be_visible()
    expect(page.get_by_label("Interview date")).to_have_value("2027-03-23")
    assert not page.console_errors


@SIZES
def test_the_plan_form_and_todays_list_fit_the_screen(page, site: Path, size: dict) -> None:
    page.set_viewport_size(size)
    on_day(page, 0)
    page.goto("progress/")
    page.locator(".qa-plan-form").scroll_into_view_if_needed()
    set_plan(page, "2027-03-05")
    for el in page.locator(".qa-plan .qa-btn:visible, .qa-plan input:visible").all():
        box = el.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], "nothing sticks out"
    for el in page.locator(".qa-plan .qa-btn:visible, .qa-plan .qa-choice").all():
        assert el.bounding_box()["height"] >= 44, "fingertip-sized"
    page.set_viewport_size(size)
    page.goto("")
    expect(page.locator("[data-start=plan-today]")).to_be_visible()
    assert below_fold(page, "[data-start=plan-today]", size["height"]) <= 0


# ------------------------------------------------------------------------ 3. FSRS


def test_fsrs_rates_each_answer_from_the_mark_and_the_self_check(page, site: Path) -> None:
    """didn't = Again; knew with under half the key points = Hard; half or more = Good;
    all, within the level's minutes = Easy; all, over time = Good."""
    qs = [q for q in bank(site)["questions"] if len(q["key_points"]) >= 4][:5]
    limit = minutes(site)
    page.clock.install(time=DAY0)
    open_quiz(page, f"?ids={','.join(q['id'] for q in qs)}")
    plans = [("r", 0, 1), ("k", 1, 2), ("k", len(qs[2]["key_points"]) - 1, 3), ("k", None, 4), ("k", None, 3)]
    for i, (key, ticks, _) in enumerate(plans):
        q = qs[i]
        page.locator(f'.qa-quiz-card[data-quiz-id="{q["id"]}"]').wait_for()
        if i == 4:
            page.clock.run_for(limit[q["level"]] * 60000 + 5000)  # over the level's time
        page.keyboard.press("Space")
        for n in range(len(q["key_points"]) if ticks is None else ticks):
            page.keyboard.press(str(n + 1))
        page.keyboard.press(key)
        expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved")
        page.keyboard.press("n")
    entries = stored(page)["questions"]
    got = [entries[q["id"]]["rating"] for q in qs]
    assert got == [r for *_, r in plans]
    due = [entries[q["id"]]["due"] for q in qs]
    assert due[0] == "2027-03-02", "Again: tomorrow"
    assert due[0] < due[1] < due[2] < due[3], "Hard < Good < Easy"
    assert due[4] == due[2], "all points but over time: Good"
    for q in qs:
        assert entries[q["id"]]["card"]["reps"] == 1 and entries[q["id"]]["card"]["state"] == 2


def test_leitner_progress_from_the_current_version_is_migrated_without_loss(page, site: Path) -> None:
    data = bank(site)
    a, b = data["questions"][0], data["questions"][1]
    v1 = {
        "version": 1,
        "questions": {
            a["id"]: {"state": "known", "box": 3, "due": "2027-03-04", "updated": "2027-02-28T10:00:00.000Z"},
            b["id"]: {
                "state": "review",
                "box": 1,
                "due": "2027-03-02",
                "updated": "2027-03-01T08:00:00.000Z",
                "score": {"said": 1, "of": 4, "on": "2027-03-01"},
            },
            "constructor": {"state": "known", "box": 2, "due": "2027-03-03", "updated": "2027-03-01T08:00:00.000Z"},
            "__proto__": {"state": "review", "box": 1, "due": "2027-03-02", "updated": "2027-03-01T08:00:00.000Z"},
        },
    }
    raw = json.dumps(v1)
    on_day(page, 0)
    page.goto("progress/")
    key = page.evaluate("window.qaProgress.key")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, raw])
    page.goto(f"{a['level']}/")
    block = page.locator(f'div.qa[data-question-id="{a["id"]}"]')
    expect(block).to_have_attribute("data-progress", "known")
    expect(block.locator(".qa-mark-status")).to_have_text("Next review in 3 days"), "the Leitner due date is kept"
    doc = stored(page)
    assert doc["version"] == 2
    qs = doc["questions"]
    assert set(qs) == {a["id"], b["id"], "constructor", "__proto__"}, "every entry kept, odd ids included"
    assert qs[b["id"]]["score"] == {"said": 1, "of": 4, "on": "2027-03-01"} and qs[b["id"]]["state"] == "review"
    assert qs[a["id"]]["card"]["stability"] == 4 and qs[a["id"]]["legacy"] == {"box": 3}
    assert qs["constructor"]["due"] == "2027-03-03" and qs["__proto__"]["state"] == "review"
    assert page.evaluate("k => localStorage.getItem(k)", page.evaluate("window.qaStorage.backupKey")) == raw, (
        "the old data is kept"
    )
    expect(page.locator(".qa-storage-problem")).to_have_count(0)

    on_day(page, 3)  # FSRS takes over from the migrated cards
    page.goto("progress/")
    # a and b are due; the odd ids are kept but are no question of this guide
    expect(page.locator(".qa-progress-panel .qa-due__text")).to_have_text("2 questions are due for review today.")
    rows = page.locator(".qa-weakest li:not([hidden])")
    expect(rows).to_have_count(1)  # b (1 of 4, didn't know)
    expect(rows.first).to_contain_text("1 of 4 key points")
    assert not page.console_errors


def test_a_progress_file_exported_by_the_leitner_version_imports(page, site: Path, tmp_path: Path) -> None:
    q = bank(site)["questions"][2]
    old = {
        "format": "mlops-interview-guide/progress",
        "version": 1,
        "exported": "2027-02-27T10:00:00.000Z",
        "questions": {
            q["id"]: {
                "state": "review",
                "box": 1,
                "due": "2027-03-02",
                "updated": "2027-03-01T08:00:00.000Z",
                "score": {"said": 2, "of": 5, "on": "2027-03-01"},
            },
            "not-a-question": {"state": "unknown"},
        },
    }
    path = tmp_path / "old-progress.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    on_day(page, 0)
    page.goto("progress/")
    page.locator("input[data-progress-action=import]").set_input_files(str(path))
    message = page.locator(".qa-progress-message")
    expect(message).to_have_text("Imported progress on 1 question. 1 entry in the file could not be read and was left out.")
    entry = stored(page)["questions"][q["id"]]
    assert entry["state"] == "review" and entry["due"] == "2027-03-02" and entry["score"]["said"] == 2
    page.goto(f"{q['level']}/")
    expect(page.locator(f'div.qa[data-question-id="{q["id"]}"] .qa-mark-status')).to_have_text("Next review tomorrow")


def test_unreadable_progress_is_reported_and_kept(page, site: Path) -> None:
    q = bank(site)["questions"][0]
    page.goto("progress/")
    keys = page.evaluate("({ key: window.qaStorage.key, copy: window.qaStorage.copyKey })")
    page.evaluate('k => localStorage.setItem(k, \'{"version": 2, "questions": {oops\')', keys["key"])
    page.goto("")
    problem = page.locator(".qa-start .qa-storage-problem")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("could not be read")
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", keys["copy"]))["raw"] == '{"version": 2, "questions": {oops'
    page.goto("progress/")
    panel = page.locator(".qa-progress-panel .qa-storage-problem")
    expect(panel).to_be_visible()
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download the copy").click()
    assert info.value.suggested_filename.startswith("mlops-interview-guide-unreadable-progress-")

    good = {
        "state": "known",
        "updated": "2027-03-01T08:00:00.000Z",
        "first": "2027-03-01",
        "due": "2027-03-04",
        "rating": 3,
        "card": {
            "due": "2027-03-04T08:00:00.000Z",
            "stability": 3,
            "difficulty": 5,
            "elapsed_days": 0,
            "scheduled_days": 3,
            "learning_steps": 0,
            "reps": 1,
            "lapses": 0,
            "state": 2,
            "last_review": "2027-03-01T08:00:00.000Z",
        },
    }
    doc = {"version": 2, "questions": {q["id"]: good, "broken-1": {"state": "maybe"}, "broken-2": 7}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [keys["key"], json.dumps(doc)])
    page.reload()
    expect(panel).to_contain_text("2 entries of your saved progress could not be read")
    assert stored(page)["questions"][q["id"]]["state"] == "known", "the readable entries are kept"
    assert "broken-1" in json.loads(page.evaluate("k => localStorage.getItem(k)", keys["copy"]))["raw"]
    panel.get_by_role("button", name="Delete the copy").click()
    expect(panel).to_be_hidden()
    assert not page.console_errors


def test_weakest_lists_only_questions_below_the_threshold(page, site: Path) -> None:
    qs = [q for q in bank(site)["questions"] if len(q["key_points"]) == 5][:3]
    if len(qs) < 3:
        pytest.skip("needs three questions with five key points")
    on_day(page, 0)
    open_quiz(page, f"?ids={','.join(q['id'] for q in qs)}")
    for q, ticks, key in ((qs[0], 5, "k"), (qs[1], 1, "r"), (qs[2], 2, "k")):
        page.locator(f'.qa-quiz-card[data-quiz-id="{q["id"]}"]').wait_for()
        page.keyboard.press("Space")
        for n in range(ticks):
            page.keyboard.press(str(n + 1))
        page.keyboard.press(key)
        expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved")
        page.keyboard.press("n")
    on_day(page, 1)
    page.goto("progress/")
    rows = page.locator(".qa-weakest li:not([hidden])")
    expect(rows).to_have_count(2)  # 5 of 5 is not weak
    expect(rows.nth(0)).to_contain_text(f"Q{qs[1]['number']}.")  # didn't know: lowest recall
    expect(rows.nth(0)).to_contain_text("1 of 5 key points · recall now about")
    expect(rows.nth(1)).to_contain_text("2 of 5 key points")
    assert page.locator(f'.qa-weakest li[data-id="{qs[0]["id"]}"]').is_hidden()
    page.locator(".qa-progress-panel").get_by_role("link", name="Quiz my weakest").click()
    page.locator(".qa-quiz-card").wait_for()
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 1 of 2 · 1 left")
    assert card_id(page) == qs[1]["id"]


# ------------------------------------------------------------------------ 4. the quiz


@SIZES
def test_after_show_answer_the_key_points_and_marks_come_first(page, site: Path, size: dict) -> None:
    """The question with the most key-point text, the hardest case for a phone screen."""
    q = max(bank(site)["questions"], key=lambda q: sum(len(k) for k in q["key_points"]) + len(q["question"]))
    page.set_viewport_size(size)
    open_quiz(page, f"?ids={q['id']}")
    page.get_by_role("button", name="Show answer").click()
    question = page.locator(".qa-quiz-question").bounding_box()
    check = page.locator(".qa-selfcheck").bounding_box()
    grade = page.locator(".qa-quiz-grade").bounding_box()
    answer = page.locator(".qa-quiz-answer").bounding_box()
    assert question["y"] >= 0 and question["y"] < check["y"] < grade["y"] < answer["y"]
    assert grade["y"] + grade["height"] <= size["height"], "the marks are on the first screen"
    assert check["y"] + check["height"] <= size["height"], "the whole checklist is on the first screen"
    assert page.locator(".qa-quiz-answer p.qa-key-points").count() == 0, "the key points are not shown twice"
    assert page.locator(".qa-quiz-answer .qa-short").is_visible(), "the answer follows"


@SIZES
def test_the_setup_is_short_and_start_is_on_the_first_screen(page, size: dict) -> None:
    page.set_viewport_size(size)
    page.goto("quiz/")
    start = page.get_by_role("button", name="Start the quiz")
    assert below_fold(page, "[data-quiz=start]", size["height"]) <= 0
    expect(start).to_be_enabled()
    more = page.locator(".qa-quiz-more")
    expect(more).not_to_have_attribute("open", "")
    expect(page.locator("input[name=topic]").first).to_be_hidden()
    expect(page.get_by_label("Time my answers (each level’s minutes)")).to_be_hidden()
    more.locator("summary").click()
    expect(page.get_by_label("Time my answers (each level’s minutes)")).to_be_visible()
    page.get_by_label("Questions", exact=True).select_option("5")
    start.click()
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 1 of 5 · 4 left")


def test_a_quiz_survives_reload_back_and_another_page(page, site: Path) -> None:
    ids = [q["id"] for q in bank(site)["questions"][:4]]
    open_quiz(page, f"?ids={','.join(ids)}")
    page.keyboard.press("Space")
    page.keyboard.press("k")
    page.keyboard.press("n")
    page.keyboard.press("Space")
    page.keyboard.press("2")
    expect(page.locator(".qa-selfcheck input[name=said]").nth(1)).to_be_checked()

    page.reload()  # reload: same question, revealed, ticked
    expect(page.locator(".qa-quiz-count")).to_have_text("Question 2 of 4 · 2 left")
    assert card_id(page) == ids[1]
    expect(page.locator(".qa-quiz-answer")).to_be_visible()
    expect(page.locator(".qa-selfcheck input[name=said]").nth(1)).to_be_checked()

    page.evaluate("window.__same_document = true")
    page.locator(".md-header__button.md-logo").click()  # another page (instant navigation) ...
    page.wait_for_url(lambda url: url.rstrip("/").endswith("mlops-interview-guide"))
    resume = page.locator("[data-start=resume]")
    expect(resume).to_have_text("Resume your quiz (question 2 of 4)")
    page.go_back()  # ... and Back
    page.locator(".qa-quiz-card").wait_for()
    assert card_id(page) == ids[1]
    expect(page.locator(".qa-selfcheck input[name=said]").nth(1)).to_be_checked()
    assert page.evaluate("window.__same_document") is True

    page.goto("")  # the Resume entry on home, and on the quiz setup
    page.locator("[data-start=resume]").click()
    page.locator(".qa-quiz-card").wait_for()
    assert card_id(page) == ids[1]
    page.goto("quiz/")
    banner = page.locator(".qa-quiz-resume")
    expect(banner).to_contain_text("question 2 of 4")
    banner.get_by_role("button", name="Resume").click()
    page.locator(".qa-quiz-card").wait_for()
    assert card_id(page) == ids[1]
    assert not page.console_errors


def test_summary_shows_scores_and_copies_as_markdown(page, site: Path, server: str) -> None:
    qs = [q for q in bank(site)["questions"] if len(q["key_points"]) >= 3][:2]
    origin = urlsplit(server)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"{origin.scheme}://{origin.netloc}")
    open_quiz(page, f"?ids={qs[0]['id']},{qs[1]['id']}")
    page.keyboard.press("Space")
    for n in (1, 2, 3):
        page.keyboard.press(str(n))
    page.keyboard.press("k")
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved")
    page.keyboard.press("n")
    page.keyboard.press("Space")
    page.keyboard.press("1")
    page.keyboard.press("r")
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved")
    page.keyboard.press("n")
    rows = page.locator(".qa-quiz-results li")
    expect(rows.nth(0)).to_contain_text(f"knew it · 3/{len(qs[0]['key_points'])} key points")
    expect(rows.nth(1)).to_contain_text(f"to review · 1/{len(qs[1]['key_points'])} key points")
    page.get_by_role("button", name="Copy as Markdown").click()
    expect(page.locator(".qa-quiz-copied")).to_have_text("Copied the summary as Markdown.")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("**Quiz** (2 questions): 1 knew it, 1 to review, 0 skipped")
    assert f"knew it, 3/{len(qs[0]['key_points'])} key points" in markdown
    assert f"to review, 1/{len(qs[1]['key_points'])} key points" in markdown
    assert parse_qs(urlsplit(markdown.rsplit("Questions: ", 1)[1]).query)["ids"] == [f"{qs[0]['id']},{qs[1]['id']}"]
    page.reload()  # the summary survives a reload too
    expect(page.locator(".qa-quiz-results li")).to_have_count(2)


def test_keyboard_hints_are_hidden_on_touch_only_devices(browser, server: str) -> None:
    for touch in (True, False):
        context = browser.new_context(base_url=server, viewport=PHONE, has_touch=touch, is_mobile=touch, service_workers="block")
        page = context.new_page()
        open_quiz(page, "?ids=data-drift")
        kbd = page.locator(".qa-quiz-card kbd").first
        kbd.wait_for(state="attached")
        assert kbd.is_visible() is not touch
        assert page.locator(".qa-keys").is_visible() is not touch
        context.close()


# ------------------------------------------------------------- 5. practise aloud


def test_the_answer_timer_counts_down_the_levels_minutes(page, site: Path) -> None:
    q = bank(site)["questions"][0]
    limit = minutes(site)[q["level"]]
    page.clock.install(time=DAY0)
    page.goto("quiz/")
    page.locator(".qa-quiz-more summary").click()
    page.get_by_label("Time my answers (each level’s minutes)").check()
    open_quiz(page, f"?ids={q['id']}")
    timer = page.locator(".qa-quiz-timer")
    expect(timer).to_have_attribute("aria-label", f"Answer timer, {limit} minute{'s' if limit > 1 else ''}")
    expect(timer.locator("[role=timer]")).to_have_text(f"{limit}:00")
    page.clock.run_for(30000)
    expect(timer.locator("[role=timer]")).to_have_text(f"{limit - 1}:30")
    page.clock.run_for(limit * 60000)
    expect(timer.locator("[role=status]")).to_have_text("Time is up: wrap up your answer.")
    expect(timer).to_have_attribute("data-state", "over")
    page.keyboard.press("Space")
    expect(timer.locator("[role=status]")).to_have_text(f"Answered in {limit}:30, 0:30 over.")
    page.clock.run_for(10000)
    expect(timer.locator("[role=status]")).to_have_text(f"Answered in {limit}:30, 0:30 over.")  # stopped


@pytest.fixture()
def microphone(browser, server: str):
    """Chromium with a fake microphone that is allowed without asking (the flags of Chromium's tests)."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
        ],
    )
    context = chromium.new_context(base_url=server, viewport=PHONE, service_workers="block")
    context.grant_permissions(["microphone"])
    outside = refuse_other_hosts(context)
    yield context.new_page()
    chromium.close()
    assert not outside, f"requests to other hosts: {outside}"


def enable_recording(page) -> None:
    page.goto("quiz/")
    page.locator(".qa-quiz-more summary").click()
    page.get_by_label("Record my answers to play back").check()


def test_a_spoken_answer_is_recorded_and_played_back_on_the_device(microphone, site: Path) -> None:
    page = microphone
    requests: list[str] = []
    enable_recording(page)
    page.on("request", lambda r: requests.append(r.method) if r.method != "GET" else None)
    open_quiz(page, "?ids=data-drift,model-drift")
    voice = page.locator(".qa-voice")
    expect(voice).to_contain_text("nothing is uploaded")
    voice.get_by_role("button", name="Record my answer").click()
    stop = voice.get_by_role("button", name="Stop recording")
    expect(stop).to_be_visible()
    page.wait_for_timeout(600)  # say something (the fake device plays a tone)
    stop.click()
    audio = voice.locator("audio")
    expect(audio).to_be_visible()
    assert audio.get_attribute("src").startswith("blob:")
    assert int(audio.get_attribute("data-bytes")) > 0
    assert page.evaluate("document.querySelector('.qa-voice audio').play().then(() => true)"), "it plays"
    page.get_by_role("button", name="Show answer").click()  # playback stays above the key points
    assert audio.bounding_box()["y"] < page.locator(".qa-selfcheck").bounding_box()["y"]
    grade = page.locator(".qa-quiz-grade").bounding_box()
    assert grade["y"] + grade["height"] <= PHONE["height"], "the marks stay on the screen the card opened on"
    page.keyboard.press("n")
    expect(page.locator(".qa-voice audio")).to_be_hidden()  # discarded with its question
    assert requests == [], "nothing is sent anywhere"


def test_recording_refused_or_unsupported_says_why_and_the_quiz_goes_on(page) -> None:
    enable_recording(page)
    page.context.clear_permissions()
    page.add_init_script(
        "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));"
    )
    open_quiz(page, "?ids=data-drift")
    page.get_by_role("button", name="Record my answer").click()
    expect(page.locator(".qa-voice__status")).to_contain_text("The microphone was refused, so nothing is recorded.")
    page.keyboard.press("Space")
    page.keyboard.press("k")
    expect(page.locator(".qa-quiz-saved")).to_contain_text("Saved: you knew it.")

    page.add_init_script("delete window.MediaRecorder;")
    open_quiz(page, "?ids=model-drift")
    expect(page.locator(".qa-voice__status")).to_have_text(
        "This browser cannot record audio here, so answer aloud without a recording."
    )
    expect(page.get_by_role("button", name="Record my answer")).to_be_disabled()
    page.keyboard.press("Space")
    expect(page.locator(".qa-selfcheck")).to_be_visible()
