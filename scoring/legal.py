"""The legal risk summary's content: facts read, cycle position, flags with safeguards, answers, corrections.

Pure: the portal gathers the engagement, the current documents (corrections applied), the answers and
the supplier's corrections; `summarise` scores them for the date and returns what the summary shows.
Drawing it (HTML, PDF) is the portal's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from parsers.model import CERTIFICATE_FIELDS, CertificateExtraction, SoaExtraction

from .corrections import correction_text, field_label
from .cycle import CycleDates, cycle_position
from .engine import assess
from .model import Context, Flag
from .rules.answers import CONTRADICTIONS
from .safeguards import safeguard_for
from .settings import DEFAULT_SCORING_SETTINGS, DEFAULT_SURVEILLANCE_GRACE_MONTHS, ScoringSettings

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
X = TypeVar("X", CertificateExtraction, SoaExtraction)
# The certificate's facts as the summary lists them; its scope, sites and cycle position follow apart,
# and whether it certifies at all is cert.not_certified's to say.
CERTIFICATE_ROWS = tuple(f for f in CERTIFICATE_FIELDS
                         if f.name not in ("certified", "scope", "sites", "soa_reference"))


@dataclass(frozen=True)
class Engagement:
    """Who assesses whom for what, and where the assessment stands."""

    buyer: str
    supplier_name: str
    supplier_legal_name: str
    product: str
    product_aliases: tuple[str, ...]
    status: str
    decision: str | None = None


@dataclass(frozen=True)
class ReadDocument(Generic[X]):
    """A current document: which file it is and what was read from it (corrections applied)."""

    filename: str
    sha256: str
    extraction: X


@dataclass(frozen=True)
class HandCorrection:
    """A field of a document the supplier corrected by hand (the newest correction of it)."""

    role: str
    field: str
    machine: Any
    corrected: Any
    reason: str


@dataclass(frozen=True)
class SummaryInputs:
    """Everything the summary is computed from, for one date."""

    computed_for: dt.date
    engagement: Engagement
    context: Context
    certificate: ReadDocument[CertificateExtraction] | None = None
    soa: ReadDocument[SoaExtraction] | None = None
    corrections: tuple[HandCorrection, ...] = ()
    question_texts: Mapping[str, str] = field(default_factory=dict)
    settings: ScoringSettings = DEFAULT_SCORING_SETTINGS


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
    engagement: Engagement
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


def summarise(inputs: SummaryInputs) -> LegalSummary:
    """Score the current evidence for the date and gather what the summary shows."""
    cert, soa, on = inputs.certificate, inputs.soa, inputs.computed_for
    flags: list[Flag] = []
    rating = None
    dates = CycleDates()
    if cert is not None:
        result = assess(cert.extraction, soa.extraction if soa else None, inputs.context, inputs.settings)
        rating, flags = result.rating, result.flags
        dates = CycleDates.from_extraction(cert.extraction)
    return LegalSummary(
        computed_for=on, engagement=inputs.engagement, rating=rating,
        certificate=_facts("certificate", cert) if cert else None, soa=_facts("soa", soa) if soa else None,
        cycle=cycle_text(dates, on, inputs.settings.surveillance_grace_months), flags=flag_lines(flags),
        contradictions=contradictions(inputs.context, {f.code for f in flags}, inputs.question_texts),
        corrections=tuple(correction_line(c) for c in inputs.corrections))


def _facts(role: str, document: ReadDocument[X]) -> DocumentFacts:
    return DocumentFacts(role, document.filename, document.sha256, document.extraction.schema_json())


def flag_lines(flags: Sequence[Flag]) -> tuple[FlagLine, ...]:
    """Turn scoring flags into summary lines with their safeguards, most severe first."""
    lines = [FlagLine(code=f.code, severity=f.severity, message=f.message,
                      evidence=tuple(EvidenceLine(e.document, e.page or None, " ".join(e.quote.split()))
                                     for e in f.evidence),
                      safeguard=safeguard_for(f.code))
             for f in flags]
    return tuple(sorted(lines, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.code)))


def cycle_text(dates: CycleDates, on: dt.date, grace_months: int = DEFAULT_SURVEILLANCE_GRACE_MONTHS) -> str:
    """Describe where the certificate stands in its cycle on `on` (year n of m, next audit due)."""
    position = cycle_position(dates, on, grace_months)
    if position is None:
        return "Cycle position unknown: the issue and expiry dates are needed."
    start, expiry = position.start.isoformat(), position.expiry.isoformat()
    if position.state == "expired":
        return f"Expired on {expiry}."
    if position.state == "pending":
        return f"Not yet in force: issued for {start}."
    text = f"Year {position.year} of {position.years} (cycle {start} to {expiry})"
    due = position.surveillance
    if due is None:
        return f"{text}; recertification due before {expiry}."
    word = "overdue since" if due.overdue_on(on) else "due by"
    return f"{text}; surveillance audit {word} {due.date.isoformat()}."


def contradictions(context: Context, raised: set[str],
                   question_texts: Mapping[str, str]) -> tuple[Contradiction, ...]:
    """Return each "yes" of the supplier that a raised flag contradicts, as answer.contradicted does."""
    if "answer.contradicted" not in raised:
        return ()
    return tuple(Contradiction(question_texts.get(key, key.replace("_", " ")),
                               str(context.answers.get(key, "")), claim, shown, code)
                 for key, (code, claim, shown) in CONTRADICTIONS.items()
                 if context.answered_yes(key) and code in raised)


def correction_line(correction: HandCorrection) -> CorrectionLine:
    """Return how the summary shows one hand correction: both values, for reading, and the reason."""
    c = correction
    return CorrectionLine(c.role, c.field, field_label(c.role, c.field),
                          correction_text(c.field, c.machine) or "(not read)",
                          correction_text(c.field, c.corrected) or "(empty)", c.reason)
