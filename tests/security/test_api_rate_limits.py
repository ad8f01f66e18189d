"""The API's rate limits (Flask-Limiter) hold across processes: on REDIS_URL's Redis, every gunicorn
worker counts the same calls; with Redis unreachable, each process still counts in its own memory."""

from __future__ import annotations

import uuid

from portal import create_app
from tests.web.api_helpers import bearer, make_token
from tests.web.builders import Builder
from tests.web.conftest import empty_database, test_config

LIMITS = {"API_RATE_LIMIT": "3 per minute", "API_RATE_LIMIT_ADDRESS": "1000 per minute"}


def _worker(path, **extra):
    """One portal process (a gunicorn worker, say) on the shared database."""
    return create_app(test_config(path, QUEUE_NAME=f"limits-{uuid.uuid4().hex}", **LIMITS, **extra))


def _calls(app, secret, count):
    client = app.test_client()
    return [client.get("/api/v1/assessments", headers=bearer(secret)).status_code for _ in range(count)]


def _token(app):
    with app.app_context():
        empty_database()
    build = Builder(app)
    return make_token(app, build.user(build.org("buyer"), "procurement"), ("read",))


def test_with_redis_url_two_workers_share_the_api_limit(monkeypatch, tmp_path, redis_url):
    monkeypatch.setenv("REDIS_URL", redis_url)
    first = _worker(tmp_path)
    second = create_app(test_config(tmp_path, QUEUE_NAME=first.config["QUEUE_NAME"], **LIMITS))
    secret = _token(first)
    assert _calls(first, secret, 3) == [200, 200, 200]
    assert _calls(second, secret, 1) == [429]


def test_an_unreachable_redis_still_limits_in_memory(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # nothing listens on the discard port
    app = _worker(tmp_path)
    secret = _token(app)
    assert _calls(app, secret, 4) == [200, 200, 200, 429]


def test_portals_sharing_one_redis_count_apart(monkeypatch, tmp_path, redis_url):
    """Two portals on one Redis (QUEUE_NAME tells them apart, as it does their queues): calls from one
    address to the first do not count against the second (the per-address limit has the same key)."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    per_address = {"API_RATE_LIMIT": "1000 per minute", "API_RATE_LIMIT_ADDRESS": "3 per minute"}
    first, other = (create_app(test_config(tmp_path / name, QUEUE_NAME=f"portal-{uuid.uuid4().hex}",
                                           **per_address)) for name in ("a", "b"))
    # one after the other: on PostgreSQL the two portals share DATABASE_URL, and _token empties it
    assert _calls(first, _token(first), 4) == [200, 200, 200, 429]
    assert _calls(other, _token(other), 1) == [200]
