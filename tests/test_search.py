"""Search: one result per question, the question whose text matches first, opened with the words marked.

The index is Pagefind's, one record per question, composed from the checker's HTML
(macros/outputs/search.py); the browser tests drive the real built site in Chromium.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from macros.check.sanitize import plain_text
from macros.check.validate import load
from macros.outputs import search
from tests.conftest import ROOT, wait_until

BANK = load(ROOT / "data" / "questions.yaml")
RESULTS = "[data-qa-search-results]"

# Each query with the question it must return first: a reader's words for a question, a term that
# names one, a question typed out, a tool, a misspelling-free abbreviation.
RANKING = [
    ("drift", "data-drift"),
    ("data drift", "data-drift"),
    ("What is data drift?", "data-drift"),
    ("concept drift", "concept-drift"),
    ("model drift", "model-drift"),
    ("feature store", "feature-store"),
    ("canary", "canary-deployment"),
    ("shadow deployment", "shadow-deployment"),
    ("model registry", "model-registry"),
    ("experiment tracking", "experiment-tracking"),
    ("mlflow", "mlflow"),
    ("kubeflow", "kubeflow"),
    ("kubernetes", "kubernetes-for-ml"),
    ("prompt injection", "prompt-injection"),
    ("vector database", "operating-vector-databases"),
    ("quantization", "llm-quantization"),
    ("monitoring", "monitoring-ml-models"),
    ("rollback", "rollback"),
    ("slurm", "slurm-vs-kubernetes"),
    ("rlhf", "llm-feedback-flywheel"),
    ("a/b testing", "ab-testing"),
    ("ci/cd", "ci-cd-in-mlops"),
    ("docker", "docker-in-mlops"),
    ("what is mlops", "what-is-mlops"),
]


def fragments(site: Path) -> list[dict]:
    """Every record of the built index, decoded (Pagefind gzips each, after a signature)."""
    records = []
    for path in (site / search.FOLDER / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data[:12] == b"pagefind_dcd", path
        records.append(json.loads(data[12:]))
    return records


def test_the_record_is_the_checked_html_with_its_metadata_escaped() -> None:
    q = BANK.questions[0]
    doc = search.document(BANK, q)
    assert q.html.answer in doc and q.html.short_answer in doc, "the checker's HTML, as it was emitted"
    assert f'data-pagefind-weight="{search.QUESTION_WEIGHT}">{q.html.question}</h1>' in doc
    assert f'data-pagefind-meta="id[content]" content="{q.id}"' in doc
    with_diagram = next(q for q in BANK.questions if q.diagram)
    assert with_diagram.diagram.strip().splitlines()[1].strip() not in search.document(BANK, with_diagram), "no Mermaid source"
    hostile = replace(q, html=replace(q.html, question='What is "x" <b>&amp; y</b>?'))
    assert 'content="What is &quot;x&quot; &amp; y?"' in search.document(BANK, hostile), "metadata is escaped plain text"


@pytest.mark.build
def test_every_question_is_one_record_and_nothing_else_is(site: Path) -> None:
    records = fragments(site)
    by_id = {r["meta"]["id"]: r for r in records}
    assert len(records) == len(BANK.questions) == len(by_id), "one record per question, no page records"
    for q in BANK.questions:
        meta = by_id[q.id]["meta"]
        assert (meta["level"], meta["number"]) == (q.level, str(q.number))
        assert meta["title"] == plain_text(q.html.question)
        assert meta["group"] == BANK.level(q.level).title
        assert plain_text(q.html.short_answer)[:60] in by_id[q.id]["content"], "the answer is searchable"
    assert not (site / "search" / "search_index.json").exists(), "Material's whole-site index is not shipped"
    shipped = {p.name for p in (site / search.FOLDER).iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "pagefind-entry.json"} <= shipped
    assert not [n for n in shipped if "-ui" in n or "highlight" in n], "Pagefind's own interfaces are not shipped"


def open_search(page) -> None:
    page.keyboard.press("/")
    wait_until(page, "document.querySelector('#__search').checked")
    wait_until(page, "document.activeElement?.matches('[data-qa-search-query]')")


def type_query(page, query: str) -> None:
    """Type as a reader does and wait for the results of exactly this query."""
    page.keyboard.type(query, delay=15)
    wait_until(page, f"document.querySelector('{RESULTS}').dataset.query === {json.dumps(query)}", timeout=60000)


def first_ids(page, n: int = 5) -> list[str]:
    return page.locator(f"{RESULTS} a.qa-hit").evaluate_all(f"links => links.slice(0, {n}).map(a => a.dataset.questionId)")


@pytest.mark.browser
def test_each_query_returns_its_question_first(page) -> None:
    page.goto("")
    open_search(page)
    wrong = []
    for query, expected in RANKING:
        page.locator("[data-qa-search-query]").fill("")
        type_query(page, query)
        if first_ids(page)[:1] != [expected]:
            wrong.append(f"{query!r}: {first_ids(page)} (expected {expected} first)")
    assert not wrong, "\n".join(wrong)
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_a_result_is_one_question_with_its_number_group_and_a_line_around_the_match(page) -> None:
    page.goto("")
    open_search(page)
    type_query(page, "drift")
    first = page.locator(f"{RESULTS} a.qa-hit").first
    q = BANK.question("data-drift")
    assert first.locator(".qa-hit__title").inner_text() == f"Q{q.number}. {plain_text(q.html.question)}"
    assert first.locator(".qa-hit__group").text_content() == BANK.level(q.level).title
    assert "drift" in first.locator(".qa-hit__excerpt mark").first.inner_text().lower()
    ids = first_ids(page, 100)
    assert len(ids) == len(set(ids)), "each question once"
    titles = [BANK.question(i).question.lower() for i in ids]
    mentions = [i for i, t in enumerate(titles) if "drift" not in t]
    assert mentions and min(mentions) > max(i for i, t in enumerate(titles) if "drift" in t), (
        "questions about drift come before answers that mention it"
    )
    assert "found" in page.locator("[data-qa-search-status]").inner_text()


@pytest.mark.browser
def test_a_word_only_inside_an_answer_opens_that_answer_with_the_words_marked(page) -> None:
    page.goto("")
    open_search(page)
    type_query(page, "wasserstein")
    hit = page.locator(f"{RESULTS} a.qa-hit").first
    qid = hit.get_attribute("data-question-id")
    assert "wasserstein" not in BANK.question(qid).question.lower()
    hit.click()
    page.wait_for_url(f"**/{BANK.question(qid).level}/?h=wasserstein#{qid}")
    block = f'[data-question-id="{qid}"]'
    wait_until(page, f"document.querySelector('{block} > details')?.open")
    wait_until(page, f"document.querySelectorAll('{block} details mark').length > 0")
    marks = page.locator(f"{block} details mark").all_inner_texts()
    assert all(m.lower().startswith("wasserstein") for m in marks), marks
    assert page.locator(f"{block} details mark").first.is_visible()
    assert not page.evaluate("document.querySelector('#__search').checked"), "search closed"
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_search_by_keyboard_alone(page) -> None:
    page.goto("advanced/")
    open_search(page)
    type_query(page, "feature store")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.questionId") == "feature-store"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.dataset.questionId") == "feature-store"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-qa-search-query]')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('#__search').checked")
    open_search(page)
    page.locator("[data-qa-search-query]").fill("")
    type_query(page, "canary")
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url("**/intermediate/?h=canary#canary-deployment")
    wait_until(page, "document.querySelector('[data-question-id=\"canary-deployment\"] > details')?.open")


@pytest.mark.browser
def test_what_is_typed_is_shown_as_text(page) -> None:
    page.goto("")
    open_search(page)
    type_query(page, "<zzqqxx>")
    assert page.locator("[data-qa-search-status]").inner_text() == "No question matches “<zzqqxx>”"
    assert page.evaluate("document.querySelector('zzqqxx')") is None
    page.locator("[data-qa-search-query]").fill("")
    type_query(page, "<img src=x> drift")
    assert page.locator(f"{RESULTS} a.qa-hit").count() > 0 and page.locator(".md-search img").count() == 0


@pytest.mark.browser
def test_on_a_phone_the_best_question_is_the_first_thing_under_the_field(page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("")
    page.locator("label.md-header__button[for='__search']").click()
    wait_until(page, "document.activeElement?.matches('[data-qa-search-query]')")
    type_query(page, "drift")
    first = page.locator(f"{RESULTS} a.qa-hit").first
    box = first.bounding_box()
    field = page.locator("[data-qa-search-query]").bounding_box()
    assert first.get_attribute("data-question-id") == "data-drift"
    assert field["y"] + field["height"] <= box["y"] and box["y"] + box["height"] <= 740, (field, box)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    assert page.evaluate(f"document.elementFromPoint({x}, {y}).closest('a.qa-hit')?.dataset.questionId") == "data-drift"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_with_results_has_no_axe_violation(page, scheme: str) -> None:
    from tests.test_accessibility import violations

    page.emulate_media(color_scheme=scheme)
    page.goto("")
    open_search(page)
    type_query(page, "drift")
    page.keyboard.press("ArrowDown")  # a focused result, as a keyboard user sees it
    assert page.locator("[data-qa-search-results]").get_attribute("aria-label") == "Questions found"
    found = violations(page)
    assert not found, "\n".join(found)
