"""`make freshness`: list answers whose version facts or reviews have aged (needs the network).

For every `versions` entry that names a PyPI package, compare the release the answer was checked
against with the package's latest release (macros/check/freshness.py says when that needs doing);
list reviews older than six months. Output is grouped by answer, each item with its fix. Prints "skipped: no network" without one.
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
from macros.check.freshness import stale_answers
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
    answers = list(stale_answers(bank, fetch, dt.date.today()))
    for answer in answers:
        print(answer)
    checked = sum(1 for q in bank.questions for v in q.versions if v.on_pypi)
    items = sum(len(a.items) for a in answers)
    print(
        f"{items} item(s) to re-check in {len(answers)} answer(s); {checked} PyPI version entries in {len(bank.questions)} answers checked"
    )
    return 1 if answers else 0


if __name__ == "__main__":
    sys.exit(main())
