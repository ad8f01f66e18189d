"""What the API reads and answers, as marshmallow schemas: the OpenAPI document is made from these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from scoring.corrections import CONTROL_STATES

from ..assessments.dashboard import SORTS
from ..assessments.reading import READING_STATES
from ..models import ASSESSMENT_STATUSES, DOCUMENT_ROLES

RATINGS = ("red", "amber", "green")
RATING_FILTERS = (*RATINGS, "none")  # "none": not rated yet (the dashboard's own choice)
MAX_PER_PAGE = 100
MAX_INVITED = 50


class UtcDateTime(fields.DateTime):
    """A time stored as naive UTC, answered as RFC 3339 with its offset (Z)."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def _text(maximum: int, **kw: Any) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=maximum), **kw)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"description": "about:blank (the status says what kind)"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    errors = fields.Dict(metadata={"description": "What was wrong with each parameter or field"})


class AssessmentFilterSchema(Schema):
    """The dashboard's filters, sort and page."""

    q = fields.String(validate=validate.Length(max=200),
                      metadata={"description": "Search supplier, product, reference or #number"})
    rating = fields.String(validate=validate.OneOf(RATING_FILTERS))
    status = fields.String(validate=validate.OneOf(ASSESSMENT_STATUSES))
    expiring = fields.Integer(validate=validate.Range(min=0, max=3650),
                              metadata={"description": "Certificate expiring within this many days"})
    sort = fields.String(validate=validate.OneOf(tuple(SORTS)), load_default="updated")
    dir = fields.String(validate=validate.OneOf(("asc", "desc")), load_default="desc")
    page = fields.Integer(validate=validate.Range(min=1, max=1_000_000), load_default=1)
    per_page = fields.Integer(validate=validate.Range(min=1, max=MAX_PER_PAGE), load_default=50)


class ExportFilterSchema(AssessmentFilterSchema):
    """The dashboard's filters, and the file format of the export."""

    format = fields.String(validate=validate.OneOf(("csv", "xlsx")), load_default="csv")


class FlagCountsSchema(Schema):
    high = fields.Integer(required=True)
    medium = fields.Integer(required=True)
    low = fields.Integer(required=True)


class AssessmentRowSchema(Schema):
    """One row of the portfolio, as the dashboard lists it."""

    id = fields.Integer(required=True)
    supplier_name = fields.String(required=True)
    product = fields.String(required=True)
    rating = fields.String(allow_none=True, required=True)
    flag_counts = fields.Nested(FlagCountsSchema, required=True)
    expiry_date = fields.Date(allow_none=True, required=True)
    status = fields.String(required=True)
    buyer_name = fields.String(required=True)
    buyer_reference = fields.String(allow_none=True, required=True)
    response_due = fields.Date(allow_none=True, required=True)
    created_at = UtcDateTime(required=True)
    updated_at = UtcDateTime(required=True)


class AssessmentPageSchema(Schema):
    items = fields.List(fields.Nested(AssessmentRowSchema), required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class AssessmentCreateSchema(Schema):
    """What procurement gives to open an assessment (as on the "new assessment" page)."""

    supplier_name = _text(200, required=True)
    supplier_legal_name = fields.String(validate=validate.Length(max=200))
    product = _text(200, required=True)
    product_aliases = fields.List(_text(200), validate=validate.Length(max=50), load_default=list)
    required_regions = fields.List(_text(100), validate=validate.Length(max=50), load_default=list)
    template_key = _text(100, required=True, metadata={"description": "A questionnaire template's key"})
    buyer_reference = fields.String(validate=validate.Length(max=100), allow_none=True)
    response_due = fields.Date(allow_none=True)
    contact_emails = fields.List(fields.Email(validate=validate.Length(max=254)), load_default=list,
                                 validate=validate.Length(max=MAX_INVITED), metadata={
                                     "description": "Supplier people to invite, as the page's \"Invite "
                                                    "supplier users\": each gets an invitation, mailed"})
    supply_chain = fields.List(_text(200), load_default=list, validate=validate.Length(max=50), metadata={
        "description": "The supplier's AI suppliers as you know them: pre-filled in its questionnaire "
                       "(when it asks for them) for the supplier to complete, and scored as its answer"})


class EvidenceSchema(Schema):
    document = fields.String(allow_none=True)
    page = fields.Integer(allow_none=True)
    quote = fields.String(allow_none=True)


class FlagSchema(Schema):
    code = fields.String(required=True)
    severity = fields.String(required=True)
    message = fields.String(required=True)
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)


class DecisionStateSchema(Schema):
    reason = fields.String(allow_none=True, required=True)
    decided_at = UtcDateTime(allow_none=True, required=True)
    acceptance_risks = fields.List(fields.String(), required=True, metadata={
        "description": "While undecided: why accepting now needs confirm: true (empty when it does not)"})


class VerdictSchema(Schema):
    headline = fields.String(required=True, metadata={
        "description": "The assessment in one line, as its page opens: rating, what it rests on, next step"})
    next_steps = fields.List(fields.String(), required=True, metadata={
        "description": "What the caller's side does next: the buyer's steps for buyer tokens, the "
                       "supplier's own for supplier tokens"})


