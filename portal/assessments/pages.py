"""Gather what the assessment page shows, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from parsers import Extraction
from questionnaires.claims import Claim
from scoring.corrections import (
    control_id_of,
    control_label,
    correctable_fields,
    display_text,
    effective_extraction,
    machine_control,
    overlay_controls,
    split_corrections,
)

from ..extensions import db
from ..models import Assessment, Comment, Correction, Document, Invitation, Response, Scoring
from ..renewals.changes import RenewalView, renewal_changes
from .corrections import latest_corrections
from .questionnaire_form import QuestionSpec, question_specs
from .rescoring import load_template, trigger_label
from .verdicts import (
    FlagLine,
    Verdict,
    assessment_verdict,
    claim_rows,
    decision_risks,
    documents_read,
    flag_lines,
)

HISTORY_LIMIT = 30
CHECKED_AGAIN_AFTER = dt.timedelta(minutes=1)  # a scoring is stamped once; its row a moment later


@dataclass
class FieldView:
    """One extracted field: what the machine read, what counts, and who said so."""

    name: str
    label: str
    machine: Any
    effective: Any
    corrections: list[Correction]
    page: int | None

    @property
    def corrected(self) -> bool:
        """Say whether the supplier replaced the machine value."""
        return bool(self.corrections)


@dataclass
class ControlView:
    """One Annex A control of an SoA: the machine's reading, the one that counts, and who said so."""

    id: str
    label: str
    machine: dict[str, Any] | None  # None: the parser did not list it
    effective: dict[str, Any] | None  # None: the supplier says the SoA does not list it
    corrections: list[Correction]

    @property
    def corrected(self) -> bool:
        """Say whether the supplier replaced the machine reading."""
        return bool(self.corrections)


@dataclass
class DocumentView:
    """A document with its fields (corrections applied) and, once read, its effective extraction."""

    doc: Document
    fields: list[FieldView] = field(default_factory=list)
    controls: list[ControlView] = field(default_factory=list)
    extraction: Extraction | None = None

    @property
    def corrected_controls(self) -> list[ControlView]:
        """Return the controls the supplier corrected."""
        return [c for c in self.controls if c.corrected]


@dataclass(frozen=True)
class EvidenceGroup:
    """A flag's quotes from one page of one document (one link highlights them all)."""

    document: str
    page: int | None
    quotes: tuple[str, ...]


def evidence_groups(flag: dict[str, Any]) -> list[EvidenceGroup]:
    """Group a flag's evidence by document and page, in the order first cited."""
    grouped: dict[tuple[str, int | None], list[str]] = {}
    for item in flag.get("evidence") or []:
        key = (str(item.get("document") or ""), item.get("page"))
        grouped.setdefault(key, []).append(str(item.get("quote") or ""))
    return [EvidenceGroup(doc, page, tuple(q for q in quotes if q))
            for (doc, page), quotes in grouped.items()]


@dataclass
class AssessmentView:
    """Everything the assessment page draws."""

    answers: list[tuple[QuestionSpec, Any]]
    submitted: bool
    documents: list[DocumentView]
    current: dict[str, int]  # role -> id of the document the rating rests on
    latest: Scoring | None
    scored_because: str | None  # why the latest scoring ran ("new evidence", "daily re-assessment" …)
    checked_at: dt.datetime | None  # a later scoring that changed nothing (the daily pass), if any
    history: list[Scoring]
    comments: list[Comment]
    invitations: list[Invitation]
    renewals: list[RenewalView]
    verdict: Verdict
    flags: list[FlagLine]  # the verdict's flags (blockers first) with their stored evidence
    risks: tuple[str, ...]  # why accepting needs a reason and a confirmation
    claims: list[Claim]


