"""The site's pages must match the bank: one page per level, in the bank's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..load.bank import Bank


def level_page_source(level_id: str) -> str:
    """The whole of docs/<level>.md: one macro call."""
    return f'{{{{ level_page("{level_id}") }}}}\n'


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    return []


def layout_problems(bank: Bank, docs_dir: Path, nav: Any) -> list[str]:
    """What is missing or out of order between the levels and the pages, with the fix."""
    problems = []
    for level in bank.levels:
        page = docs_dir / f"{level.id}.md"
        if not page.exists():
            problems.append(f"level `{level.id}` has no page: create {page} containing {level_page_source(level.id).strip()}")
    listed = [f.removesuffix(".md") for f in _nav_files(nav)]
    levels = [level.id for level in bank.levels]
    in_nav = [f for f in listed if f in levels]
    if nav and in_nav != levels:
        problems.append(f"mkdocs.yml nav lists the level pages as {in_nav}: list them as {[f'{lv}.md' for lv in levels]}")
    return problems
