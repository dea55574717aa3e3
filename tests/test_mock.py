"""The mock interview in Chromium: two links, two devices, the timer, the summary, a phone and axe."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_until
from tests.test_accessibility import violations
from tests.test_layout_stability import RECORD_SHIFTS

pytestmark = pytest.mark.browser
RATINGS = ["no hire", "lean no hire", "lean hire", "strong hire"]


def bank(site: Path) -> dict:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))


def minutes(site: Path) -> dict[str, int]:
    """Each level's minutes per question, as the build renders them into the study index."""
    html = (site / "mock" / "index.html").read_text(encoding="utf-8")
    return {level: int(n) for level, n in re.findall(r'data-level="([^"]+)" data-minutes="(\d+)"', html)}


def title(q: dict) -> str:
    return f"Q{q['number']}. {q['question']}"


def new_page(browser, server: str, **options):
    """A page in its own browser context (another device), with requests to other hosts refused."""
    context = browser.new_context(base_url=server, **options)
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    return page


def allow_clipboard(page, server: str) -> None:
    origin = urlsplit(server)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"{origin.scheme}://{origin.netloc}")


def create_links(page, levels: list[str] | None = None, count: int = 3) -> dict[str, str]:
    """Set up a mock from the form and return the candidate's and the interviewer's links."""
    page.goto("mock/")
    form = page.locator(".qa-mock-setup")
    if levels is not None:
        for box in form.locator("input[name=level]").all():
            box.set_checked(box.get_attribute("value") in levels)
    form.get_by_label("Number of questions").fill(str(count))
    expect(form.locator(".qa-mock-match")).to_contain_text(f"the mock draws {count}")
    form.get_by_role("button", name="Create the links").click()
    links = {}
    for role in ("candidate", "interviewer"):
        links[role] = page.locator(f'.qa-mock-link[data-role="{role}"] .qa-mock-url a').get_attribute("href")
    return links


def ids_of(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query)["ids"][0].split(",")


def open_as(page, url: str) -> None:
    page.goto(url)
    page.locator(".qa-mock-card").wait_for()


