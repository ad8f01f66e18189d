"""Score assessments: gather evidence and answers, run the engine, keep the history."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

import questionnaires
import scoring
from parsers import CertificateExtraction, SoaExtraction
from parsers.accreditation import AccreditationRegistry
from questionnaires import Template
from scoring.corrections import effective_certificate, effective_soa
from scoring.cycle import CycleDates, surveillance_due

from ..admin.accreditation import registry_from_db
from ..extensions import db
from ..models import Assessment, Correction, Document, Response, Scoring, utcnow
from ..questionnaire_templates import store as template_store
from ..webhooks import operations as webhooks
from .corrections import latest_corrections

log = logging.getLogger(__name__)
BATCH = 500
# "view" is history: pages re-scored when opened, until a GET stopped writing.
TRIGGER_LABELS = {"upload": "new evidence", "manual": "document parsed again", "answers": "answers changed",
                  "correction": "a field was corrected", "view": "opened after a day",
                  "reassess": "daily re-assessment", "settings": "the accreditation-body list changed"}
UNLESS_CHANGED = ("reassess", "settings")  # triggers that keep a Scoring row only when the result differs
# A Scoring row's rating when certscope failed to score (a bug): no earlier rating stands in for it.
FAILED = "failed"
SCORING_BUG = "certscope failed to score this assessment; the team has been told"


@dataclass
class Inputs:
    """Everything one scoring run reads about one assessment."""

    certificate: Document | None = None
    soa: Document | None = None
    corrections: dict[int, list[Correction]] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    response: Response | None = None
    last: Scoring | None = None


def load_template(key: str, version: Any = None) -> Template:
    """Return a questionnaire template: a shipped one from its file, a buyer's own from the database."""
    if template_store.is_shipped(key):
        return _load_shipped(key, None if version is None else str(version))
    # Buyers' templates live in the database: never in a process-wide cache, which would outlive
    # the database it was read from (store.py caches exact versions per app context instead).
    return template_store.load_org_template(key, version)


@lru_cache(maxsize=64)
def _load_shipped(key: str, version: str | None) -> Template:
    """Return a shipped template (cached: shipped files are immutable per version)."""
    return questionnaires.load(key, version) if version is not None else questionnaires.load(key)


def rescore(assessment: Assessment, today: dt.date, trigger: str,
            registry: AccreditationRegistry | None = None) -> Scoring | None:
    """Score one assessment now; keep a Scoring row when triggered by a change or when it differs."""
    inputs = gather_inputs([assessment])[assessment.id]
    return _score_safely(assessment, inputs, today, trigger, scoring_settings(registry))


def rescore_all(today: dt.date, buyer_org_id: int | None = None, trigger: str = "reassess") -> int:
    """Re-score every assessment against `today` in batches (few queries per batch); return the count."""
    settings = scoring_settings()
    stmt = sa.select(Assessment.id).order_by(Assessment.id)
    if buyer_org_id is not None:
        stmt = stmt.where(Assessment.buyer_org_id == buyer_org_id)
    ids = list(db.session.scalars(stmt))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = db.session.scalars(sa.select(Assessment).where(
            Assessment.id.in_(ids[start:start + BATCH]))).all()
        inputs = gather_inputs(chunk)
        rows = [_score_safely(a, inputs[a.id], today, trigger, settings) for a in chunk]
        db.session.flush()
        _release([*chunk, *rows], inputs.values())
        done += len(chunk)
    return done


def _release(objects: Iterable[Any], inputs: Iterable[Inputs]) -> None:
    """Detach a flushed batch so that re-scoring thousands of assessments keeps memory flat."""
    loaded: list[Any] = [o for o in objects if o is not None]
    for item in inputs:
        loaded += [d for d in (item.certificate, item.soa, item.response, item.last) if d is not None]
        loaded += [c for rows in item.corrections.values() for c in rows]
    for obj in loaded:
        if obj in db.session:
            db.session.expunge(obj)


