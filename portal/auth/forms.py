"""Forms for signing in, account changes and accepting invitations."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from .passwords import password_problem


def _strong(form: FlaskForm, field: PasswordField) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class LoginForm(FlaskForm):
    """Sign in with email and password."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=255)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    submit = SubmitField("Sign in")


class ChangePasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField("Current password", validators=[DataRequired()])
    password = PasswordField("New password", validators=[DataRequired(), Length(max=1024), _strong],
                             description="At least 10 characters.")
    confirm = PasswordField("Repeat new password", validators=[EqualTo("password", "Passwords differ.")])
    submit = SubmitField("Change password")


class AcceptInvitationForm(FlaskForm):
    """Create a supplier account from an invitation."""

    name = StringField("Your name", validators=[DataRequired(), Length(max=200)])
    password = PasswordField("Choose a password", validators=[DataRequired(), Length(max=1024), _strong],
                             description="At least 10 characters.")
    confirm = PasswordField("Repeat the password", validators=[EqualTo("password", "Passwords differ.")])
    submit = SubmitField("Create account and open the assessment")


class JoinForm(FlaskForm):
    """Accept an invitation as the signed-in supplier user."""

    submit = SubmitField("Accept invitation")