def test_two_devices_run_the_same_mock_and_the_interviewer_gets_a_summary(page, browser, site: Path, server: str) -> None:
    data = bank(site)
    by_id = {q["id"]: q for q in data["questions"]}
    links = create_links(page, count=3)
    topics = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.qa-index-topic')].map(a => [a.dataset.topic, a.textContent.trim()]))"
    )
    ids = ids_of(links["candidate"])
    assert len(ids) == 3 and len(set(ids)) == 3 and all(i in by_id for i in ids)
    assert ids_of(links["interviewer"]) == ids, "both links carry the same set in the same order"
    assert parse_qs(urlsplit(links["candidate"]).query)["as"] == ["candidate"]
    assert parse_qs(urlsplit(links["interviewer"]).query)["as"] == ["interviewer"]
    assert links["candidate"].startswith(f"{server}mock/?")
    allow_clipboard(page, server)
    page.locator('.qa-mock-link[data-role="candidate"]').get_by_role("button", name="Copy the candidate's link").click()
    expect(page.locator('.qa-mock-link[data-role="candidate"] .qa-mock-copied')).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == links["candidate"]

    candidate = new_page(browser, server)  # the other device
    interviewer = page
    open_as(candidate, links["candidate"])
    open_as(interviewer, links["interviewer"])
    notes = {}
    for i, qid in enumerate(ids):
        q = by_id[qid]
        for p in (candidate, interviewer):
            expect(p.locator(".qa-mock-count")).to_have_text(f"Question {i + 1} of 3")
            expect(p.locator(".qa-mock-question")).to_have_text(title(q))
        card = candidate.locator(".qa-mock-card")
        assert candidate.locator(".qa-mock-question").inner_text() == interviewer.locator(".qa-mock-question").inner_text()
        points = interviewer.locator(".qa-mock-point")
        expect(points).to_have_count(len(q["key_points"]))
        expect(interviewer.get_by_role("group", name="A strong answer covers")).to_be_visible()
        follow = interviewer.locator(".qa-mock-follow li")
        expect(follow).to_have_count(len(q["follow_ups"]))
        seen_by_candidate = card.inner_text()
        assert "A strong answer covers" not in seen_by_candidate
        assert card.locator("input[type=checkbox], textarea, .qa-mock-follow").count() == 0
        for text in points.all_inner_texts() + follow.all_inner_texts():
            assert text.strip() not in seen_by_candidate, "the candidate never sees key points or follow-ups"
        assert q["short_answer"][:40] not in candidate.locator("body").inner_text()

        ticked = min(i + 1, len(q["key_points"]))
        for n in range(ticked):
            points.nth(n).locator("input").check()
        expect(interviewer.locator(".qa-mock-covered")).to_have_text(f"Covered: {ticked} of {len(q['key_points'])}")
        interviewer.get_by_role("radio", name=RATINGS[i + 1], exact=True).check()
        notes[qid] = f"Clear on {qid}; missed a metric."
        interviewer.get_by_label("Notes", exact=True).fill(notes[qid])
        if i == 1:  # a reload loses nothing
            interviewer.reload()
            interviewer.locator(".qa-mock-card").wait_for()
            expect(interviewer.locator(".qa-mock-question")).to_have_text(title(q))
            expect(interviewer.locator(".qa-mock-point input:checked")).to_have_count(ticked)
            expect(interviewer.get_by_role("radio", name=RATINGS[i + 1], exact=True)).to_be_checked()
            expect(interviewer.get_by_label("Notes", exact=True)).to_have_value(notes[qid])
        if i < 2:
            for p in (candidate, interviewer):
                p.get_by_role("button", name="Next").click()
    expect(candidate.get_by_role("button", name="Next")).to_be_disabled()
    candidate.get_by_role("button", name="Previous").click()
    expect(candidate.locator(".qa-mock-question")).to_have_text(title(by_id[ids[1]]))
    assert candidate.get_by_role("button", name="Finish").count() == 0

    interviewer.get_by_role("button", name="Finish").click()
    summary = interviewer.locator(".qa-mock-summary")
    expect(summary.get_by_role("heading", name="Summary")).to_be_focused()
    rows = summary.locator(".qa-mock-results > li")
    expect(rows).to_have_count(3)
    for i, qid in enumerate(ids):
        q = by_id[qid]
        row = rows.nth(i)
        ticked = min(i + 1, len(q["key_points"]))
        expect(row).to_contain_text(title(q))
        expect(row).to_contain_text(f" · {RATINGS[i + 1]} · {ticked}/{len(q['key_points'])} points")
        expect(row.locator(".qa-mock-note")).to_have_text(notes[qid])

    rating = {qid: i + 2 for i, qid in enumerate(ids)}
    topic_rows = summary.locator(".qa-mock-topics li")
    expected_topics = []
    for topic_id in dict.fromkeys(t for qid in ids for t in by_id[qid]["tags"]):
        members = [qid for qid in ids if topic_id in by_id[qid]["tags"]]
        avg = sum(rating[m] for m in members) / len(members)
        got = sum(min(ids.index(m) + 1, len(by_id[m]["key_points"])) for m in members)
        total = sum(len(by_id[m]["key_points"]) for m in members)
        expected_topics.append(f"{RATINGS[math.floor(avg + 0.5) - 1]} ({avg:.1f}) · {got}/{total} points")
        expect(topic_rows.filter(has_text=topics[topic_id]).first).to_contain_text(expected_topics[-1])
    expect(topic_rows).to_have_count(len(expected_topics))
    shown = topic_rows.all_inner_texts()
    for text in expected_topics:
        assert any(text in line for line in shown), f"{text} not in {shown}"

    allow_clipboard(interviewer, server)
    summary.get_by_role("button", name="Copy as Markdown").click()
    expect(summary.locator(".qa-mock-copied")).to_have_text("Copied the summary as Markdown.")
    markdown = interviewer.evaluate("navigator.clipboard.readText()")
    for i, qid in enumerate(ids):
        assert by_id[qid]["question"] in markdown
        assert f"{RATINGS[i + 1]}, {min(i + 1, len(by_id[qid]['key_points']))}/{len(by_id[qid]['key_points'])} points" in markdown
        assert notes[qid] in markdown
    assert "**By topic**" in markdown

    # Without clipboard access the Markdown is shown to copy by hand.
    interviewer.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
    summary.get_by_role("button", name="Copy as Markdown").click()
    fallback = summary.get_by_label("Markdown summary (select it and copy)")
    expect(fallback).to_be_visible()
    expect(fallback).to_have_value(markdown)
    assert fallback.get_attribute("readonly") is not None

    interviewer.reload()  # the summary survives a reload
    expect(interviewer.locator(".qa-mock-results > li")).to_have_count(3)
    interviewer.get_by_role("button", name="Start over").click()
    interviewer.get_by_role("button", name="Yes, clear them").click()
    expect(interviewer.locator(".qa-mock-count")).to_have_text("Question 1 of 3")
    expect(interviewer.locator(".qa-mock-point input:checked")).to_have_count(0)
    expect(interviewer.get_by_label("Notes", exact=True)).to_have_value("")
    interviewer.reload()
    interviewer.locator(".qa-mock-card").wait_for()
    expect(interviewer.locator("input[name=rating]:checked")).to_have_count(0)
    assert not interviewer.console_errors
    assert not candidate.outside_requests
    candidate.context.close()


