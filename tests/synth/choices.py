"""Seeded, named random choices: each dimension draws from its own stream, so choices stay independent.

Drawing a dimension from `Random(f"{seed}/{scope}/{name}")` rather than one shared stream means adding a
dimension later leaves every other choice of every seed as it was: old blind figures stay comparable.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

# Every dimension's options, as declared by the calls that draw them (the reachability test reads this).
DECLARED: dict[str, set[str]] = {}


class Chooser:
    """Make the random choices of one document and record the ones that are fuzzer dimensions."""

    def __init__(self, seed: int, scope: str) -> None:
        self.seed = seed
        self.scope = scope
        self.dims: dict[str, str] = {}

    def rng(self, name: str) -> random.Random:
        """Return the random stream of one named choice."""
        return random.Random(f"synth/{self.seed}/{self.scope}/{name}")

    def pick(self, name: str, options: Sequence[T] | Mapping[T, float]) -> T:
        """Choose one option (weighted when given a mapping) without recording it as a dimension."""
        rng = self.rng(name)
        if isinstance(options, Mapping):
            keys = list(options)
            return rng.choices(keys, weights=[options[k] for k in keys])[0]
        return rng.choice(list(options))

    def dim(self, name: str, options: Sequence[T] | Mapping[T, float]) -> T:
        """Choose one option and record it as the value of dimension `name`."""
        value = self.pick(name, options)
        DECLARED.setdefault(name, set()).update(str(option) for option in options)
        self.dims[name] = str(value)
        return value

    def note(self, name: str, value: object) -> None:
        """Record a dimension whose value follows from other choices (e.g. whether dates are ambiguous)."""
        self.dims[name] = str(value)

    def chance(self, name: str, p: float) -> bool:
        """Return True with probability p (not recorded)."""
        return self.rng(name).random() < p
