"""Write everything the build adds beside the rendered pages."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from ..load.bank import Bank

DOWNLOADS = {"json": "questions.json", "csv": "questions.csv", "anki": "mlops-interview-guide.apkg"}


def write_outputs(bank: Bank, site_dir: Path, site_url: str) -> None:
    """Exports at the site root and one permalink page per question id and alias."""
    from .export import to_csv, to_json, write_anki  # imported where they run: often in the forked writer only
    from .permalinks import permalink_page

    (site_dir / DOWNLOADS["json"]).write_text(to_json(bank), encoding="utf-8")
    (site_dir / DOWNLOADS["csv"]).write_text(to_csv(bank, site_url), encoding="utf-8")
    write_anki(bank, site_dir / DOWNLOADS["anki"], site_url)
    for q in bank.questions:
        for qid in (q.id, *q.aliases):
            page = site_dir / "q" / qid / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(permalink_page(q, site_url, qid), encoding="utf-8")


class Outputs:
    """The outputs of one build, written while MkDocs renders the pages.

    They depend only on the bank, so they are written into a scratch folder as soon
    as the bank is loaded: by a forked child process when the builder runs alone
    (`mkdocs build`), in this process otherwise (`mkdocs serve` has server threads,
    and forking a threaded process is unsafe). `copy_into` waits for them and puts
    them into the site.
    """

    def __init__(self, bank: Bank, site_url: str) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="qa-outputs-"))
        atexit.register(self.discard)  # a build that fails before copy_into leaves nothing behind
        alone = hasattr(os, "fork") and threading.active_count() == 1
        if alone:
            sys.stdout.flush()  # or the child would print what is still buffered a second time
            sys.stderr.flush()
        self.pid = os.fork() if alone else None
        if self.pid == 0:
            status = 0
            try:
                write_outputs(bank, self.scratch, site_url)
            except BaseException:
                traceback.print_exc()
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        if self.pid is None:
            write_outputs(bank, self.scratch, site_url)

    def _wait(self) -> int:
        """Wait for the writer, if it is a child process; its exit status."""
        if self.pid is None:
            return 0
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status)

    def copy_into(self, site_dir: Path) -> None:
        if self._wait():
            raise RuntimeError("writing the exports and permalink pages failed (traceback above)")
        shutil.copytree(self.scratch, site_dir, dirs_exist_ok=True)
        self.discard()

    def discard(self) -> None:
        self._wait()
        shutil.rmtree(self.scratch, ignore_errors=True)