def test_timer_counts_down_the_levels_minutes(page, site: Path) -> None:
    data = bank(site)
    per_level = minutes(site)
    first = next(q for q in data["questions"] if per_level[q["level"]] == 2)
    second = next(q for q in data["questions"] if per_level[q["level"]] != per_level[first["level"]])
    page.clock.install()
    open_as(page, f"mock/?ids={first['id']},{second['id']}&as=candidate")
    clock = page.locator(".qa-mock-clock")
    toggle = page.locator("[data-mock=timer]")
    expect(page.locator(".qa-mock-level")).to_contain_text(f"{per_level[first['level']]} minutes")
    expect(clock).to_have_text(f"{per_level[first['level']]}:00")
    page.clock.run_for(5000)  # nothing runs before Start
    expect(clock).to_have_text("2:00")

    toggle.click()
    expect(toggle).to_have_text("Pause")
    page.clock.run_for(30_000)
    expect(clock).to_have_text("1:30")
    toggle.click()
    expect(toggle).to_have_text("Resume")
    page.clock.run_for(60_000)
    expect(clock).to_have_text("1:30")
    toggle.click()
    page.clock.run_for(91_000)
    expect(clock).to_have_text("0:00")
    expect(page.get_by_role("status").filter(has_text="Time is up.")).to_be_visible()
    page.get_by_role("button", name="Reset").click()
    expect(clock).to_have_text("2:00")
    expect(page.locator(".qa-mock-timeup")).to_have_text("")

    toggle.click()
    page.clock.run_for(10_000)
    page.get_by_role("button", name="Next").click()  # a new question starts with its own level's time, stopped
    m = per_level[second["level"]]
    expect(page.locator(".qa-mock-question")).to_have_text(title(second))
    expect(page.locator(".qa-mock-level")).to_contain_text(f"{m} minutes")
    expect(clock).to_have_text(f"{m}:00")
    page.clock.run_for(20_000)
    expect(clock).to_have_text(f"{m}:00")
    toggle.click()
    page.clock.run_for(60_000)
    expect(clock).to_have_text(f"{m - 1}:00")
    assert not page.console_errors


