"""The certscope web portal (Flask). Imported lazily so the CLI's core commands stay fast."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application (app factory)."""
    from .app import build_app

    return build_app(config)