def assessment_view(assessment: Assessment, audience: str = "buyer") -> AssessmentView:
    """Load the page's data for one (already authorised) assessment, its next steps for `audience`."""
    specs = question_specs(load_template(assessment.template_key, assessment.template_version))
    response = db.session.scalar(sa.select(Response).where(Response.assessment_id == assessment.id))
    answers = dict(response.answers or {}) if response else {}
    docs = list(db.session.scalars(sa.select(Document).where(Document.assessment_id == assessment.id)
                                   .order_by(Document.uploaded_at.desc(), Document.id.desc())))
    history = list(db.session.scalars(sa.select(Scoring).where(Scoring.assessment_id == assessment.id)
                                      .order_by(Scoring.id.desc()).limit(HISTORY_LIMIT)))
    documents = _document_views(docs)
    latest = history[0] if history else None
    verdict = assessment_verdict(assessment, latest, docs, answers, audience)
    return AssessmentView(
        verdict=verdict, flags=flag_lines(verdict, latest), risks=decision_risks(assessment, verdict, docs),
        claims=claim_rows(assessment, answers, documents_read(_current_readings(documents), latest)),
        answers=[(s, answers.get(s.id)) for s in specs],
        submitted=bool(response and response.submitted_at), documents=documents,
        renewals=renewal_changes(documents, [assessment.product, *(assessment.product_aliases or [])]),
        current={d.role: d.id for d in docs if d.is_current and d.role in ("certificate", "soa")},
        latest=history[0] if history else None, history=history,
        scored_because=trigger_label(history[0].trigger) if history else None,
        checked_at=_checked_since(assessment, history[0] if history else None),
        comments=list(db.session.scalars(sa.select(Comment).options(selectinload(Comment.user))
                                         .where(Comment.assessment_id == assessment.id)
                                         .order_by(Comment.created_at, Comment.id))),
        invitations=list(db.session.scalars(sa.select(Invitation).where(
            Invitation.assessment_id == assessment.id).order_by(Invitation.created_at))))


def _current_readings(documents: list[DocumentView]) -> dict[str, Extraction | None]:
    """Return role → the newest current, read document's extraction (corrections applied)."""
    return {dv.doc.role: dv.extraction for dv in reversed(documents)
            if dv.doc.is_current and dv.doc.role in ("certificate", "soa") and dv.extraction is not None}


def _checked_since(assessment: Assessment, latest: Scoring | None) -> dt.datetime | None:
    """When the assessment was scored again after its latest recorded scoring, without any change."""
    checked = assessment.last_scored_at
    if latest is None or checked is None or checked - latest.scored_at < CHECKED_AGAIN_AFTER:
        return None
    return checked


def load_document_view(doc: Document) -> DocumentView:
    """Load one document's view: its corrections (with who made them) applied."""
    return _document_views([doc])[0]


def _document_views(docs: list[Document]) -> list[DocumentView]:
    by_doc: dict[int, list[Correction]] = defaultdict(list)
    if docs:
        rows = db.session.scalars(sa.select(Correction).options(selectinload(Correction.user))
                                  .where(Correction.document_id.in_([d.id for d in docs]))
                                  .order_by(Correction.created_at, Correction.id))
        for row in rows:
            by_doc[row.document_id].append(row)
    return [document_view(d, by_doc.get(d.id, [])) for d in docs]


def document_view(doc: Document, corrections: list[Correction]) -> DocumentView:
    """Return a document's fields with corrections applied (machine values kept beside them)."""
    view = DocumentView(doc)
    data = doc.extraction or {}
    kind = doc.role if doc.role in ("certificate", "soa") else (doc.kind or "")
    if doc.parse_status != "parsed":
        return view
    effective = latest_corrections(corrections)
    view.extraction = effective_extraction(doc.extraction, doc.role, effective)
    evidence = data.get("evidence") or {}
    for name, spec in correctable_fields(kind).items():
        mine = [c for c in corrections if c.field == name]
        view.fields.append(FieldView(
            name=name, label=spec.label, machine=data.get(name),
            effective=effective.get(name, data.get(name)), corrections=mine, page=_page_of(evidence, name)))
    if kind == "soa":
        view.controls = control_views(data if data.get("kind") == "soa" else {}, corrections)
    return view


def control_views(data: dict[str, Any], corrections: list[Correction]) -> list[ControlView]:
    """Return the SoA's controls in document order, corrections applied; removed ones last."""
    mine: dict[str, list[Correction]] = defaultdict(list)
    for row in corrections:
        cid = control_id_of(row.field)
        if cid:
            mine[cid].append(row)
    _, corrected = split_corrections(latest_corrections(corrections))
    effective = {"controls": list(data.get("controls") or [])}
    overlay_controls(effective, corrected)
    shown = [c["id"] for c in effective["controls"]]
    removed = [cid for cid in corrected if cid not in shown]
    return [ControlView(cid, control_label(cid), machine_control(data, cid),
                        corrected[cid] if cid in corrected else machine_control(data, cid), mine.get(cid, []))
            for cid in [*shown, *removed]]


def _page_of(evidence: dict[str, Any], name: str) -> int | None:
    items = evidence.get(name) or []
    first = items[0] if items and isinstance(items[0], dict) else None
    return int(first["page"]) if first and first.get("page") else None


def show(value: Any) -> str:
    """Render an answer or field value for reading."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(f"{v.get('name')} ({v.get('role')})" for v in value)
    return display_text(value) or "—"
