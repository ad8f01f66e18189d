"""Fixtures for tests that run real `certscope worker` processes (see harness.py)."""

from tests.queue.harness import backend, portal, redis_url  # noqa: F401  (fixtures)
from tests.web.conftest import app, app_config, build, login  # noqa: F401  (fixtures)
