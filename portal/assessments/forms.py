"""Forms of the assessments feature (the questionnaire form is generated: questionnaire_form.py)."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    EmailField,
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
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from parsers.controls import ANNEX_A

from ..forms import choices
from ..models import ASSESSMENT_STATUSES
from .control_corrections import STATES, control_label

REGIONS = [("EU", "European Union"), ("EEA", "European Economic Area"), ("UK", "United Kingdom"),
           ("US", "United States")]
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
DOCUMENT_ROLES = [("certificate", "Certificate"), ("soa", "Statement of Applicability"),
                  ("other", "Other evidence")]


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
    supplier_emails = TextAreaField("Invite supplier users", validators=[Length(max=4000)],
                                    description="E-mail addresses, one per line.")
    submit = SubmitField("Open assessment")

    def validate_supplier_emails(self, field: TextAreaField) -> None:
        """Accept only lines that look like e-mail addresses."""
        bad = [line.strip() for line in (field.data or "").splitlines()
               if line.strip() and not re.match(EMAIL, line.strip())]
        if bad:
            raise ValidationError("Not an e-mail address: " + ", ".join(bad[:3]))


class InviteForm(FlaskForm):
    """Invite one more supplier user."""

    email = EmailField("E-mail address", validators=[
        InputRequired(), Regexp(EMAIL, message="Enter an e-mail address."), Length(max=254)])
    submit = SubmitField("Invite")


class UploadForm(FlaskForm):
    """Upload a certificate, an SoA or other evidence (PDF)."""

    role = SelectField("Document", choices=choices(DOCUMENT_ROLES), validators=[InputRequired()])
    file = FileField("PDF file", validators=[FileRequired("Choose a PDF file.")])
    submit = SubmitField("Upload")


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
    state = RadioField("In the SoA", choices=choices(STATES.items()), validators=[InputRequired()])
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
                          validators=[InputRequired()])
    reason = TextAreaField("Reason", validators=[InputRequired(), Length(max=5000)])
    submit = SubmitField("Record decision")


class DashboardFilterForm(FlaskForm):
    """Dashboard filters (a GET form: no CSRF needed, nothing changes)."""

    class Meta:
        csrf = False

    q = SearchField("Search supplier or product", validators=[Optional(), Length(max=200)])
    rating = SelectField("Rating", choices=choices([("", "Any"), ("red", "Red"), ("amber", "Amber"),
                                                    ("green", "Green"), ("none", "Not rated")]),
                         validators=[Optional()])
    status = SelectField("Status", validators=[Optional()])
    expiring = IntegerField("Certificate expiring within (days)",
                            validators=[Optional(), NumberRange(min=0, max=3650)])
    sort = HiddenField()
    dir = HiddenField()
    submit = SubmitField("Filter")
