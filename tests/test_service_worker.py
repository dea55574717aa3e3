"""After one visit, the whole guide works with the network off; a new deploy replaces the offline copy."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.outputs.offline import WORKER, site_bytes, site_files, write_service_worker
from tests.conftest import SUBPATH, serve_directory, unused_port, wait_until
from tests.test_accessibility import violations

READY = "navigator.serviceWorker.controller !== null"
CACHED = """(async () => {
  const names = (await caches.keys()).filter((n) => n.startsWith("qa-offline-"));
  if (names.length !== 1) return 0;
  const cache = await caches.open(names[0]);
  return (await cache.keys()).length;
})()"""


def precached(site: Path) -> dict[str, str]:
    text = (site / WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const FILES = (\{.*?\});", text).group(1))


def test_the_worker_lists_every_file_of_the_build_with_its_hash(site: Path) -> None:
    files = precached(site)
    on_disk = site_files(site)
    assert files == on_disk
    for url in ("./", "beginner/", "quiz/", "mock/", "progress/", "q/data-drift/", "questions.json", "pagefind/pagefind.js"):
        assert url in files, url
    assert any(u.startswith("assets/vendor/mermaid/") for u in files), "Mermaid is precached"
    assert any(u.startswith("pagefind/fragment/") for u in files) and "pagefind/wasm.en.pagefind" in files, "search too"
    assert "mlops-interview-guide.apkg" in files and "manifest.webmanifest" in files
    assert all(not u.startswith(("http:", "https:", "/")) for u in files), "relative to the site root only"
    text = (site / WORKER).read_text(encoding="utf-8")
    assert f"const BYTES = {site_bytes(site)};" in text, "the size the 'Available offline' note gives"
    assert site_bytes(site) == sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.name != WORKER)


def test_the_web_app_manifest_lets_a_phone_install_the_guide(site: Path) -> None:
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert (site / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert '<link rel="manifest" href="manifest.webmanifest">' in (site / "index.html").read_text(encoding="utf-8")


def offline_context(browser, base: str):
    """A context that allows the service worker and fails the test on any request to another host."""
    context = browser.new_context(base_url=base)
    outside: list[str] = []
    context.route(
        re.compile(r"^(?!http://127\.0\.0\.1).*"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    context.outside = outside
    return context


@pytest.mark.browser
def test_after_one_visit_the_guide_works_offline(browser, server: str, site: Path) -> None:
    context = offline_context(browser, server)
    page = context.new_page()
    errors: list[str] = []
    page.goto("./")
    wait_until(page, READY, timeout=60000)
    wait_until(page, f"{CACHED.strip()}.then((n) => n >= {len(precached(site)) + 1})", timeout=60000)
    note = page.locator(".md-footer .qa-offline__note")  # the page says so, with the size
    expect(note).to_have_text(f"Available offline · {site_bytes(site) / 1e6:.1f} MB on this device", timeout=20000)
    assert violations(page) == []
    context.set_offline(True)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto("advanced/")  # a level page never opened
    assert page.locator("div.qa[data-question-id]").count() >= 10
    diagram = page.locator("[data-question-id] details:has(pre.mermaid, div.mermaid)").first
    diagram.locator("summary").click()
    diagram.locator("div.mermaid").wait_for(timeout=20000)  # Mermaid from the cache

    page.goto("q/data-drift/")  # a permalink: its redirect page and the level page, both cached
    page.wait_for_url("**/beginner/#data-drift")
    wait_until(page, "document.querySelector('[data-question-id=\"data-drift\"] > details')?.open")

    page.goto("quiz/?ids=concept-drift,canary-deployment")  # the quiz fetches level pages
    page.locator(".qa-quiz-card").wait_for()
    assert "Question 1 of 2" in page.locator(".qa-quiz-count").inner_text()

    page.goto("mock/")
    page.locator(".qa-mock form, .qa-mock [data-mock]").first.wait_for()

    page.keyboard.press("/")  # search: Pagefind's script, worker, WebAssembly and index, from the cache
    page.keyboard.type("drift")
    page.locator("[data-qa-search-results] a.qa-hit").first.wait_for(timeout=30000)

    assert page.evaluate("fetch('../questions.json').then((r) => r.json()).then((d) => d.questions.length)") > 40

    page.goto("beginner/")  # another page, after a full load: the note again, read from the cache
    expect(page.locator(".md-footer .qa-offline__note")).to_contain_text("Available offline · ")
    missing = page.goto("no-such-page/")  # a page the guide does not have: its 404 page, with the status
    assert missing.status == 404
    expect(page.locator("article h1")).to_contain_text("404")
    assert errors == [], errors
    assert context.outside == [], context.outside
    context.close()


@pytest.mark.browser
def test_a_new_deploy_replaces_the_offline_copy(browser, site: Path, tmp_path: Path) -> None:
    copy = tmp_path / SUBPATH
    shutil.copytree(site, copy)
    port = unused_port()
    base = f"http://127.0.0.1:{port}/{SUBPATH}/"
    with serve_directory(tmp_path, port):
        context = offline_context(browser, base)
        page = context.new_page()
        page.goto("./")
        wait_until(page, READY, timeout=60000)
        expect(page.locator(".qa-offline__note")).to_contain_text("Available offline", timeout=60000)
        first = page.evaluate("caches.keys()")

        level = copy / "beginner" / "index.html"
        level.write_text(
            level.read_text(encoding="utf-8").replace("</article>", "<p>Deployed again.</p></article>"), encoding="utf-8"
        )
        write_service_worker(copy)  # the deploy's build writes a new worker

        page.goto("beginner/")
        assert "Deployed again." not in page.content(), "the offline copy still serves the old page"
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_until(page, f"caches.keys().then((k) => k.length === 1 && k[0] !== {json.dumps(first[0])})", timeout=60000)
        notice = page.get_by_role("status").filter(has_text="A new version of the guide is available")
        expect(notice).to_be_visible()  # said, not silently shown old
        assert violations(page) == []
        context.set_offline(True)
        notice.get_by_role("button", name="Reload").click()
        expect(page.locator("article")).to_contain_text("Deployed again.")
        assert context.outside == []
        context.close()
