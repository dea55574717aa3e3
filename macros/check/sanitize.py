"""The one gate for content safety: every contributor-written string is rendered once, here, and what
reaches a page is exactly the allow-listed HTML this module returns.

A field is rendered on its own (nothing it defines can reach another field) with the site's Markdown
extensions, then cleaned by nh3 (the binding of the ammonia sanitizer) with an explicit allow-list of
elements, attributes, classes and URL schemes. Anything the cleaner changed, or the field's Markdown
did that content may not do (raw HTML, a fence left open, a diagram fence, a link where the page
writes one), is a finding: the checker refuses the bank with file:line. The renderer places the
cleaned HTML into pages, the deck and the print page as it is: no Markdown parser sees it again.
Plain-text contexts (titles, meta tags, labels, exports) take `plain_text` of it, escaped where used.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
import nh3
import pymdownx.keymap_db
from markdown.blockparser import BlockParser
from markdown.extensions.abbr import AbbrBlockprocessor
from pygments.token import STANDARD_TYPES

from .. import rules


class Kind(Enum):
    """How a field is rendered and where it may be placed."""

    BLOCK = "block"  # paragraphs, lists, tables, code: answers, short answers, level descriptions
    INLINE = "inline"  # one paragraph's phrasing content: key points, hints, pitfalls, captions
    LABEL = "label"  # phrasing content placed inside a heading or a link: no links of its own
    PLAIN = "plain"  # text only, escaped wherever it goes: titles of levels and topics


# What content may contain once rendered: paragraphs, emphasis, code (Pygments spans), lists, tables,
# abbreviations (from the glossary), keys, links, definition lists, quotes.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "span", "div", "kbd", "abbr", "sub", "sup",
        "del", "ins", "mark", "small", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr", "th", "td", "a",
    }
)  # fmt: skip
INLINE_TAGS = frozenset(
    {"br", "em", "strong", "b", "i", "code", "span", "kbd", "abbr", "sub", "sup", "del", "ins", "mark", "small", "a"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
# Classes only Pygments, pymdownx.highlight and pymdownx.keys write; none the theme's interface or the
# guide's own controls use, so content cannot dress up as a dialog, a button or a progress mark.
# Pygments names a token's class by its type (`k`, `s2`) and, for a subtype it has no short name for,
# adds the subtype's names (`l-Scalar-Plain`).
PYGMENTS_CLASSES = frozenset(name for name in STANDARD_TYPES.values() if name)
PYGMENTS_SUBTYPE = re.compile(r"^(?P<base>[a-z0-9]+)(?:-[A-Z][A-Za-z0-9]*)+$")
KEY_CLASSES = frozenset(f"key-{name}" for name in pymdownx.keymap_db.keymap)
ALLOWED_CLASSES = {
    "div": frozenset({"highlight"}),
    "code": frozenset({"highlight"}),
    "span": PYGMENTS_CLASSES | {"keys"},
    "kbd": KEY_CLASSES,
}


def allowed_class(tag: str, name: str) -> bool:
    allowed = ALLOWED_CLASSES.get(tag, frozenset())
    if name in allowed:
        return True
    sub = PYGMENTS_SUBTYPE.match(name) if tag == "span" else None
    return bool(sub and sub["base"] in PYGMENTS_CLASSES)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep only allow-listed classes (every other attribute is already allow-listed by name)."""
    if attribute != "class":
        return value
    kept = [name for name in value.split() if allowed_class(tag, name)]
    return " ".join(kept) or None


URL_SCHEMES = frozenset({"http", "https", "mailto"})  # plus `#fragment` links within the page


def _same_page(url: str) -> str | None:
    """A relative URL is kept only as a `#fragment` on the same page: a path (`../x`, `/x`, `//host/x`) resolves
    differently on the level page, the permalink page, the print page and in the deck."""
    return url if url.startswith("#") else None


URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background"})

