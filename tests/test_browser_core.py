"""The core reading journeys in Chromium: deep links, permalinks and search open the right answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def questions(site: Path) -> list[dict]:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]


def answer_open(page, qid: str) -> bool:
    return page.locator(f'[data-question-id="{qid}"] > details').evaluate("d => d.open")


def test_deep_link_opens_only_that_answer(page, site: Path) -> None:
    q = questions(site)[6]
    page.goto(f"{q['level']}/#{q['id']}")
    wait_until(page, f"document.querySelector('[data-question-id=\"{q['id']}\"] > details')?.open")
    others = page.locator(f'[data-question-id]:not([data-question-id="{q["id"]}"]) > details[open]')
    assert others.count() == 0
    assert page.locator(f"#{q['id']}").is_visible()


def test_permalink_from_a_sub_path_lands_on_the_open_answer(page, site: Path, server: str) -> None:
    q = questions(site)[-1]
    page.goto(f"q/{q['id']}/")
    page.wait_for_url(f"{server}{q['level']}/#{q['id']}")
    wait_until(page, f"document.querySelector('[data-question-id=\"{q['id']}\"] > details')?.open")
    box = page.locator(f"#{q['id']}").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "the question is scrolled into view"


def word_only_in(q: dict, everyone: list[dict]) -> str:
    """A word of q's deep answer that no other question uses, nor q's own title."""
    others = " ".join(o["answer"] + o["short_answer"] + o["question"] for o in everyone if o is not q).lower()
    own = (q["question"] + q["short_answer"]).lower()
    words = [w.strip(".,;:()*`_") for w in q["answer"].split()]
    return next(w for w in words if w.isalpha() and len(w) >= 7 and w.lower() not in others and w.lower() not in own)


def test_search_finds_a_word_from_inside_an_answer_and_opens_it(page, site: Path) -> None:
    everyone = questions(site)
    q = everyone[8]
    page.goto("")
    page.locator("input.md-search__input").click()  # opens the search dialog
    wait_until(page, "document.querySelector('#__search').checked")
    word = word_only_in(q, everyone)
    page.keyboard.type(word, delay=20)  # real key events, as a reader types; the first waits for the index
    hit = page.locator(f'[data-qa-search-results] a.qa-hit[data-question-id="{q["id"]}"]')
    hit.wait_for()
    assert page.locator("[data-qa-search-results] a.qa-hit").first.get_attribute("data-question-id") == q["id"]
    hit.click()
    page.wait_for_url(f"**/{q['level']}/**#{q['id']}")
    wait_until(page, f"document.querySelector('[data-question-id=\"{q['id']}\"] > details')?.open")
    wait_until(page, f"document.querySelectorAll('[data-question-id=\"{q['id']}\"] mark').length > 0")  # words marked


def test_diagram_in_a_closed_answer_renders_when_opened(page, site: Path) -> None:
    q = next(q for q in questions(site) if q["diagram"])
    page.goto(f"{q['level']}/")
    block = page.locator(f'[data-question-id="{q["id"]}"]')
    block.locator("summary").first.click()
    diagram = block.locator("div.mermaid")
    diagram.wait_for(timeout=15000)
    assert diagram.bounding_box()["height"] > 50
    assert not page.console_errors


@pytest.mark.parametrize("same_level", [True, False], ids=["same-page", "other-page"])
def test_instant_navigation_keeps_opening_linked_answers(page, site: Path, same_level: bool) -> None:
    bank = {q["id"]: q for q in questions(site)}
    related, target = next(
        (q, bank[r]) for q in bank.values() for r in q["related"] if (bank[r]["level"] == q["level"]) == same_level
    )
    page.goto(f"{related['level']}/#{related['id']}")
    link = page.locator(f'[data-question-id="{related["id"]}"] .qa-section.qa-related + ul a[href$="#{target["id"]}"]')
    link.click()
    page.wait_for_url(f"**/{target['level']}/#{target['id']}")
    wait_until(page, f"document.querySelector('[data-question-id=\"{target['id']}\"] > details')?.open")


def test_palette_toggle_switches_to_dark(page) -> None:
    page.goto("")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}


def test_a_malformed_fragment_opens_nothing_and_throws_nothing(page, site: Path) -> None:
    level = questions(site)[0]["level"]
    page.goto(f"{level}/#%E0%A4%A")  # not valid percent-encoding: decodeURIComponent would throw URIError
    page.locator("div.qa[data-question-id]").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator("div.qa > details[open]").count() == 0
    assert not page.console_errors, page.console_errors
