"""Admin forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..auth.forms import NEW_PASSWORD_ATTRS
from ..forms import choices
from ..models import ORG_KINDS, ROLES

PASSWORD_RULES = "At least 12 characters, not breached, not the user's name or e-mail address"

BREAK_GLASS_HELP = ("Needed when this gives access to a tenant organisation's account: it is recorded in "
                    "that "
                    "organisation's audit trail and shown to its users.")


class OrganisationForm(FlaskForm):
    """Add an organisation."""

    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    kind = SelectField("Kind", choices=choices([(k, k.capitalize()) for k in ORG_KINDS]))
    submit = SubmitField("Add organisation")


class UserForm(FlaskForm):
    """Add a user."""

    organisation_id = SelectField("Organisation", coerce=int, validators=[DataRequired()])
    email = EmailField("Email", validators=[DataRequired(), Length(max=255)])
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    role = SelectField("Role", choices=choices([(r, r.capitalize()) for r in ROLES]))
    password = PasswordField("Initial password", validators=[DataRequired(), Length(max=1024)],
                             description=f"{PASSWORD_RULES}; give it to the user privately.",
                             render_kw=NEW_PASSWORD_ATTRS)
    reason = StringField("Reason (break-glass)", validators=[Length(max=500)],
                         description=BREAK_GLASS_HELP)
    submit = SubmitField("Add user")


class RoleForm(FlaskForm):
    """Change a user's role."""

    role = SelectField("Role", choices=choices([(r, r.capitalize()) for r in ROLES]))
    reason = StringField("Reason (break-glass)", validators=[Length(max=500)],
                         description=BREAK_GLASS_HELP)
    submit = SubmitField("Change role")


class ActiveForm(FlaskForm):
    """Activate or deactivate a user."""

    active = BooleanField("Account active (can sign in)")
    submit = SubmitField("Save")


class ResetPasswordForm(FlaskForm):
    """Set a new password for a user."""

    password = PasswordField("New password", validators=[DataRequired(), Length(max=1024)],
                             description=f"{PASSWORD_RULES}.", render_kw=NEW_PASSWORD_ATTRS)
    reason = StringField("Reason (break-glass)", validators=[Length(max=500)],
                         description=BREAK_GLASS_HELP)
    submit = SubmitField("Set password")


class RemoveSecondFactorForm(FlaskForm):
    """Turn off a user's two-step sign-in (they lost the phone and the recovery codes)."""

    reason = StringField("Reason (break-glass)", validators=[Length(max=500)],
                         description=BREAK_GLASS_HELP)
    submit = SubmitField("Turn off two-step sign-in")


class RevokeSessionsForm(FlaskForm):
    """Sign a user out everywhere."""

    submit = SubmitField("Sign out everywhere")


class AccreditationBodyForm(FlaskForm):
    """Add an accreditation body."""

    acronym = StringField("Acronym", validators=[DataRequired(), Length(max=32)])
    name = StringField("Full name", validators=[DataRequired(), Length(max=255)])
    country = StringField("Country", validators=[DataRequired(), Length(max=100)])
    aliases = StringField("Other names", validators=[Length(max=2000)],
                          description="Separate several names with a vertical bar |.")
    submit = SubmitField("Add body")


class ImportCsvForm(FlaskForm):
    """Import accreditation bodies from CSV."""

    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file.")],
                     description="Columns: acronym,name,country,aliases (aliases separated by |).")
    replace = BooleanField("Replace the whole list (bodies missing from the file are removed)")
    submit = SubmitField("Import")
