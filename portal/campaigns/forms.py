"""The campaign upload form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional


class CampaignForm(FlaskForm):
    """A name, the questionnaire every supplier gets, and the CSV."""

    name = StringField("Campaign name", validators=[Optional(), Length(max=200)],
                       description="e.g. “AI suppliers 2027”; the file's name when left empty.")
    template_key = SelectField("Questionnaire", validators=[InputRequired()])
    file = FileField("Suppliers (CSV, UTF-8)", validators=[FileRequired("Choose the CSV file of suppliers.")],
                     description="Columns: legal_name, product (required); aliases, contact_emails, "
                                 "required_regions, supply_chain (several separated by “;”), deadline "
                                 "(YYYY-MM-DD), reference.")
    submit = SubmitField("Check the file")
