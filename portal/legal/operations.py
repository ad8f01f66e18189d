"""Compute a legal risk summary for one assessment on a date (reads only; nothing is changed)."""

from __future__ import annotations

import datetime as dt
import logging

from questionnaires import QuestionnaireError
from scoring.legal import Engagement, HandCorrection, LegalSummary, ReadDocument, SummaryInputs, X, summarise

from ..assessments import rescoring
from ..assessments.corrections import latest_rows
from ..assessments.questionnaire_form import question_specs
from ..models import Assessment, Correction, Document

log = logging.getLogger(__name__)


def legal_summary(assessment: Assessment, on: dt.date) -> LegalSummary:
    """Gather the assessment's current evidence and answers, and compute its summary for `on`."""
    inputs = rescoring.gather_inputs([assessment])[assessment.id]
    cert, soa = rescoring.certificate_of(inputs), rescoring.soa_of(inputs)
    return summarise(SummaryInputs(
        computed_for=on, engagement=_engagement(assessment),
        context=rescoring.build_context(assessment, inputs.answers, on),
        certificate=_read(inputs.certificate, cert), soa=_read(inputs.soa, soa),
        corrections=_corrections([d for d in (inputs.certificate, inputs.soa) if d], inputs.corrections),
        question_texts=_question_texts(assessment), settings=rescoring.scoring_settings()))


def _read(doc: Document | None, extraction: X | None) -> ReadDocument[X] | None:
    return ReadDocument(doc.filename, doc.sha256, extraction) if doc and extraction else None


def _engagement(assessment: Assessment) -> Engagement:
    return Engagement(buyer=assessment.buyer_org.name, supplier_name=assessment.supplier_name,
                      supplier_legal_name=assessment.supplier_legal_name, product=assessment.product,
                      product_aliases=tuple(assessment.product_aliases or ()), status=assessment.status,
                      decision=_decision(assessment))


def _decision(assessment: Assessment) -> str | None:
    if assessment.status not in ("accepted", "rejected") or assessment.decided_at is None:
        return None
    when = assessment.decided_at.date().isoformat()
    return f"{assessment.status} on {when}: {assessment.decision_reason or ''}"


def _question_texts(assessment: Assessment) -> dict[str, str]:
    try:
        template = rescoring.load_template(assessment.template_key, assessment.template_version)
        return {s.id: s.text for s in question_specs(template)}
    except QuestionnaireError:  # a retired template must not stop the summary; the answer key still reads
        log.warning("assessment %s: questionnaire template %s %s is gone; the summary shows answer keys",
                    assessment.id, assessment.template_key, assessment.template_version)
        return {}


def _corrections(docs: list[Document], by_doc: dict[int, list[Correction]]) -> tuple[HandCorrection, ...]:
    return tuple(HandCorrection(doc.role, field, row.machine_value, row.corrected_value, row.reason)
                 for doc in docs for field, row in sorted(latest_rows(by_doc.get(doc.id, [])).items()))
