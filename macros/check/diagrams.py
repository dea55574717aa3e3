"""Diagram rules: what a Mermaid source may contain, and how wide it may draw.

Safety. A diagram's source is text for Mermaid (run with securityLevel "strict"), never HTML for the
page. The rules read the whole source as Mermaid will, after its entity codes (`#lt;`, `#60;`) and HTML
entities are decoded and with `;` separating statements, so a tag split across lines or an encoded
`javascript:` is seen: no `click`, no node metadata `@{...}` (which loads images and icons), no
`%%{init}%%` directive or front-matter configuration, no script links, no HTML but `<br>`, no hidden
characters, and `style`, `classDef` and `linkStyle` only with plain colours and widths (keywords in any case).

Width. How wide a diagram draws, counted from its source: the node budget the checker enforces.

A diagram is read inline at the width of the page: on a 360 px phone the article is about 330 px, on a
1280 px laptop about 660 px. Mermaid draws labels at 16 px and wraps them at about 200 px, so a node
with the space around it takes 250 to 300 px: a left-to-right flowchart of seven steps draws about
2,000 px wide, and shrunk to a laptop's page its labels are 5 px. Inline, the site never shrinks a
diagram below readable labels (it scrolls sideways instead); the budget keeps new diagrams narrow
enough to read on a laptop without scrolling or zoom:

- a flowchart drawn left to right (LR, RL) has at most `MAX_RANKS_ACROSS` nodes along its longest path;
- a flowchart drawn top to bottom (TB, TD, BT) and a state diagram have at most `MAX_NODES_PER_RANK`
  nodes side by side in any rank;
- a sequence diagram has at most `MAX_PARTICIPANTS` participants.

Ranks are counted as Mermaid's layout (dagre) assigns them: edges that close a cycle are set aside,
then each node sits one rank after the furthest node with an edge into it.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from html.entities import name2codepoint
from html.parser import HTMLParser

from .. import rules
from .sanitize import Finding

MAX_RANKS_ACROSS = 4
MAX_NODES_PER_RANK = 3
MAX_PARTICIPANTS = 5

# A node reference: an id, optionally followed by its shape and label ([..], (..), {..}, >..], ((..)), [[..]], ...).
_SHAPE = r"(?:\[\[.*?\]\]|\[\(.*?\)\]|\(\(.*?\)\)|\(\[.*?\]\)|\[/.*?/\]|\[\\.*?\\\]|\[.*?\]|\(.*?\)|\{\{.*?\}\}|\{.*?\}|>.*?\])"
_NODE = re.compile(rf"\s*(?P<id>[A-Za-z0-9_][\w-]*)\s*(?:{_SHAPE})?(?::::\w+)?\s*")
# An edge between two node groups: -->, ---, -.->, ==>, --o, --x, <-->, with an optional |label| or -- label -->.
_ARROW = re.compile(
    r"\s*(?:<?(?:-{2,}|={2,}|-\.+-?)(?:[^|>\n-][^>\n]*?(?:-{2,}|={2,}|\.-))?[->ox]?|<?-\.+->?)\s*(?:\|[^|]*\|)?\s*"
)
_STATE_EDGE = re.compile(r"^\s*(\[\*\]|[\w.-]+)\s*-->\s*(\[\*\]|[\w.-]+)")
_PARTICIPANT = re.compile(r"^\s*(?:participant|actor)\s+(\S+)")
_MESSAGE = re.compile(r"^\s*([\w-]+)\s*(?:-{1,2}>>?|-{1,2}[x)]|<<?-{1,2}>>?)[+-]?\s*([\w-]+)\s*:")
_KEYWORDS = frozenset({"subgraph", "end", "direction", "classdef", "class", "style", "linkstyle", "click", "note", "%%"})


@dataclass(frozen=True)
class Shape:
    """What the budget looks at: the direction, ranks across and the widest rank."""

    kind: str
    direction: str
    ranks: int
    widest_rank: int
    participants: int = 0


def _groups(line: str) -> list[list[str]] | None:
    """A flowchart statement as its node groups in order (`A & B --> C` is [[A, B], [C]]), or None."""
    groups: list[list[str]] = []
    rest = line
    while rest.strip():
        group = []
        while True:
            match = _NODE.match(rest)
            if not match:
                return groups or None
            group.append(match["id"])
            rest = rest[match.end() :]
            if rest.startswith("&"):
                rest = rest[1:]
                continue
            break
        groups.append(group)
        arrow = _ARROW.match(rest)
        if not rest.strip() or not arrow or not arrow.group().strip():
            break
        rest = rest[arrow.end() :]
    return groups


def _ranks(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering after removing the edges that close a cycle (found by depth-first search, as dagre does)."""
    out: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        if a != b and b not in out[a]:
            out[a].append(b)
    state: dict[str, int] = {}  # 1 on the search path, 2 done
    order: list[str] = []
    back: set[tuple[str, str]] = set()
    for start in nodes:
        if start in state:
            continue
        stack = [(start, iter(out[start]))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out[child])))
    rank = dict.fromkeys(nodes, 0)
    for node in reversed(order):  # reverse post-order is a topological order of the acyclic rest
        for child in out[node]:
            if (node, child) not in back:
                rank[child] = max(rank[child], rank[node] + 1)
    return rank


