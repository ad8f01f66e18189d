"""The application factory: config, extensions, feature blueprints, error pages."""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask, redirect, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from . import errors, headers
from .config import build_config
from .extensions import init_app, login_manager

# Feature packages, each exposing `bp` (a Blueprint) and optionally `init_app(app)`.
# A feature not written yet is skipped, so the core runs on its own.
FEATURES = ("auth", "admin", "assessments", "legal", "renewals", "monitoring", "questionnaire_templates")

log = logging.getLogger(__name__)


def build_app(config: dict[str, Any] | None = None) -> Flask:
    """Create a configured portal application."""
    instance = (config or {}).get("INSTANCE_PATH") or os.environ.get("CERTSCOPE_INSTANCE")
    app = Flask("portal", instance_path=str(Path(instance).resolve()) if instance else None,
                instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(build_config(Path(app.instance_path), config))
    app.debug = False  # never the interactive debugger: it executes code from the browser
    Path(app.config["STORAGE_DIR"]).mkdir(parents=True, exist_ok=True)
    init_app(app)
    _register_user_loader()
    _register_features(app, app.config.get("PORTAL_FEATURES", FEATURES))
    errors.register(app)
    headers.register(app)
    app.add_url_rule("/", "home", _home)
    app.context_processor(_template_helpers)
    return app


def _register_user_loader() -> None:
    """Teach Flask-Login to load users (the login manager is process-wide)."""
    from .models import load_user

    login_manager.user_loader(load_user)


def _register_features(app: Flask, names: tuple[str, ...]) -> None:
    """Register every feature package that exists."""
    for name in names:
        try:
            module = importlib.import_module(f"portal.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"portal.{name}":
                raise
            continue
        if hasattr(module, "bp"):
            app.register_blueprint(module.bp)
        if hasattr(module, "init_app"):
            module.init_app(app)


def _home() -> Response:
    """Send each visitor to the page their role starts from."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.role == "admin":
        return redirect(url_for("admin.index"))
    from flask import current_app

    if "assessments.dashboard" in current_app.view_functions:
        return redirect(url_for("assessments.dashboard"))
    return redirect(url_for("auth.account"))


def _template_helpers() -> dict[str, Any]:
    """Expose helpers every template may use."""
    from flask import current_app

    def has_endpoint(name: str) -> bool:
        return name in current_app.view_functions

    return {"has_endpoint": has_endpoint}
