"""MLOps Interview Guide: the question bank, its checker, renderer and exports.

mkdocs-macros imports this package once per process and calls `define_env` and
`on_post_build` on every build. `mkdocs serve` rebuilds in the same process, so
from the second build on the modules are reloaded first: edits to macros/ apply.
"""

from __future__ import annotations

import importlib
from typing import Any

# In dependency order, so a reloaded module imports already-reloaded names.
_MODULES = (
    "rules",
    "text",
    "load.bank",
    "check.sanitize",
    "check.diagrams",
    "check.schema",
    "check.validate",
    "check.published",
    "check.layout",
    "check.freshness",
    "render.controls",
    "render.pages",
    "render.study",
    "outputs.export",
    "outputs.permalinks",
    "outputs.writer",
    "outputs.csp",
    "outputs.offline",
    "page_hooks",
    "glue",
)
_builds = 0


def _module(name: str) -> Any:
    return importlib.import_module(f"{__name__}.{name}")


def define_env(env: Any) -> None:
    global _builds
    if _builds:
        for name in _MODULES:
            importlib.reload(_module(name))
    _builds += 1
    _module("glue").define_env(env)


def on_post_build(env: Any) -> None:
    _module("glue").on_post_build(env)
