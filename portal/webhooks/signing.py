"""The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret.

Header: `Certscope-Signature: t=<unix seconds>,v1=<hex digest>`. A receiver recomputes the digest
over the timestamp, a full stop and the raw request body, compares in constant time, and refuses a
timestamp older than a few minutes (a replayed capture). The scheme is Stripe's, which receivers know.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

HEADER = "Certscope-Signature"
SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """Return a fresh signing secret (256 random bits)."""
    return SECRET_PREFIX + secrets.token_hex(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """Return the hex HMAC-SHA256 of `timestamp.body` under `secret`."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header_value(secret: str, timestamp: int, body: bytes) -> str:
    """Return the signature header's value."""
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes) -> bool:
    """Say whether `header` signs `body` under `secret` (what a receiver does; the tests use it)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(parts.get("v1", ""), signature(secret, timestamp, body))
