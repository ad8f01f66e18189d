"""The `certscope` command: parse and assess documents; run and manage the portal."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 1
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _build_parser() -> argparse.ArgumentParser:
    from .commands import COMMANDS  # serve, worker, demo, db, reassess (imports no Flask)

    parser = argparse.ArgumentParser(prog="certscope", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    for register in (*_CORE_COMMANDS, *COMMANDS):
        register(sub)
    return parser


def _register_parse(sub: Any) -> None:
    p = sub.add_parser("parse", help="read certificates / SoAs and print what they state")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="SCHEMA.md JSON (JSON Lines for several files)")
    p.add_argument("--evidence", action="store_true", help="with --json, add where each value was read")
    p.add_argument("--wall-clock", type=float, default=None, metavar="S",
                   help="stop reading a file after S seconds (default PARSE_WALL_S or 60)")
    p.set_defaults(handler=_cmd_parse)


def _cmd_parse(args: argparse.Namespace) -> int:
    """Read each file in a child process with the portal's hard limits (memory, CPU, wall clock)."""
    import os

    from parsers import extraction_from_json

    from .reading.limits import Limits, read_isolated
    from .report import format_extraction

    overrides = {"PARSE_WALL_S": args.wall_clock} if args.wall_clock else {}
    limits = Limits.from_config({**os.environ, **overrides})
    failed = False
    several = len(args.files) > 1
    for path in args.files:
        outcome = read_isolated(path.read_bytes(), limits) if path.is_file() else None
        if outcome is None or not outcome.ok:
            failed = True
            _report_error(args, several, path, (outcome.error if outcome else None) or "no such file")
            continue
        result = extraction_from_json(outcome.extraction or {})
        if args.json:
            data = result.to_json() if args.evidence else result.schema_json()
            if several:
                data = {"file": str(path), **data}
            print(json.dumps(data, ensure_ascii=False), flush=True)
        else:
            print(format_extraction(path, result), flush=True)
        for problem in outcome.problems:
            print(f"certscope: {path}: read with problems: {problem}", file=sys.stderr)
    return EXIT_BAD_INPUT if failed else 0


def _report_error(args: argparse.Namespace, several: bool, path: Path, message: str) -> None:
    print(f"certscope: {path}: {message}", file=sys.stderr)
    if args.json and several:
        print(json.dumps({"file": str(path), "error": message}), flush=True)


def _register_assess(sub: Any) -> None:
    p = sub.add_parser("assess", help="score a certificate (and SoA) against a context")
    p.add_argument("--certificate", required=True, type=Path)
    p.add_argument("--soa", type=Path)
    p.add_argument("--context", required=True, type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_assess)


def _cmd_assess(args: argparse.Namespace) -> int:
    from .assess_cli import run_assess

    return run_assess(args)


def _register_questionnaire(sub: Any) -> None:
    from .questionnaire_cli import register as register_questionnaire

    register_questionnaire(sub)


# The core's commands; the portal's are portal.commands.COMMANDS.
_CORE_COMMANDS: tuple[Callable[[Any], None], ...] = (_register_parse, _register_assess,
                                                     _register_questionnaire)


if __name__ == "__main__":
    sys.exit(main())
