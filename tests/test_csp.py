"""Defence in depth: every page carries a Content-Security-Policy that blocks what slips past the checker."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.outputs import csp
from tests.conftest import SUBPATH, serve_directory, unused_port, wait_until

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_the_policy_first_in_its_head_after_its_charset(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 60  # level and study pages, 404, and every /q/<id>/ permalink
    policies = set()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head = text[text.index("<head>") + len("<head>") :].lstrip()
        assert head.lower().startswith('<meta charset="utf-8">'), f"{path.relative_to(site)}: charset first"
        assert text.index('<meta charset="utf-8">') < 1024, "browsers read the charset in the first 1,024 bytes"
        found = POLICY.match(head[len('<meta charset="utf-8">') :].lstrip())
        assert found, f"{path.relative_to(site)}: the policy is not the first element of <head> after the charset"
        policies.add(found.group(1))
    assert len(policies) == 1, "one policy for the whole site"


def test_the_policy_allows_only_this_site() -> None:
    text = csp.policy(["sha256-abc"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["default-src"] == "'self'"
    # WebAssembly (search) may compile; JavaScript strings may not run, nor inline scripts without a hash
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-abc'"
    assert "'unsafe-eval'" not in text and "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    assert "http" not in text and "*" not in text, "no other host anywhere"


def test_hashes_come_from_the_theme_templates_not_the_pages(tmp_path: Path) -> None:
    """A script is trusted only if a template of the theme holds it; the build refuses a page with any other."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "base.html").write_text(
        '<script>var root = "{{ base_url }}"</script><script type="application/json">{}</script><script src="x.js"></script>',
        encoding="utf-8",
    )
    hashes = csp.theme_hashes([theme], {"theme": {"features": []}}, "https://example.org/guide/")
    assert csp.sha256('var root = ".."') in hashes and csp.sha256('var root = "/guide/"') in hashes
    assert csp.sha256("{}") not in hashes, "data blocks are not scripts"
    site = tmp_path / "site"
    (site / "beginner").mkdir(parents=True)
    (site / "beginner" / "index.html").write_text('<html><head></head><body><script>var root = ".."</script></body></html>')
    csp.apply(site, [theme], {"theme": {"features": []}}, "https://example.org/guide/")
    assert "Content-Security-Policy" in (site / "beginner" / "index.html").read_text(encoding="utf-8")
    (site / "beginner" / "index.html").write_text(
        "<html><head></head><body><article><script>content()</script></article></body></html>"
    )
    with pytest.raises(ValueError, match=r"beginner/index\.html: an inline script that is not the theme's"):
        csp.apply(site, [theme], {"theme": {"features": []}}, "https://example.org/guide/")


def test_the_audit_names_what_no_page_may_carry() -> None:
    page = (
        '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">'
        '</head><body><a href="java&#9;script:alert(1)">x</a><b onclick="x()">y</b></body></html>'
    )
    assert csp.audit(page, set()) == [
        "a <meta http-equiv='refresh'>",
        "a <base> element",
        "a script link in <a href>",
        "an event handler `onclick` on <b>",
    ]
    permalink = '<html><head><meta http-equiv="refresh" content="0; url=../../beginner/#x"></head></html>'
    assert csp.audit(permalink, set(), permalink=True) == []


@pytest.mark.browser
def test_a_script_injected_into_content_cannot_run(browser, site: Path, tmp_path: Path) -> None:
    """A built page with an inline script and an outside image slipped into an answer: the policy blocks both."""
    copy = tmp_path / SUBPATH
    shutil.copytree(site, copy)
    level = copy / "beginner" / "index.html"
    text = level.read_text(encoding="utf-8")
    payload = '<script>window.__injected = 1</script><img id="pixel" src="https://tracker.example/p.gif">'
    level.write_text(text.replace('<div class="qa"', payload + '<div class="qa"', 1), encoding="utf-8")
    port = unused_port()
    with serve_directory(tmp_path, port):
        context = browser.new_context()
        requested: list[str] = []
        context.route("https://**/*", lambda route: (requested.append(route.request.url), route.abort()))
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(f"http://127.0.0.1:{port}/{SUBPATH}/beginner/")
        wait_until(page, "window.__violations.length >= 2")
        assert page.evaluate("window.__injected") is None, "the injected script ran"
        violations = page.evaluate("window.__violations")
        assert any(v.startswith("script-src") for v in violations), violations
        assert any(v.startswith("img-src") and "tracker.example" in v for v in violations), violations
        assert requested == [], "the outside image was requested"
        context.close()


@pytest.mark.browser
def test_no_violation_while_studying(page) -> None:
    """Instant navigation, answers with diagrams, search and the quiz all run under the policy."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("./")
    page.locator(".qa-level-card a").first.click()
    page.wait_for_url("**/beginner/")
    diagram = page.locator("[data-question-id] details:has(pre.mermaid, div.mermaid)").first
    diagram.locator("summary").click()
    diagram.locator("div.mermaid").wait_for(timeout=20000)
    assert page.evaluate("window.mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
    page.keyboard.press("/")
    page.keyboard.type("drift")
    page.locator("[data-qa-search-results] a.qa-hit").first.wait_for()  # Pagefind's WebAssembly, worker and index
    page.goto("quiz/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert not page.console_errors, page.console_errors