# The Markdown extensions of mkdocs.yml that can shape content HTML (test_sanitize keeps them in step),
# configured as the site configures them. Tables write `align` rather than a style attribute.
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
FENCE_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
START_TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9:-]*)")
ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=")
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# How deep elements may nest in a field (lists in lists, quotes in quotes): the bank's deepest is 4. Deeper
# nesting only serves to slow or break the parsers that read the page.
MAX_NESTING = 12
VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source", "track"})


@dataclass(frozen=True)
class Finding:
    """Something the allow-list does not permit, and how to fix it."""

    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.what}: {self.fix}"


@dataclass(frozen=True)
class Rendered:
    """A field as it reaches the page: the cleaned HTML, and what was wrong with it (empty when accepted)."""

    html: str
    findings: tuple[Finding, ...]

    @property
    def text(self) -> str:
        return plain_text(self.html)


class _Definitions(AbbrBlockprocessor):
    """The abbreviation block processor, noting the terms a field defines: only the glossary may define one
    (a field's `*[CI]: ...` would redefine CI for the rest of the field, unreviewed)."""

    def __init__(self, parser: BlockParser, abbrs: dict[str, str]) -> None:
        super().__init__(parser, abbrs)
        self.defined: list[str] = []

    def run(self, parent: Element, blocks: list[str]) -> bool:
        found = self.RE.search(blocks[0])
        handled = super().run(parent, blocks)
        if handled and found:
            self.defined.append(found["abbr"].strip())
        return handled


def _converter(glossary: tuple[tuple[str, str], ...], raw_html: bool) -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={"abbr": {"glossary": dict(glossary)}, "tables": {"use_align_attribute": True}},
    )
    abbr = md.parser.blockprocessors["abbr"]
    md.parser.blockprocessors.register(_Definitions(md.parser, abbr.abbrs), "abbr", 16)
    if not raw_html:  # the same Markdown with raw HTML read as text: a difference means the field used HTML
        md.inlinePatterns.deregister("html")
        md.preprocessors.deregister("html_block")
    return md


@cache
def _markdown(glossary: tuple[tuple[str, str], ...], raw_html: bool = True) -> markdown.Markdown:
    return _converter(glossary, raw_html)


@cache
def _strict() -> nh3.Cleaner:
    attributes = {"*": set()} | {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}  # no generic title, lang
    for tag in ALLOWED_CLASSES:
        attributes.setdefault(tag, set()).add("class")
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes=attributes,
        attribute_filter=_filter,
        url_schemes=set(URL_SCHEMES),
        url_relative=_same_page,
        link_rel=None,
        strip_comments=True,
    )


def clean(fragment: str) -> str:
    """The allow-listed part of an HTML fragment, serialised as browsers parse it (html5ever)."""
    return _strict().clean(fragment)


def normalised(fragment: str) -> str:
    """The fragment parsed and serialised by the same engine as `clean`, with nothing removed
    (every tag, attribute and URL scheme it names is allowed; schemes are read as a browser reads a URL:
    entities decoded, tabs, newlines and controls dropped)."""
    decoded = html.unescape(fragment)
    as_url = decoded if decoded.isprintable() else "".join(filter(str.isprintable, decoded))
    return nh3.clean(
        fragment,
        tags={t.lower() for t in START_TAG.findall(fragment)} | set(ALLOWED_TAGS),
        clean_content_tags=set(),
        attributes={"*": {a.lower() for a in ATTRIBUTE.findall(fragment)}},
        url_schemes={s.lower() for s in SCHEME.findall(as_url)} | set(URL_SCHEMES),
        link_rel=None,
        strip_comments=False,
    )


def to_html(text: str, glossary: tuple[tuple[str, str], ...] = (), raw_html: bool = True) -> str:
    """Markdown to HTML as the site's extensions render it (one converter per glossary, reset between uses)."""
    md = _markdown(glossary, raw_html)
    md.parser.blockprocessors["abbr"].defined.clear()
    return md.reset().convert(text)


