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
    from . import commands  # noqa: F401  (registers serve/demo/db/reassess; imports no Flask)

    parser = argparse.ArgumentParser(prog="certscope", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    for register in _REGISTRY:
        register(sub)
    return parser


def _register_parse(sub: Any) -> None:
    p = sub.add_parser("parse", help="read certificates / SoAs and print what they state")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="SCHEMA.md JSON (JSON Lines for several files)")
    p.add_argument("--evidence", action="store_true", help="with --json, add where each value was read")
    p.set_defaults(handler=_cmd_parse)


def _cmd_parse(args: argparse.Namespace) -> int:
    from parsers import DocumentError, parse

    from .report import format_extraction

    failed = False
    several = len(args.files) > 1
    for path in args.files:
        try:
            result = parse(path)
        except DocumentError as err:
            failed = True
            _report_error(args, several, path, str(err))
            continue
        except Exception as err:  # never a traceback for a user; name the file and the fault
            failed = True
            _report_error(args, several, path, f"could not read the document ({type(err).__name__})")
            continue
        if args.json:
            data = result.to_json() if args.evidence else result.schema_json()
            if several:
                data = {"file": str(path), **data}
            print(json.dumps(data, ensure_ascii=False), flush=True)
        else:
            print(format_extraction(path, result), flush=True)
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


_REGISTRY: list[Callable[[Any], None]] = [_register_parse, _register_assess, _register_questionnaire]


def register(func: Callable[[Any], None]) -> Callable[[Any], None]:
    """Add a subcommand registrar (used by the portal's own command modules)."""
    _REGISTRY.append(func)
    return func


if __name__ == "__main__":
    sys.exit(main())
