"""mkdocs-macros glue: load the bank once per build, expose macros, write extra files. No logic."""

from __future__ import annotations

import datetime as dt
import os
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import rules
from .check.layout import layout_problems
from .check.sanitize import plain_text
from .check.validate import load, read_glossary
from .load.bank import BankError
from .outputs import csp, offline, search
from .outputs.writer import Outputs
from .page_hooks import SLOTS, TOC
from .render import controls, study
from .render import pages as render

BANK_EDIT_PATH = "edit/main/data/questions.yaml"
# Under `mkdocs serve`: a worker that removes itself and the offline copy of a built site served
# earlier from the same address, so the edits show and no request for sw.js fails.
SERVE_WORKER = """self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith("qa-offline-")) await caches.delete(name);
  await self.registration.unregister();
})()));
"""


def define_env(env: Any) -> None:
    """Load and validate the bank (failing the build with every problem), then register macros.

    Macros that show the bank return a placeholder; `page_hooks.on_page_content` swaps in their HTML
    once MkDocs has rendered the page's own Markdown, so no Markdown parser reads the bank's HTML again.
    """
    root = Path(env.project_dir)
    glossary_path = os.path.relpath(root / rules.GLOSSARY_FILE)
    glossary_file, glossary_errors = read_glossary(glossary_path)
    if glossary_errors:
        raise PluginError(
            f"{rules.GLOSSARY_FILE} has {len(glossary_errors)} problem(s):\n" + "\n".join(map(str, glossary_errors))
        )
    try:
        bank = load(os.path.relpath(root / env.conf["extra"].get("bank", rules.BANK_FILE)), glossary_file)
    except BankError as err:
        raise PluginError(f"data/questions.yaml has {len(err.problems)} problem(s):\n{err}") from None
    layout = layout_problems(bank, Path(env.conf["docs_dir"]), env.conf.get("nav"))
    if layout:
        raise PluginError("the pages do not match data/questions.yaml:\n" + "\n".join(layout))
    site = render.Site(repo_url=env.conf.get("repo_url") or "", site_url=env.conf.get("site_url") or "", today=dt.date.today())
    env.variables["bank"] = bank
    env.variables["outputs"] = Outputs(bank, env.conf.get("site_url") or "")
    env.variables["search"] = search.Index(bank)
    env.variables["question_count"] = len(bank.questions)
    env.variables["level_count"] = len(bank.levels)

    def root_of_page() -> str:
        """The relative path from the page being rendered to the site root."""
        return "../" * env.page.url.count("/") if env.page is not None else ""

    def slot(content: str | render.Page, title: str | None = None, description: str | None = None) -> str:
        """A placeholder for HTML drawn from the bank; pages drawn from it are edited in the bank."""
        page = env.page
        html, toc = (content.html, content.toc) if isinstance(content, render.Page) else (content, None)
        slots = page.__dict__.setdefault(SLOTS, {})
        key = f"{len(slots)}"
        slots[key] = html
        if toc is not None:
            page.__dict__[TOC] = toc
        if site.repo_url and isinstance(content, render.Page):
            page.edit_url = f"{site.repo_url.rstrip('/')}/{BANK_EDIT_PATH}"
        if title:
            page.meta["title"] = title
        if description:
            page.meta["description"] = escape(plain_text(description))
        return f'\n\n<div data-qa-slot="{key}"></div>\n\n'

    @env.macro
    def level_page(level_id: str) -> str:
        level = bank.level(level_id)
        return slot(render.level_page(bank, level_id, site, root_of_page()), level.title, level.description_html)

    @env.macro
    def home_levels() -> str:
        return slot(render.home_levels(bank, root_of_page()))

    @env.macro
    def tags_page() -> str:
        return slot(render.tags_page(bank, root_of_page()))

    @env.macro
    def glossary() -> str:
        return slot(render.glossary(glossary_file.pairs))

    @env.macro
    def print_all() -> str:
        return slot(study.print_all(bank, site, root_of_page()))

    @env.macro
    def study_index() -> str:
        return slot(study.study_index(bank, root_of_page()))

    @env.macro
    def start_panel() -> str:
        return slot(study.start_panel(bank))

    @env.macro
    def plan_panel() -> str:
        return slot(study.plan_panel(bank))

    @env.macro
    def progress_home() -> str:
        return slot(controls.progress_home(bank))

    @env.macro
    def progress_panel() -> str:
        return slot(controls.progress_panel(bank))

    @env.macro
    def weakest_questions() -> str:
        return slot(controls.weakest_panel(bank))

    @env.macro
    def progress_tools() -> str:
        return slot(controls.progress_tools())


def serving(conf: Any) -> bool:
    """True under `mkdocs serve`, which points site_url at its own address."""
    host, port = conf["dev_addr"]
    return str(conf.get("site_url") or "").startswith(f"http://{host}:{port}/")


def on_post_build(env: Any) -> None:
    """Write the exports, the permanent /q/<id>/ pages and the search index, put the security policy
    on every page, then list every file for the offline service worker.

    `mkdocs serve` gets neither the policy nor the worker: its live-reload script is inline and new on
    every request, and an offline copy would hide the edits it is there to show. It gets a worker that
    removes itself instead (offline.js registers one on every page), so nothing logs a 404.
    """
    site_dir = Path(env.conf["site_dir"])
    env.variables["outputs"].copy_into(site_dir)
    env.variables["search"].write_into(site_dir)
    # Material's search plugin stays enabled only so the theme puts the search box in the header
    # (overrides/partials/search.html): its whole-site index is never loaded, so it is not shipped.
    (site_dir / "search" / "search_index.json").unlink(missing_ok=True)
    if serving(env.conf):
        (site_dir / offline.WORKER).write_text(SERVE_WORKER, encoding="utf-8")
    else:
        csp.apply(site_dir, [Path(d) for d in env.conf["theme"].dirs], env.conf, env.conf.get("site_url") or "")
        offline.write_service_worker(site_dir)
