"""Compute a legal risk summary for one assessment on a date (reads only; nothing is changed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import scoring
from scoring.rules.answers import CONTRADICTIONS

from ..admin.accreditation import registry_from_db
from ..assessments import rescoring
from ..assessments.corrections import apply_corrections, correction_text, field_label, latest_corrections
from ..assessments.questionnaire_form import question_specs
from ..models import Assessment, Correction, Document
from .summary import (
    Contradiction,
    CorrectionLine,
    DocumentFacts,
    LegalSummary,
    as_date,
    cycle_position,
    flag_lines,
)


def legal_summary(assessment: Assessment, on: dt.date) -> LegalSummary:
    """Score the assessment's current evidence for `on` (in memory) and gather the summary."""
    inputs = rescoring.gather_inputs([assessment])[assessment.id]
    cert, soa = inputs.certificate, inputs.soa
    flags: list[dict[str, Any]] = []
    rating = None
    context = rescoring.build_context(assessment, inputs.answers, on)
    if cert is not None:
        settings = scoring.ScoringSettings(accreditation=registry_from_db())
        result = scoring.assess(rescoring.extraction_for(inputs, cert),
                                rescoring.extraction_for(inputs, soa) if soa else None, context, settings)
        rating, flags = result.rating, result.to_json()["flags"]
    cert_facts = _facts(cert, inputs.corrections.get(cert.id, [])) if cert else None
    values = cert_facts.values if cert_facts else {}
    return LegalSummary(
        computed_for=on, buyer=assessment.buyer_org.name, supplier_name=assessment.supplier_name,
        supplier_legal_name=assessment.supplier_legal_name, product=assessment.product,
        product_aliases=tuple(assessment.product_aliases or ()), status=assessment.status,
        decision=_decision(assessment), rating=rating, certificate=cert_facts,
        soa=_facts(soa, inputs.corrections.get(soa.id, [])) if soa else None,
        cycle=_cycle(values, on), flags=flag_lines(flags),
        contradictions=_contradictions(assessment, context, {f["code"] for f in flags}),
        corrections=_corrections([d for d in (cert, soa) if d], inputs.corrections))


def _facts(doc: Document, corrections: list[Correction]) -> DocumentFacts:
    raw = dict(doc.extraction or {})
    data = raw if raw.get("kind") == doc.role else {"kind": doc.role}
    merged = apply_corrections(data, latest_corrections(corrections))
    merged.pop("evidence", None)
    return DocumentFacts(doc.role, doc.filename, doc.sha256, merged)


def _latest_rows(rows: list[Correction]) -> dict[str, Correction]:
    latest: dict[str, Correction] = {}
    for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
        latest[row.field] = row
    return latest


def _cycle(values: dict[str, Any], on: dt.date) -> str:
    surveillance = [d for d in (as_date(v) for v in values.get("surveillance_dates") or []) if d]
    start = as_date(values.get("issue_date")) or as_date(values.get("initial_certification_date"))
    return cycle_position(start, as_date(values.get("expiry_date")), surveillance,
                          as_date(values.get("next_audit_due")), on)


def _decision(assessment: Assessment) -> str | None:
    if assessment.status not in ("accepted", "rejected") or assessment.decided_at is None:
        return None
    when = assessment.decided_at.date().isoformat()
    return f"{assessment.status} on {when}: {assessment.decision_reason or ''}"


def _contradictions(assessment: Assessment, context: Any, raised: set[str]) -> tuple[Contradiction, ...]:
    if "answer.contradicted" not in raised:
        return ()
    texts = _question_texts(assessment)
    return tuple(Contradiction(texts.get(key, key.replace("_", " ")), str(context.answers.get(key, "")),
                               claim, shown, code)
                 for key, (code, claim, shown) in CONTRADICTIONS.items()
                 if context.answered_yes(key) and code in raised)


def _question_texts(assessment: Assessment) -> dict[str, str]:
    try:
        template = rescoring.load_template(assessment.template_key, assessment.template_version)
        return {s.id: s.text for s in question_specs(template)}
    except Exception:  # a retired template must not stop the summary; the answer key still reads
        return {}


def _corrections(docs: list[Document], by_doc: dict[int, list[Correction]]) -> tuple[CorrectionLine, ...]:
    out = []
    for doc in docs:
        for field, row in sorted(_latest_rows(by_doc.get(doc.id, [])).items()):
            out.append(CorrectionLine(doc.role, field, field_label(field),
                                      correction_text(field, row.machine_value) or "(not read)",
                                      correction_text(field, row.corrected_value) or "(empty)", row.reason))
    return tuple(out)
