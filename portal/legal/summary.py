"""The legal risk summary as plain data: cycle, flags + safeguards, answers, corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta

from ..monitoring.cycle import CycleDates, surveillance_due
from .safeguards import safeguard_for

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class EvidenceLine:
    """Where a flag's evidence was read: document, page, quoted text."""

    document: str
    page: int | None
    quote: str


@dataclass(frozen=True)
class FlagLine:
    """One flag with its evidence and the safeguard suggested for it."""

    code: str
    severity: str
    message: str
    evidence: tuple[EvidenceLine, ...]
    safeguard: str


@dataclass(frozen=True)
class Contradiction:
    """A supplier's answer that the evidence contradicts."""

    question: str
    answer: str
    claim: str
    shown: str
    flag_code: str


@dataclass(frozen=True)
class CorrectionLine:
    """A field the supplier corrected by hand: machine value, corrected value, reason."""

    document: str
    field: str
    label: str
    machine: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class DocumentFacts:
    """What was read from one document (supplier corrections applied), and which file it was."""

    role: str
    filename: str
    sha256: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LegalSummary:
    """Everything the legal risk summary shows, computed for one date."""

    computed_for: dt.date
    buyer: str
    supplier_name: str
    supplier_legal_name: str
    product: str
    product_aliases: tuple[str, ...]
    status: str
    decision: str | None
    rating: str | None
    certificate: DocumentFacts | None
    soa: DocumentFacts | None
    cycle: str
    flags: tuple[FlagLine, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    corrections: tuple[CorrectionLine, ...] = ()

    @property
    def flag_counts(self) -> dict[str, int]:
        """Return the number of flags per severity."""
        return {s: sum(1 for f in self.flags if f.severity == s) for s in SEVERITY_ORDER}


def flag_lines(flags: list[dict[str, Any]]) -> tuple[FlagLine, ...]:
    """Turn scoring flags (SCHEMA.md §3 shape) into summary lines, most severe first."""
    lines = [FlagLine(code=str(f.get("code", "")), severity=str(f.get("severity") or "medium"),
                      message=str(f.get("message") or ""), evidence=_evidence(f.get("evidence")),
                      safeguard=safeguard_for(str(f.get("code", ""))))
             for f in flags]
    return tuple(sorted(lines, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.code)))


def _evidence(items: Any) -> tuple[EvidenceLine, ...]:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            page = item.get("page")
            out.append(EvidenceLine(str(item.get("document") or ""), int(page) if page else None,
                                    " ".join(str(item.get("quote") or "").split())))
    return tuple(out)


def cycle_position(issue: dt.date | None, expiry: dt.date | None, surveillance: list[dt.date],
                   next_due: dt.date | None, on: dt.date) -> str:
    """Describe where the certificate stands in its cycle on `on` (year n of m, next audit due)."""
    if issue is None or expiry is None or expiry <= issue:
        return "Cycle position unknown: the issue and expiry dates are needed."
    if on > expiry:
        return f"Expired on {expiry.isoformat()}."
    if on < issue:
        return f"Not yet in force: issued for {issue.isoformat()}."
    years = max(1, round(_months(issue, expiry) / 12))
    year = min(years, _months(issue, on) // 12 + 1)
    text = f"Year {year} of {years} (cycle {issue.isoformat()} to {expiry.isoformat()})"
    # the same rule as the watch list and reminders, so the summary never names another date
    due = surveillance_due(CycleDates(issued=issue, surveillance=tuple(sorted(surveillance)),
                                      next_audit_due=next_due, expiry=expiry))
    if due is None:
        return f"{text}; recertification due before {expiry.isoformat()}."
    word = "overdue since" if due < on else "due by"
    return f"{text}; surveillance audit {word} {due.isoformat()}."


def _months(start: dt.date, end: dt.date) -> int:
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def as_date(value: Any) -> dt.date | None:
    """Read an ISO date (or None) from an extraction value."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
