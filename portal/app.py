"""The application factory: config, extensions, feature blueprints, error pages."""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wrappers import Response

from . import errors, headers, jobs, logs, sessions
from .config import build_config
from .extensions import app_object, init_app, login_manager
from .transactions import SAFE_METHODS
from .unit_of_work import request_transaction

# Feature packages, each exposing `bp` (a Blueprint) and optionally `init_app(app)`.
# A feature not written yet is skipped, so the core runs on its own.
FEATURES = ("auth", "admin", "assessments", "notifications", "legal", "monitoring", "questionnaire_templates",
            "api", "webhooks", "campaigns")

log = logging.getLogger(__name__)


DATABASE_INT_MAX = 2**31 - 1  # PostgreSQL's INTEGER; SQLite's is wider


class DatabaseInteger(IntegerConverter):
    """`<int:…>` in every route: a number no id column can hold is "not found" (404), never a 500
    from the database driver (a 23-digit id overflowed SQLite's INTEGER)."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = DATABASE_INT_MAX, signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class Portal(Flask):
    """Flask whose requests each run in one transaction owned here, never by the view (unit_of_work.py)."""

    def dispatch_request(self) -> ResponseReturnValue:
        """Run the view; commit what it wrote when it returns, roll back when it raises."""
        with request_transaction(read_only=request.method in SAFE_METHODS):
            return super().dispatch_request()


def build_app(config: dict[str, Any] | None = None) -> Flask:
    """Create a configured portal application."""
    instance = (config or {}).get("INSTANCE_PATH") or os.environ.get("CERTSCOPE_INSTANCE")
    app = Portal("portal", instance_path=str(Path(instance).resolve()) if instance else None,
                instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(build_config(Path(app.instance_path), config))
    app.debug = False  # never the interactive debugger: it executes code from the browser
    app.url_map.converters["int"] = DatabaseInteger  # before any route is added
    Path(app.config["STORAGE_DIR"]).mkdir(parents=True, exist_ok=True)
    init_app(app)
    jobs.init_app(app)
    logs.init_app(app)
    sessions.install(app)
    _register_user_loader()
    _register_features(app, app.config.get("PORTAL_FEATURES", FEATURES))
    errors.register(app)
    headers.register(app)
    app.add_url_rule("/", "home", _home)
    app.add_url_rule("/healthz", "healthz", _healthz)
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


def _healthz() -> Response:
    """Say whether the database and the queue answer (200), or which does not (503); no sign-in needed."""
    import sqlalchemy as sa
    from flask import jsonify

    from .extensions import db

    try:
        db.session.execute(sa.text("SELECT 1"))
        database: dict[str, Any] = {"ok": True, "backend": db.engine.dialect.name}
    except Exception as err:  # report, never raise: a health check must answer
        database = {"ok": False, "backend": db.engine.dialect.name, "error": type(err).__name__}
    queue = jobs.queue_state(app_object())
    ok = database["ok"] and queue["ok"]
    response = jsonify(status="ok" if ok else "unavailable", database=database, queue=queue)
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def _template_helpers() -> dict[str, Any]:
    """Expose helpers every template may use."""
    from flask import current_app

    def has_endpoint(name: str) -> bool:
        return name in current_app.view_functions

    return {"has_endpoint": has_endpoint}