def gather_inputs(assessments: Sequence[Assessment]) -> dict[int, Inputs]:
    """Load documents, corrections, answers and last scorings for many assessments in 4 queries."""
    ids = [a.id for a in assessments]
    result = {i: Inputs() for i in ids}
    docs = db.session.scalars(sa.select(Document).where(
        Document.assessment_id.in_(ids), Document.is_current.is_(True), Document.withdrawn_at.is_(None),
        Document.role.in_(("certificate", "soa")), Document.parse_status == "parsed")
        .order_by(Document.uploaded_at, Document.id)).all()
    for doc in docs:  # ordered oldest first: the newest current document of a role wins
        setattr(result[doc.assessment_id], doc.role, doc)
    _attach_corrections(result, [d.id for d in docs])
    for resp in db.session.scalars(sa.select(Response).where(Response.assessment_id.in_(ids))):
        result[resp.assessment_id].answers = dict(resp.answers or {})
        result[resp.assessment_id].response = resp
    for last in _last_scorings(ids):
        result[last.assessment_id].last = last
    return result


def _attach_corrections(result: dict[int, Inputs], doc_ids: list[int]) -> None:
    if not doc_ids:
        return
    by_doc: dict[int, list[Correction]] = defaultdict(list)
    for row in db.session.scalars(sa.select(Correction).where(Correction.document_id.in_(doc_ids))):
        by_doc[row.document_id].append(row)
    for inputs in result.values():
        inputs.corrections = {d.id: by_doc.get(d.id, []) for d in (inputs.certificate, inputs.soa) if d}


def _last_scorings(ids: Iterable[int]) -> Sequence[Scoring]:
    latest = (sa.select(sa.func.max(Scoring.id)).where(Scoring.assessment_id.in_(list(ids)))
              .group_by(Scoring.assessment_id))
    return db.session.scalars(sa.select(Scoring).where(Scoring.id.in_(latest))).all()


def _score_safely(assessment: Assessment, inputs: Inputs, today: dt.date, trigger: str,
                  settings: scoring.ScoringSettings) -> Scoring | None:
    """Score; a fault in scoring (a bug: scoring reads only what was already validated) keeps the change
    that triggered it and the daily run going, but is logged with its traceback and recorded: the
    assessment becomes unrated with a 'failed' scoring saying why, never left with its old rating."""
    try:
        return _score(assessment, inputs, today, trigger, settings)
    except Exception:
        log.exception("certscope failed to score assessment %s (%s): a bug", assessment.id, trigger,
                      extra={"assessment_id": assessment.id, "bug": True})
        return _record_failure(assessment, inputs.last, today, trigger)


def _record_failure(assessment: Assessment, last: Scoring | None, today: dt.date,
                    trigger: str) -> Scoring | None:
    _set_unrated(assessment)
    if trigger in UNLESS_CHANGED and last is not None and last.rating == FAILED:
        return None  # already said; the daily pass adds no row a day
    was = f" The rating {last.rating} no longer stands." if last is not None and last.rating != FAILED else ""
    row = Scoring(assessment_id=assessment.id, scored_at=assessment.last_scored_at, assessment_date=today,
                  rating=FAILED, flags=[], trigger=trigger,
                  change_summary=f"{SCORING_BUG} ({trigger_label(trigger)}).{was}")
    db.session.add(row)
    _tell_rating(assessment, last, FAILED)
    return row


def _score(assessment: Assessment, inputs: Inputs, today: dt.date, trigger: str,
           settings: scoring.ScoringSettings) -> Scoring | None:
    cert = certificate_of(inputs)
    if cert is None:
        _set_unrated(assessment)
        return None
    result = scoring.assess(cert, soa_of(inputs), build_context(assessment, inputs.answers, today), settings)
    flags = result.to_json()["flags"]
    stamp = utcnow()
    _denormalise(assessment, result.rating, flags, cert, stamp, settings)
    if trigger in UNLESS_CHANGED and not _changed(inputs.last, result.rating, flags):
        return None
    row = Scoring(assessment_id=assessment.id, scored_at=stamp, assessment_date=today,
                  rating=result.rating, flags=flags, trigger=trigger,
                  change_summary=summarise(inputs.last, result.rating, flags, trigger))
    db.session.add(row)
    _tell_rating(assessment, inputs.last, result.rating)
    return row


