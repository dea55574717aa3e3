"""The permanent /q/<id>/ pages: plain HTML that sends the browser to the question."""

from __future__ import annotations

import html
import re

from ..load.bank import Question
from .export import question_url

SITE_NAME = "MLOps Interview Guide"


def plain(markdown_text: str, limit: int = 200) -> str:
    """Markdown reduced to one line of plain text, cut at a word boundary."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"[*_`#>]", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",.;:") + "…"


def permalink_page(q: Question, site_url: str, qid: str | None = None) -> str:
    """HTML for /q/<qid>/ (the question's id or one of its aliases): meta refresh plus canonical link."""
    target = "../../" + question_url(q)
    canonical = (site_url + question_url(q)) if site_url else target
    title = html.escape(f"Q{q.number}. {q.question}")
    description = html.escape(plain(q.short_answer))
    here = html.escape(f"{site_url}q/{qid or q.id}/") if site_url else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {SITE_NAME}</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{html.escape(canonical)}">
<meta http-equiv="refresh" content="0; url={html.escape(target)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:url" content="{here}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{title}">
<meta name="twitter:description" content="{description}">
</head>
<body>
<p>Opening <a href="{html.escape(target)}">{title}</a>…</p>
</body>
</html>
"""
