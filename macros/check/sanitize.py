"""The one gate for content safety: render what the bank renders, hold it against an allow-list.

Every text field is rendered to HTML with the site's own Markdown extensions, then cleaned
by nh3 (the Python binding of the ammonia sanitizer) with an explicit allow-list of the
elements, attributes and URL schemes the guide produces. Whatever nh3 had to remove is a
finding. The renderer trusts only a bank without findings; the Content-Security-Policy on
every page (csp.py) is the second wall.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import markdown
import nh3

# What the renderer emits for answers today: paragraphs, emphasis, code (Pygments spans),
# lists, tables, abbreviations, keys, links, definition lists, quotes.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "span", "div", "kbd", "abbr", "sub", "sup",
        "del", "ins", "mark", "small", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr", "th", "td", "a",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "code": {"class"},  # Pygments and fenced-code language classes
    "span": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "kbd": {"class"},  # pymdownx.keys: key-enter, ...
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})  # plus relative links inside the site
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background"})

# The Markdown extensions of mkdocs.yml that can shape content HTML (test_sanitize keeps them in step).
# Code blocks are rendered without Pygments here: the fence's text is escaped either way, and without
# Pygments superfences keeps every attribute written on a fence, so the check is the stricter of the two.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.superfences",
]
EXTENSION_CONFIGS = {"pymdownx.highlight": {"use_pygments": False}}


@dataclass(frozen=True)
class Finding:
    """Something the allow-list does not permit, and how to fix it."""

    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.what}: {self.fix}"


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def to_html(text: str) -> str:
    """Markdown to HTML as the site's extensions render it (one converter, reset between uses)."""
    return _markdown().reset().convert(text)


def clean(html: str) -> str:
    """The allow-listed part of an HTML fragment."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


class _StartTags(HTMLParser):
    """Start tags of a fragment with their attributes, entities decoded as a browser decodes them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def _describe_tag(tag: str) -> Finding:
    if tag in {"img", "picture", "source", "video", "audio", "track", "iframe", "frame", "object", "embed", "link"}:
        fix = "remove it; nothing in an answer may load from anywhere (describe it, or link to it with [text](https://...))"
    elif tag in {"script", "style", "template", "noscript"}:
        fix = "remove it; answers are Markdown, and scripts and styles are not allowed in content"
    elif tag in {"meta", "base", "form", "input", "button", "textarea", "select"}:
        fix = "remove it; content cannot redirect, change links or collect input"
    else:
        fix = "remove it or write the Markdown equivalent (allowed: " + ", ".join(sorted(ALLOWED_TAGS)) + ")"
    return Finding(f"a <{tag}> element", fix)


def _describe_attribute(tag: str, name: str, value: str) -> Finding:
    shown = value if len(value) <= 60 else value[:57] + "..."
    if name in URL_ATTRIBUTES:
        return Finding(
            f"a <{tag}> {name} to `{shown}`",
            "use a https:// or http:// link, a relative link inside the site, #anchor or mailto:",
        )
    if name == "style":
        return Finding(f"a style attribute on <{tag}>", "remove it; content carries no styles (the theme styles everything)")
    if name.startswith("on"):
        return Finding(f"an event handler `{name}` on <{tag}>", "remove it; content cannot run script")
    return Finding(f"the attribute `{name}` on <{tag}>", "remove it; it is not on the allow-list of attributes")


def findings(html: str) -> list[Finding]:
    """Everything the allow-list removes from an HTML fragment."""
    cleaned = clean(html)
    original, kept = _StartTags(html).tags, _StartTags(cleaned).tags
    found: list[Finding] = []
    j = 0
    for tag, attrs in original:
        if tag not in ALLOWED_TAGS:
            found.append(_describe_tag(tag))
            continue
        while j < len(kept) and kept[j][0] != tag:
            j += 1
        kept_attrs = set(kept[j][1]) if j < len(kept) else set()
        j += 1
        found.extend(_describe_attribute(tag, name, value) for name, value in attrs if (name, value) not in kept_attrs)
    if not found and _StartTags(cleaned).tags != original:
        found.append(Finding("markup the allow-list does not permit", "write plain Markdown"))
    return list(dict.fromkeys(found))


def markdown_findings(text: str) -> list[Finding]:
    """Findings in one Markdown field, rendered as the site renders it."""
    return findings(to_html(text))


# Mermaid: the diagram's source is text for Mermaid (securityLevel strict), never HTML for the page.
# These constructs reach past the diagram: scripted or outside links, and configuration that could
# lower the security level. Line breaks in labels (<br>) are the only markup diagrams use.
def diagram_findings(source: str) -> Iterator[Finding]:
    """What a diagram's Mermaid source may not contain."""
    for number, line in enumerate(source.splitlines(), start=1):
        words = line.strip().split()
        lowered = line.lower()
        if words and words[0] == "click":
            yield Finding(f"a `click` directive on line {number} of the diagram", "remove it; diagrams are not interactive")
        if "%%{" in line or "init:" in lowered.replace(" ", ""):
            yield Finding(
                f"a Mermaid directive `%%{{...}}%%` on line {number} of the diagram",
                "remove it; the site sets Mermaid's configuration (and its security level)",
            )
        for scheme in _schemes(line, link_line=bool(words) and (words[0] in LINK_KEYWORDS or "$link" in line or "href" in words)):
            yield Finding(
                f"a `{scheme}:` link on line {number} of the diagram", "remove it; diagrams carry no links but https:// ones"
            )
        stripped = line
        for allowed in ("<br>", "<br/>", "<br />"):
            stripped = stripped.replace(allowed, "")
        for tag, _attrs in _StartTags(stripped).tags:
            yield Finding(
                f"a <{tag}> element on line {number} of the diagram", "remove it; use <br> for a line break, nothing else"
            )


LINK_KEYWORDS = frozenset({"link", "links"})  # sequence-diagram actor menus
SCRIPT_SCHEMES = ("javascript:", "vbscript:")


def _schemes(line: str, link_line: bool) -> Iterator[str]:
    """Non-http(s) schemes in a line, judged as a browser would: entities decoded, whitespace and controls removed.

    Script schemes are refused anywhere; on a line that makes a link, any scheme but http(s).
    """
    decoded = "".join(_Text(line).parts).lower()
    squeezed = "".join(ch for ch in decoded if ch.isprintable() and not ch.isspace())
    for scheme in SCRIPT_SCHEMES:
        if scheme in squeezed:
            yield scheme[:-1]
    if link_line:
        for token in decoded.replace('"', " ").replace("'", " ").replace("@", " ").split():
            scheme, sep, _ = token.partition(":")
            if sep and scheme.isalpha() and scheme not in {"http", "https", *(s[:-1] for s in SCRIPT_SCHEMES)}:
                yield scheme


class _Text(HTMLParser):
    """A line's text with entities decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(text)
        self.close()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