def _definitions(glossary: tuple[tuple[str, str], ...]) -> list[Finding]:
    """The abbreviations the field last rendered with this glossary defined for itself."""
    return [
        Finding(f"an abbreviation definition `*[{term}]: ...`", "remove it; abbreviations are defined in the glossary only")
        for term in _markdown(glossary, True).parser.blockprocessors["abbr"].defined
    ]


class _Tags(HTMLParser):
    """Start tags of a fragment with their attributes, entities decoded as a browser decodes them, and how
    deep its elements nest (for a balanced, serialised fragment)."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.depth = self.deepest = 0
        self.feed(fragment)
        self.close()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_startendtag(tag, attrs)
        if tag not in VOID_TAGS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.depth -= 1


class _Text(HTMLParser):
    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment on one line (entities decoded): escape it wherever it goes."""
    return " ".join("".join(_Text(fragment).parts).split())


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
            "use a https:// or http:// link, a #anchor on the page or mailto: (other questions go in `related`)",
        )
    if name == "style":
        return Finding(f"a style attribute on <{tag}>", "remove it; content carries no styles (the theme styles everything)")
    if name.startswith("on"):
        return Finding(f"an event handler `{name}` on <{tag}>", "remove it; content cannot run script")
    if name == "class":
        return Finding(
            f"the class `{shown}` on <{tag}>",
            "remove it; content cannot take the classes of the page or its controls (code and keys are styled for you)",
        )
    return Finding(f"the attribute `{name}` on <{tag}>", "remove it; it is not on the allow-list of attributes")


def _removed(rendered: str, cleaned: _Tags) -> list[Finding]:
    """The elements and attributes the cleaner removed, named (entities decoded as a browser decodes them)."""
    original, kept = _Tags(rendered).tags, cleaned.tags
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
    return found


def _changes(rendered: str, cleaned: str, cleaned_tags: _Tags | None = None) -> list[Finding]:
    """Everything the cleaner changed: what it removed by name, or (if nothing nameable) that it changed the markup."""
    found = _removed(rendered, cleaned_tags or _Tags(cleaned))
    if not found and cleaned != normalised(rendered):
        found.append(Finding("markup the allow-list does not permit", "write plain Markdown"))
    return list(dict.fromkeys(found))


def findings(fragment: str) -> list[Finding]:
    """Everything the allow-list changes in an HTML fragment (nothing when it would pass unchanged)."""
    return _changes(fragment, clean(fragment))


def _fence_problems(text: str) -> list[Finding]:
    """Fences must close inside their field, and diagrams live only in `diagram`."""
    found = []
    opener: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        m = FENCE_LINE.match(line)
        if not m:
            continue
        fence = m["fence"]
        if opener is None:
            opener = (fence, number)
            if m["info"].strip().lstrip("{").strip().lower().startswith(("mermaid", ".mermaid")):
                found.append(Finding(f"a Mermaid fence on line {number}", "move the diagram into the question's `diagram` field"))
        elif fence[0] == opener[0][0] and len(fence) >= len(opener[0]) and not m["info"].strip():
            opener = None
    if opener is not None:
        found.append(
            Finding(
                f"a code fence opened on line {opener[1]} and never closed", f"close it with {opener[0]} on a line of its own"
            )
        )
    return found


def _raw_html(text: str, rendered: str, glossary: tuple[tuple[str, str], ...]) -> list[Finding]:
    """Raw HTML in Markdown: read by Markdown one way and by a browser another, so content may not use it."""
    if "<" not in text or rendered == to_html(text, glossary, raw_html=False):
        return []
    tags = sorted({t.lower() for t in START_TAG.findall(text)})
    named = ", ".join(f"<{t}>" for t in tags[:5]) or "markup"
    return [Finding(f"raw HTML ({named})", "write Markdown instead; content may not contain HTML (code goes in `backticks`)")]


