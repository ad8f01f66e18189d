"""Portal configuration: embedded defaults, environment overrides, then the caller's dict."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

MB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 25 * MB,
    "UPLOAD_MAX_BYTES": 20 * MB,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Signed-in sessions end after this long without a request (the cookie is refreshed on each).
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PREFERRED_URL_SCHEME": "http",
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # Login throttling: per account and per client address.
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCKOUT_MINUTES": 15,
    "LOGIN_IP_MAX_FAILURES": 20,
    "LOGIN_IP_WINDOW_MINUTES": 15,
    "INVITATION_DAYS": 14,
    # Number of trusted reverse proxies in front of the portal (0: use the socket's address).
    "PROXY_FIX_HOPS": 0,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_FROM": "certscope@localhost",
    # argon2 parameters; tests lower them to stay fast.
    "PASSWORD_HASH": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
}

ENV_KEYS = ("MAIL_SERVER", "MAIL_FROM", "MAIL_USERNAME", "MAIL_PASSWORD", "PREFERRED_URL_SCHEME")


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
    for key in ("MAIL_PORT", "PROXY_FIX_HOPS"):
        if os.environ.get(key):
            config[key] = int(os.environ[key])
    if os.environ.get("TRUSTED_HOSTS"):
        # Refuse other Host headers: invitation links are built from the request's host.
        config["TRUSTED_HOSTS"] = [h.strip() for h in os.environ["TRUSTED_HOSTS"].split(",") if h.strip()]
    config.update(overrides)
    if "SQLALCHEMY_DATABASE_URI" not in overrides:
        config["SQLALCHEMY_DATABASE_URI"] = overrides.get("DATABASE_URL") or database_url(instance_path)
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    config.setdefault("STORAGE_DIR", os.environ.get("STORAGE_DIR") or str(instance_path / "storage"))
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = secret_key(instance_path)
    secure = config["PREFERRED_URL_SCHEME"] == "https"
    config.setdefault("SESSION_COOKIE_SECURE", secure)
    config.setdefault("REMEMBER_COOKIE_SECURE", secure)
    return config
