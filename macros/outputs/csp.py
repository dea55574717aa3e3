"""The second wall: a Content-Security-Policy on every built page, and an audit of what the pages carry.

GitHub Pages cannot send headers, so the policy is a <meta http-equiv> placed first in each page's
<head> (after the charset declaration, which must come within its first 1,024 bytes). It allows the site's own scripts, styles, images, fonts and workers and no other host.

Inline scripts run only if their SHA-256 is listed, and the list comes from the theme's templates and
the guide's own overrides (rendered with the values they take on this site: the relative path to the
site root at each depth), never from the built pages. A script that reached a page any other way
cannot run, and the build refuses it: `apply` audits every page for inline scripts outside the list,
meta refreshes, <base>, event-handler attributes and script links, and fails with the page's name.

What each allowance is for:
- `script-src 'self'` and hashes: the theme's bundle, the guide's scripts, the theme's inline bootstraps.
  `'wasm-unsafe-eval'`: search (Pagefind) runs as WebAssembly, which the browser compiles only with it.
  It allows compiling WebAssembly, not evaluating JavaScript strings (`eval`, `new Function` stay
  refused), and only code that the site's own scripts fetch: a contributor's text cannot ship or start
  any (README "Search").
- `style-src 'self' 'unsafe-inline'`: Mermaid writes a <style> element and style attributes into every
  diagram it draws (their text differs per diagram, so no hash can list them), and Material sets style
  attributes on the page as it lays it out. Content cannot use this: the allow-list refuses <style>,
  style attributes and every class of the theme's interface in the bank.
- `img-src 'self' data:`: the theme's icons and Mermaid's markers are data: URLs.
- `base-uri 'none'`, `form-action 'none'`, `object-src 'none'`, `frame-src 'none'`: nothing on the site
  needs them, so nothing can use them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2

META_NAME = "Content-Security-Policy"
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
CHARSET = re.compile(r'\s*<meta charset="utf-8">', re.I)
MAX_DEPTH = 6  # pages are at most this many folders below the site root


def policy(script_hashes: Iterable[str]) -> str:
    """The policy text: own origin only; inline scripts only by hash."""
    hashes = " ".join(f"'{h}'" for h in sorted(set(script_hashes)))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}".rstrip(),
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
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def sha256(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def executable(attrs: str) -> bool:
    """An inline script the browser runs: no src, and a JavaScript type or none."""
    kind = TYPE.search(attrs)
    return "src=" not in attrs.lower() and not (kind and kind.group(1).lower() not in EXECUTABLE_TYPES)


def template_scripts(theme_dirs: Iterable[Path], context: dict[str, Any]) -> set[str]:
    """The bodies of every inline script in the theme's templates, rendered with `context`."""
    env = jinja2.Environment(undefined=jinja2.ChainableUndefined, keep_trailing_newline=True)
    bodies = set()
    for folder in theme_dirs:
        for template in Path(folder).rglob("*.html"):
            for match in SCRIPT.finditer(template.read_text(encoding="utf-8")):
                if executable(match["attrs"]):
                    bodies.add(env.from_string(match["body"]).render(**context))
    return bodies


def theme_hashes(theme_dirs: Iterable[Path], config: Any, site_url: str) -> set[str]:
    """Hashes of the theme's inline scripts as every page of this site can carry them.

    The only value they take from the page is `base_url`: the relative path to the site root at each
    depth, or the site's absolute path (on the 404 page, which may be served anywhere).
    """
    folders = list(theme_dirs)
    roots = [".", *("/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)), urlparse(site_url).path or "/"]
    features = list(config.get("theme", {}).get("features", []) or [])
    return {
        sha256(body)
        for base_url in roots
        for body in template_scripts(folders, {"config": config, "base_url": base_url, "features": features})
    }


class _Audit(HTMLParser):
    """What a built page may not carry, whatever put it there."""

    def __init__(self, allowed: set[str], permalink: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.permalink = permalink
        self.problems: list[str] = []
        self.script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            raw = " ".join(f'{k}="{v}"' for k, v in values.items())
            self.script = (raw, [])
        if tag == "base":
            self.problems.append("a <base> element")
        equiv = values.get("http-equiv", "").lower()
        if tag == "meta" and equiv not in {"", META_NAME.lower()} and not (self.permalink and equiv == "refresh"):
            self.problems.append(f"a <meta http-equiv={values['http-equiv']!r}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"an event handler `{name}` on <{tag}>")
            squeezed = "".join(ch for ch in value.lower() if ch.isprintable() and not ch.isspace())
            if name in {"href", "src", "action", "formaction", "xlink:href"} and squeezed.startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                self.problems.append(f"a script link in <{tag} {name}>")

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            attrs, body = self.script
            self.script = None
            if executable(attrs) and sha256("".join(body)) not in self.allowed:
                self.problems.append(f"an inline script that is not the theme's: {''.join(body)[:60]!r}")


def audit(page: str, allowed: set[str], permalink: bool = False) -> list[str]:
    """Everything a built page carries that no page of the guide may carry."""
    parser = _Audit(allowed, permalink)
    parser.feed(page)
    parser.close()
    return list(dict.fromkeys(parser.problems))


def meta(policy_text: str) -> str:
    return f'<meta http-equiv="{META_NAME}" content="{policy_text}">'


def apply(site_dir: Path, theme_dirs: Iterable[Path], config: Any, site_url: str) -> str:
    """Audit every page, then put the one policy first in every page's <head>; refuse a page that fails."""
    allowed = theme_hashes(theme_dirs, config, site_url)
    text = policy(allowed)
    tag = meta(text)
    pages = {path: path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html")}
    problems = [
        f"{path.relative_to(site_dir)}: {problem}"
        for path, page in pages.items()
        for problem in audit(page, allowed, permalink=path.relative_to(site_dir).parts[:1] == ("q",))
    ]
    if problems:
        raise ValueError("built pages carry what no page may carry:\n" + "\n".join(problems))
    for path, page in pages.items():
        head = page.find("<head>")
        if head < 0:
            raise ValueError(f"{path} has no <head>: cannot add the Content-Security-Policy")
        # After the charset declaration when it opens the head: browsers look for it in the first
        # 1,024 bytes, and the policy (with its hashes) is longer. It declares no script, so the policy
        # still comes before anything it governs.
        at = head + 6
        charset = CHARSET.match(page, at)
        if charset:
            at = charset.end()
        path.write_text(page[:at] + "\n" + tag + page[at:], encoding="utf-8")
    return text
