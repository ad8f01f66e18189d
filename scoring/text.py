"""Text matching shared by the rules: normalising, fuzzy name search, sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_SHORT_WORD = 4  # words this short must match exactly: "API" is not "AP"


def fold(text: str) -> str:
    """Lower-case and strip accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def singular(word: str) -> str:
    """Return a crude singular so "Assistants" matches "assistant"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Return the normalised words of `text` (case, accents, punctuation and plurals ignored)."""
    return tuple(singular(w) for w in _WORD.findall(_POSSESSIVE.sub("", fold(text))))


def _word_matches(a: str, b: str, cutoff: float) -> bool:
    if a == b:
        return True
    if len(a) <= _SHORT_WORD or len(b) <= _SHORT_WORD:
        return False
    return fuzz.ratio(a, b) >= cutoff


def _window_matches(window: tuple[str, ...], name: tuple[str, ...], cutoff: float) -> bool:
    """Return whether each word of `name` pairs with a distinct word of `window`, in any order."""
    free = list(window)
    for word in name:
        partner = next((i for i, w in enumerate(free) if _word_matches(word, w, cutoff)), None)
        if partner is None:
            return False
        free.pop(partner)
    return True


@lru_cache(maxsize=4096)
def name_in(text: str, name: str, cutoff: float = 90.0) -> bool:
    """Return whether `name` appears in `text`: fuzzy per word, any word order, spacing ignored."""
    name_words = _significant(words(name))
    text_words = words(text)
    if not name_words or not text_words:
        return False
    n = len(name_words)
    # A multi-word name may have one word inserted: "Acme AI VoiceAgent" names "Acme VoiceAgent".
    for size in (n, n + 1) if n > 1 else (n,):
        for i in range(len(text_words) - size + 1):
            if _window_matches(text_words[i:i + size], name_words, cutoff):
                return True
    return _joined_in(text_words, "".join(name_words), n, cutoff)


_STOP = frozenset({"the", "a", "an", "of", "for", "and", "by", "to", "in", "on"})


def _significant(name_words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop little words and version numbers ("VoiceAgent 2.0"), unless nothing else is left."""
    kept = tuple(w for w in name_words if w not in _STOP and not w.isdigit())
    return kept or name_words


def _joined_in(text_words: tuple[str, ...], joined: str, n: int, cutoff: float) -> bool:
    """Match "Voice Desk" against "VoiceDesk" and back, by comparing words run together."""
    if len(joined) <= _SHORT_WORD:
        return False
    for size in range(1, n + 3):
        for i in range(len(text_words) - size + 1):
            run = "".join(text_words[i:i + size])
            if abs(len(run) - len(joined)) <= 2 and fuzz.ratio(run, joined) >= cutoff:
                return True
    return False


# A sentence ends at . ! ? before a capital (accented ones too: "À l'exclusion", "Über"), a digit or a quote.
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z\u00C0-\u00DE0-9\"'(\u00BF\u00A1])|;\s*")


def clauses(text: str) -> list[str]:
    """Split text into sentences and ';'-separated clauses, keeping their wording."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p]


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int = 140) -> str:
    """Return `text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = collapse(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
