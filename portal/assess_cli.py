"""`certscope assess`: parse, build the context, score, print."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .faults import raised_by_us
from .reading.limits import PARSER_BUG

if TYPE_CHECKING:
    from scoring import Context

log = logging.getLogger(__name__)

EXIT_BAD_INPUT = 2
_MARK = {"high": "HIGH  ", "medium": "MEDIUM", "low": "LOW   "}


class InputProblem(Exception):
    """A command-line input cannot be used; the message is one line for the user."""


def run_assess(args: argparse.Namespace) -> int:
    """Parse the documents, score them against the context, print the assessment."""
    from parsers.agreement import reconcile
    from scoring import assess

    try:
        context = read_context(args.context)
        certificate = _as_certificate(_parse(args.certificate, "certificate"))
        soa = _as_soa(_parse(args.soa, "SoA")) if args.soa else None
    except InputProblem as err:
        print(f"certscope: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    certificate, _ = reconcile(certificate, soa)  # the SoA settles what the certificate left open
    assessment = assess(certificate, soa, context)
    if args.json:
        print(json.dumps(assessment.to_json(), ensure_ascii=False))
    else:
        print(format_assessment(assessment, args.certificate, args.soa))
    return 0


def read_context(path: Path) -> Context:
    """Read and check context.json (SCHEMA.md §2); a missing assessment date means today."""
    from scoring import Context

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputProblem(f"{path}: context file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputProblem(f"{path}: cannot read the context file ({err.__class__.__name__})") from None
    except json.JSONDecodeError as err:
        raise InputProblem(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None
    if isinstance(data, dict) and not data.get("assessment_date"):
        data = {**data, "assessment_date": dt.date.today().isoformat()}
    try:
        return Context.from_json(data)
    except ValueError as err:
        raise InputProblem(f"{path}: {err}") from None


def _parse(path: Path, role: str) -> Any:
    from parsers import DocumentError, parse

    try:
        return parse(path)
    except DocumentError as err:
        raise InputProblem(f"{path}: {err}") from None
    except Exception as err:  # never a traceback for a user: name the file and the fault
        if raised_by_us(err):  # a bug: its traceback goes to the log, the user is told it is ours
            log.exception("certscope failed on %s (a bug, not the file)", path)
            raise InputProblem(f"{path}: {PARSER_BUG}") from None
        raise InputProblem(f"{path}: could not read the {role} ({type(err).__name__})") from None


def _as_certificate(result: Any) -> Any:
    """Assess whatever was passed as the certificate; a non-certificate gets the flags it deserves."""
    from parsers import CertificateExtraction

    if isinstance(result, CertificateExtraction):
        return result
    print(f"certscope: note: the --certificate document reads as {result.kind}, not a certificate; "
          "assessing it as one with what could be read", file=sys.stderr)
    holder = getattr(result, "holder", None)
    return CertificateExtraction(holder=holder, page_texts=result.page_texts, ocr=result.ocr)


def _as_soa(result: Any) -> Any:
    """Return the SoA extraction, or None (scored as no SoA) when the document is not an SoA."""
    from parsers import SoaExtraction

    if isinstance(result, SoaExtraction):
        return result
    print(f"certscope: note: the --soa document reads as {result.kind}, not a Statement of Applicability; "
          "scoring as if no SoA was provided", file=sys.stderr)
    return None


def format_assessment(assessment: Any, certificate: Path, soa: Path | None) -> str:
    """Return a readable report: the rating, then each flag with its evidence."""
    docs = f"{certificate}" + (f" + {soa}" if soa else "")
    lines = [f"{docs}: {assessment.rating.upper()} ({_count(assessment.flags)})"]
    for flag in assessment.flags:
        lines.append(f"  {_MARK.get(flag.severity, flag.severity)} {flag.code}: {flag.message}")
        for item in flag.evidence:
            where = f"{item.document} p.{item.page}" if item.page else item.document
            lines.append(f"           [{where}] \"{item.quote}\"")
    if not assessment.flags:
        lines.append("  No flags: the documents show what the buyer asked for.")
    return "\n".join(lines)


def _count(flags: list[Any]) -> str:
    if not flags:
        return "no flags"
    counts = {s: sum(1 for f in flags if f.severity == s) for s in ("high", "medium", "low")}
    return ", ".join(f"{n} {s}" for s, n in counts.items() if n)
