"""Offline from the build: the service worker's list of files, with content hashes.

After the pages, exports and security policy are written, every file of the build is
listed with the SHA-256 of its content and embedded in sw.js at the site root (its scope
is the whole site, on any sub-path). A deploy and its offline copy never disagree: a
changed file changes its hash, and so the worker's version.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("service-worker.js")
WORKER = "sw.js"


def site_files(site_dir: Path) -> dict[str, str]:
    """Every file of the build by its URL relative to the site root (pages by directory), with a short hash."""
    files = {}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel == WORKER:
            continue
        url = rel.removesuffix("index.html") or "./"
        files[url] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return files


def worker_source(files: dict[str, str]) -> str:
    manifest = json.dumps(files, sort_keys=True, separators=(",", ":"))
    version = hashlib.sha256(manifest.encode("utf-8")).hexdigest()[:16]
    return TEMPLATE.read_text(encoding="utf-8").replace('"__VERSION__"', json.dumps(version)).replace("__FILES__", manifest)


def write_service_worker(site_dir: Path) -> int:
    """Write sw.js for the build in `site_dir`; the number of files it precaches."""
    files = site_files(site_dir)
    (site_dir / WORKER).write_text(worker_source(files), encoding="utf-8")
    return len(files)