def shape(source: str) -> Shape | None:
    """The drawn shape of a flowchart, state or sequence diagram; None for other kinds."""
    lines = [line.split("%%")[0].rstrip() for line in source.splitlines()]
    head = lines[0].split() if lines else []
    kind = head[0] if head else ""
    if kind == "sequenceDiagram":
        named = {m[1] for line in lines if (m := _PARTICIPANT.match(line))}
        for line in lines:
            if m := _MESSAGE.match(line):
                named.update((m[1], m[2]))
        return Shape(kind, "LR", 0, 0, len(named))
    if kind in {"stateDiagram", "stateDiagram-v2"}:
        direction = next((line.split()[1] for line in lines if line.strip().startswith("direction ")), "TB")
        edges = [(m[1], m[2]) for line in lines if (m := _STATE_EDGE.match(line))]
        nodes = list(dict.fromkeys(n for edge in edges for n in edge))
        return _shape(kind, direction, nodes, edges)
    if kind not in {"flowchart", "graph"}:
        return None
    direction = head[1] if len(head) > 1 else "TB"
    nodes: list[str] = []
    edges: list[tuple[str, str]] = []
    for line in lines[1:]:
        words = line.split()
        if not words or words[0].lower() in _KEYWORDS or words[0].startswith("%%"):
            continue
        groups = _groups(line)
        if not groups:
            continue
        for group in groups:
            nodes.extend(group)
        for left, right in itertools.pairwise(groups):
            edges.extend((a, b) for a in left for b in right)
    return _shape(kind, direction, list(dict.fromkeys(nodes)), edges)


def _shape(kind: str, direction: str, nodes: list[str], edges: list[tuple[str, str]]) -> Shape:
    rank = _ranks(nodes, edges)
    per_rank: dict[int, int] = defaultdict(int)
    for node in nodes:
        per_rank[rank[node]] += 1
    return Shape(
        kind, direction.upper().replace("TD", "TB"), max(rank.values(), default=0) + 1, max(per_rank.values(), default=0)
    )


