"""Views: sign in through the organisation's OpenID Connect provider (its set-up: admin/sso_routes.py).

The provider sends the browser back with a GET; a GET never writes, so the callback page only
carries the provider's answer into a button, and the POST it submits (at once, by a small script, or
when pressed) spends the code, matches or creates the user, audits and signs in.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..forms import answered
from ..models import SsoConfig
from ..redirects import safe_next
from . import bp, sso
from .forms import SsoContinueForm, SsoStartForm
from .routes import signed_in
from .sso_policy import config_for_email, config_for_organisation
from .throttle import current_throttle

FLOW = "sso_flow"
CALLBACK_FIELDS = ("code", "state", "error", "error_description")


def _go_to_provider(config: SsoConfig) -> str | Response:
    """Send the browser to the provider by a link the page follows at once, not a redirect: the
    CSP's form-action 'self' forbids a form's POST from being redirected to another site."""
    if not current_throttle().allow_sso_start(request.remote_addr or "unknown"):
        flash("Too many sign-in attempts. Wait a few minutes, then try again.", "error")
        return redirect(url_for("auth.login"))
    redirect_uri = url_for("auth.sso_callback", _external=True)
    try:
        url, flow = sso.begin(config, redirect_uri, safe_next(request.args.get("next")))
    except sso.SsoError as err:
        flash(str(err), "error")
        return redirect(url_for("auth.login"))
    session[FLOW] = flow.as_dict()
    return render_template("auth/sso_redirect.html", url=url, label=config.label)


@bp.route("/login/sso", methods=["GET", "POST"])
def sso_start() -> str | tuple[str, int] | Response:
    """Sign in with the organisation's provider, found by the work e-mail's domain."""
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = SsoStartForm()
    if form.validate_on_submit():
        config = config_for_email(form.email.data)
        if config is not None:
            return _go_to_provider(config)
        domain = form.email.data.rpartition("@")[2]
        form.email.errors.append(f"No single sign-on is set up for @{domain}. Sign in with your password.")
    return answered(render_template("auth/sso_start.html", form=form), form)


@bp.route("/login/sso/<int:organisation_id>", methods=["GET", "POST"])
def sso_organisation(organisation_id: int) -> str | Response:
    """An organisation's own sign-in link: a button that goes to its provider."""
    config = config_for_organisation(organisation_id)
    if config is None or not config.enabled:
        abort(404)
    form = SsoContinueForm()
    if form.validate_on_submit():
        return _go_to_provider(config)
    # Only the label: anyone may open this link, and counting through ids must not list the buyers.
    return render_template("auth/sso_organisation.html", form=form, label=config.label)


@bp.route("/login/sso/callback", methods=["GET", "POST"])
def sso_callback() -> str | Response | tuple[str, int]:
    """Finish the sign-in the provider answered (GET shows the answer in a form; POST acts on it)."""
    flow = sso.load_flow(session.get(FLOW))
    if flow is None:
        flash("This single sign-on took too long or was started in another browser. Start again.", "error")
        return redirect(url_for("auth.login"))
    form = SsoContinueForm()
    if request.method == "GET" or not form.validate_on_submit():
        answer = {name: request.values.get(name, "")[:2000] for name in CALLBACK_FIELDS}
        return render_template("auth/sso_callback.html", form=form, answer=answer)
    session.pop(FLOW, None)  # one answer per flow: the code cannot be posted twice
    params = {name: request.form.get(name, "") for name in CALLBACK_FIELDS}
    try:
        user = sso.finish(flow, params, request.remote_addr or "unknown")
    except sso.SsoError as err:
        return render_template("auth/sso_failed.html", message=str(err)), 403
    return signed_in(user, user.email, flow.next_url)
