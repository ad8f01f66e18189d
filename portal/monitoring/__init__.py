"""Monitoring: the procurement watch list and charts, supplier pre-flight, daily reminders."""

from __future__ import annotations

from typing import Any

from flask import Flask


def init_app(app: Flask) -> None:
    """Let templates draw the monitoring panels."""
    from .panels import dashboard_panel, preflight_panel

    @app.context_processor
    def _monitoring_helpers() -> dict[str, Any]:
        return {"monitoring_dashboard": dashboard_panel, "monitoring_preflight": preflight_panel}