def budget_problem(source: str) -> str | None:
    """Why a diagram draws too wide to read on a laptop, with the fix; None within the budget."""
    drawn = shape(source)
    if drawn is None:
        return None
    if drawn.kind == "sequenceDiagram":
        if drawn.participants > MAX_PARTICIPANTS:
            return (
                f"has {drawn.participants} participants side by side: keep to {MAX_PARTICIPANTS} "
                "(merge actors, or split the exchange into two diagrams)"
            )
        return None
    if drawn.direction in {"LR", "RL"} and drawn.ranks > MAX_RANKS_ACROSS:
        return (
            f"draws {drawn.ranks} nodes across (its longest left-to-right path): keep to {MAX_RANKS_ACROSS} "
            "so labels stay readable on a laptop; draw it top to bottom (`flowchart TB`) or group steps into one node"
        )
    if drawn.direction in {"TB", "BT"} and drawn.widest_rank > MAX_NODES_PER_RANK:
        return (
            f"draws {drawn.widest_rank} nodes side by side in one rank: keep to {MAX_NODES_PER_RANK} "
            "so labels stay readable on a laptop; chain some of them, or group them into one node"
        )
    return None


# ------------------------------------------------------------------ safety


MERMAID_ENTITY = re.compile(r"#(\d+|[a-zA-Z]+);")
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Mermaid reads its keywords in any case (`CLICK`, `classdef`): they are compared lowercased.
LINK_KEYWORDS = frozenset({"link", "links"})  # sequence-diagram actor menus
STYLE_KEYWORDS = frozenset({"style", "classdef", "linkstyle"})
METADATA = re.compile(r"@\s*\{")  # node and edge metadata (Mermaid 11): `A@{ img: "https://...", shape: ... }`
STYLE_PROPERTIES = frozenset({"fill", "stroke", "stroke-width", "stroke-dasharray", "color", "font-weight", "font-style"})
STYLE_VALUE = re.compile(
    r"^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]+|\d+(?:\.\d+)?(?:px|em)?(?:\s+\d+(?:\.\d+)?(?:px)?)*|rgba?\([\d\s.,%]+\))$"
)
RESERVED_CLASS = re.compile(r"(?:^|[\s,:])(md-|qa-)[\w-]*")
BREAKS = ("<br>", "<br/>", "<br />")


def _mermaid_codes(text: str) -> str:
    def code(match: re.Match[str]) -> str:
        value = match.group(1)
        if value.isdigit():
            return chr(int(value)) if int(value) < 0x110000 else match.group(0)
        return chr(name2codepoint[value]) if value in name2codepoint else match.group(0)

    return MERMAID_ENTITY.sub(code, text)


def decodings(source: str) -> list[str]:
    """The source as Mermaid and then the browser may read it: its entity codes (`#lt;`, `#60;`) and HTML
    entities decoded in either order, twice, for codes nested in one another."""
    readings = []
    for first, second in ((_mermaid_codes, html.unescape), (html.unescape, _mermaid_codes)):
        text = source
        for _ in range(2):
            text = second(first(text))
        readings.append(text)
    return list(dict.fromkeys(readings))


def statements(source: str) -> Iterator[tuple[int, str]]:
    """(line number, statement) for every `;`-separated statement of every decoding of the source; a `style`,
    `classDef` or `linkStyle` statement runs to the end of its line (a `;` in it separates declarations)."""
    for decoded in decodings(source):
        for number, line in enumerate(decoded.splitlines(), start=1):
            parts = line.split(";")
            for k, part in enumerate(parts):
                if part.split()[:1] and part.split()[0].lower() in STYLE_KEYWORDS:
                    yield number, ";".join(parts[k:]).strip()
                    break
                if part.strip():
                    yield number, part.strip()


class _Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, int]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, self.getpos()[0]))

    handle_startendtag = handle_starttag


def diagram_findings(source: str) -> list[Finding]:
    """What a diagram's Mermaid source may not contain (each finding once)."""
    return list(dict.fromkeys(_findings(source)))


