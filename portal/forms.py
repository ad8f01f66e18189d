"""Form helpers shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:  # WTForms >= 3.3 deprecates (value, label) tuples and 3.4 removes them
    from wtforms import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    SelectChoice = None

# An address with one @ and a dot in its domain: enough to catch a typo, never a judge of delivery.
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def answered(page: str, *forms: Any, refused: bool = False) -> str | tuple[str, int]:
    """Return a form's page: 400 when a sent form was refused (its errors are on the page), else 200."""
    return (page, 400) if refused or any(form.errors for form in forms) else page


def choices(pairs: Iterable[tuple[Any, str]]) -> list[Any]:
    """Return select/radio options in the form this WTForms version prefers."""
    if SelectChoice is None:
        return list(pairs)
    return [SelectChoice(value, label) for value, label in pairs]
