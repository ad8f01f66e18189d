"""Thresholds for the rules, with FLAGS.md's values as defaults, validated on construction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from parsers import lexicon
from parsers.controls import ANNEX_A

DEFAULT_EXPIRING_SOON_DAYS = 90
DEFAULT_SURVEILLANCE_GRACE_MONTHS = 15
DEFAULT_MAX_VALIDITY_YEARS = 3
DEFAULT_VALIDITY_TOLERANCE_DAYS = 1  # FLAGS.md: "more than 3 years (plus one day)"
DEFAULT_KEY_CONTROL_FAMILIES = ("A.5", "A.6", "A.7", "A.10")
DEFAULT_SUPPLY_CHAIN_CONTROLS = ("A.10.2", "A.10.3")
# rapidfuzz score (0-100) a word of the product's name must reach against a word of the scope;
# 90 lets one typo in a ten-letter name through but not "transcribe" for "transcription".
DEFAULT_PRODUCT_MATCH_CUTOFF = 90.0
# Legal forms come from the lexicon, every list of them: the holder comparison folds case, so forms the
# parser only matches capitalised ("AG", "Co") count here too. FLAGS.md's list is a subset.
LEGAL_FORM_SECTIONS = ("legal_forms", "legal_forms_case_sensitive")



def lexicon_legal_forms() -> tuple[str, ...]:
    """Return every legal form in the lexicon, as printed ("Ltd", "S.A.", "Sp. z o.o.")."""
    forms: dict[str, None] = {}
    for name in LEGAL_FORM_SECTIONS:
        try:
            forms.update(dict.fromkeys(lexicon.phrases(name)))
        except lexicon.LexiconError:
            continue  # a lexicon without that list
    return tuple(forms)


DEFAULT_LEGAL_FORMS = lexicon_legal_forms()

_CONTROL_ID = re.compile(r"A\.\d{1,2}(?:\.\d{1,2}){0,2}")


class AccreditationLookup(Protocol):
    """What the rules need of an accreditation registry (parsers.accreditation.AccreditationRegistry)."""

    def match(self, text: str) -> object | None:
        """Return the recognised body `text` names, or None."""


def _default_registry() -> AccreditationLookup:
    from parsers.accreditation import AccreditationRegistry

    return AccreditationRegistry.default()


@dataclass(frozen=True)
class ScoringSettings:
    """Tunables of the scoring rules; a buyer can tighten them. Bad values raise ValueError."""

    expiring_soon_days: int = DEFAULT_EXPIRING_SOON_DAYS
    surveillance_grace_months: int = DEFAULT_SURVEILLANCE_GRACE_MONTHS
    max_validity_years: int = DEFAULT_MAX_VALIDITY_YEARS
    validity_tolerance_days: int = DEFAULT_VALIDITY_TOLERANCE_DAYS
    key_control_families: tuple[str, ...] = DEFAULT_KEY_CONTROL_FAMILIES
    supply_chain_controls: tuple[str, ...] = DEFAULT_SUPPLY_CHAIN_CONTROLS
    annex_a_controls: tuple[str, ...] = tuple(ANNEX_A)
    product_match_cutoff: float = DEFAULT_PRODUCT_MATCH_CUTOFF
    legal_forms: tuple[str, ...] = DEFAULT_LEGAL_FORMS
    accreditation: AccreditationLookup | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        self._check_int("expiring_soon_days", 0, 3650)
        self._check_int("surveillance_grace_months", 1, 120)
        self._check_int("max_validity_years", 1, 50)
        self._check_int("validity_tolerance_days", 0, 366)
        for name in ("key_control_families", "supply_chain_controls", "annex_a_controls"):
            self._check_control_ids(name)
        cutoff = self.product_match_cutoff
        if isinstance(cutoff, bool) or not isinstance(cutoff, int | float) or not 50 <= cutoff <= 100:
            raise ValueError("ScoringSettings.product_match_cutoff must be a score from 50 to 100, "
                             f"got {cutoff!r}")
        if isinstance(self.legal_forms, str) or not all(isinstance(w, str) and w for w in self.legal_forms):
            raise ValueError("ScoringSettings.legal_forms must be a tuple of non-empty words")
        if self.accreditation is not None and not callable(getattr(self.accreditation, "match", None)):
            raise ValueError("ScoringSettings.accreditation must be a registry with a match(text) method")

    def _check_int(self, name: str, low: int, high: int) -> None:
        value = getattr(self, name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"ScoringSettings.{name} must be a whole number from {low} to {high}, "
                             f"got {value!r}")

    def _check_control_ids(self, name: str) -> None:
        value = getattr(self, name)
        if isinstance(value, str) or not isinstance(value, tuple | list):
            raise ValueError(f"ScoringSettings.{name} must be a tuple of control ids like 'A.10', "
                             f"got {value!r}")
        bad = [v for v in value if not isinstance(v, str) or not _CONTROL_ID.fullmatch(v)]
        if bad:
            raise ValueError(f"ScoringSettings.{name}: {bad[0]!r} is not an Annex A id "
                             "like 'A.10' or 'A.6.2.4'")

    def registry(self) -> AccreditationLookup:
        """Return the accreditation registry to match against (the shipped IAF MLA list by default)."""
        return self.accreditation if self.accreditation is not None else _default_registry()


DEFAULT_SCORING_SETTINGS = ScoringSettings()
