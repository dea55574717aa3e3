"""Write everything the build adds beside the rendered pages."""

from __future__ import annotations

from pathlib import Path

from .bank import Bank
from .export import to_csv, to_json, write_anki
from .permalinks import permalink_page

DOWNLOADS = {"json": "questions.json", "csv": "questions.csv", "anki": "mlops-interview-guide.apkg"}


def write_outputs(bank: Bank, site_dir: Path, site_url: str) -> None:
    """Exports at the site root and one permalink page per question id and alias."""
    (site_dir / DOWNLOADS["json"]).write_text(to_json(bank), encoding="utf-8")
    (site_dir / DOWNLOADS["csv"]).write_text(to_csv(bank, site_url), encoding="utf-8")
    write_anki(bank, site_dir / DOWNLOADS["anki"], site_url)
    for q in bank.questions:
        for qid in (q.id, *q.aliases):
            page = site_dir / "q" / qid / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(permalink_page(q, site_url, qid), encoding="utf-8")
