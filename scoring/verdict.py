"""The verdict: one line a manager can act on, the flags under plain titles, and the next steps.

An Assessment (rating and flags) and the engagement's Context in; a Verdict out. The words live as
data in `data/flag_texts.yaml` (a title, a verdict clause, the buyer's next step and the supplier's
per flag code); this module only chooses and joins them, for the buyer or for the supplier. Pure: no
I/O beyond reading that file once.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from . import rules as _rules  # noqa: F401  (registers the rules the texts must cover)
from .model import Assessment, Context, Flag, FlagEvidence
from .registry import RULES

TEXTS_FILE = "data/flag_texts.yaml"
PLACEHOLDERS = frozenset({"product", "supplier", "regions"})
UNRATED_REASONS = ("no_documents", "reading", "unreadable", "no_certificate")
HEADLINE_CLAUSES = 3  # more than this many blockers and concerns are counted, not listed, in the line
AUDIENCES = ("buyer", "supplier")  # whose next steps the verdict gives (legal reads the buyer's)
_ASK_KEYS = {"buyer": "ask", "supplier": "supplier_ask"}
_FLAG_KEYS = ("title", "clause", "ask", "supplier_ask")
_GROUPS = (("high", "blocker"), ("medium", "concern"), ("low", "note"))


class FlagTextError(ValueError):
    """The flag texts file is malformed, or a flag code has no texts."""


@dataclass(frozen=True)
class FlagText:
    """What people read for one flag code (placeholders not yet filled)."""

    title: str
    clause: str
    ask: str
    supplier_ask: str


@dataclass(frozen=True)
class FlagSummary:
    """One raised flag as the page shows it: plain title, what it rests on, the reader's next step."""

    code: str
    severity: str
    title: str
    clause: str
    ask: str
    message: str
    evidence: tuple[FlagEvidence, ...]


@dataclass(frozen=True)
class Verdict:
    """The assessment in one line, then its flags grouped by what they mean for the decision."""

    rating: str | None  # None: not rated
    headline: str
    next_steps: tuple[str, ...]
    blockers: tuple[FlagSummary, ...] = ()
    concerns: tuple[FlagSummary, ...] = ()
    notes: tuple[FlagSummary, ...] = ()

    @property
    def flags(self) -> tuple[FlagSummary, ...]:
        """Return every flag, blockers first."""
        return self.blockers + self.concerns + self.notes


def verdict(result: Assessment, context: Context, audience: str = "buyer") -> Verdict:
    """Return the verdict on a scored assessment for the engagement `context` describes.

    `audience` ("buyer" or "supplier") chooses whose next steps it gives: the buyer asks the supplier
    for evidence, the supplier uploads, answers or explains."""
    ask = _ask_key(audience)
    values = _values(context)
    order = {code: i for i, code in enumerate(_texts()["flags"])}  # the texts file's order, per severity
    flags = sorted(result.flags, key=lambda f: order[f.code])
    summaries = [summarise(flag, values, audience) for flag in flags]
    groups = {severity: tuple(s for s in summaries if s.severity == severity) for severity, _ in _GROUPS}
    serious = groups["high"] + groups["medium"]
    steps = tuple(dict.fromkeys(s.ask for s in serious + groups["low"])) or (_clear()[ask],)
    if serious:
        listed = "; ".join(s.clause for s in serious[:HEADLINE_CLAUSES])
        more = len(serious) - HEADLINE_CLAUSES
        summary = f"{_counts(groups)} — {listed}" + (f"; and {more} more" if more > 0 else "")
    else:
        notes = f" ({_count(len(groups['low']), 'note')})" if groups["low"] else ""
        summary = _clear()["summary"] + notes
    headline = f"{result.rating.capitalize()}: {summary}. Next: {steps[0]}."
    return Verdict(result.rating, headline, steps, groups["high"], groups["medium"], groups["low"])


def unrated(reason: str, audience: str = "buyer") -> Verdict:
    """Return the verdict on an assessment with no rating yet, saying why and what `audience` does next."""
    key = _ask_key(audience)
    texts = _texts()["unrated"]
    if reason not in texts:
        raise FlagTextError(f"no unrated reason {reason!r}; known: {', '.join(UNRATED_REASONS)}")
    summary = texts[reason]["supplier_summary" if audience == "supplier" else "summary"]
    ask = texts[reason][key]
    return Verdict(None, f"Not rated: {summary}. Next: {ask}.", (ask,))


