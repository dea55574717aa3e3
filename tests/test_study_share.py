"""Sharing and reading in Chromium: copy link, report a problem, expand and collapse all."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def questions(site: Path) -> list[dict]:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]


def allow_clipboard(page, server: str) -> None:
    origin = urlsplit(server)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"{origin.scheme}://{origin.netloc}")


def test_copy_link_copies_the_absolute_permalink(page, site: Path, server: str) -> None:
    q = questions(site)[4]
    allow_clipboard(page, server)
    page.goto(f"{q['level']}/")
    block = page.locator(f'div.qa[data-question-id="{q["id"]}"]')
    link = block.get_by_role("link", name=f"Copy the permanent link to Q{q['number']}")
    expect(link).to_have_text("Copy link")
    link.click()
    expect(block.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{server}q/{q['id']}/", "absolute, with the site's sub-path"
    assert page.url == f"{server}{q['level']}/", "copying does not navigate"

    page.goto(copied)  # what a friend does with the link
    page.wait_for_url(f"**/{q['level']}/#{q['id']}")
    wait_until(page, f"document.querySelector('[data-question-id=\"{q['id']}\"] > details').open")
    assert not page.console_errors


def test_copy_link_after_instant_navigation(page, site: Path, server: str) -> None:
    q = next(q for q in questions(site) if q["level"] != questions(site)[0]["level"])
    allow_clipboard(page, server)
    page.goto("")
    page.locator(f'.qa-level-card[data-level="{q["level"]}"] a').first.click()
    page.wait_for_url(f"**/{q['level']}/")
    block = page.locator(f'div.qa[data-question-id="{q["id"]}"]')
    block.locator("a.qa-permalink").click()
    expect(block.get_by_role("status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}q/{q['id']}/"


def test_report_a_problem_opens_a_prefilled_issue(page, site: Path, server: str) -> None:
    q = questions(site)[-1]
    page.goto(f"{q['level']}/")
    block = page.locator(f'div.qa[data-question-id="{q["id"]}"]')
    block.locator("summary").first.click()
    report = block.get_by_role("link", name="Report a problem with this answer")
    expect(report).to_be_visible()
    assert report.get_attribute("target") == "_blank"
    assert block.locator(".qa-report").count() == 1
    url = urlsplit(report.get_attribute("href"))
    repo = page.locator("a.md-source").first.get_attribute("href").rstrip("/")
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{repo}/issues/new"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["title"] == f"[{q['id']}] Problem with the answer"
    assert query["labels"] == "answer"
    body = query["body"]
    assert f"**Id:** `{q['id']}`" in body
    assert f"**Level:** {q['level']}" in body
    assert f"**Link:** {server}q/{q['id']}/" in body
    assert f"Q{q['number']}. {q['question']}" in body
    assert "**What is wrong or missing?**" in body


def test_expand_all_and_collapse_all(page, site: Path) -> None:
    level = questions(site)[0]["level"]
    count = sum(1 for q in questions(site) if q["level"] == level)
    page.goto(f"{level}/")
    answers = page.locator("div.qa[data-question-id] > details")
    summary = page.locator(".qa-level-summary")
    assert answers.count() == count
    summary.get_by_role("button", name="Expand all").click()
    expect(page.locator("div.qa[data-question-id] > details[open]")).to_have_count(count)
    expect(page.locator(".qa-short:visible")).to_have_count(count)
    summary.get_by_role("button", name="Collapse all").click()
    expect(page.locator("div.qa[data-question-id] > details[open]")).to_have_count(0)
    expect(page.locator(".qa-short:visible")).to_have_count(0)
