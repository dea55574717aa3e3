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

import atexit
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


class Index:
    """The search index of one build, made while MkDocs renders the pages.

    It depends only on the bank, so Pagefind starts indexing as soon as the bank is loaded, in its own
    process beside the build; `write_into` waits for it and puts `pagefind/` into the site.
    """

    def __init__(self, bank: Bank) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="qa-search-"))
        records = self.scratch / "records"
        records.mkdir()
        for q in bank.questions:
            (records / f"{q.id}.html").write_text(document(bank, q), encoding="utf-8")
        command = [str(pagefind()), "--site", str(records), "--output-path", str(self.scratch / FOLDER)]
        self.process = subprocess.Popen(
            [*command, "--force-language", "en", "--silent"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        atexit.register(self.discard)  # a build that fails before write_into leaves nothing behind

    def write_into(self, site_dir: Path) -> Path:
        """Wait for Pagefind and move what the browser needs into `site_dir/pagefind/`; that folder."""
        output, _ = self.process.communicate()
        if self.process.returncode:
            raise RuntimeError(f"pagefind failed ({self.process.returncode}):\n{output}")
        out = site_dir / FOLDER
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(self.scratch / FOLDER, out)
        for path in out.iterdir():
            if path.name not in KEEP and not (path.name.startswith("pagefind.") and path.suffix == ".pf_meta"):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        self.discard()
        return out

    def discard(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)
