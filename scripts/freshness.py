"""`make freshness`: list answers whose version facts or reviews have aged (needs the network).

For every `versions` entry that names a PyPI package, compare it with the package's latest
release; list reviews older than six months. Prints "skipped: no network" without one.
Exit status 1 when something is listed, so a scheduled job can open an issue.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import rules
from macros.check.freshness import stale_facts
from macros.check.validate import load

PYPI = "https://pypi.org/pypi/{name}/json"


def fetch(name: str) -> dict[str, Any] | None:
    """A package's PyPI JSON, or None when PyPI does not know it."""
    try:
        with urllib.request.urlopen(PYPI.format(name=name), timeout=20) as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return None
        raise


def online() -> bool:
    try:
        urllib.request.urlopen(PYPI.format(name="pip"), timeout=10).close()
        return True
    except (urllib.error.URLError, TimeoutError, OSError):
        return False


def main() -> int:
    if not online():
        print("skipped: no network (PyPI unreachable)")
        return 0
    bank = load(rules.BANK_FILE)
    stale = list(stale_facts(bank, fetch, dt.date.today()))
    for item in stale:
        print(item)
    checked = sum(1 for q in bank.questions for v in q.versions if not v.startswith(rules.TOOL_PREFIX))
    print(f"{len(stale)} stale fact(s); {checked} PyPI version entries in {len(bank.questions)} answers checked")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
