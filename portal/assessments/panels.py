"""Panels other features add to assessment pages (the watch list, the pre-flight), run by the views.

A feature registers a provider in its `init_app`; a view gathers the panels of its page before
rendering and hands them to the template, so nothing queries while a template renders.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_login import current_user

from ..models import Assessment
from .helpers import today

EXTENSION = "certscope.assessment_panels"
Provider = Callable[..., Any]


def add_panel(app: Flask, page: str, name: str, provider: Provider) -> None:
    """Have `provider(*args)` fill the template variable `name` of every `page` view."""
    app.extensions.setdefault(EXTENSION, {}).setdefault(page, {})[name] = provider


def gather(page: str, *args: Any) -> dict[str, Any]:
    """Run the providers of `page` with the view's arguments; return template variable -> panel."""
    providers: dict[str, Provider] = current_app.extensions.get(EXTENSION, {}).get(page, {})
    return {name: provide(*args) for name, provide in providers.items()}


def dashboard_panels(scope: Any = None) -> dict[str, Any]:
    """Return the panels of the signed-in user's dashboard (the watch list and charts).

    `scope` is the dashboard's filter (a WHERE clause), so the panels show what the table shows.
    """
    return gather("dashboard", current_user, today(), scope)


def supplier_panels(assessment: Assessment) -> dict[str, Any]:
    """Return the panels of a supplier's pages of `assessment` (the pre-flight)."""
    return gather("supplier", current_user, assessment, today())
