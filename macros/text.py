"""Small text helpers shared by the checker and the renderer."""

from __future__ import annotations

import re

FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$", re.M | re.S)


def prose_words(markdown: str) -> list[str]:
    """Words of Markdown prose, fenced code blocks excluded."""
    return re.findall(r"\S+", FENCE.sub(" ", markdown))
