"""No broken internal links: every href and src in the built site resolves to a file and an element."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.build
SITE_ROOT = "http://site.test/guide/"


class Links(HTMLParser):
    """The link targets and element ids of one page (and its <base>, if any)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()
        self.refresh: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in {"canonical", "alternate"}):
                self.targets.append(a[key])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = (a.get("content") or "").split("url=", 1)[-1]


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return SITE_ROOT + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolve(site: Path, url: str) -> Path | None:
    """The file a same-site URL serves, or None when it is outside the site."""
    if not url.startswith(SITE_ROOT):
        return None
    rel = unquote(urlsplit(url).path[len(urlsplit(SITE_ROOT).path) :])
    target = site / rel
    return target / "index.html" if rel == "" or rel.endswith("/") or target.is_dir() else target


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = {path: Links(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}
    by_file = {path.resolve(): links for path, links in pages.items()}
    broken: list[str] = []
    checked = 0
    for path, links in pages.items():
        if path.name == "404.html":  # served at any depth; its links are rooted at site_url
            continue
        base = page_url(site, path)
        for raw in [*links.targets, *([links.refresh] if links.refresh else [])]:
            if raw.startswith(("mailto:", "data:", "javascript:")):
                continue
            url = urljoin(base, raw)
            target = resolve(site, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {raw} -> missing {target.relative_to(site)}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in by_file[target.resolve()].ids:
                broken.append(f"{path.relative_to(site)}: {raw} -> no element #{fragment}")
    assert checked > 1000, "the checker found too few links to be looking at the site"
    assert not broken, "\n".join(broken[:50])


def test_every_reference_url_is_well_formed(site: Path) -> None:
    for q in json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]:
        for ref in q["references"]:
            parts = urlsplit(ref["url"])
            assert parts.scheme in {"http", "https"} and "." in parts.netloc and " " not in ref["url"], (q["id"], ref)
