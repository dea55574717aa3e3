"""Benchmarks: build cost of the macros layer, scaling with bank size, and page weight.

Prints measurements and ratios against baselines measured in the same run; asserts nothing.
Run with `make bench`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.outputs.writer import DOWNLOADS  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory, unused_port, wait_until  # noqa: E402
from tests.test_build import copy_project  # noqa: E402

PAIRS = 7

DUMP_HOOK = """
from pathlib import Path
def on_page_markdown(markdown, page, config, files):
    out = Path(config["config_file_path"]).parent / "rendered" / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
"""


def build(project: Path, runs: int = 3) -> float:
    """Median wall time of a strict build, in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def without_macros(project: Path, work: Path) -> Path:
    """The same site as static files: each page's macro output as Markdown, plus the downloads and
    permalink pages the macros generate, built with the macros plugin off."""
    dumper = copy_project(work / "dumper")
    (dumper / "dump_hook.py").write_text(DUMP_HOOK, encoding="utf-8")
    config = (dumper / "mkdocs.yml").read_text(encoding="utf-8") + "\nhooks:\n  - dump_hook.py\n"
    (dumper / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(dumper, runs=1)
    static = copy_project(work / "static")
    shutil.copytree(dumper / "rendered", static / "docs", dirs_exist_ok=True)
    # The downloads and permalink pages are content too: the static site ships them as files.
    for extra in (*DOWNLOADS.values(), "q"):
        source = dumper / "site" / extra
        if source.is_dir():
            shutil.copytree(source, static / "docs" / extra)
        else:
            shutil.copy2(source, static / "docs" / extra)
    text = (static / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - macros:")
    end = text.index("\n\n", start)
    (static / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    return static


def synthetic(project: Path, n: int) -> tuple[Path, int]:
    """A copy of the project whose bank clones the real questions, all distinct: at least `n`, in whole
    copies of the bank (so every related link has its twin); the project and the number of questions."""
    path = project / "data" / "questions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    real = data["questions"]
    clones = []
    for k in range(-(-n // len(real)) * len(real)):
        base = real[k % len(real)]
        copy_no = k // len(real)
        suffix = f"-s{copy_no}" if copy_no else ""
        q = {**base, "id": base["id"] + suffix, "reviewed": str(base["reviewed"])}
        if copy_no:
            # enough words of its own that long questions are not near-duplicates of their other copies
            q["question"] = f"{base['question'].rstrip('?.')} (copy {copy_no}: u{k}a u{k}b u{k}c u{k}d u{k}e)?"
        q["related"] = [r + suffix for r in base["related"]]
        clones.append(q)
    data["questions"] = clones
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project, len(clones)


@contextlib.contextmanager
def browser_page(site: Path) -> Iterator[tuple[Any, str]]:
    """A fresh Chromium page (empty cache) and the URL where `site` is served."""
    from playwright.sync_api import sync_playwright

    port = unused_port()
    with serve_directory(site, port), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # no service worker: it would precache the whole site (and serve from it) while bytes are counted
        yield browser.new_page(service_workers="block"), f"http://127.0.0.1:{port}/"
        browser.close()


def page_bytes(site: Path, level: str, open_diagrams: bool) -> int:
    """Bytes transferred for a first visit to a level page (fresh browser profile)."""
    with browser_page(site) as (page, base):
        sizes: list[int] = []
        page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
        page.goto(f"{base}{level}/")
        page.wait_for_load_state("networkidle")
        if open_diagrams:
            page.evaluate("document.querySelectorAll('details').forEach(d => { if (d.querySelector('.mermaid')) d.open = true })")
            page.wait_for_selector("div.mermaid", timeout=20000)
            page.wait_for_load_state("networkidle")
        return sum(sizes)


def diagram_times(site: Path, level: str, runs: int = 3) -> tuple[float, float]:
    """Median seconds, in fresh browser profiles, from opening the first answer with a diagram on a
    level page until its diagram is drawn (Mermaid downloaded, started and laid out: the performance
    measure "qa-first-diagram" of mermaid-loader.js), and then for the next diagram (Mermaid loaded)."""
    firsts, nexts = [], []
    for _ in range(runs):
        with browser_page(site) as (page, base):
            page.goto(f"{base}{level}/")
            page.wait_for_load_state("networkidle")
            ids = page.locator("div.qa:has(pre.mermaid)").evaluate_all(
                "els => els.slice(0, 2).map((el) => el.dataset.questionId)"
            )
            first, second = (page.locator(f'div.qa[data-question-id="{i}"]') for i in ids)
            first.locator("summary").first.click()
            first.locator("div.qa-diagram svg").wait_for(timeout=60000)
            firsts.append(page.evaluate("performance.getEntriesByName('qa-first-diagram')[0].duration") / 1000)
            start = page.evaluate("performance.now()")
            second.locator("summary").first.click()
            second.locator("div.qa-diagram svg").wait_for(timeout=60000)
            nexts.append((page.evaluate("performance.now()") - start) / 1000)
    return statistics.median(firsts), statistics.median(nexts)


def search_times(site: Path, query: str) -> tuple[float, float]:
    """Seconds from opening the home page (and its search field, which loads the index) until search is ready,
    and from typing a query to its results."""
    with browser_page(site) as (page, base):
        start = time.perf_counter()
        page.goto(base)
        page.locator("input.md-search__input").click()
        wait_until(page, "document.querySelector('#__search').checked")
        wait_until(
            page, "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')", timeout=120000
        )
        ready = time.perf_counter() - start
        start = time.perf_counter()
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=60000)
        return ready, time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = copy_project(work / "real")
        questions = len(yaml.safe_load((real / "data" / "questions.yaml").read_text(encoding="utf-8"))["questions"])
        static = without_macros(real, work)
        # Alternate the two builds so that a change in the machine's load affects both alike.
        pairs = [(build(real, runs=1), build(static, runs=1)) for _ in range(PAIRS)]
        t_real = statistics.median(r for r, _ in pairs)
        t_static = statistics.median(s for _, s in pairs)
        print(f"site build ({questions} questions), median of {PAIRS}:     {t_real:6.2f} s")
        print(f"same content as static files, macros off:     {t_static:6.2f} s")
        print(
            f"macros layer cost: {t_real / t_static:.2f}x the static build ({(t_real / t_static - 1) * 100:+.0f}%; target <= +20%)"
        )

        query = "wasserstein"  # a word found only inside answers
        ready, answered = search_times(real / "site", query)
        print(
            f"search, {questions} questions: ready {ready:.2f} s after opening the page, {query!r} answered in {answered:.2f} s"
        )

        per_q = {}
        for n in (500, 2000):
            project, count = synthetic(copy_project(work / f"syn{n}"), n)
            t = build(project, runs=1)
            per_q[n] = t / count
            index = (project / "site" / "search" / "search_index.json").stat().st_size
            print(
                f"{count:5d} synthetic questions: {t:6.2f} s, {per_q[n] * 1000:5.2f} ms/question, search index {index / 1e6:.2f} MB"
            )
        print(f"per-question cost at about 2,000 vs about 500: {per_q[2000] / per_q[500]:.2f}x (1.00 = linear)")
        big_ready, big_answered = search_times(project / "site", query)
        print(
            f"search, {count} questions: ready {big_ready:.2f} s ({big_ready / ready:.1f}x), "
            f"{query!r} answered in {big_answered:.2f} s ({big_answered / answered:.1f}x)"
        )

        site = real / "site"
        without = page_bytes(site, "beginner", open_diagrams=False)
        with_diagrams = page_bytes(site, "beginner", open_diagrams=True)
        print(f"first visit to /beginner/, answers closed:   {without / 1e3:8.0f} kB (uncompressed)")
        print(
            f"first visit to /beginner/, diagrams opened:  {with_diagrams / 1e3:8.0f} kB ({with_diagrams / without:.1f}x; Mermaid loads on demand)"
        )
        first, following = diagram_times(site, "beginner")
        print(
            f"first diagram of a visit drawn {first:.2f} s after its answer is opened (Mermaid from cold); the next in {following:.2f} s"
        )


if __name__ == "__main__":
    main()
