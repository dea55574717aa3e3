"""The second wall: a Content-Security-Policy on every built page.

GitHub Pages cannot send headers, so the policy is a <meta http-equiv> placed first in each
page's <head>. It allows the site's own scripts, styles, images, fonts and workers and no
other host. Inline scripts run only if their SHA-256 is listed: the hashes are taken from
the theme's own inline scripts (everything outside the page's <article>, where content
lives), so a script that slipped into content still cannot run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

META_NAME = "Content-Security-Policy"
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""")


def policy(script_hashes: Iterable[str]) -> str:
    """The policy text: own origin only; inline scripts only by hash; styles inline (Mermaid's SVG needs them)."""
    hashes = " ".join(f"'{h}'" for h in sorted(set(script_hashes)))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}".rstrip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            # the quiz plays back the reader's own recording from a blob: URL made in the page
            "media-src 'self' blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def sha256(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def theme_script_hashes(page: str) -> set[str]:
    """Hashes of the inline, executable scripts of a page outside its <article>."""
    outside = ARTICLE.sub("", page)
    hashes = set()
    for match in SCRIPT.finditer(outside):
        attrs = match["attrs"]
        kind = TYPE.search(attrs)
        if "src=" in attrs or (kind and kind.group(1).lower() not in EXECUTABLE_TYPES):
            continue
        hashes.add(sha256(match["body"]))
    return hashes


def meta(policy_text: str) -> str:
    return f'<meta http-equiv="{META_NAME}" content="{policy_text}">'


def apply(site_dir: Path) -> str:
    """Put one policy, allowing the union of the theme's inline scripts, first in every page's <head>."""
    pages = {path: path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html")}
    text = policy(h for page in pages.values() for h in theme_script_hashes(page))
    tag = meta(text)
    for path, page in pages.items():
        head = page.find("<head>")
        if head < 0:
            raise ValueError(f"{path} has no <head>: cannot add the Content-Security-Policy")
        path.write_text(page[: head + 6] + "\n" + tag + page[head + 6 :], encoding="utf-8")
    return text
