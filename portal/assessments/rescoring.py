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
from parsers.accreditation import AccreditationRegistry

from ..admin.accreditation import registry_from_db
from ..extensions import db
from ..models import Assessment, Correction, Document, Response, Scoring, utcnow
from ..monitoring.cycle import CycleDates, surveillance_due
from ..questionnaire_templates import store as template_store
from .corrections import effective_extraction, latest_corrections

log = logging.getLogger(__name__)
STALE_AFTER = dt.timedelta(days=1)
BATCH = 500
TRIGGER_LABELS = {"upload": "new evidence", "manual": "document parsed again", "answers": "answers changed",
                  "correction": "a field was corrected", "view": "opened after a day",
                  "reassess": "daily re-assessment"}


@dataclass
class Inputs:
    """Everything one scoring run reads about one assessment."""

    certificate: Document | None = None
    soa: Document | None = None
    corrections: dict[int, list[Correction]] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    response: Response | None = None
    last: Scoring | None = None


def load_template(key: str, version: Any = None) -> Any:
    """Return a questionnaire template: a shipped one from its file, a buyer's own from the database."""
    if template_store.is_shipped(key):
        return _load_shipped(key, None if version is None else str(version))
    # Buyers' templates live in the database: never in a process-wide cache, which would outlive
    # the database it was read from (store.py caches exact versions per app context instead).
    return template_store.load_org_template(key, version)


@lru_cache(maxsize=64)
def _load_shipped(key: str, version: str | None) -> Any:
    """Return a shipped template (cached: shipped files are immutable per version)."""
    return questionnaires.load(key, version) if version is not None else questionnaires.load(key)


def rescore(assessment: Assessment, today: dt.date, trigger: str,
            registry: AccreditationRegistry | None = None) -> Scoring | None:
    """Score one assessment now; keep a Scoring row when triggered by a change or when it differs."""
    inputs = gather_inputs([assessment])[assessment.id]
    settings = scoring.ScoringSettings(accreditation=registry or registry_from_db())
    return _score_safely(assessment, inputs, today, trigger, settings)


def rescore_if_stale(assessment: Assessment, today: dt.date) -> bool:
    """Re-score an assessment being viewed whose last scoring is older than a day; say if it ran."""
    last = assessment.last_scored_at
    if last is not None and utcnow() - last < STALE_AFTER:
        return False
    if last is None and not _has_certificate(assessment):
        return False
    rescore(assessment, today, "view")
    return True


def rescore_all(today: dt.date, buyer_org_id: int | None = None) -> int:
    """Re-score every assessment against `today` in batches (few queries per batch); return the count."""
    settings = scoring.ScoringSettings(accreditation=registry_from_db())
    stmt = sa.select(Assessment.id).order_by(Assessment.id)
    if buyer_org_id is not None:
        stmt = stmt.where(Assessment.buyer_org_id == buyer_org_id)
    ids = list(db.session.scalars(stmt))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = db.session.scalars(sa.select(Assessment).where(
            Assessment.id.in_(ids[start:start + BATCH]))).all()
        inputs = gather_inputs(chunk)
        rows = [_score_safely(a, inputs[a.id], today, "reassess", settings) for a in chunk]
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
        Document.assessment_id.in_(ids), Document.is_current.is_(True),
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


def _has_certificate(assessment: Assessment) -> bool:
    found = db.session.scalar(sa.select(Document.id).where(
        Document.assessment_id == assessment.id, Document.role == "certificate",
        Document.parse_status == "parsed").limit(1))
    return found is not None


def _score_safely(assessment: Assessment, inputs: Inputs, today: dt.date, trigger: str,
                  settings: Any) -> Scoring | None:
    """Score, but never lose the change that triggered it (nor stop the daily run) over a scoring fault."""
    try:
        return _score(assessment, inputs, today, trigger, settings)
    except Exception:  # the previous rating stands; the next trigger or the daily run tries again
        log.exception("could not score assessment %s (%s)", assessment.id, trigger)
        return None


def _score(assessment: Assessment, inputs: Inputs, today: dt.date, trigger: str,
           settings: Any) -> Scoring | None:
    if inputs.certificate is None:
        _set_unrated(assessment)
        return None
    cert = extraction_for(inputs, inputs.certificate)
    soa = extraction_for(inputs, inputs.soa) if inputs.soa else None
    context = build_context(assessment, inputs.answers, today)
    result = scoring.assess(cert, soa, context, settings)
    flags = result.to_json()["flags"]
    stamp = utcnow()
    _denormalise(assessment, result.rating, flags, cert, stamp)
    if trigger in ("reassess", "view") and not _changed(inputs.last, result.rating, flags):
        return None
    row = Scoring(assessment_id=assessment.id, scored_at=stamp, assessment_date=today,
                  rating=result.rating, flags=flags, trigger=trigger,
                  change_summary=summarise(inputs.last, result.rating, flags, trigger))
    db.session.add(row)
    return row


def extraction_for(inputs: Inputs, doc: Document) -> Any:
    """Return a document's effective extraction (machine values with the supplier's corrections)."""
    corrected = latest_corrections(inputs.corrections.get(doc.id, []))
    return effective_extraction(doc.extraction, doc.role, corrected)


def build_context(assessment: Assessment, answers: dict[str, Any], today: dt.date) -> Any:
    """Return the scoring Context for an assessment on `today`."""
    template = load_template(assessment.template_key, assessment.template_version)
    return questionnaires.build_context(
        template, answers, assessment_date=today,
        supplier_legal_name=assessment.supplier_legal_name or assessment.supplier_name,
        product=assessment.product, product_aliases=list(assessment.product_aliases or []),
        required_regions=list(assessment.required_regions or []))


def _denormalise(assessment: Assessment, rating: str, flags: list[dict[str, Any]],
                 cert: Any, stamp: dt.datetime) -> None:
    counts = {s: sum(1 for f in flags if f["severity"] == s) for s in ("high", "medium", "low")}
    assessment.rating = rating
    assessment.flags_high, assessment.flags_medium, assessment.flags_low = (
        counts["high"], counts["medium"], counts["low"])
    assessment.expiry_date = getattr(cert, "expiry_date", None)
    # stored so the dashboard's watch list is one indexed query, not a pass over every certificate
    dates = CycleDates.from_extraction(cert)
    assessment.surveillance_due = surveillance_due(dates)
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


def summarise(last: Scoring | None, rating: str, flags: list[dict[str, Any]], trigger: str) -> str:
    """Say in one line why this scoring differs from the previous one."""
    why = TRIGGER_LABELS.get(trigger, trigger)
    if last is None:
        return f"First rating: {rating} ({why})."
    before, after = _codes(last.flags or []), _codes(flags)
    parts = [f"rating {last.rating} → {rating}" if last.rating != rating else f"rating stays {rating}"]
    if after - before:
        parts.append("new: " + ", ".join(sorted(after - before)))
    if before - after:
        parts.append("cleared: " + ", ".join(sorted(before - after)))
    return "; ".join(parts) + f" ({why})."
