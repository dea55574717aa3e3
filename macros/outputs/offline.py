"""Offline from the build: the service worker's list of files, with content hashes.

After the pages, exports and security policy are written, every file of the build is
listed with the SHA-256 of its content and embedded in sw.js at the site root (its scope
is the whole site, on any sub-path), with their total size for the "Available offline"
note. A deploy and its offline copy never disagree: a changed file changes its hash, and
so the worker's version.
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


def site_bytes(site_dir: Path) -> int:
    """The total size of the files `site_files` lists (what the offline copy takes on the device)."""
    return sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file() and p.relative_to(site_dir).as_posix() != WORKER)


def worker_source(files: dict[str, str], size: int) -> str:
    manifest = json.dumps(files, sort_keys=True, separators=(",", ":"))
    version = hashlib.sha256(manifest.encode("utf-8")).hexdigest()[:16]
    source = TEMPLATE.read_text(encoding="utf-8").replace('"__VERSION__"', json.dumps(version))
    return source.replace("__BYTES__", str(size)).replace("__FILES__", manifest)


def write_service_worker(site_dir: Path) -> int:
    """Write sw.js for the build in `site_dir`; the number of files it precaches."""
    files = site_files(site_dir)
    (site_dir / WORKER).write_text(worker_source(files, site_bytes(site_dir)), encoding="utf-8")
    return len(files)
