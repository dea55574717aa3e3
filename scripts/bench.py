"""Benchmarks: build cost of the macros layer, scaling with bank size, and page weight.

Prints measurements and ratios against baselines measured in the same run; asserts nothing.
Run with `make bench`.
"""

from __future__ import annotations

import contextlib
import copy
import gzip
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
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory, unused_port  # noqa: E402
from tests.test_build import copy_project  # noqa: E402

PAIRS = 7

# Each page's Markdown after the macros ran, with the bank's HTML in place of its placeholders (the
# macros keep that HTML on the page and macros/page_hooks.py swaps it in after rendering; MkDocs puts
# the hook's folder, the project root, on the path while it loads it).
DUMP_HOOK = """
from pathlib import Path
from macros.page_hooks import PLACEHOLDER, SLOTS
def on_page_markdown(markdown, page, config, files):
    slots = page.__dict__.get(SLOTS, {})
    out = Path(config["config_file_path"]).parent / "rendered" / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(PLACEHOLDER.sub(lambda m: slots[m.group(1)], markdown), encoding="utf-8")
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
        # a deep copy: values shared between clones would be written as YAML anchors, which the loader refuses
        q = {**copy.deepcopy(base), "id": base["id"] + suffix, "reviewed": str(base["reviewed"])}
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


def first_results(site: Path, query: str) -> tuple[float, int]:
    """Seconds from the first keystroke of `query` (search opened with "/" just before, as a reader does)
    to its first result on screen, with the CPU slowed 4x as Lighthouse's phone is, and the bytes
    transferred from opening search until then (uncompressed: the bench's server does not gzip)."""
    with browser_page(site) as (page, base):
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        received: list[int] = []
        page.on("requestfinished", lambda r: received.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
        page.keyboard.press("/")
        start = time.perf_counter()
        page.keyboard.type(query)
        page.locator("[data-qa-search-results] a.qa-hit").first.wait_for(timeout=120000)
        return time.perf_counter() - start, sum(received)


def search_first_results(site: Path, query: str, runs: int = 3) -> tuple[float, int]:
    """Medians of `first_results` over fresh browsers."""
    measured = [first_results(site, query) for _ in range(runs)]
    return statistics.median(t for t, _ in measured), int(statistics.median(b for _, b in measured))


def whole_index_bytes(site: Path) -> int:
    """The gzip size of the text of every record: the least an index that the browser must download whole
    before its first result (Material's lunr index, or MiniSearch's) would transfer."""
    from tests.test_search import fragments

    text = "\n".join(f"{r['meta']['title']}\n{r['content']}" for r in fragments(site))
    return len(gzip.compress(text.encode("utf-8")))


def search(real: Path, questions: int, big: Path, count: int) -> None:
    """First results of a query at today's bank and at the synthetic one, side by side."""
    query = "wasserstein"  # a word found only inside answers
    found, transferred = search_first_results(real / "site", query)
    big_found, big_transferred = search_first_results(big / "site", query)
    for n, (t, b, site) in ((questions, (found, transferred, real)), (count, (big_found, big_transferred, big))):
        print(
            f"search, {n:4d} questions: {query!r} first result {t:.2f} s after the first keystroke (CPU 4x slower), "
            f"{b / 1e3:.0f} kB transferred from opening search (a whole-bank index: at least "
            f"{whole_index_bytes(site / 'site') / 1e3:.0f} kB gzipped)"
        )
    print(
        f"search at {count} vs {questions} questions: {big_found / found:.1f}x the time, {big_transferred / transferred:.1f}x the bytes"
    )


def main(only_search: bool = False) -> None:
    """Every benchmark, or (`bench.py search`) only search at today's bank and at about 2,000 questions."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = copy_project(work / "real")
        questions = len(yaml.safe_load((real / "data" / "questions.yaml").read_text(encoding="utf-8"))["questions"])
        if only_search:
            build(real, runs=1)
            project, count = synthetic(copy_project(work / "syn2000"), 2000)
            build(project, runs=1)
            search(real, questions, project, count)
            return
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

        per_q = {}
        for n in (500, 2000):
            project, count = synthetic(copy_project(work / f"syn{n}"), n)
            t = build(project, runs=1)
            per_q[n] = t / count
            index = sum(p.stat().st_size for p in (project / "site" / "pagefind").rglob("*") if p.is_file())
            print(
                f"{count:5d} synthetic questions: {t:6.2f} s, {per_q[n] * 1000:5.2f} ms/question, search bundle {index / 1e6:.2f} MB on disk"
            )
        print(f"per-question cost at about 2,000 vs about 500: {per_q[2000] / per_q[500]:.2f}x (1.00 = linear)")
        search(real, questions, project, count)

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
    main(only_search=sys.argv[1:] == ["search"])
