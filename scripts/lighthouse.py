"""Lighthouse gate: mobile-preset scores of every kind of page, beside a stock Material page.

Builds the site strictly, serves it from a sub-path and gzip-compressed as GitHub Pages does, and runs
the pinned npm `lighthouse` (package-lock.json) against Debian's Chromium on every kind of page: home,
every group page, quiz, mock, progress and a permanent link. It fails unless each page's performance
score, the median of RUNS runs, reaches the floor (95; LIGHTHOUSE_MIN_PERFORMANCE sets another), and
accessibility, best practices and SEO are 100 in every run. A page below the floor is measured once
more (RUNS runs again) before it fails, so one burst of load on a shared machine does not fail a run
that a quiet machine passes; the other categories do not depend on load and get no second chance.

So that a busy machine neither hides a regression nor fakes a gain, the longest group page is measured
beside a reference: the same text in a stock Material site (no overrides, scripts or styles of ours),
one run of each in turn. Its median is printed beside ours; the gate ignores it.

Reports (HTML and JSON) go to lighthouse-reports/. Run with `make lighthouse`; LIGHTHOUSE_PAGES=home,llmops
limits it to some pages, LIGHTHOUSE_RUNS sets the runs per page (3).
"""

from __future__ import annotations

import json
import os
import re
import shutil
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
REFERENCE = "reference"  # the stock Material page, served beside the site

MINIMUM = {
    "performance": int(os.environ.get("LIGHTHOUSE_MIN_PERFORMANCE", "95")),
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))

STOCK_CONFIG = """site_name: MLOps Interview Guide
site_url: {url}
theme:
  name: material
  font: false
markdown_extensions: [attr_list, md_in_html, pymdownx.details, pymdownx.highlight, pymdownx.superfences]
"""
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def pages(site: Path) -> dict[str, str]:
    """Home, every group page of the bank, the study pages and the permanent link of the first question."""
    from macros.check.validate import load

    bank = load(ROOT / "data" / "questions.yaml")
    everything = {
        "home": "",
        **{level.id: f"{level.id}/" for level in bank.levels},
        **STUDY_PAGES,
        "permalink": f"q/{bank.questions[0].id}/",
    }
    chosen = [name for name in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if name]
    return {name: path for name, path in everything.items() if not chosen or name in chosen}


def longest_group_page(site: Path, names: dict[str, str]) -> str:
    groups = [path for name, path in names.items() if name not in {"home", "permalink", *STUDY_PAGES}] or ["llmops/"]
    return max(groups, key=lambda path: (site / path / "index.html").stat().st_size if (site / path).is_dir() else 0)


def build_reference(site: Path, group: str, out: Path, url: str) -> None:
    """A stock Material site whose one page carries the article of `site/group` as it was built."""
    article = ARTICLE.search((site / group / "index.html").read_text(encoding="utf-8"))
    if not article:
        raise RuntimeError(f"no article in {group}")
    project = out.parent / "reference-project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(STOCK_CONFIG.format(url=url), encoding="utf-8")
    (project / "docs" / "index.md").write_text("QA_REFERENCE_ARTICLE\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=project, env=env, check=True)
    page = out / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<p>QA_REFERENCE_ARTICLE</p>", article.group(2)), encoding="utf-8")


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
    return {name: round((result["categories"][name]["score"] or 0) * 100) for name in MINIMUM}


def metrics(result: dict) -> str:
    """Total blocking time, largest contentful paint and DOM size of a run, for the log."""
    audits = result["audits"]
    tbt = audits["total-blocking-time"]["numericValue"]
    lcp = audits["largest-contentful-paint"]["numericValue"]
    dom = audits.get("dom-size", {}).get("numericValue", 0)
    return f"TBT {tbt:.0f} ms, LCP {lcp / 1000:.1f} s, {dom:.0f} elements"


def failing_audits(result: dict, category: str) -> list[str]:
    """The audits that cost points in a category, with Lighthouse's own title."""
    audits = result["audits"]
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            lines.append(f"    {ref['id']} ({audit['score']:.2f}): {audit['title']}")
    return lines


def measure(name: str, url: str, reference: str | None, attempt: int) -> tuple[list[dict], list[int]]:
    """RUNS runs of a page, each followed by one of the reference page when given; results, reference scores."""
    runs, stock = [], []
    for k in range(1, RUNS + 1):
        result = run_lighthouse(url, REPORTS / f"{name}-{attempt}{k}")
        runs.append(result)
        line = f"  {name} run {k}: " + ", ".join(f"{c} {s}" for c, s in scores(result).items()) + f" ({metrics(result)})"
        if reference:
            stock.append(scores(run_lighthouse(reference, REPORTS / f"{REFERENCE}-{attempt}{k}"))["performance"])
            line += f"; stock Material, same text, right after: performance {stock[-1]}"
        print(line, flush=True)
    return runs, stock


def check_page(name: str, url: str, reference: str | None) -> tuple[list[str], str]:
    """Measure one page (a second time if its median is below the floor); what falls short, and a summary line."""
    runs, stock = measure(name, url, reference, 1)
    performance = statistics.median(scores(r)["performance"] for r in runs)
    if performance < MINIMUM["performance"]:
        print(f"  {name}: median {performance:.0f} < {MINIMUM['performance']}; measuring it once more", flush=True)
        runs, stock = measure(name, url, reference, 2)
        performance = statistics.median(scores(r)["performance"] for r in runs)
    problems = []
    if performance < MINIMUM["performance"]:
        median_run = sorted(runs, key=lambda r: scores(r)["performance"])[len(runs) // 2]
        problems.append(f"{name}: performance median {performance:.0f} < {MINIMUM['performance']}")
        problems += failing_audits(median_run, "performance")
    for category in ("accessibility", "best-practices", "seo"):
        for result in runs:
            if scores(result)[category] < MINIMUM[category]:
                problems.append(f"{name}: {category} {scores(result)[category]} < {MINIMUM[category]}")
                problems += failing_audits(result, category)
                break
    summary = f"{name:14s} performance, median of {RUNS}: {performance:3.0f}"
    if stock:
        summary += f"   (stock Material, same text, run by run beside it: {statistics.median(stock):.0f})"
    print(summary, flush=True)
    return problems, summary


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run `npm ci` (Node 18.16+; versions pinned in package-lock.json)")
        return 1
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir()
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        port = unused_port()
        base = f"http://127.0.0.1:{port}/{SUBPATH}/"
        site = Path(tmp) / SUBPATH
        built = build_site(site, base)
        if built.returncode:
            print(built.stdout + built.stderr)
            return 1
        names = pages(site)
        group = longest_group_page(site, names)
        build_reference(site, group, Path(tmp) / REFERENCE, f"http://127.0.0.1:{port}/{REFERENCE}/")
        print(f"reference: stock Material with the text of {group}", flush=True)
        with serve_directory(Path(tmp), port, gzip_text=True):
            reference = f"http://127.0.0.1:{port}/{REFERENCE}/"
            checked = [check_page(name, base + path, reference if path == group else None) for name, path in names.items()]
    problems = [p for page_problems, _ in checked for p in page_problems]
    print(f"reports: {REPORTS.relative_to(ROOT)}/")
    print("\n".join(summary for _, summary in checked))
    if problems:
        print("Lighthouse gate FAILED:\n" + "\n".join(problems))
        return 1
    print(f"Lighthouse gate passed: {', '.join(f'{c} >= {m}' for c, m in MINIMUM.items())} on {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
