"""The permanent /q/<id>/ pages: plain HTML that sends the browser to the question."""

from __future__ import annotations

import html

from ..check.sanitize import plain_text
from ..load.bank import Question
from .export import question_url

SITE_NAME = "MLOps Interview Guide"


def plain(fragment: str, limit: int = 200) -> str:
    """A field's checked HTML as one line of plain text, cut at a word boundary (escape it where it goes)."""
    text = plain_text(fragment)
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",.;:") + "…"


def permalink_page(q: Question, site_url: str, qid: str | None = None) -> str:
    """HTML for /q/<qid>/ (the question's id or one of its aliases): meta refresh plus canonical link."""
    target = "../../" + question_url(q)
    canonical = (site_url + question_url(q)) if site_url else target
    title = html.escape(f"Q{q.number}. {plain_text(q.html.question)}")
    description = html.escape(plain(q.html.short_answer))
    here = html.escape(f"{site_url}q/{qid or q.id}/") if site_url else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {SITE_NAME}</title>
<meta name="description" content="{description}">
<link rel="canonical" href="{html.escape(canonical)}">
<link rel="icon" href="../../assets/images/favicon.png">
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
