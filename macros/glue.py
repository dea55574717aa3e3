"""mkdocs-macros glue: load the bank once per build, expose macros, write extra files. No logic."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import rules
from .check.layout import layout_problems
from .check.validate import glossary_problems, load
from .load.bank import BankError
from .outputs import csp, offline
from .outputs.writer import Outputs
from .render import controls, study
from .render import pages as render

BANK_EDIT_PATH = "edit/main/data/questions.yaml"


def define_env(env: Any) -> None:
    """Load and validate the bank (failing the build with every problem), then register macros."""
    root = Path(env.project_dir)
    try:
        bank = load(os.path.relpath(root / env.conf["extra"].get("bank", "data/questions.yaml")))
    except BankError as err:
        raise PluginError(f"data/questions.yaml has {len(err.problems)} problem(s):\n{err}") from None
    glossary = glossary_problems(os.path.relpath(root / rules.GLOSSARY_FILE))
    if glossary:
        raise PluginError(f"{rules.GLOSSARY_FILE} has {len(glossary)} problem(s):\n" + "\n".join(map(str, glossary)))
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
        return render.glossary((root / rules.GLOSSARY_FILE).read_text(encoding="utf-8"))

    @env.macro
    def print_all() -> str:
        return from_bank(study.print_all(bank, site))

    @env.macro
    def study_index() -> str:
        return study.study_index(bank)

    @env.macro
    def start_panel() -> str:
        return study.start_panel(bank)

    @env.macro
    def plan_panel() -> str:
        return study.plan_panel(bank)

    @env.macro
    def progress_home() -> str:
        return controls.progress_home(bank)

    @env.macro
    def progress_panel() -> str:
        return controls.progress_panel(bank)

    @env.macro
    def weakest_questions() -> str:
        return controls.weakest_panel(bank)

    @env.macro
    def progress_tools() -> str:
        return controls.progress_tools()


def serving(conf: Any) -> bool:
    """True under `mkdocs serve`, which points site_url at its own address."""
    host, port = conf["dev_addr"]
    return str(conf.get("site_url") or "").startswith(f"http://{host}:{port}/")


def on_post_build(env: Any) -> None:
    """Write the exports and the permanent /q/<id>/ pages, put the security policy on every page,
    then list every file for the offline service worker.

    `mkdocs serve` gets neither: its live-reload script is inline and new on every request,
    and an offline copy would hide the edits it is there to show.
    """
    site_dir = Path(env.conf["site_dir"])
    env.variables["outputs"].copy_into(site_dir)
    if not serving(env.conf):
        csp.apply(site_dir)
        offline.write_service_worker(site_dir)
