"""Portal configuration: embedded defaults, environment overrides, then the caller's dict."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from .transactions import sqlite_engine_options

MB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 105 * MB,  # several PDFs in one upload; each file is held to UPLOAD_MAX_BYTES
    "UPLOAD_MAX_BYTES": 20 * MB,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Server-side sessions (portal/sessions.py) end after this long without a request, and this long
    # after sign-in whatever the activity (OWASP ASVS 4 §3.3.2 level 2: 30 minutes idle, 12 hours).
    "SESSION_IDLE_MINUTES": 30,
    "SESSION_ABSOLUTE_HOURS": 12,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PREFERRED_URL_SCHEME": "http",
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    # SQLite: how long a writer waits for another's lock before the request answers "busy, try again".
    "SQLITE_BUSY_TIMEOUT_S": 30.0,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # Sign-in throttling counters (portal/auth/throttle.py; its DEFAULT_LIMITS are the limits):
    # this process's memory, or Redis when REDIS_URL is set (needed once several processes serve).
    "RATELIMIT_STORAGE_URI": "memory://",
    "INVITATION_DAYS": 14,
    # Number of trusted reverse proxies in front of the portal (0: use the socket's address).
    "PROXY_FIX_HOPS": 0,
    # Redirect plain HTTP to HTTPS (behind a proxy, with PROXY_FIX_HOPS so its X-Forwarded-Proto counts).
    "FORCE_HTTPS": False,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_FROM": "certscope@localhost",
    # argon2 parameters; tests lower them to stay fast.
    "PASSWORD_HASH": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
    # The job queue: Redis when REDIS_URL is set, else SQLite in the instance folder (QUEUE="immediate"
    # runs each job in the process that asks for it, as the tests do).
    "REDIS_URL": None,
    "QUEUE": None,
    "QUEUE_NAME": "certscope",  # one Redis may carry several portals' queues under different names
    # Hard limits on reading one document (a child process per document).
    "PARSE_WALL_S": 60.0,
    "PARSE_MEMORY_MB": 1024,
    "PARSE_CPU_S": 60,
    "SWEEP_EVERY_MINUTES": 5,
    "SWEEP_PENDING_GRACE_S": 300,
    "SWEEP_ORPHAN_GRACE_S": 3600,
    "REASSESS_HOUR_UTC": 3,
    "LOG_JSON": False,
    # Webhooks (portal/webhooks): attempts per delivery, the first back-off (doubled each time), the
    # receiver's time limit, and whether local/private addresses may receive (tests, on-premises).
    "WEBHOOK_MAX_ATTEMPTS": 6,
    "WEBHOOK_BACKOFF_S": 30,
    "WEBHOOK_TIMEOUT_S": 10,
    "WEBHOOK_ALLOW_PRIVATE": False,
}

ENV_KEYS = ("API_RATE_LIMIT", "API_RATE_LIMIT_ADDRESS",
            "MAIL_SERVER", "MAIL_FROM", "MAIL_USERNAME", "MAIL_PASSWORD", "PREFERRED_URL_SCHEME", "REDIS_URL",
            "PORTAL_URL", "QUEUE_NAME")
NUMBER_ENV_KEYS = ("SQLITE_BUSY_TIMEOUT_S", "PARSE_WALL_S", "PARSE_MEMORY_MB", "PARSE_CPU_S",
                   "SWEEP_EVERY_MINUTES", "SWEEP_PENDING_GRACE_S", "SWEEP_ORPHAN_GRACE_S",
                   "REASSESS_HOUR_UTC", "WEBHOOK_MAX_ATTEMPTS", "WEBHOOK_BACKOFF_S", "WEBHOOK_TIMEOUT_S")


def database_url(instance_path: Path) -> str:
    """Return DATABASE_URL (normalised to psycopg 3) or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance_path / 'certscope.db'}"
    return normalise_database_url(url)


def normalise_database_url(url: str) -> str:
    """Point plain postgres URLs at the psycopg 3 driver, the one we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY from the environment, else one generated once and kept in the instance."""
    env = os.environ.get("CERTSCOPE_SECRET_KEY") or os.environ.get("SECRET_KEY")
    if env:
        return env
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def build_config(instance_path: Path, overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Merge defaults, environment and `overrides` into one config dict."""
    overrides = dict(overrides or {})
    config: dict[str, Any] = dict(DEFAULTS)
    config.update({k: os.environ[k] for k in ENV_KEYS if os.environ.get(k)})
    for key in ("MAIL_PORT", "PROXY_FIX_HOPS", "SESSION_IDLE_MINUTES", "SESSION_ABSOLUTE_HOURS"):
        if os.environ.get(key):
            config[key] = int(os.environ[key])
    for key in NUMBER_ENV_KEYS:
        if os.environ.get(key):
            config[key] = float(os.environ[key]) if "." in os.environ[key] else int(os.environ[key])
    if os.environ.get("WEBHOOK_ALLOW_PRIVATE"):
        allow = os.environ["WEBHOOK_ALLOW_PRIVATE"].strip().lower()
        config["WEBHOOK_ALLOW_PRIVATE"] = allow in ("1", "true", "yes", "on")
    if os.environ.get("FORCE_HTTPS"):
        config["FORCE_HTTPS"] = os.environ["FORCE_HTTPS"].strip().lower() in ("1", "true", "yes", "on")
    if os.environ.get("TRUSTED_HOSTS"):
        # Refuse other Host headers: invitation links are built from the request's host.
        config["TRUSTED_HOSTS"] = [h.strip() for h in os.environ["TRUSTED_HOSTS"].split(",") if h.strip()]
    config.update(overrides)
    if config.get("REDIS_URL") and "RATELIMIT_STORAGE_URI" not in overrides:
        config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"]  # the sign-in throttle's shared counters
    if "SQLALCHEMY_DATABASE_URI" not in overrides:
        config["SQLALCHEMY_DATABASE_URI"] = overrides.get("DATABASE_URL") or database_url(instance_path)
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    config["SQLALCHEMY_ENGINE_OPTIONS"] = sqlite_engine_options(
        config["SQLALCHEMY_DATABASE_URI"], config.get("SQLALCHEMY_ENGINE_OPTIONS"),
        float(config["SQLITE_BUSY_TIMEOUT_S"]))
    config.setdefault("STORAGE_DIR", os.environ.get("STORAGE_DIR") or str(instance_path / "storage"))
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = secret_key(instance_path)
    secure = config["PREFERRED_URL_SCHEME"] == "https"
    config.setdefault("SESSION_COOKIE_SECURE", secure)
    config.setdefault("REMEMBER_COOKIE_SECURE", secure)
    return config