def _tell_rating(assessment: Assessment, last: Scoring | None, rating: str) -> None:
    """Tell the buyer's webhooks when the rating is not what the last scoring said."""
    previous = last.rating if last is not None else None
    if previous != rating:
        webhooks.emit(assessment.buyer_org_id, "rating.changed",
                      {**webhooks.about(assessment), "previous_rating": previous, "rating": rating})


def scoring_settings(registry: AccreditationRegistry | None = None) -> scoring.ScoringSettings:
    """Return the settings every scoring run uses (the accreditation bodies the admins keep)."""
    return scoring.ScoringSettings(accreditation=registry or registry_from_db())


def certificate_of(inputs: Inputs) -> CertificateExtraction | None:
    """Return the current certificate as scoring reads it (the supplier's corrections applied)."""
    doc = inputs.certificate
    return effective_certificate(doc.extraction, _corrected(inputs, doc)) if doc else None


def soa_of(inputs: Inputs) -> SoaExtraction | None:
    """Return the current SoA as scoring reads it (the supplier's corrections applied)."""
    doc = inputs.soa
    return effective_soa(doc.extraction, _corrected(inputs, doc)) if doc else None


def _corrected(inputs: Inputs, doc: Document) -> dict[str, Any]:
    return latest_corrections(inputs.corrections.get(doc.id, []))


def build_context(assessment: Assessment, answers: dict[str, Any], today: dt.date) -> scoring.Context:
    """Return the scoring Context for an assessment on `today`."""
    template = load_template(assessment.template_key, assessment.template_version)
    return questionnaires.build_context(
        template, answers, assessment_date=today,
        supplier_legal_name=assessment.supplier_legal_name or assessment.supplier_name,
        product=assessment.product, product_aliases=list(assessment.product_aliases or []),
        required_regions=list(assessment.required_regions or []))


def _denormalise(assessment: Assessment, rating: str, flags: list[dict[str, Any]],
                 cert: CertificateExtraction, stamp: dt.datetime, settings: scoring.ScoringSettings) -> None:
    counts = {s: sum(1 for f in flags if f["severity"] == s) for s in ("high", "medium", "low")}
    assessment.rating = rating
    assessment.flags_high, assessment.flags_medium, assessment.flags_low = (
        counts["high"], counts["medium"], counts["low"])
    assessment.expiry_date = cert.expiry_date
    # stored so the dashboard's watch list is one indexed query, not a pass over every certificate
    dates = CycleDates.from_extraction(cert)
    due = surveillance_due(dates, settings.surveillance_grace_months)
    assessment.surveillance_due = due.date if due else None
    assessment.last_audit_date = dates.last_audit()
    assessment.last_scored_at = stamp


def _set_unrated(assessment: Assessment) -> None:
    assessment.rating = None
    assessment.flags_high = assessment.flags_medium = assessment.flags_low = 0
    assessment.expiry_date = assessment.surveillance_due = assessment.last_audit_date = None
    assessment.last_scored_at = utcnow()


def _codes(flags: Iterable[dict[str, Any]]) -> set[str]:
    return {f["code"] for f in flags}


def _changed(last: Scoring | None, rating: str, flags: list[dict[str, Any]]) -> bool:
    return last is None or last.rating != rating or _codes(last.flags or []) != _codes(flags)


def trigger_label(trigger: str) -> str:
    """Say in words what made a scoring run."""
    return TRIGGER_LABELS.get(trigger, trigger)


def summarise(last: Scoring | None, rating: str, flags: list[dict[str, Any]], trigger: str) -> str:
    """Say in one line why this scoring differs from the previous one."""
    why = trigger_label(trigger)
    if last is None:
        return f"First rating: {rating} ({why})."
    before, after = _codes(last.flags or []), _codes(flags)
    parts = [f"rating {last.rating} → {rating}" if last.rating != rating else f"rating stays {rating}"]
    if after - before:
        parts.append("new: " + ", ".join(sorted(after - before)))
    if before - after:
        parts.append("cleared: " + ", ".join(sorted(before - after)))
    return "; ".join(parts) + f" ({why})."
