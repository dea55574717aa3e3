"""mkdocs-macros glue: load the bank once per build, expose macros, write extra files. No logic."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import controls, render, study
from .bank import BankError
from .layout import layout_problems
from .outputs import Outputs
from .validate import load

GLOSSARY_FILE = "docs/includes/abbreviations.md"
BANK_EDIT_PATH = "edit/main/data/questions.yaml"


def define_env(env: Any) -> None:
    """Load and validate the bank (failing the build with every problem), then register macros."""
    root = Path(env.project_dir)
    try:
        bank = load(os.path.relpath(root / env.conf["extra"].get("bank", "data/questions.yaml")))
    except BankError as err:
        raise PluginError(f"data/questions.yaml has {len(err.problems)} problem(s):\n{err}") from None
    layout = layout_problems(bank, Path(env.conf["docs_dir"]), env.conf.get("nav"))
    if layout:
        raise PluginError("the pages do not match data/questions.yaml:\n" + "\n".join(layout))
    site = render.Site(repo_url=env.conf.get("repo_url") or "", site_url=env.conf.get("site_url") or "", today=dt.date.today())
    env.variables["bank"] = bank
    env.variables["outputs"] = Outputs(bank, env.conf.get("site_url") or "")
    env.variables["question_count"] = len(bank.questions)
    env.variables["level_count"] = len(bank.levels)

    def from_bank(markdown: str, description: str | None = None) -> str:
        """Pages drawn from the bank are edited in the bank, and describe themselves."""
        if env.page is not None:
            if site.repo_url:
                env.page.edit_url = f"{site.repo_url.rstrip('/')}/{BANK_EDIT_PATH}"
            if description:
                env.page.meta["description"] = description
        return markdown

    @env.macro
    def level_page(level_id: str) -> str:
        return from_bank(render.level_page(bank, level_id, site), bank.level(level_id).description)

    @env.macro
    def home_levels() -> str:
        return render.home_levels(bank)

    @env.macro
    def tags_page() -> str:
        return from_bank(render.tags_page(bank))

    @env.macro
    def glossary() -> str:
        return render.glossary((root / GLOSSARY_FILE).read_text(encoding="utf-8"))

    @env.macro
    def print_all() -> str:
        return from_bank(study.print_all(bank, site))

    @env.macro
    def study_index() -> str:
        return study.study_index(bank)

    @env.macro
    def progress_home() -> str:
        return controls.progress_home(bank)

    @env.macro
    def progress_panel() -> str:
        return controls.progress_panel(bank)

    @env.macro
    def progress_tools() -> str:
        return controls.progress_tools()


def on_post_build(env: Any) -> None:
    """Write the exports and the permanent /q/<id>/ pages into the built site."""
    env.variables["outputs"].copy_into(Path(env.conf["site_dir"]))
