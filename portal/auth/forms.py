"""Forms for signing in, account changes and accepting invitations."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional, Regexp, ValidationError

from ..forms import EMAIL, choices
from .password_policy import MIN_LENGTH, password_problem

PASSWORD_HELP = (f"At least {MIN_LENGTH} characters; not your name or e-mail address, and not a password "
                 "known from breaches. A few unrelated words make a good one.")
# The strength meter (static/password-meter.js) reads these attributes.
NEW_PASSWORD_ATTRS = {"autocomplete": "new-password", "data-strength-url": "/password-strength"}


def _strong(form: FlaskForm, field: PasswordField) -> None:
    """Refuse a password the policy refuses, for the person the form is about."""
    personal = form.personal_inputs() if hasattr(form, "personal_inputs") else []
    if not field.data and any(isinstance(v, Optional) for v in field.validators):
        return
    problem = password_problem(field.data or "", personal)
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
                             description=PASSWORD_HELP, render_kw=NEW_PASSWORD_ATTRS)
    confirm = PasswordField("Repeat new password", validators=[EqualTo("password", "Passwords differ.")])
    submit = SubmitField("Change password")

    def personal_inputs(self) -> list[str]:
        """Return the signed-in user's name and e-mail address."""
        from flask_login import current_user

        return [current_user.name, current_user.email]


class AcceptInvitationForm(FlaskForm):
    """Create a supplier account from an invitation."""

    name = StringField("Your name", validators=[DataRequired(), Length(max=200)])
    password = PasswordField("Choose a password (optional)",
                             validators=[Optional(), Length(max=1024), _strong],
                             description=PASSWORD_HELP + " Without one, you sign in by a link we e-mail you.",
                             render_kw=NEW_PASSWORD_ATTRS)
    confirm = PasswordField("Repeat the password", validators=[EqualTo("password", "Passwords differ.")])
    submit = SubmitField("Create account and open the assessment")

    invited_email: str | None = None  # set by the view from the invitation

    def personal_inputs(self) -> list[str | None]:
        """Return the name typed and the invited e-mail address."""
        return [self.name.data, self.invited_email]


class JoinForm(FlaskForm):
    """Accept an invitation as the signed-in supplier user."""

    submit = SubmitField("Accept invitation")


class EmailLinkForm(FlaskForm):
    """Ask for a link by e-mail (sign-in or password reset)."""

    email = EmailField("Email", validators=[DataRequired("Enter the e-mail address of your account."),
                                            Length(max=255)], render_kw={"autocomplete": "email"})
    submit = SubmitField("E-mail me a link")


class UseLinkForm(FlaskForm):
    """Press to sign in with an e-mailed link (opening the link alone changes nothing)."""

    submit = SubmitField("Sign in")


class ResetPasswordForm(FlaskForm):
    """Choose a new password from a reset link."""

    password = PasswordField("New password", validators=[DataRequired(), Length(max=1024), _strong],
                             description=PASSWORD_HELP, render_kw=NEW_PASSWORD_ATTRS)
    confirm = PasswordField("Repeat new password", validators=[EqualTo("password", "Passwords differ.")])
    submit = SubmitField("Save the new password")

    account_email: str | None = None  # set by the view from the link

    def personal_inputs(self) -> list[str | None]:
        """Return the account's e-mail address."""
        return [self.account_email]


class InviteForm(FlaskForm):
    """Invite one more supplier user."""

    email = EmailField("E-mail address", validators=[
        InputRequired(), Regexp(EMAIL, message="Enter an e-mail address."), Length(max=254)])
    submit = SubmitField("Invite")


class CodeForm(FlaskForm):
    """The second step of sign-in: a code from the authenticator app, or a recovery code."""

    code = StringField("Code", validators=[DataRequired(), Length(max=40)],
                       description="The 6 digits your authenticator app shows now, or one recovery code.",
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text"})
    submit = SubmitField("Verify")


class StartTwoFactorForm(FlaskForm):
    """Begin setting up an authenticator app."""

    submit = SubmitField("Set up an authenticator app")


class ConfirmTwoFactorForm(FlaskForm):
    """Confirm the authenticator app with its current code."""

    code = StringField("Code from the app", validators=[DataRequired(), Length(max=12)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField("Turn on two-step sign-in")


class DisableTwoFactorForm(FlaskForm):
    """Turn the second factor off: the password and a current code (or recovery code)."""

    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    code = StringField("Code", validators=[DataRequired(), Length(max=40)],
                       render_kw={"autocomplete": "one-time-code"})
    submit = SubmitField("Turn off two-step sign-in")


class SsoStartForm(FlaskForm):
    """Sign in through one's organisation: the work e-mail picks the organisation's provider."""

    email = EmailField("Work e-mail", validators=[DataRequired(), Length(max=255)],
                       render_kw={"autocomplete": "email"})
    submit = SubmitField("Sign in with your organisation")


class SsoContinueForm(FlaskForm):
    """A button: go to the organisation's provider, or finish the sign-in it answered."""

    submit = SubmitField("Continue")


class SsoConfigForm(FlaskForm):
    """An organisation's OpenID Connect provider, as an administrator enters it."""

    label = StringField("Name shown on the sign-in page", validators=[DataRequired(), Length(max=100)],
                        default="single sign-on", description="e.g. “Acme Okta”")
    issuer = StringField("Issuer URL", validators=[
        DataRequired(), Length(max=500), Regexp(r"^https?://\S+$", message="Enter the issuer's URL.")],
                         description="Its /.well-known/openid-configuration is read to find the endpoints.")
    client_id = StringField("Client ID", validators=[DataRequired(), Length(max=255)])
    client_secret = PasswordField("Client secret", validators=[Optional(), Length(max=500)],
                                  description="Leave blank to keep the stored secret.")
    email_domain = StringField("E-mail domain", validators=[
        DataRequired(), Length(max=255),
        Regexp(r"^@?[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", message="Enter a domain like example.com.")])
    default_role = SelectField("Role of people signing in for the first time",
                               choices=choices([("procurement", "procurement"), ("legal", "legal")]))
    enabled = BooleanField("Single sign-on is on", default=True)
    password_sign_in = BooleanField("People of this organisation may also sign in with a password",
                                    default=True)
    reason = StringField("Reason (break-glass)", validators=[Length(max=500)],
                         description="Single sign-on decides who can sign in to this organisation: the "
                                     "reason (e.g. the ticket) is recorded and shown to its users.")
    submit = SubmitField("Save single sign-on")
