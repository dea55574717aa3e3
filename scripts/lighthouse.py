"""Lighthouse gate: mobile-preset scores of every kind of page: home, every level, quiz, mock and progress.

Builds the site strictly, serves it from a sub-path and gzip-compressed as GitHub
Pages does, runs the pinned npm `lighthouse` (package-lock.json) against Debian's
Chromium and fails unless performance >= 95 and accessibility, best practices and
SEO are 100.
Performance is the median of several runs (it depends on the machine's load);
the other categories must be perfect in every run. Reports (HTML and JSON) are
written to lighthouse-reports/. Run with `make lighthouse`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SUBPATH, build_site, serve_directory, unused_port  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "lighthouse-reports"
STUDY_PAGES = {"quiz": "quiz/", "mock": "mock/", "progress": "progress/"}


def pages() -> dict[str, str]:
    """Home, every level page of the bank, and the study pages."""
    from macros.check.validate import load

    levels = {level.id: f"{level.id}/" for level in load(ROOT / "data" / "questions.yaml").levels}
    return {"home": "", **levels, **STUDY_PAGES}


# The target is 95 for performance; LIGHTHOUSE_MIN_PERFORMANCE lowers the floor where a run must pass
# on a page that does not reach it yet (.ci/run says which and why; README "Lighthouse").
MINIMUM = {
    "performance": int(os.environ.get("LIGHTHOUSE_MIN_PERFORMANCE", "95")),
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))


def run_lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile preset, the default); returns the parsed JSON result."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(MINIMUM)}",
        f"--chrome-flags={flags}",
        "--output=json",
        "--output=html",
        f"--output-path={report}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, timeout=300)
    return json.loads(report.with_suffix(".report.json").read_text(encoding="utf-8"))


def scores(result: dict) -> dict[str, int]:
    return {name: round(result["categories"][name]["score"] * 100) for name in MINIMUM}


def failing_audits(result: dict, category: str) -> list[str]:
    """The audits that cost points in a category, with Lighthouse's own title."""
    audits = result["audits"]
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            lines.append(f"    {ref['id']} ({audit['score']:.2f}): {audit['title']}")
    return lines


def check_page(name: str, url: str) -> list[str]:
    """Run one page RUNS times; print its scores; return what falls short."""
    runs = []
    for k in range(1, RUNS + 1):
        result = run_lighthouse(url, REPORTS / f"{name}-{k}")
        runs.append(result)
        print(f"  {name} run {k}: " + ", ".join(f"{c} {s}" for c, s in scores(result).items()), flush=True)
    problems = []
    performance = statistics.median(scores(r)["performance"] for r in runs)
    if performance < MINIMUM["performance"]:
        median_run = sorted(runs, key=lambda r: scores(r)["performance"])[len(runs) // 2]
        problems.append(f"{name}: performance median {performance} < {MINIMUM['performance']}")
        problems += failing_audits(median_run, "performance")
    for category in ("accessibility", "best-practices", "seo"):
        for result in runs:
            if scores(result)[category] < MINIMUM[category]:
                problems.append(f"{name}: {category} {scores(result)[category]} < {MINIMUM[category]}")
                problems += failing_audits(result, category)
                break
    print(f"{name:14s} performance (median of {RUNS}) {performance:.0f}", flush=True)
    return problems


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run `npm ci` (Node 18.16+; versions pinned in package-lock.json)")
        return 1
    REPORTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        port = unused_port()
        base = f"http://127.0.0.1:{port}/{SUBPATH}/"
        built = build_site(Path(tmp) / SUBPATH, base)
        if built.returncode:
            print(built.stdout + built.stderr)
            return 1
        with serve_directory(Path(tmp), port, gzip_text=True):
            problems = [p for name, path in pages().items() for p in check_page(name, base + path)]
    print(f"reports: {REPORTS.relative_to(ROOT)}/")
    if problems:
        print("Lighthouse gate FAILED:\n" + "\n".join(problems))
        return 1
    print(f"Lighthouse gate passed: {', '.join(f'{c} >= {m}' for c, m in MINIMUM.items())} on {', '.join(pages())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
