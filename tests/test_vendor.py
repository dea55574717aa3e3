"""The vendored browser libraries are the pinned npm versions, byte for byte."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# npm package -> (the copy in the site, the file in the package)
VENDORED = {
    "ts-fsrs": (ROOT / "docs/assets/vendor/ts-fsrs/ts-fsrs.umd.js", "dist/index.umd.js"),
    "@panzoom/panzoom": (ROOT / "docs/assets/vendor/panzoom/panzoom.min.js", "dist/panzoom.min.js"),
}


@pytest.mark.parametrize("name", sorted(VENDORED))
def test_vendored_file_is_the_pinned_npm_version(name: str) -> None:
    path, source = VENDORED[name]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"][name]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"][f"node_modules/{name}"]
    assert pinned == locked["version"], "package.json pins an exact version, the one in package-lock.json"
    version = (path.parent / "VERSION.txt").read_text(encoding="utf-8")
    assert version.startswith(f"{name} {pinned} (npm package {name}@{pinned},"), version
    digest = re.search(r"^sha256 ([0-9a-f]{64})$", version, re.M)
    assert digest and hashlib.sha256(path.read_bytes()).hexdigest() == digest[1], "the file is the one VERSION.txt names"
    assert "Permission is hereby granted, free of charge" in (path.parent / "LICENSE.txt").read_text(encoding="utf-8"), "MIT"
    installed = ROOT / "node_modules" / name / source
    if installed.exists():  # after `npm ci` (make lighthouse, make vendor): the very same bytes
        assert installed.read_bytes() == path.read_bytes(), "run `make vendor`"


@pytest.mark.parametrize("name", sorted(VENDORED))
def test_vendored_file_runs_under_the_content_security_policy(name: str) -> None:
    """No eval and no Function constructor: the site's policy refuses both."""
    text = VENDORED[name][0].read_text(encoding="utf-8")
    assert not re.search(r"\beval\s*\(|new Function\s*\(|\bFunction\s*\(\s*[\"']", text)
