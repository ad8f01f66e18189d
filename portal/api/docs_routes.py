"""The API's interactive docs (Swagger UI), served from the swagger-ui-bundle package: no CDN."""

from __future__ import annotations

from flask import render_template, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path
from werkzeug.wrappers import Response

from . import bp

ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")


@bp.get("/api/v1/docs")
def docs() -> str:
    """Show the API's documentation, made from /api/v1/openapi.json (no sign-in: it holds no data)."""
    return render_template("api/docs.html", spec_url=url_for("api-docs.openapi_json"))


@bp.get("/api/v1/docs/assets/<name>")
def docs_asset(name: str) -> Response:
    """Send one of Swagger UI's files (only those the page uses)."""
    if name not in ASSETS:
        from flask import abort

        abort(404)
    response = send_from_directory(str(swagger_ui_path), name, max_age=24 * 3600)
    return response
