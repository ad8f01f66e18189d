"""Monitoring: the procurement watch list and charts, supplier pre-flight, daily reminders."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Add the watch list to the buyers' dashboard and the pre-flight to the suppliers' pages."""
    from ..assessments.panels import add_panel
    from .panels import dashboard_panel, preflight_panel

    add_panel(app, "dashboard", "monitoring_dashboard", dashboard_panel)
    add_panel(app, "supplier", "monitoring_preflight", preflight_panel)
