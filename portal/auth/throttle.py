"""Sign-in throttling that slows guessing without locking anyone out or revealing who has an account.

Failed attempts are counted (Flask-Limiter's storage: in memory for the embedded default, Redis when
REDIS_URL is set) under keys made of what the request says — the e-mail typed and the address — never
of what the database knows, so a known and an unknown account are throttled alike:

- per address (any account): spraying many accounts from one place;
- per account and address, in widening windows: repeated guesses wait longer and longer;
- per account from all addresses, for browsers that never signed in to it: once a distributed guess
  passes that budget, each address gets one try per window on that account — a real user on a new
  address still gets theirs, so a third party can slow the account, never close it;
- a browser that signed in to the account before carries a signed device cookie (OWASP's "device
  cookies") and is counted on its own: guesses by others never slow it down.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeSerializer
from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter, RateLimiter

log = logging.getLogger(__name__)

DEVICE_COOKIE = "certscope_device"
DEVICE_SALT = "certscope-trusted-device"
DEVICE_DAYS = 365
EXTENSION = "certscope_throttle"

DEFAULT_LIMITS = {
    "LOGIN_LIMIT_ADDRESS": "30 per 15 minutes; 100 per day",
    "LOGIN_LIMIT_ACCOUNT_ADDRESS": "5 per 5 minutes; 10 per hour; 20 per day",
    "LOGIN_LIMIT_ACCOUNT": "50 per hour; 200 per day",
    "LOGIN_LIMIT_UNDER_ATTACK": "1 per 10 minutes",
    "LOGIN_LIMIT_DEVICE": "10 per 15 minutes; 30 per day",
    "PASSWORD_CHECK_LIMIT": "60 per minute",
    # Each start of single sign-on fetches the provider's discovery document: no fetching on demand.
    "SSO_START_LIMIT": "20 per minute; 200 per day",
}


@dataclass(frozen=True)
class Attempt:
    """Who is trying: the e-mail typed (normalised), the address, the trusted-device nonce if any."""

    email: str
    address: str
    device: str | None = None


class Throttle:
    """Counters of failed sign-ins, and the verdict on whether an attempt may proceed."""

    def __init__(self, limiter: Limiter, config: dict[str, str], prefix: str = "certscope") -> None:
        self.limiter, self.prefix = limiter, prefix
        self.limits = {name: parse_many(config[name]) for name in DEFAULT_LIMITS}
        self._fallback: RateLimiter | None = None

    def allows(self, attempt: Attempt) -> bool:
        """Say whether `attempt` may have its password checked now."""
        account = _digest(attempt.email)
        if attempt.device:
            return self._test("LOGIN_LIMIT_DEVICE", account, attempt.device)
        if not self._test("LOGIN_LIMIT_ADDRESS", attempt.address):
            return False
        if not self._test("LOGIN_LIMIT_ACCOUNT_ADDRESS", account, attempt.address):
            return False
        if self._test("LOGIN_LIMIT_ACCOUNT", account):
            return True
        return self._test("LOGIN_LIMIT_UNDER_ATTACK", account, attempt.address)

    def failed(self, attempt: Attempt) -> None:
        """Count one failed attempt under every key it belongs to."""
        account = _digest(attempt.email)
        if attempt.device:
            self._hit("LOGIN_LIMIT_DEVICE", account, attempt.device)
            return
        self._hit("LOGIN_LIMIT_ADDRESS", attempt.address)
        self._hit("LOGIN_LIMIT_ACCOUNT_ADDRESS", account, attempt.address)
        self._hit("LOGIN_LIMIT_ACCOUNT", account)
        self._hit("LOGIN_LIMIT_UNDER_ATTACK", account, attempt.address)

    def allow_password_check(self, address: str) -> bool:
        """Count one strength-meter request from `address`; say whether it is within the limit."""
        strategy, items = self._strategy(), self.limits["PASSWORD_CHECK_LIMIT"]
        return all(strategy.hit(item, self.prefix, "password-check", address) for item in items)

    def allow_sso_start(self, address: str) -> bool:
        """Count one start of single sign-on from `address`; say whether it is within the limit."""
        strategy, items = self._strategy(), self.limits["SSO_START_LIMIT"]
        return all(strategy.hit(item, self.prefix, "sso-start", address) for item in items)

    def _test(self, name: str, *keys: str) -> bool:
        strategy = self._strategy()
        return all(strategy.test(item, self.prefix, name, *keys) for item in self.limits[name])

    def _hit(self, name: str, *keys: str) -> None:
        strategy = self._strategy()
        for item in self.limits[name]:
            strategy.hit(item, self.prefix, name, *keys)

    def _strategy(self) -> RateLimiter:
        """Return the shared store's limiter, or this process's memory while the store is unreachable.

        Counting in one process is weaker than counting everywhere, but far better than not counting.
        """
        try:
            reachable = self.limiter.limiter.storage.check()  # always true in memory; a PING on Redis
        except Exception:  # noqa: BLE001  (any storage error means the same: fall back)
            reachable = False
        if reachable:
            return self.limiter.limiter
        log.error("rate-limit storage unreachable; counting sign-in failures in this process only")
        if self._fallback is None:
            self._fallback = MovingWindowRateLimiter(MemoryStorage())
        return self._fallback


def _digest(email: str) -> str:
    """Key counters by a digest of the e-mail: the store never holds addresses people typed."""
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def init_app(app: Flask) -> None:
    """Give `app` its own throttle, on REDIS_URL's Redis when set, else in this process's memory."""
    for name, value in DEFAULT_LIMITS.items():
        app.config.setdefault(name, value)
    storage = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    name = app.config.get("QUEUE_NAME") or "certscope"
    # The limits Flask-Limiter applies itself (the API's, the strength meter's) count in the same store:
    # under this portal's own prefix (several portals may share one Redis, see QUEUE_NAME), and in this
    # process's memory while the store does not answer - an outage must not turn every call into a 500.
    limiter = Limiter(get_remote_address, storage_uri=storage, strategy="moving-window",
                      key_prefix=f"{name}-limits", in_memory_fallback_enabled=True)
    limiter.init_app(app)
    prefix = f"{name}-throttle"
    app.extensions[EXTENSION] = Throttle(limiter, {name: app.config[name] for name in DEFAULT_LIMITS}, prefix)


def current_throttle() -> Throttle:
    """Return the running app's throttle."""
    throttle: Throttle = current_app.extensions[EXTENSION]
    return throttle


# --- trusted-device cookies ----------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT)


def device_token(email: str) -> str:
    """Return a signed cookie value vouching that this browser signed in to `email`'s account."""
    return _serializer().dumps({"a": _digest(email), "n": secrets.token_urlsafe(12)})


def trusted_device(cookie: str | None, email: str) -> str | None:
    """Return the device's nonce when `cookie` vouches for `email`'s account, else None."""
    if not cookie or len(cookie) > 300:
        return None
    try:
        payload = _serializer().loads(cookie)
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("a") != _digest(email):
        return None
    nonce = payload.get("n")
    return nonce if isinstance(nonce, str) else None
