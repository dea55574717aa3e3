"""Progress in Chromium: marking questions, persistence, filters, per-level counts, export, import and reset."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def bank(site: Path) -> dict:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))


def in_level(site: Path, level: str) -> list[dict]:
    return [q for q in bank(site)["questions"] if q["level"] == level]


def block(page, qid: str):
    return page.locator(f'div.qa[data-question-id="{qid}"]')


def mark(page, qid: str, state: str) -> None:
    """Press a mark button and wait until the page shows the new state."""
    button = block(page, qid).locator(f'button[data-mark="{state}"]')
    pressed = button.get_attribute("aria-pressed") == "true"
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false" if pressed else "true")


def progress_of(page, qid: str) -> str:
    return block(page, qid).get_attribute("data-progress")


def counts(page, scope: str) -> dict[str, int]:
    """The known / review / not-yet numbers a user reads under a progress bar."""
    bar = page.locator(scope).locator("[data-qa-progress]").first
    return {key: int(bar.locator(f'[data-count="{key}"]').inner_text()) for key in ("known", "review", "none")}


def test_marking_a_question_shows_and_persists_across_reload(page, site: Path) -> None:
    level = bank(site)["levels"][0]
    first, second = in_level(site, level["id"])[:2]
    page.goto(f"{level['id']}/")
    for q in in_level(site, level["id"]):
        buttons = block(page, q["id"]).locator("button[data-mark]")
        assert buttons.count() == 2, "each question has exactly the two mark buttons"
        assert buttons.nth(0).inner_text() == "I know this" and buttons.nth(1).inner_text() == "Review again"
    assert progress_of(page, first["id"]) == "none"

    mark(page, first["id"], "known")
    mark(page, second["id"], "review")
    assert progress_of(page, first["id"]) == "known"
    assert block(page, first["id"]).locator('[data-mark="known"]').get_attribute("aria-pressed") == "true"
    assert block(page, first["id"]).locator('[data-mark="review"]').get_attribute("aria-pressed") == "false"
    assert "Next review in 3 days" in block(page, first["id"]).locator(".qa-mark-status").inner_text()  # FSRS: Good
    assert "Next review tomorrow" in block(page, second["id"]).locator(".qa-mark-status").inner_text()
    assert counts(page, ".qa-level-summary") == {"known": 1, "review": 1, "none": level["count"] - 2}

    page.reload()
    assert progress_of(page, first["id"]) == "known"
    assert progress_of(page, second["id"]) == "review"
    assert block(page, second["id"]).locator('[data-mark="review"]').get_attribute("aria-pressed") == "true"

    mark(page, first["id"], "known")  # pressing it again takes the mark off
    assert progress_of(page, first["id"]) == "none"
    page.reload()
    assert progress_of(page, first["id"]) == "none"
    assert counts(page, ".qa-level-summary") == {"known": 0, "review": 1, "none": level["count"] - 1}
    assert not page.console_errors


def test_marks_survive_instant_navigation_and_bind_once(page, site: Path) -> None:
    levels = bank(site)["levels"]
    a, b = levels[0], levels[1]
    qa, qb = in_level(site, a["id"])[0], in_level(site, b["id"])[0]
    page.goto(f"{a['id']}/")
    mark(page, qa["id"], "review")
    page.evaluate("window.__same_document = true")

    for _ in range(2):  # there and back twice: handlers must not pile up
        page.locator(f'.md-sidebar--primary a[href$="/{b["id"]}/"]').first.click()
        page.wait_for_url(f"**/{b['id']}/")
        block(page, qb["id"]).wait_for()
        page.locator(f'.md-sidebar--primary a[href$="/{a["id"]}/"]').first.click()
        page.wait_for_url(f"**/{a['id']}/")
        block(page, qa["id"]).locator(".qa-marks").wait_for()

    assert page.evaluate("window.__same_document") is True, "navigation was instant (no reload)"
    assert progress_of(page, qa["id"]) == "review"
    assert block(page, qa["id"]).locator("button[data-mark]").count() == 2
    assert page.locator(".qa-level-summary .qa-toolbar").count() == 1
    mark(page, qa["id"], "known")  # one click, one change
    assert progress_of(page, qa["id"]) == "known"

    page.locator(f'.md-sidebar--primary a[href$="/{b["id"]}/"]').first.click()
    page.wait_for_url(f"**/{b['id']}/")
    mark(page, qb["id"], "review")
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("mlops-interview-guide"))
    assert counts(page, f'.qa-level-card[data-level="{a["id"]}"]') == {"known": 1, "review": 0, "none": a["count"] - 1}
    assert counts(page, f'.qa-level-card[data-level="{b["id"]}"]') == {"known": 0, "review": 1, "none": b["count"] - 1}
    assert page.evaluate("window.__same_document") is True
    assert not page.console_errors


def test_filters_show_all_only_review_or_only_not_yet(page, site: Path) -> None:
    level = bank(site)["levels"][0]
    qs = in_level(site, level["id"])
    known, review = qs[0]["id"], qs[1]["id"]
    page.goto(f"{level['id']}/")
    mark(page, known, "known")
    mark(page, review, "review")
    summary = page.locator(".qa-level-summary")

    summary.get_by_role("button", name="Review (1)").click()
    expect(summary.get_by_role("button", name="Review (1)")).to_have_attribute("aria-pressed", "true")
    expect(summary.get_by_role("button", name=f"All ({len(qs)})")).to_have_attribute("aria-pressed", "false")
    assert page.locator("div.qa[data-question-id]:visible").count() == 1
    assert block(page, review).is_visible()

    summary.get_by_role("button", name=f"Not yet ({len(qs) - 2})").click()
    visible = page.locator("div.qa[data-question-id]:visible")
    assert visible.count() == len(qs) - 2
    assert not block(page, known).is_visible() and not block(page, review).is_visible()

    block(page, qs[2]["id"]).locator('[data-mark="known"]').click()  # marked: it leaves the "not yet" list
    block(page, qs[2]["id"]).wait_for(state="hidden")
    assert visible.count() == len(qs) - 3

    summary.locator('[data-filter="all"]').click()
    assert page.locator("div.qa[data-question-id]:visible").count() == len(qs)

    summary.locator('[data-filter="review"]').click()
    expect(block(page, known)).to_be_hidden()
    page.locator(f'.md-sidebar--secondary a[href$="#{known}"]').click()  # a link to a hidden question shows it
    expect(block(page, known)).to_be_visible()
    expect(summary.locator('[data-filter="all"]')).to_have_attribute("aria-pressed", "true")
    assert not page.console_errors


def test_home_and_progress_page_show_each_level(page, site: Path) -> None:
    data = bank(site)
    level = data["levels"][-1]
    qs = in_level(site, level["id"])
    page.goto(f"{level['id']}/")
    mark(page, qs[0]["id"], "known")
    mark(page, qs[-1]["id"], "review")

    page.goto("")
    for lv in data["levels"]:
        expected = (
            {"known": 1, "review": 1, "none": lv["count"] - 2} if lv is level else {"known": 0, "review": 0, "none": lv["count"]}
        )
        assert counts(page, f'.qa-level-card[data-level="{lv["id"]}"]') == expected
    total = len(data["questions"])
    assert counts(page, ".qa-progress-home") == {"known": 1, "review": 1, "none": total - 2}
    bar = page.locator(f'.qa-level-card[data-level="{level["id"]}"] .qa-bar')
    assert bar.get_attribute("aria-label") == f"1 known, 1 to review, {level['count'] - 2} not yet, of {level['count']} questions"
    assert page.locator(f'.qa-level-card[data-level="{level["id"]}"] .qa-bar__known').bounding_box()["width"] > 0

    page.goto("progress/")
    rows = page.locator(".qa-progress-row")
    assert rows.count() == len(data["levels"]) + 1
    assert counts(page, f'.qa-progress-row[data-level="{level["id"]}"]') == {"known": 1, "review": 1, "none": level["count"] - 2}
    assert counts(page, '.qa-progress-row[data-level="all"]') == {"known": 1, "review": 1, "none": total - 2}
    assert page.locator(".qa-progress-panel .qa-due").inner_text().startswith("Nothing is due for review today")


def test_export_reset_and_import_progress(page, site: Path, tmp_path: Path) -> None:
    level = bank(site)["levels"][0]
    qs = in_level(site, level["id"])
    page.goto(f"{level['id']}/")
    mark(page, qs[0]["id"], "known")
    mark(page, qs[1]["id"], "review")
    page.goto("progress/")

    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith("mlops-interview-guide-progress-") and saved.suffix == ".json"
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert {k: v["state"] for k, v in exported["questions"].items()} == {qs[0]["id"]: "known", qs[1]["id"]: "review"}

    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    assert page.locator(".qa-progress-message").inner_text() == "Nothing was reset."
    assert counts(page, '.qa-progress-row[data-level="all"]')["known"] == 1

    messages: list[str] = []

    def accept(dialog) -> None:
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Reset progress").click()
    assert messages == ["Reset your progress on 2 questions? This cannot be undone."]
    assert page.locator(".qa-progress-message").inner_text() == "Your progress was reset."
    total = len(bank(site)["questions"])
    assert counts(page, '.qa-progress-row[data-level="all"]') == {"known": 0, "review": 0, "none": total}

    page.locator("input[data-progress-action=import]").set_input_files(str(saved))
    page.get_by_text("Imported progress on 2 questions.").wait_for()
    assert counts(page, '.qa-progress-row[data-level="all"]') == {"known": 1, "review": 1, "none": total - 2}

    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    page.locator("input[data-progress-action=import]").set_input_files(str(bad))
    page.get_by_text("Could not import notes.json").wait_for()
    assert counts(page, '.qa-progress-row[data-level="all"]')["known"] == 1

    page.goto(f"{level['id']}/")  # the imported marks show on the questions
    assert progress_of(page, qs[0]["id"]) == "known" and progress_of(page, qs[1]["id"]) == "review"
    assert not page.console_errors


def test_downloads_on_the_home_page(page, site: Path, tmp_path: Path) -> None:
    data = bank(site)
    page.goto("")
    files = {}
    for name in ("questions.json", "questions.csv", "mlops-interview-guide.apkg"):
        link = page.locator(f'a[href$="{name}"][download]')
        with page.expect_download() as info:
            link.click()
        path = tmp_path / name
        info.value.save_as(path)
        files[name] = path
    assert len(json.loads(files["questions.json"].read_text(encoding="utf-8"))["questions"]) == len(data["questions"])
    with files["questions.csv"].open(encoding="utf-8", newline="") as f:
        assert [row["id"] for row in csv.DictReader(f)] == [q["id"] for q in data["questions"]]
    assert files["mlops-interview-guide.apkg"].read_bytes()[:2] == b"PK", "an Anki package is a zip file"
