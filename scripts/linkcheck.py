"""Opt-in check that every external reference URL in the bank is live (`make linkcheck`).

Needs the network; where there is none it says so and exits 0, since that is not a broken link.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.check.validate import load  # noqa: E402

HEADERS = {"User-Agent": "mlops-interview-guide-linkcheck/1.0"}


def status(url: str) -> str:
    """'ok', an HTTP status, or the network error."""
    for method in ("HEAD", "GET"):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method=method, headers=HEADERS), timeout=10):
                return "ok"
        except urllib.error.HTTPError as err:
            if method == "GET" or err.code not in {403, 405}:
                return f"HTTP {err.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            return f"unreachable ({getattr(err, 'reason', err)})"
    return "ok"


def main() -> int:
    bank = load(ROOT / "data" / "questions.yaml")
    urls = sorted({r.url for q in bank.questions for r in q.references})
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(urls, pool.map(status, urls), strict=True))
    if all(r.startswith("unreachable") for r in results.values()):
        print(f"skipped: no network ({len(urls)} reference URLs not checked)")
        return 0
    broken = {u: r for u, r in results.items() if r != "ok"}
    for url, result in broken.items():
        users = [q.id for q in bank.questions if any(ref.url == url for ref in q.references)]
        print(f"{result}: {url} (cited by {', '.join(users)})")
    print(f"{len(urls) - len(broken)} of {len(urls)} reference URLs are live")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
