"""Copy the vendored browser libraries from node_modules (after `npm ci`) into docs/assets/vendor/.

Each library is pinned in package.json and package-lock.json; the copy is committed, with its
licence and a VERSION.txt that names the version and the file's SHA-256, so the site builds
without Node. `python scripts/vendor.py --check` fails when a copy differs from node_modules.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# package name -> (file in the package, file in the site, licence file in the package)
LIBRARIES = {
    "ts-fsrs": ("dist/index.umd.js", "docs/assets/vendor/ts-fsrs/ts-fsrs.umd.js", "LICENSE"),
    "@panzoom/panzoom": ("dist/panzoom.min.js", "docs/assets/vendor/panzoom/panzoom.min.js", "MIT-License.txt"),
}


def version_line(name: str, version: str, source: str, data: bytes) -> str:
    """The VERSION.txt of a vendored file: what it is, and the SHA-256 that tests compare."""
    digest = hashlib.sha256(data).hexdigest()
    return f"{name} {version} (npm package {name}@{version}, {source}), MIT licence: see LICENSE.txt\nsha256 {digest}\n"


def main(check: bool) -> int:
    import json

    problems = []
    for name, (source, target, licence) in LIBRARIES.items():
        package = ROOT / "node_modules" / name
        if not package.exists():
            print(f"{name}: node_modules/{name} is missing: run `npm ci` first")
            return 1
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        data = (package / source).read_bytes()
        out = ROOT / target
        expected = version_line(name, version, source, data)
        if check:
            if (
                not out.exists()
                or out.read_bytes() != data
                or (out.parent / "VERSION.txt").read_text(encoding="utf-8") != expected
            ):
                problems.append(f"{target} differs from {name}@{version}: run `make vendor`")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        shutil.copyfile(package / licence, out.parent / "LICENSE.txt")
        (out.parent / "VERSION.txt").write_text(expected, encoding="utf-8")
        print(f"{target}: {name}@{version}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