class DocumentRowSchema(Schema):
    id = fields.Integer(required=True)
    role = fields.String(required=True)
    filename = fields.String(required=True)
    uploaded_at = UtcDateTime(required=True)
    is_current = fields.Boolean(required=True, metadata={
        "description": "Whether this is the document of its type that is scored (never when withdrawn)"})
    state = fields.String(required=True, validate=validate.OneOf(READING_STATES), metadata={
        "description": "Where the document is, as its page says: queued, reading, failed (could not be "
                       "read), withdrawn (read, kept, not scored), problems, mismatch (reads as another "
                       "type), scored, read"})
    state_label = fields.String(required=True)
    final = fields.Boolean(required=True, metadata={"description": "Whether the read is over"})
    withdrawn_at = UtcDateTime(allow_none=True, required=True, metadata={
        "description": "When it was withdrawn on its page (kept and shown, no longer scored); null if not"})
    withdrawn_reason = fields.String(allow_none=True, required=True)


class AssessmentSchema(AssessmentRowSchema):
    """One assessment: its rating, flags with evidence, documents and decision."""

    supplier_legal_name = fields.String(required=True)
    product_aliases = fields.List(fields.String(), required=True)
    required_regions = fields.List(fields.String(), required=True)
    template_key = fields.String(required=True)
    template_version = fields.String(required=True)
    surveillance_due = fields.Date(allow_none=True, required=True)
    scored_at = UtcDateTime(allow_none=True, required=True)
    verdict = fields.Nested(VerdictSchema, required=True)
    flags = fields.List(fields.Nested(FlagSchema), required=True)
    decision = fields.Nested(DecisionStateSchema, required=True)
    documents = fields.List(fields.Nested(DocumentRowSchema), required=True)


class InvitationCreatedSchema(Schema):
    """An invitation the call made, with its link: shown this once (certscope keeps only its hash)."""

    id = fields.Integer(required=True)
    email = fields.String(required=True)
    expires_at = UtcDateTime(required=True)
    link = fields.String(required=True, metadata={"description": "The single-use link, also mailed"})


class AssessmentCreatedSchema(AssessmentSchema):
    """The assessment just opened, and the invitations made for its contact e-mails."""

    invitations = fields.List(fields.Nested(InvitationCreatedSchema), required=True)


class UploadSchema(Schema):
    """A multipart upload: the PDF and what it is."""

    file = Upload(required=True, metadata={"description": "The PDF"})
    role = fields.String(required=True, validate=validate.OneOf(DOCUMENT_ROLES))


UPLOAD_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file", "role"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "The PDF"},
                   "role": {"type": "string", "enum": list(DOCUMENT_ROLES)}}}}}}


class FieldSchema(Schema):
    name = fields.String(required=True)
    label = fields.String(required=True)
    machine = fields.Raw(allow_none=True, required=True, metadata={"description": "As read from the PDF"})
    effective = fields.Raw(allow_none=True, required=True, metadata={"description": "What counts"})
    corrected = fields.Boolean(required=True)
    page = fields.Integer(allow_none=True, required=True)


class CorrectionSchema(Schema):
    id = fields.Integer(required=True)
    field = fields.String(required=True)
    machine_value = fields.Raw(allow_none=True, required=True)
    corrected_value = fields.Raw(allow_none=True, required=True)
    reason = fields.String(required=True)
    created_at = UtcDateTime(required=True)


class DocumentSchema(DocumentRowSchema):
    """A document: where its read is, what was read (with evidence) and the supplier's corrections."""

    sha256 = fields.String(required=True)
    kind = fields.String(allow_none=True, required=True)
    fields_read = fields.List(fields.Nested(FieldSchema), required=True, data_key="fields")
    evidence = fields.Dict(required=True, metadata={"description": "Where each field was read (page, quote)"})
    extraction = fields.Dict(allow_none=True, required=True,
                             metadata={"description": "The reading with corrections applied"})
    corrections = fields.List(fields.Nested(CorrectionSchema), required=True)


class FieldCorrectionSchema(Schema):
    field = _text(64, required=True)
    value = fields.String(required=True, validate=validate.Length(max=2000))
    reason = _text(2000, required=True)


class ControlCorrectionSchema(Schema):
    control = _text(16, required=True, metadata={"description": "An Annex A control, e.g. A.2.2"})
    state = fields.String(required=True, validate=validate.OneOf(tuple(CONTROL_STATES)))
    justification = fields.String(validate=validate.Length(max=2000), load_default="")
    reason = _text(2000, required=True)


class AnswersSchema(Schema):
    template_key = fields.String(required=True)
    template_version = fields.String(required=True)
    answers = fields.Dict(keys=fields.String(), required=True, metadata={
        "description": "Question id → answer; null: the supplier cleared an answer the documents offered"})
    submitted_at = UtcDateTime(allow_none=True, required=True)


class AnswersInputSchema(Schema):
    answers = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=100)), required=True,
                          validate=validate.Length(max=500))
    submit = fields.Boolean(load_default=False,
                            metadata={"description": "Submit (required answers enforced); else a draft"})


class DecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("accepted", "rejected")))
    reason = _text(5000, required=True)
    confirm = fields.Boolean(load_default=False, metadata={
        "description": "Accept despite the risks (not rated, blockers, no documents or answers): the "
                       "explicit confirmation the page asks for"})


class SummaryQuerySchema(Schema):
    on = fields.Date(metadata={"description": "Compute the summary for this date (default: today)"})


class LegalSummarySchema(Schema):
    """The legal risk summary (the same figures as its page and its PDF)."""

    computed_for = fields.Date(required=True)
    engagement = fields.Dict(required=True)
    rating = fields.String(allow_none=True, required=True)
    flag_counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    certificate = fields.Dict(allow_none=True, required=True)
    soa = fields.Dict(allow_none=True, required=True)
    cycle = fields.String(required=True)
    flags = fields.List(fields.Dict(), required=True)
    contradictions = fields.List(fields.Dict(), required=True)
    corrections = fields.List(fields.Dict(), required=True)
