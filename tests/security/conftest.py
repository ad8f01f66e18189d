"""Security tests run through the portal: the web fixtures, real workers where a test needs them,
and attacker helpers (another address, a copied cookie)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.queue.harness import backend, portal, redis_url  # noqa: F401  (fixtures)
from tests.web import conftest as web
from tests.web.builders import PASSWORD

# The web suite's fixtures and hooks: a clean app per test, builders, signed-in clients.
app_config, app, build, client, login = web.app_config, web.app, web.build, web.client, web.login
pytest_collection_modifyitems = web.pytest_collection_modifyitems
sign_in = web.sign_in

STRONG = "Violet kettles hum 7 arias"


def client_from(application: Flask, address: str) -> FlaskClient:
    """Return a new test client whose requests come from `address`."""
    new = application.test_client()
    new.environ_base["REMOTE_ADDR"] = address
    return new


def session_cookie(browser: FlaskClient, application: Flask) -> str | None:
    """Return the value of `browser`'s session cookie, or None."""
    cookie = browser.get_cookie(application.config["SESSION_COOKIE_NAME"])
    return cookie.value if cookie else None


def replay(application: Flask, cookie: str, address: str = "127.0.0.1") -> FlaskClient:
    """Return a fresh client carrying only a copied session cookie (what a thief would do)."""
    thief = client_from(application, address)
    thief.set_cookie(application.config["SESSION_COOKIE_NAME"], cookie)
    return thief


@pytest.fixture
def buyer(build: Any) -> Any:  # noqa: F811  (the fixture of that name above)
    """A procurement user of a buyer organisation."""
    return build.user(build.org("buyer"), "procurement", email="buyer@example.com", name="Bella Buyer")


__all__ = ["PASSWORD", "STRONG", "client_from", "replay", "session_cookie", "sign_in"]
