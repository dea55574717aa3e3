"""Command line: `python -m macros check [PATH]` and `python -m macros schema [--write]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import rules
from .check.published import published_problems
from .check.schema import schema_text
from .check.validate import check, glossary_problems


def _check(path: str) -> int:
    bank, problems = check(path)
    if bank is not None:
        problems = published_problems(bank, Path(path).parent / Path(rules.PUBLISHED_IDS_FILE).name)
    glossary = Path(path).parent.parent / rules.GLOSSARY_FILE
    if glossary.exists():
        problems += glossary_problems(glossary)
    for problem in problems:
        print(problem)
    if bank is None or problems:
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    print(f"{len(bank.questions)} questions in {len(bank.levels)} levels, 0 problems")
    return 0


def _schema(write: bool) -> int:
    target = Path(rules.BANK_FILE).parent / rules.SCHEMA_FILE
    if write:
        target.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {target}")
        return 0
    sys.stdout.write(schema_text())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Check and export the question bank.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the bank and print every problem")
    check_cmd.add_argument("path", nargs="?", default=rules.BANK_FILE)
    schema_cmd = commands.add_parser("schema", help="print (or --write) the JSON Schema")
    schema_cmd.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.path)
    return _schema(args.write)
