"""Which language a scanned page is written in, from its commonest short words (lexicon `function_words`).

The first OCR pass reads with the configured models (English and German by default); a page found to be
in another language the lexicon knows is read again with that language's model, so its accents ("ção",
"ñ", "è") come out as printed instead of as the nearest English or German letters.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from . import lexicon
from .labels import fold

MIN_WORDS = 6  # fewer function words than this: too little text to tell
MIN_LEAD = 1.5  # the best language must score this many times the next one


@cache
def _weights() -> dict[str, dict[str, float]]:
    """Each function word's weight per language: a word several languages share counts for each in part."""
    owners: dict[str, list[str]] = {}
    for lang, words in lexicon.by_language("function_words").items():
        for word in words:
            owners.setdefault(fold(word), []).append(lang)
    table: dict[str, dict[str, float]] = {}
    for word, langs in owners.items():
        for lang in langs:
            table.setdefault(lang, {})[word] = 1.0 / len(langs)
    return table


def guess_language(words: Iterable[str]) -> str | None:
    """Return the lexicon language code the words are most likely in, or None when unsure."""
    tokens = [t for w in words for t in fold(w).split()]
    scores = {lang: sum(table.get(t, 0.0) for t in tokens) for lang, table in _weights().items()}
    hits = sum(1 for t in tokens if any(t in table for table in _weights().values()))
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if hits < MIN_WORDS or not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and ranked[0][1] < MIN_LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


@cache
def _street_words() -> dict[str, tuple[str, ...]]:
    return {lang: tuple(fold(w) for w in words)
            for lang, words in lexicon.by_language("address_words").items()}


_COMPOUND = 5  # a street word this long also ends a compound ("Bahnhofstrasse", "Getreidegasse")


def address_languages(words: Iterable[str]) -> set[str]:
    """Return the languages whose street words ("rua", "via", "…strasse") a line of words contains."""
    tokens = [t for w in words for t in fold(w).split()]
    return {lang for lang, street in _street_words().items()
            if any(t in street or any(len(s) >= _COMPOUND and t.endswith(s) for s in street) for t in tokens)}


def ocr_model(language: str) -> str | None:
    """Return the Tesseract model name of a lexicon language, if the lexicon names one."""
    models = lexicon.by_language("ocr_models").get(language, ())
    return models[0] if models else None


__all__ = ["address_languages", "guess_language", "ocr_model"]
