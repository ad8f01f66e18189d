"""Admin view: set up a buyer organisation's single sign-on (OpenID Connect); the secret is never shown."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..auth import sso
from ..auth.forms import SsoConfigForm
from ..auth.sso_policy import config_for_organisation
from ..extensions import db
from ..forms import answered
from ..models import Organisation
from ..security import admin_required
from . import bp
from .breakglass import BreakGlassRefused, check_reason, record_organisation_break_glass


@bp.route("/organisations/<int:organisation_id>/sso", methods=["GET", "POST"])
@admin_required
def sso_settings(organisation_id: int) -> str | tuple[str, int] | Response:
    """Set up (or change) a buyer organisation's single sign-on; the secret is never shown back."""
    organisation = db.get_or_404(Organisation, organisation_id)
    config = config_for_organisation(organisation_id)
    form = SsoConfigForm(obj=config)
    refused = False
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items()}
        try:
            reason = check_reason(form.reason.data)
            config = sso.save_config(current_user, organisation, values)
        except (BreakGlassRefused, sso.SsoError) as err:
            flash(str(err), "error")
            refused = True
        else:
            record_organisation_break_glass(current_user, organisation.id, "sso_configured",
                                            f"{config.label} ({config.issuer}, @{config.email_domain}, "
                                            f"password sign-in {'on' if config.password_sign_in else 'off'})",
                                            reason)
            flash(f"Single sign-on saved for {organisation.name}.", "success")
            return redirect(url_for("admin.sso_settings", organisation_id=organisation_id))
    form.client_secret.data = form.reason.data = ""
    page = render_template("admin/sso_settings.html", form=form, organisation=organisation, config=config,
                           callback=url_for("auth.sso_callback", _external=True),
                           link=url_for("auth.sso_organisation", organisation_id=organisation_id,
                                        _external=True))
    return answered(page, form, refused=refused)
