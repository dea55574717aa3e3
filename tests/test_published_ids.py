"""Links that never die: every published id keeps answering, directly or as an alias."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.check.published import published_problems, read_published
from macros.check.validate import load
from tests.conftest import ROOT, build_site, serve_directory, unused_port
from tests.test_build import copy_project

LOCK = ROOT / "data" / "published-ids.txt"


def rename(bank_file: Path, old: str, alias: bool) -> None:
    """Rename a question everywhere in the bank, optionally keeping the old id as an alias."""
    text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", "renamed-question", bank_file.read_text(encoding="utf-8"))
    if alias:
        text = text.replace("- id: renamed-question\n", f"- id: renamed-question\n    aliases: [{old}]\n")
    bank_file.write_text(text, encoding="utf-8")


def test_every_current_id_is_in_the_lock() -> None:
    locked = {qid for _, qid in read_published(LOCK)}
    missing = [q.id for q in load(ROOT / "data" / "questions.yaml").questions if q.id not in locked]
    assert not missing, f"append these lines to data/published-ids.txt: {missing}"


def test_removing_a_published_id_is_refused_with_the_lock_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bank_file = project / "data" / "questions.yaml"
    victim = load(bank_file).questions[4]
    rename(bank_file, victim.id, alias=False)
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check"], cwd=project, capture_output=True, text=True, env={"PYTHONPATH": str(project)}
    )
    assert result.returncode == 1
    line = next(n for n, qid in read_published(project / "data" / "published-ids.txt") if qid == victim.id)
    assert f"data/published-ids.txt:{line}: [{victim.id}] this published id no longer exists" in result.stdout
    assert "aliases" in result.stdout


@pytest.mark.build
def test_an_alias_keeps_the_old_permalink_and_anchor(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bank_file = project / "data" / "questions.yaml"
    victim = load(bank_file).questions[4]
    rename(bank_file, victim.id, alias=True)
    assert published_problems(load(bank_file), project / "data" / "published-ids.txt") == []
    result = build_site(tmp_path / "out", "http://127.0.0.1/guide/", project=project)
    assert result.returncode == 0, result.stderr
    redirect = (tmp_path / "out" / "q" / victim.id / "index.html").read_text(encoding="utf-8")
    assert f'url=../../{victim.level}/#renamed-question"' in redirect
    level_page = (tmp_path / "out" / victim.level / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'data-question-id="renamed-question"[^>]*>\s*(<p>)?<a id="{victim.id}" class="qa-alias"', level_page)


@pytest.mark.browser
def test_a_study_set_link_resolves_an_alias_to_its_question(browser, tmp_path: Path) -> None:
    """Old ids in a shared quiz link keep working, and the reader is told the new id."""
    project = copy_project(tmp_path / "project")
    bank_file = project / "data" / "questions.yaml"
    victim = load(bank_file).questions[4]
    rename(bank_file, victim.id, alias=True)
    port = unused_port()
    result = build_site(tmp_path / "served" / "guide", f"http://127.0.0.1:{port}/guide/", project=project)
    assert result.returncode == 0, result.stderr
    with serve_directory(tmp_path / "served", port):
        page = browser.new_context(service_workers="block").new_page()
        page.goto(f"http://127.0.0.1:{port}/guide/quiz/?ids={victim.id},unheard-of")
        page.locator(".qa-quiz-card").wait_for()
        assert page.locator(".qa-quiz-card").get_attribute("data-quiz-id") == "renamed-question"
        notice = page.locator(".qa-set-notice").inner_text()
        assert "unheard-of" in notice and f"{victim.id} → renamed-question" in notice
        page.context.close()
