"""MkDocs hook (mkdocs.yml `hooks:`): put the bank's HTML into each page after its Markdown is rendered.

The macros (glue.py) leave a placeholder `<div data-qa-slot="N"></div>` in the page's Markdown and keep
the HTML on the page object; here each placeholder is replaced by that HTML, in one pass (what is put
in is not searched again), and the page gets the table of contents of the questions it now holds.
No Markdown parser ever reads the bank's HTML: it reaches the page as the checker emitted it.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.toc import get_toc

SLOTS = "qa_slots"
TOC = "qa_toc"
PLACEHOLDER = re.compile(r'<div data-qa-slot="(\d+)"></div>')


def on_page_content(html: str, page: Any, **_: Any) -> str:
    slots: dict[str, str] = page.__dict__.pop(SLOTS, {})
    toc = page.__dict__.pop(TOC, None)
    if toc is not None:
        page.toc = get_toc(toc)
    if not slots:
        return html
    missing = set(slots) - set(PLACEHOLDER.findall(html))
    if missing:
        raise ValueError(f"{page.file.src_uri}: the Markdown around a macro swallowed its placeholder (slots {sorted(missing)})")
    return PLACEHOLDER.sub(lambda m: slots[m.group(1)], html)
