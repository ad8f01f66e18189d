"""The form that registers a webhook."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, SubmitField, widgets
from wtforms.validators import DataRequired, Length, Optional

from ..forms import choices
from ..models import WEBHOOK_EVENTS


class CheckboxesField(SelectMultipleField):
    """Several choices shown as checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class WebhookForm(FlaskForm):
    """URL, events and a note saying what receives them."""

    url = StringField("Receiving URL",
                      validators=[DataRequired("Enter the URL that should receive the events."),
                                  Length(max=2000)],
                      description="https://… — certscope POSTs a signed JSON body to it for each event.")
    events = CheckboxesField("Events", choices=choices((e, e) for e in WEBHOOK_EVENTS),
                             validators=[DataRequired("Choose at least one event to send.")])
    description = StringField("Note (optional)", validators=[Optional(), Length(max=200)],
                              description="What receives them, e.g. “GRC tool — production”.")
    submit = SubmitField("Add webhook")
