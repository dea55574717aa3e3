"""Exports carry the whole bank: JSON (documented shape), CSV and an Anki deck that imports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import zipfile
from pathlib import Path

from macros.check.validate import check_text
from macros.load.bank import Bank
from macros.outputs.export import CSV_COLUMNS, anki_note_fields, cell, to_csv, to_json, write_anki
from macros.outputs.permalinks import permalink_page
from tests.factory import bank, dump

SITE_URL = "https://example.github.io/guide/"


def sample() -> Bank:
    data = bank(4)
    data["questions"][2].update(diagram="flowchart LR\n  A --> B", diagram_caption="A to B.")
    result, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 24))
    assert not problems
    return result


def test_json_export_has_the_documented_shape() -> None:
    b = sample()
    data = json.loads(to_json(b))
    assert data["version"] == 1
    assert data["levels"] == [
        {"id": "beginner", "title": "Beginner", "count": 2},
        {"id": "advanced", "title": "Advanced", "count": 2},
    ]
    first = data["questions"][0]
    for key in (
        "id",
        "number",
        "level",
        "question",
        "short_answer",
        "key_points",
        "answer",
        "tags",
        "diagram",
        "follow_ups",
        "pitfalls",
        "related",
        "references",
        "url",
        "permalink",
    ):
        assert key in first
    assert first["url"] == "beginner/#question-1" and first["permalink"] == "q/question-1/"
    assert [q["number"] for q in data["questions"]] == [1, 2, 3, 4]
    assert data["questions"][2]["diagram"] == "flowchart LR\n  A --> B"
    assert first["key_points"] == list(b.questions[0].key_points) and len(first["key_points"]) == 3


def test_csv_has_a_row_per_question_with_absolute_links() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(sample(), SITE_URL))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5
    assert rows[1][-1] == SITE_URL + "q/question-1/"
    points = rows[1][CSV_COLUMNS.index("key_points")].split("\n")
    assert points == ["First point about question-1.", "Second point: the mechanism.", "Third point: the trade-off."]


def test_anki_deck_has_one_note_per_question_with_tags(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    write_anki(sample(), path, SITE_URL)
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = db.execute("select flds, tags from notes").fetchall()
    db.close()
    assert len(notes) == 4
    front, back = notes[0][0].split("\x1f")
    assert front == '<div class="tex2jax_ignore">Q1. What does question 1 mean?</div>'
    assert "<strong>" not in front and "A short answer about question-1." in back and "<p>" in back
    assert notes[0][1].split() == ["beginner", "drift"]
    assert "A strong answer covers" in back
    assert "<li>First point about question-1.</li><li>Second point: the mechanism.</li>" in back


def test_csv_cells_a_spreadsheet_would_run_are_text() -> None:
    """ASCII and full-width formula characters, a tab, a carriage return and a byte-order mark before them."""
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋1", "－1", "＠SUM(A1)", "\ufeff=1+1"):
        assert cell(value) == "'" + value
    assert cell("What is drift?") == "What is drift?" and cell(3) == 3


def test_anki_fields_hide_what_anki_itself_would_read() -> None:
    """`[sound:...]` plays a file and MathJax typesets `\\(...\\)` in any field: neither reaches Anki as written."""
    data = bank(4)
    data["questions"][0]["key_points"][0] = r"Play [sound:evil.mp3] and \\(x^2\\) here."
    result, problems = check_text(dump(data), "q.yaml", today=dt.date(2026, 11, 24))
    assert result is not None, problems
    fields = anki_note_fields(result.questions[0], SITE_URL)
    for field in fields:
        assert field.startswith('<div class="tex2jax_ignore">') and field.endswith("</div>") and "[" not in field
    assert "Play &#91;sound:evil.mp3] and \\(x^2\\) here." in fields[1]


def test_permalink_page_redirects_without_javascript() -> None:
    q = sample().question("question-3")
    page = permalink_page(q, SITE_URL)
    assert '<meta http-equiv="refresh" content="0; url=../../advanced/#question-3">' in page
    assert '<link rel="canonical" href="https://example.github.io/guide/advanced/#question-3">' in page
    assert "<script" not in page
    assert '<meta property="og:title" content="Q3. What does question 3 mean?">' in page
