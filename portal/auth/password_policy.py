"""What makes a password acceptable: length, not breached, not personal, hard to guess (zxcvbn).

The breached list ships with the package (`data/breached-passwords.txt.gz`, see the README for its
source and licence) and is read once per process; nothing is fetched at run time.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn: "safely unguessable: moderate protection from offline slow-hash attacks"
# zxcvbn's matching grows quickly with length; judging a long password by its start only underrates it.
ZXCVBN_MAX_CHARS = 64
MIN_PERSONAL_TOKEN = 4
BREACHED_FILE = "breached-passwords.txt.gz"


@dataclass(frozen=True)
class Strength:
    """The verdict on a password: zxcvbn's 0–4 score, the rules it breaks, and hints."""

    score: int
    problems: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        """Say whether the password may be used."""
        return not self.problems


@lru_cache(maxsize=1)
def breached_passwords() -> frozenset[str]:
    """Return the shipped breached-password list, lowercased."""
    source = resources.files("portal.auth").joinpath("data", BREACHED_FILE)
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n").lower() for line in lines if line.strip())


def is_breached(password: str) -> bool:
    """Say whether `password` (in any letter case) is in the breached list."""
    return password.lower() in breached_passwords()


def personal_tokens(inputs: Iterable[str | None]) -> list[str]:
    """Return the pieces of a user's name and e-mail address a password must not contain."""
    tokens: set[str] = set()
    for value in inputs:
        if not value:
            continue
        text = value.strip().lower()
        tokens.add(_compact(text))
        local, _, domain = text.partition("@")
        tokens.add(_compact(local))
        tokens.update(_compact(part) for part in re.split(r"[^a-z0-9]+", text))
        tokens.update(_compact(label) for label in domain.split(".")[:-1])
    return sorted(t for t in tokens if len(t) >= MIN_PERSONAL_TOKEN)


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def assess_password(password: str, personal: Iterable[str | None] = ()) -> Strength:
    """Judge `password` for a user known by `personal` (name, e-mail address)."""
    tokens = personal_tokens(personal)
    if not password:
        return Strength(0, [f"Use at least {MIN_LENGTH} characters."])
    result = zxcvbn(password[:ZXCVBN_MAX_CHARS], user_inputs=tokens)
    feedback = result.get("feedback") or {}
    problems = _rule_problems(password, tokens)
    if not problems and result["score"] < MIN_SCORE:
        warning = feedback.get("warning") or "It would be guessed quickly."
        problems.append(f"Too easy to guess: {warning.rstrip('.')}.")
    return Strength(int(result["score"]), problems, list(feedback.get("suggestions") or []))


def _rule_problems(password: str, tokens: list[str]) -> list[str]:
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if is_breached(password):
        return ["This password appears in a list of breached passwords; choose another."]
    compact = _compact(password)
    if any(token in compact for token in tokens):
        return ["Do not use your name or e-mail address in your password."]
    return []


def password_problem(password: str, personal: Iterable[str | None] = ()) -> str | None:
    """Return why `password` cannot be used, or None."""
    problems = assess_password(password, personal).problems
    return " ".join(problems) if problems else None
