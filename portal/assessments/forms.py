"""Forms of the assessments feature (the questionnaire form is generated: questionnaire_form.py)."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from parsers.controls import ANNEX_A
from scoring.corrections import CONTROL_STATES, control_label

from ..forms import EMAIL, choices
from ..models import ASSESSMENT_STATUSES

REGIONS = [("EU", "European Union"), ("EEA", "European Economic Area"), ("UK", "United Kingdom"),
           ("US", "United States")]
DOCUMENT_ROLES = [("certificate", "Certificate"), ("soa", "Statement of Applicability"),
                  ("other", "Other evidence")]
DETECT = "detect"  # the upload's role is left to the parser's classifier


def status_choices() -> list[object]:
    """Return the dashboard's status filter options ("Any" first)."""
    return choices([("", "Any")] + [(s, s.replace("_", " ")) for s in ASSESSMENT_STATUSES])


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one multi-valued answer."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AssessmentForm(FlaskForm):
    """Open an assessment of a supplier for a named product."""

    supplier_name = StringField("Supplier (organisation)", validators=[InputRequired(), Length(max=200)])
    supplier_legal_name = StringField("Supplier's legal entity", validators=[Optional(), Length(max=200)],
                                      description="As on the certificate; defaults to the supplier name.")
    product = StringField("Product or service being bought", validators=[InputRequired(), Length(max=200)])
    product_aliases = TextAreaField("Other names of the product", validators=[Length(max=2000)],
                                    description="One per line.")
    required_regions = MultiCheckboxField("Data must be processed in", choices=choices(REGIONS))
    other_regions = StringField("Other countries", validators=[Length(max=300)],
                                description="Comma-separated country names.")
    template_key = SelectField("Questionnaire", validators=[InputRequired()])
    buyer_reference = StringField(
        "Your reference", validators=[Optional(), Length(max=100)],
        description="Purchase order, contract or ticket number; shown on the dashboard.")
    response_due = DateField("Answers due by", validators=[Optional()],
                             description="The supplier is reminded 7 days and 1 day before.")
    supplier_emails = TextAreaField("Invite supplier users", validators=[Length(max=4000)],
                                    description="E-mail addresses, one per line.")
    submit = SubmitField("Open assessment")

    def validate_supplier_emails(self, field: TextAreaField) -> None:
        """Accept only lines that look like e-mail addresses."""
        bad = [line.strip() for line in (field.data or "").splitlines()
               if line.strip() and not re.match(EMAIL, line.strip())]
        if bad:
            raise ValidationError("Not an e-mail address: " + ", ".join(bad[:3]))


class UploadForm(FlaskForm):
    """Upload certificates, SoAs or other evidence (PDFs), several at once."""

    role = SelectField("Type of document",
                       choices=choices([(DETECT, "Detect from the content (recommended)")] + DOCUMENT_ROLES),
                       default=DETECT, validators=[InputRequired()],
                       description="certscope reads each file and tells a certificate from an SoA; "
                                   "you can change the type afterwards.")
    files = MultipleFileField("PDF files", validators=[FileRequired("Choose at least one PDF file.")],
                              description="Choose several at once if you like; each is stored on its own.")
    submit = SubmitField("Upload")


class DocumentTypeForm(FlaskForm):
    """Change what a document is taken as (the classifier can be wrong, and so can the uploader)."""

    role = SelectField("Type of document", choices=choices(DOCUMENT_ROLES), validators=[InputRequired()])
    change_type = SubmitField("Change type")


class WithdrawForm(FlaskForm):
    """Withdraw a document (it is kept), or reinstate a withdrawn one."""

    withdraw_reason = StringField("Reason for withdrawing", validators=[Length(max=500)],
                         description="Optional; shown beside the document and in the audit log.")
    reinstate = SubmitField("Reinstate")
    withdraw = SubmitField("Withdraw document")


class CorrectionForm(FlaskForm):
    """Correct one field that was misread."""

    field = HiddenField(validators=[InputRequired()])
    value = TextAreaField("Correct value", validators=[Length(max=5000)])
    reason = StringField("Reason", validators=[InputRequired(), Length(max=500)])
    submit = SubmitField("Save correction")


class ControlCorrectionForm(FlaskForm):
    """Correct one Annex A control of an SoA: listed or not, applicable or not, and why."""

    # unknown ids are refused by the operation with a message naming the id
    control = SelectField("Control", choices=choices((cid, control_label(cid)) for cid in ANNEX_A),
                          validators=[InputRequired()], validate_choice=False)
    state = RadioField("In the SoA", choices=choices(CONTROL_STATES.items()), validators=[InputRequired()])
    justification = TextAreaField("Justification", validators=[Length(max=2000)],
                                  description="Why the control is included or excluded, as the SoA says.")
    reason = StringField("Reason for the correction", validators=[InputRequired(), Length(max=500)])
    submit = SubmitField("Save control correction")


class ActionForm(FlaskForm):
    """A button that changes data (parse again, ...): CSRF only."""

    submit = SubmitField("Go")


class CommentForm(FlaskForm):
    """Post to the assessment's thread."""

    body = TextAreaField("Message", validators=[InputRequired(), Length(max=5000)])
    submit = SubmitField("Post")


class DecisionForm(FlaskForm):
    """Accept or reject the supplier, with a reason."""

    decision = RadioField("Decision", choices=choices([("accepted", "Accept"), ("rejected", "Reject")]),
                          validators=[InputRequired("Choose accept or reject.")])
    reason = TextAreaField("Reason", validators=[DataRequired("Give a reason for the decision."),
                                                 Length(max=5000)])
    confirm = BooleanField("I have read the risks above and accept the supplier anyway")
    step = HiddenField()  # "confirm": sent from the confirmation page, where the box must be ticked
    submit = SubmitField("Record decision")

    def refuse_unconfirmed(self) -> None:
        """Mark the box as the problem when the confirmation page was sent without it ticked."""
        if self.step.data == "confirm":
            self.confirm.errors = [*self.confirm.errors, "Tick the box to accept despite the risks."]


class DashboardFilterForm(FlaskForm):
    """Dashboard filters (a GET form: no CSRF needed, nothing changes)."""

    class Meta:
        csrf = False

    q = SearchField("Search supplier, product, reference or #number",
                    validators=[Optional(), Length(max=200)])
    rating = SelectField("Rating", choices=choices([("", "Any"), ("red", "Red"), ("amber", "Amber"),
                                                    ("green", "Green"), ("none", "Not rated")]),
                         validators=[Optional()])
    status = SelectField("Status", validators=[Optional()])
    expiring = IntegerField("Certificate expiring within (days)",
                            validators=[Optional(), NumberRange(min=0, max=3650)])
    sort = HiddenField()
    dir = HiddenField()
    submit = SubmitField("Filter")
