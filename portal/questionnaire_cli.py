"""`certscope questionnaire validate FILE` and `certscope questionnaire show [ID]` for template authors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_BAD_INPUT = 2


def register(sub: Any) -> None:
    """Add the `questionnaire` subcommand and its actions."""
    p = sub.add_parser("questionnaire", help="check and show questionnaire templates")
    actions = p.add_subparsers(dest="action")
    check = actions.add_parser("validate", help="check a template file (YAML or JSON)")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=cmd_validate)
    show = actions.add_parser("show", help="list templates, or show one (ID is key or key@version)")
    show.add_argument("id", nargs="?")
    show.set_defaults(handler=cmd_show)
    p.set_defaults(handler=lambda args: (p.print_help(), 1)[1])


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a template file; print what it holds or the first problem."""
    import questionnaires
    from questionnaires.library import file_hash

    try:
        template = questionnaires.load_file(args.file)
    except questionnaires.QuestionnaireError as err:
        print(f"certscope: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.file}: OK: {template.ref} \"{template.title}\", {len(template.questions)} questions")
    print(f"  sha256 {file_hash(args.file)} (record it in published.json when publishing)")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """List the shipped templates, or print one template's questions."""
    import questionnaires

    library = questionnaires.default_library()
    try:
        if not args.id:
            for key in library.template_keys():
                latest = library.get(key)
                versions = ", ".join(map(str, library.versions(key)))
                print(f"{key}  versions {versions}  \"{latest.title}\" ({len(latest.questions)} questions)")
            return 0
        key, _, version = args.id.partition("@")
        print(format_template(library.get(key, version or None)))
    except questionnaires.QuestionnaireError as err:
        print(f"certscope: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def format_template(template: Any) -> str:
    """Return a template as readable text, section by section."""
    lines = [f"{template.ref}: {template.title}"]
    if template.based_on:
        lines.append(f"  based on {template.based_on}")
    section = None
    for q in template.questions:
        if q.section != section:
            section = q.section
            lines.append(f"\n  {section or 'Questions'}")
        extra = f" [{' | '.join(q.options)}]" if q.options else ""
        goes = f" → {q.maps_to}" if q.maps_to else ""
        lines.append(f"    {q.id} ({q.type}{', required' if q.required else ''}){extra}{goes}")
        lines.append(f"      {q.text}")
        if q.help:
            lines.append(f"      {q.help}")
    return "\n".join(lines)