def summarise(flag: Flag, values: Mapping[str, str], audience: str = "buyer") -> FlagSummary:
    """Return one flag with its plain title, verdict clause and `audience`'s next step filled in."""
    text = flag_text(flag.code)
    ask = text.supplier_ask if _ask_key(audience) == "supplier_ask" else text.ask
    return FlagSummary(flag.code, flag.severity, _fill(text.title, values), _fill(text.clause, values),
                       _fill(ask, values), flag.message, tuple(flag.evidence))


def _ask_key(audience: str) -> str:
    if audience not in _ASK_KEYS:
        raise ValueError(f"no audience {audience!r}; known: {', '.join(AUDIENCES)}")
    return _ASK_KEYS[audience]


def flag_text(code: str) -> FlagText:
    """Return the texts of flag `code`; FlagTextError names a code the file does not cover."""
    texts = _texts()["flags"]
    if code not in texts:
        raise FlagTextError(f"{TEXTS_FILE} has no texts for flag {code!r}")
    return FlagText(**texts[code])


def acceptance_risks(result: Verdict, documents: int) -> tuple[str, ...]:
    """Return why accepting now is risky (not rated, no documents, blockers); empty when it is not."""
    risks = []
    if documents == 0:
        risks.append("no documents were provided")
    if result.rating is None:
        risks.append("it is not rated")
    if result.blockers:
        titles = "; ".join(b.title for b in result.blockers)
        risks.append(f"it has {_count(len(result.blockers), 'blocker')}: {titles}")
    return tuple(risks)


def _values(context: Context) -> dict[str, str]:
    return {"product": context.product or "the product under review",
            "supplier": context.supplier_legal_name or "the supplier",
            "regions": " or ".join(context.required_regions) or "the required regions"}


def _fill(text: str, values: Mapping[str, str]) -> str:
    return text.format_map(values)


def _counts(groups: Mapping[str, Sequence[FlagSummary]]) -> str:
    parts = [_count(len(groups[severity]), noun) for severity, noun in _GROUPS[:2] if groups[severity]]
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clear() -> dict[str, str]:
    clear: dict[str, str] = _texts()["clear"]
    return clear


@cache
def _texts() -> dict[str, Any]:
    """Load and check the texts file once: every rule covered, every entry complete, placeholders known."""
    raw = resources.files(__package__).joinpath(TEXTS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    sections = ("flags", "unrated", "clear")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), dict) for k in sections):
        raise FlagTextError(f"{TEXTS_FILE} must hold the mappings flags, unrated and clear")
    for code, entry in data["flags"].items():
        _check_entry(f"flags.{code}", entry, _FLAG_KEYS)
    missing = sorted(set(RULES) - set(data["flags"]))
    if missing:
        raise FlagTextError(f"{TEXTS_FILE} has no texts for flag(s) {', '.join(missing)}")
    for reason in UNRATED_REASONS:
        _check_entry(f"unrated.{reason}", data["unrated"].get(reason),
                     ("summary", "supplier_summary", "ask", "supplier_ask"))
    _check_entry("clear", data["clear"], ("summary", "ask", "supplier_ask"))
    return data


def _check_entry(where: str, entry: Any, keys: tuple[str, ...]) -> None:
    if not isinstance(entry, dict) or set(entry) != set(keys):
        raise FlagTextError(f"{TEXTS_FILE}: {where} must have exactly {', '.join(keys)}")
    for key in keys:
        text = entry[key]
        if not isinstance(text, str) or not text.strip():
            raise FlagTextError(f"{TEXTS_FILE}: {where}.{key} must be non-empty text")
        unknown = {name for _, name, _, _ in string.Formatter().parse(text) if name} - PLACEHOLDERS
        if unknown:
            raise FlagTextError(f"{TEXTS_FILE}: {where}.{key} uses unknown placeholder(s) "
                                f"{', '.join(sorted(unknown))}")
        if re.search(r"[.!]\s*$", text):
            raise FlagTextError(f"{TEXTS_FILE}: {where}.{key} must not end with a full stop (it is joined)")