def test_unknown_ids_are_named_and_aliases_resolve(page, site: Path, server: str) -> None:
    questions = bank(site)["questions"]
    q = next((q for q in questions if q["aliases"]), questions[3])
    asked = q["aliases"][0] if q["aliases"] else q["id"]
    open_as(page, f"mock/?ids={asked},not-a-question&as=interviewer")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("not-a-question")
    if asked != q["id"]:
        expect(alert).to_contain_text(f"{asked} → {q['id']}")
    expect(page.locator(".qa-mock-count")).to_have_text("Question 1 of 1")
    expect(page.locator(".qa-mock-question")).to_have_text(title(q))

    page.goto(f"mock/?ids={asked},not-a-question")  # the study-set link: the two links, without the unknown
    expect(page.get_by_role("alert")).to_contain_text("not-a-question")
    href = page.locator('.qa-mock-link[data-role="candidate"] .qa-mock-url a').get_attribute("href")
    assert ids_of(href) == [q["id"]]

    page.goto("mock/?ids=not-a-question&as=candidate")
    expect(page.get_by_role("alert")).to_contain_text("not-a-question")
    expect(page.get_by_role("heading", name="No question to ask")).to_be_visible()
    assert not page.console_errors


def test_phone_has_no_horizontal_scroll(browser, site: Path, server: str) -> None:
    page = new_page(browser, server, viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    try:

        def fits(view: str) -> None:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{view}: the page is {width} px wide on a 360 px phone"

        links = create_links(page, count=4)
        fits("links")
        page.goto("mock/")
        page.locator(".qa-mock-setup").wait_for()
        fits("setup")
        for button in page.locator(".qa-mock-setup .qa-btn, .qa-mock-setup .qa-choice").all():
            assert button.bounding_box()["height"] >= 44
        open_as(page, links["candidate"])
        fits("candidate")
        open_as(page, links["interviewer"])
        page.locator(".qa-mock-point input").first.check()
        page.get_by_label("Notes", exact=True).fill("A long note " * 20)
        fits("interviewer")
        for control in page.locator(".qa-mock-card .qa-btn:visible, .qa-mock-point, .qa-mock-rating .qa-choice").all():
            assert control.bounding_box()["height"] >= 44, control.inner_text()
        page.get_by_role("button", name="Finish").click()
        page.locator(".qa-mock-summary").wait_for()
        fits("summary")
        assert not page.outside_requests
    finally:
        page.context.close()


@pytest.mark.parametrize("role", ["", "candidate", "interviewer"])
def test_nothing_shifts_while_the_mock_loads(browser, site: Path, server: str, role: str) -> None:
    ids = ",".join(q["id"] for q in bank(site)["questions"][::12])
    page = new_page(browser, server, viewport={"width": 412, "height": 823}, is_mobile=True)
    try:
        page.add_init_script(RECORD_SHIFTS)
        page.goto(f"mock/?ids={ids}&as={role}" if role else "mock/")
        page.locator(".qa-mock-card" if role else ".qa-mock-setup").wait_for()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__shifts")
        assert sum(s["value"] for s in shifts) < 0.02, shifts
    finally:
        page.context.close()


def resting(page) -> list[str]:
    """axe's violations at rest: the pointer off the controls (a click leaves it over the next view's buttons)
    and no transition half-way (scrolling up fades in Material's "Back to top")."""
    page.mouse.move(0, 0)
    wait_until(page, "document.getAnimations().every((a) => a.playState !== 'running')")
    return violations(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page, site: Path, scheme: str) -> None:
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    found: list[str] = []
    page.goto("mock/")
    page.locator(".qa-mock-setup").wait_for()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    found += resting(page)
    page.get_by_role("button", name="Create the links").click()
    page.locator(".qa-mock-links").wait_for()
    found += resting(page)
    interviewer = page.locator('.qa-mock-link[data-role="interviewer"] .qa-mock-url a').get_attribute("href")
    open_as(page, interviewer)
    page.locator(".qa-mock-point input").first.check()
    page.locator("input[name=rating]").nth(2).check()
    page.locator("[data-mock=timer]").click()
    wait_until(page, "document.querySelector('.qa-mock-timer').dataset.state === 'running'")
    found += resting(page)
    page.get_by_role("button", name="Finish").click()
    page.locator(".qa-mock-summary").wait_for()
    found += resting(page)
    open_as(page, interviewer.replace("as=interviewer", "as=candidate"))
    found += resting(page)
    assert not found, "\n".join(found)
