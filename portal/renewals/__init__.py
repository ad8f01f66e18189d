"""Renewals: what a newly uploaded certificate or SoA changed against the one it replaces."""

from __future__ import annotations

from flask import Flask

from .changes import renewal_changes


def init_app(app: Flask) -> None:
    """Let the assessment page include the renewal panel (`renewals/_changes.html`)."""
    app.add_template_global(renewal_changes, "renewal_changes")
