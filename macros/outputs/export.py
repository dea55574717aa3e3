"""Pure exports of the bank: JSON, CSV and an Anki deck."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from typing import Any

import genanki

from ..load.bank import Bank, Question
from ..render.pages import KEY_POINTS_TITLE

EXPORT_VERSION = 1
ANKI_DECK_ID = 1_734_512_201
ANKI_MODEL_ID = 1_734_512_202
ANKI_CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; }
.short { border-left: 4px solid #4051b5; padding-left: 0.6em; }
pre { white-space: pre-wrap; background: #f5f5f5; padding: 0.5em; }"""


def question_url(q: Question) -> str:
    return f"{q.level}/#{q.id}"


def permalink_path(qid: str) -> str:
    return f"q/{qid}/"


def question_record(q: Question) -> dict[str, Any]:
    """One question as plain data, the shape documented in the README."""
    return {
        "id": q.id,
        "number": q.number,
        "level": q.level,
        "question": q.question,
        "short_answer": q.short_answer,
        "key_points": list(q.key_points),
        "answer": q.answer,
        "tags": list(q.tags),
        "diagram": q.diagram,
        "diagram_caption": q.diagram_caption,
        "follow_ups": [{"question": f.question, "hint": f.hint} for f in q.follow_ups],
        "pitfalls": list(q.pitfalls),
        "related": list(q.related),
        "references": [{"title": r.title, "url": r.url} for r in q.references],
        "reviewed": q.reviewed.isoformat(),
        "versions": [str(v) for v in q.versions],
        "version_facts": [
            {
                ("package" if v.on_pypi else "tool"): v.name,
                "since": v.since,
                "until": v.until,
                "checked": v.checked,
                "note": v.note,
            }
            for v in q.versions
        ],
        "aliases": list(q.aliases),
        "url": question_url(q),
        "permalink": permalink_path(q.id),
    }


def to_json(bank: Bank) -> str:
    """The machine-readable export (site/questions.json)."""
    data = {
        "version": EXPORT_VERSION,
        "levels": [{"id": lv.id, "title": lv.title, "count": len(bank.in_level(lv.id))} for lv in bank.levels],
        "questions": [question_record(q) for q in bank.questions],
    }
    # Data, never markup: "<" is written as \u003c, so the file reads as text wherever it is opened.
    return json.dumps(data, indent=2, ensure_ascii=False).replace("<", "\\u003c") + "\n"


CSV_COLUMNS = ("number", "id", "level", "question", "short_answer", "key_points", "answer", "tags", "url")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection); some also read
# the full-width forms (＝＋－＠) as the ASCII ones, and skip a byte-order mark before them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufeff")


def cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a leading formula character gets a quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(bank: Bank, site_url: str) -> str:
    """One row per question, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in bank.questions:
        row = [
            q.number,
            q.id,
            q.level,
            q.question,
            q.short_answer,
            "\n".join(q.key_points),
            q.answer,
            " ".join(q.tags),
            site_url + permalink_path(q.id),
        ]
        writer.writerow([cell(value) for value in row])
    return out.getvalue()


def anki_note_fields(q: Question, site_url: str) -> list[str]:
    """Front and back of a card: the question; the short answer, the key points, the deep answer and a link.

    Anki renders card fields as HTML (and runs script in them on the desktop), so a card carries exactly the
    allow-listed HTML the pages carry, never the raw fields, with only what Anki itself would read escaped.
    """
    link = html.escape(site_url + permalink_path(q.id), quote=True)
    points = "".join(f"<li>{p}</li>" for p in q.html.key_points)
    back = (
        f'<div class="short"><p>{q.html.short_answer}</p></div>'
        f'<p class="key-points-title">{KEY_POINTS_TITLE}</p><ol class="key-points">{points}</ol>'
        f'<hr>{q.html.answer}<p><a href="{link}">{link}</a></p>'
    )
    return [anki_field(f"Q{q.number}. {q.html.question}"), anki_field(back)]


def anki_field(fragment: str) -> str:
    """Card HTML that Anki shows as the page shows it: `[` as `&#91;`, since Anki reads `[sound:...]` in a field
    as a file to play, and in a `tex2jax_ignore` block, since Anki's MathJax typesets `\\(...\\)` in any field."""
    return f'<div class="tex2jax_ignore">{fragment.replace("[", "&#91;")}</div>'


def write_anki(bank: Bank, path: Path, site_url: str) -> None:
    """Write an Anki deck (.apkg): one note per question, level and topics as Anki tags."""
    model = genanki.Model(
        ANKI_MODEL_ID,
        "MLOps Interview Guide",
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card", "qfmt": "{{Question}}", "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}'}],
        css=ANKI_CSS,
    )
    deck = genanki.Deck(ANKI_DECK_ID, "MLOps Interview Guide")
    for q in bank.questions:
        deck.add_note(
            genanki.Note(model=model, fields=anki_note_fields(q, site_url), tags=[q.level, *q.tags], guid=genanki.guid_for(q.id))
        )
    genanki.Package(deck).write_to_file(str(path))
