"""Token pages: each user creates and revokes their own API tokens; operators can revoke any."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..security import admin_required, roles_required
from . import bp, tokens
from .forms import TokenForm

TOKEN_USERS = ("procurement", "legal", "supplier")


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@roles_required(*TOKEN_USERS)
def api_tokens() -> str | tuple[str, int]:
    """List the user's tokens; create one (its secret is shown on this answer only)."""
    form = TokenForm()
    created = None
    if form.validate_on_submit():
        scopes = ["read", "write"] if form.scope.data == "write" else ["read"]
        try:
            created = tokens.create_token(current_user, form.name.data, scopes)
        except tokens.TokenError as err:
            form.name.errors = [*form.name.errors, str(err)]
        else:
            form = TokenForm(formdata=None)
    page = render_template("api/tokens.html", form=form, rows=tokens.tokens_of(current_user), created=created)
    return (page, 400) if form.errors else page


@bp.post("/account/api-tokens/<int:api_token_id>/revoke")
@roles_required(*TOKEN_USERS, "admin")
def revoke_api_token(api_token_id: int) -> Response:
    """Revoke one of the user's tokens (operators: anyone's)."""
    token = tokens.owned_token(api_token_id, current_user)
    if token is None:
        abort(404)
    tokens.revoke_token(token, current_user)
    flash(f"Token “{token.name}” revoked; programs using it are refused from now on.", "success")
    if current_user.role == "admin":
        return redirect(url_for("api.admin_api_tokens"))
    return redirect(url_for("api.api_tokens"))


@bp.get("/admin/api-tokens")
@admin_required
def admin_api_tokens() -> str:
    """List every organisation's tokens (never their secrets), to revoke a leaked one."""
    return render_template("api/admin_tokens.html", rows=tokens.all_tokens())
