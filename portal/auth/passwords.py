"""Password hashing with argon2id."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app, has_app_context

_DEFAULT = PasswordHasher()
_cache: dict[tuple[tuple[str, int], ...], PasswordHasher] = {}
_dummy: dict[int, str] = {}


def _hasher() -> PasswordHasher:
    """Return the hasher configured for this app (tests use cheaper parameters)."""
    if not has_app_context():
        return _DEFAULT
    params = current_app.config.get("PASSWORD_HASH") or {}
    key = tuple(sorted(params.items()))
    if key not in _cache:
        _cache[key] = PasswordHasher(**params)
    return _cache[key]


def hash_password(password: str) -> str:
    """Return the argon2id hash of `password`."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Say whether `password` matches `password_hash`."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Say whether the hash was made with other parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)


def burn_time(password: str) -> None:
    """Spend the time of one verification, so unknown accounts answer as slowly as known ones."""
    hasher = _hasher()
    if id(hasher) not in _dummy:
        _dummy[id(hasher)] = hasher.hash("not-a-real-password")
    verify_password(_dummy[id(hasher)], password)

