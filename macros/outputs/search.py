"""Search: one Pagefind record per question, indexed at build time into `pagefind/` beside the pages.

Pagefind (the `pagefind-bin` wheel ships its binary) splits the index into chunks by word and stores
each record as its own compressed fragment, so a query downloads the chunks for its words and the
fragments of the results it shows, never the whole bank (README "Search").

Each record is a small HTML document composed only from the checker's allow-listed HTML of one
question (never from Markdown): the question as a heading weighted above everything else, so a question
whose text matches ranks above one whose answer mentions it, then what a reader searches for inside the
answer. Id, number, level, group and title travel as metadata; search.js inserts all of it as text.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from ..check.sanitize import plain_text
from ..load.bank import Bank, Question

FOLDER = "pagefind"
# What the browser needs from Pagefind's bundle: its search API and web worker, the WebAssembly for
# English, the entry and metadata files and the index. Pagefind's own interfaces (and the WebAssembly
# for other languages) are removed, so the offline copy does not carry them.
KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind", "index", "fragment", "filter")
QUESTION_WEIGHT = 10  # Pagefind's highest; headings default to 7 and text to 1


def document(bank: Bank, q: Question) -> str:
    """The record Pagefind indexes for `q`: its checked HTML, with its metadata."""
    h = q.html
    meta = {
        "title": plain_text(h.question),
        "number": str(q.number),
        "id": q.id,
        "level": q.level,
        "group": bank.level(q.level).title,
    }
    tags = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{escape(value)}">' for key, value in meta.items())
    items = lambda rows: "".join(f"<li>{row}</li>" for row in rows)  # noqa: E731
    body = "\n".join(
        part
        for part in (
            f'<h1 data-pagefind-weight="{QUESTION_WEIGHT}">{h.question}</h1>',
            f"<p>{h.short_answer}</p>",
            f"<ol>{items(h.key_points)}</ol>",
            h.answer,
            f"<p>{h.diagram_caption}</p>" if h.diagram_caption else "",
            f"<ul>{items(f'{f.question_html} {f.hint_html}' for f in q.follow_ups)}</ul>",
            f"<ul>{items(h.pitfalls)}</ul>",
        )
        if part
    )
    return f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">{tags}</head>\n<body><main data-pagefind-body>\n{body}\n</main></body></html>\n'


def pagefind() -> Path:
    """The Pagefind binary from the pinned `pagefind-bin` wheel."""
    import pagefind_bin

    return pagefind_bin.get_executable()


def write_index(bank: Bank, site_dir: Path) -> Path:
    """Index every question into `site_dir/pagefind/`; the folder written."""
    out = site_dir / FOLDER
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="qa-search-") as tmp:
        for q in bank.questions:
            (Path(tmp) / f"{q.id}.html").write_text(document(bank, q), encoding="utf-8")
        done = subprocess.run(
            [str(pagefind()), "--site", tmp, "--output-path", str(out), "--force-language", "en", "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode:
        raise RuntimeError(f"pagefind failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    for path in out.iterdir():
        if path.name not in KEEP and not (path.name.startswith("pagefind.") and path.suffix == ".pf_meta"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return out
