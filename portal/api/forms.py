"""The token page's form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..forms import choices
from .tokens import NAME_MAX

SCOPE_CHOICES = (("read", "Read only"), ("write", "Read and write"))


class TokenForm(FlaskForm):
    """Name a new token and choose what it may do."""

    name = StringField("Name", validators=[DataRequired("Give the token a name."), Length(max=NAME_MAX)],
                       description="Say which program uses it, e.g. “contract system sync”.")
    scope = RadioField("Access", choices=choices(SCOPE_CHOICES), default="read",
                       validators=[DataRequired("Choose read, or read and write.")])
    submit = SubmitField("Create token")
