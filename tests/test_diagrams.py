"""Every diagram in the bank renders in Chromium: an SVG, no Mermaid error, no outside request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def diagram_questions(site: Path) -> dict[str, list[str]]:
    by_level: dict[str, list[str]] = {}
    for q in json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]:
        if q["diagram"]:
            by_level.setdefault(q["level"], []).append(q["id"])
    return by_level


def test_the_bank_has_at_least_fifteen_diagrams(site: Path) -> None:
    assert sum(len(ids) for ids in diagram_questions(site).values()) >= 15


def test_every_diagram_renders_without_error(page, site: Path) -> None:
    for level, ids in diagram_questions(site).items():
        page.goto(f"{level}/")
        for qid in ids:
            block = page.locator(f'[data-question-id="{qid}"]')
            block.locator("summary").first.click()
            rendered = block.locator("div.mermaid")
            rendered.wait_for(timeout=20000)
            box = rendered.bounding_box()  # the SVG sits in a closed shadow root: measure its host
            assert box and box["height"] > 40 and box["width"] > 40, f"{qid}: empty diagram"
            assert block.locator("pre.mermaid").count() == 0, f"{qid}: diagram source left unrendered"
        assert "Syntax error" not in page.content()
    assert not page.console_errors, page.console_errors