def render(text: str, kind: Kind = Kind.BLOCK, glossary: tuple[tuple[str, str], ...] = ()) -> Rendered:
    """Render one field the way the site shows it and hold it to the allow-list (a field that breaks the
    renderer is a finding too, never an exception)."""
    if kind is Kind.PLAIN:
        return Rendered(html.escape(text.strip(), quote=False), tuple(_plain_problems(text)))
    try:
        rendered = to_html(text, glossary)
        found = _definitions(glossary) + _fence_problems(text) + _raw_html(text, rendered, glossary)
        cleaned = clean(rendered)
        kept = _Tags(cleaned)
        found += _changes(rendered, cleaned, kept) + _nesting(kept) + _hidden_characters(text, cleaned)
        if kind is not Kind.BLOCK:
            cleaned, inline_found = _inline(cleaned, kind)
            found += inline_found
    except Exception as err:  # a field that breaks the renderer is the contributor's to fix, told as a finding
        _markdown.cache_clear()  # a converter that raised mid-document keeps its half-built state
        if isinstance(err, RecursionError):
            return Rendered(
                "", (Finding("markup nested too deeply to render", f"nest lists and quotes at most {MAX_NESTING} deep"),)
            )
        return Rendered("", (Finding(f"text the renderer fails on ({type(err).__name__})", "simplify the Markdown around it"),))
    return Rendered(cleaned, tuple(dict.fromkeys(found)))


def _nesting(cleaned: _Tags) -> list[Finding]:
    """Elements nested deeper than MAX_NESTING."""
    deepest = cleaned.deepest
    if deepest <= MAX_NESTING:
        return []
    return [
        Finding(f"elements nested {deepest} deep", f"nest lists and quotes at most {MAX_NESTING} deep (flatten the structure)")
    ]


def _hidden_characters(text: str, cleaned: str) -> list[Finding]:
    """Characters no field may hold, in what the page shows (entities such as `&#x202E;` decoded); those the
    field holds as written are reported at their line by the loader and the checker."""
    bad = rules.FORBIDDEN_CHARACTERS.search(html.unescape(cleaned))
    if bad is None or rules.FORBIDDEN_CHARACTERS.search(text):
        return []
    return [
        Finding(
            f"the character {rules.character_name(bad.group())}, written as an entity",
            "delete the entity; the character hides or reorders the text around it",
        )
    ]


def _inline(fragment: str, kind: Kind) -> tuple[str, list[Finding]]:
    """One paragraph's phrasing content, without its <p>; a label also without links."""
    inner = fragment.strip()
    if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
        inner = inner[3:-4]
    blocks = sorted({tag for tag, _ in _Tags(inner).tags if tag not in INLINE_TAGS})
    found = []
    if blocks:
        found.append(
            Finding(
                f"block markup ({', '.join(f'<{t}>' for t in blocks)})",
                "write one line of text: no lists, paragraphs, tables or code blocks here",
            )
        )
    if kind is Kind.LABEL and any(tag == "a" for tag, _ in _Tags(inner).tags):
        found.append(Finding("a link", "remove it; this text is shown inside a heading or a link of the page"))
    return inner, found


# Titles of levels and topics are plain text in the page title, the navigation, meta tags and labels:
# letters, digits, spaces and the punctuation a title needs, nothing a parser could read as markup.
PLAIN_TITLE = re.compile(r"^[\w ,.:;!?'()/+%–—-]+$")


def _plain_problems(text: str) -> list[Finding]:
    if PLAIN_TITLE.match(text.strip()):
        return []
    tags = sorted({t.lower() for t in START_TAG.findall(text)})
    if tags:
        return [Finding(f"markup ({', '.join(f'<{t}>' for t in tags[:5])})", "write the title as plain text")]
    bad = sorted({ch for ch in text.strip() if not PLAIN_TITLE.match(ch)})
    shown = " ".join(repr(ch) for ch in bad[:8])
    return [Finding(f"characters a title may not have ({shown})", "use letters, digits, spaces and , . : ; ! ? ' ( ) / + % -")]


def markdown_findings(text: str, glossary: tuple[tuple[str, str], ...] = ()) -> list[Finding]:
    """Findings in one block Markdown field, rendered as the site renders it."""
    return list(render(text, Kind.BLOCK, glossary).findings)
