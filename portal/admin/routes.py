"""Admin views (thin: form → operation → flash → redirect)."""

from __future__ import annotations

from flask import render_template

from ..audit import recent_events
from ..security import admin_required
from . import bp


@bp.route("/")
@admin_required
def index() -> str:
    """Show the admin start page."""
    return render_template("admin/index.html")


@bp.route("/organisations")
@admin_required
def organisations() -> str:
    """List organisations."""
    return render_template("admin/index.html")


@bp.route("/users")
@admin_required
def users() -> str:
    """List users."""
    return render_template("admin/index.html")


@bp.route("/accreditation-bodies")
@admin_required
def accreditation_bodies() -> str:
    """List accreditation bodies."""
    return render_template("admin/index.html")


@bp.route("/audit")
@admin_required
def audit_log() -> str:
    """Show the latest audit events."""
    return render_template("admin/audit.html", events=recent_events())