def _findings(source: str) -> Iterator[Finding]:
    if source.lstrip().startswith("---"):
        yield Finding("a front-matter block (---) in the diagram", "remove it; the site sets Mermaid's configuration")
    for number, text in statements(source):
        words = text.split()
        lowered = text.lower()
        keyword = words[0].lower()
        if keyword == "click":
            yield Finding(f"a `click` directive on line {number} of the diagram", "remove it; diagrams are not interactive")
        if "%%{" in text or "init:" in lowered.replace(" ", ""):
            yield Finding(
                f"a Mermaid directive `%%{{...}}%%` on line {number} of the diagram",
                "remove it; the site sets Mermaid's configuration (and its security level)",
            )
        if METADATA.search(text):
            yield Finding(
                f"node or edge metadata `@{{...}}` on line {number} of the diagram",
                "remove it; write the shape with brackets and the label as text (metadata can load images and icons)",
            )
        link_line = keyword in LINK_KEYWORDS or "$link" in lowered or "href" in lowered.split()
        for scheme in _schemes(text, link_line=link_line):
            yield Finding(
                f"a `{scheme}:` link on line {number} of the diagram", "remove it; diagrams carry no links but https:// ones"
            )
        if keyword in STYLE_KEYWORDS:
            yield from _style_findings(number, words)
        if (keyword in {"class", "classdef"} or ":::" in text) and RESERVED_CLASS.search(text.replace(":::", " ")):
            yield Finding(
                f"a class named like the page's own (md-, qa-) on line {number} of the diagram",
                "rename it; diagram classes may not borrow the site's class names",
            )
    yield from _hidden_characters(source)
    for decoded in decodings(source):
        stripped = decoded
        for allowed in BREAKS:
            stripped = stripped.replace(allowed, " ")
        for tag, number in _Tags(stripped).tags:
            yield Finding(
                f"a <{tag}> element on line {number} of the diagram", "remove it; use <br> for a line break, nothing else"
            )


def _hidden_characters(source: str) -> Iterator[Finding]:
    """Characters no field may hold, written as entity codes (`#8238;`) that Mermaid or the browser decodes (the
    checker reports those written out)."""
    if rules.FORBIDDEN_CHARACTERS.search(source):
        return
    for decoded in decodings(source):
        for number, line in enumerate(decoded.split("\n"), start=1):
            if bad := rules.FORBIDDEN_CHARACTERS.search(line):
                yield Finding(
                    f"the character {rules.character_name(bad.group())}, written as an entity code, on line {number} "
                    "of the diagram",
                    "delete it; the character hides or reorders the text around it",
                )


def _declarations(text: str) -> list[str]:
    """CSS declarations, separated by `,` or `;` outside parentheses (`rgb(1, 2, 3)` is one value)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in ",;" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        elif ch in "()":
            depth = max(0, depth + (1 if ch == "(" else -1))
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _style_findings(number: int, words: list[str]) -> Iterator[Finding]:
    """`style`, `classDef` and `linkStyle` take plain colours and widths, never url(...) or anything else."""
    for declaration in _declarations(" ".join(words[2:])):
        name, _, value = declaration.partition(":")
        if name.strip().lower() not in STYLE_PROPERTIES or not STYLE_VALUE.match(value.strip()):
            shown = declaration if len(declaration) <= 50 else declaration[:47] + "..."
            yield Finding(
                f"the style `{shown}` on line {number} of the diagram",
                "use only " + ", ".join(sorted(STYLE_PROPERTIES)) + " with a colour (#hex, a name, rgb()) or a width",
            )


def _schemes(line: str, link_line: bool) -> Iterator[str]:
    """Non-http(s) schemes in a decoded statement, judged as a browser would: whitespace and controls removed.

    Script schemes are refused anywhere; on a statement that makes a link, any scheme but http(s).
    """
    lowered = line.lower()
    squeezed = "".join(ch for ch in lowered if ch.isprintable() and not ch.isspace())
    for scheme in SCRIPT_SCHEMES:
        if scheme in squeezed:
            yield scheme[:-1]
    if link_line:
        for token in lowered.replace('"', " ").replace("'", " ").replace("@", " ").split():
            scheme, sep, _ = token.partition(":")
            if sep and scheme.isalpha() and scheme not in {"http", "https", *(s[:-1] for s in SCRIPT_SCHEMES)}:
                yield scheme
