"""The assessment page's verdict and claims: the core's words (scoring/verdict.py) and the claims beside
evidence (questionnaires/claims.py) fed with what the portal stored. Read-only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

import scoring.model
from parsers import CertificateExtraction, Extraction, SoaExtraction
from questionnaires.claims import Claim, Documents, Reading, claims, prefill
from scoring.verdict import Verdict, acceptance_risks, unrated, verdict

from ..admin.accreditation import registry_from_db
from ..extensions import db
from ..models import Assessment, Document, Response, Scoring
from .helpers import today
from .rescoring import (
    FAILED,
    SCORING_BUG,
    build_context,
    certificate_of,
    gather_inputs,
    load_template,
    soa_of,
)


@dataclass(frozen=True)
class FlagLine:
    """A flag of the verdict with the stored flag it came from (its evidence and page links)."""

    summary: Any  # scoring.verdict.FlagSummary
    index: int  # position in the latest Scoring's flags: the page link names it
    stored: dict[str, Any]


def assessment_verdict(assessment: Assessment, latest: Scoring | None, documents: list[Document],
                       answers: dict[str, Any], audience: str = "buyer") -> Verdict:
    """Return the verdict on the assessment as it stands now (unrated, with the reason, when not rated),
    with the next steps of `audience` (the buyer's, or the supplier's)."""
    if latest is not None and latest.rating == FAILED and assessment.rating is None:
        return Verdict(None, f"Not rated: {SCORING_BUG}. Next: parse the certificate again later.",
                       ("parse the certificate again later",))
    if assessment.rating is None or latest is None:
        return unrated(_unrated_reason(documents), audience)
    result = scoring.model.Assessment.from_json({"rating": latest.rating, "flags": latest.flags or []})
    return verdict(result, build_context(assessment, answers, today()), audience)


def audience_of(role: str) -> str:
    """Return whose next steps a user reads: the supplier's own, or the buyer's (procurement, legal)."""
    return "supplier" if role == "supplier" else "buyer"


def _unrated_reason(documents: list[Document]) -> str:
    if not documents:
        return "no_documents"
    certificates = [d for d in documents if d.role == "certificate"]
    if not certificates:
        return "no_certificate"
    if any(d.parse_status in ("pending", "reading") for d in certificates):
        return "reading"
    return "unreadable"


def flag_lines(result: Verdict, latest: Scoring | None) -> list[FlagLine]:
    """Pair each flag of the verdict (blockers first) with its stored flag."""
    stored = list(latest.flags or []) if latest is not None else []
    lines = []
    for summary in result.flags:
        index = next((i for i, f in enumerate(stored) if f.get("code") == summary.code), None)
        if index is not None:
            lines.append(FlagLine(summary, index, stored[index]))
    return lines


def decision_risks(assessment: Assessment, result: Verdict, documents: list[Document]) -> tuple[str, ...]:
    """Return why accepting now needs a reason and a confirmation; empty when it does not."""
    risks = list(acceptance_risks(result, len([d for d in documents if not _withdrawn(d)])))
    if assessment.status != "submitted":
        risks.append("the supplier has not submitted its answers")
    return tuple(risks)


def _withdrawn(doc: Document) -> bool:
    return bool(getattr(doc, "withdrawn_at", None))


def documents_read(read: Mapping[str, Extraction | None], latest: Scoring | None) -> Documents:
    """Return what certscope read: the current extraction per role (corrections applied), the flags."""
    cert, soa = read.get("certificate"), read.get("soa")
    flags = [scoring.model.Flag.from_json(f) for f in (latest.flags or [])] \
        if latest is not None and latest.rating != FAILED else []
    return Documents(cert if isinstance(cert, CertificateExtraction) else None,
                     soa if isinstance(soa, SoaExtraction) else None, tuple(flags),
                     accreditation=registry_from_db())


def claim_rows(assessment: Assessment, answers: dict[str, Any], documents: Documents) -> list[Claim]:
    """Return question | supplier's answer | what the documents say | agrees, for every question."""
    template = load_template(assessment.template_key, assessment.template_version)
    return claims(template, answers, documents)


def prefilled(assessment: Assessment) -> dict[str, Reading]:
    """Return question id → what the documents state for it (offered as the answer, marked as read)."""
    inputs = gather_inputs([assessment])[assessment.id]
    read: dict[str, Extraction | None] = {"certificate": certificate_of(inputs), "soa": soa_of(inputs)}
    template = load_template(assessment.template_key, assessment.template_version)
    return prefill(template, documents_read(read, inputs.last))


def risks_now(assessment: Assessment) -> tuple[str, ...]:
    """Return the acceptance risks of the assessment as stored now (for the decision's POST)."""
    latest = db.session.scalar(sa.select(Scoring).where(Scoring.assessment_id == assessment.id)
                               .order_by(Scoring.id.desc()).limit(1))
    docs = list(db.session.scalars(sa.select(Document).where(Document.assessment_id == assessment.id)))
    response = db.session.scalar(sa.select(Response).where(Response.assessment_id == assessment.id))
    answers = dict(response.answers or {}) if response else {}
    return decision_risks(assessment, assessment_verdict(assessment, latest, docs, answers), docs)
