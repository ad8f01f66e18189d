"""Make any text safe for the PDF's built-in (latin-1) font without losing its meaning."""

from __future__ import annotations

import unicodedata

# Characters outside latin-1 that documents really contain, spelled so a reader still understands.
REPLACEMENTS = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2013": "-", "\u2014": " - ", "\u2015": " - ", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u2022": "*", "\u25cf": "*", "\u25aa": "*",
    "\u2713": "yes", "\u2714": "yes", "\u2611": "yes", "\u2705": "yes",
    "\u2717": "no", "\u2718": "no", "\u2612": "no", "\u274c": "no",
    "\u2192": "->", "\u2190": "<-", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=",
    "\u20ac": "EUR", "\u2122": "(TM)", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "",
    "\ufeff": "", "\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D", "\u0131": "i",
    "\u0153": "oe", "\u0152": "OE",
}


def latin1(text: object) -> str:
    """Return `text` in latin-1: known symbols spelled out, accents kept where latin-1 has them."""
    out = []
    for char in str(text if text is not None else ""):
        if char in REPLACEMENTS:
            out.append(REPLACEMENTS[char])
        elif _encodable(char) and (char >= " " or char in "\n"):
            out.append(char)
        elif char in "\t\r":
            out.append(" ")
        else:
            out.append(_approximate(char))
    return "".join(out)


def truncate(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, ending in an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 3)]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "..."


def _encodable(char: str) -> bool:
    try:
        char.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _approximate(char: str) -> str:
    """Strip accents latin-1 lacks (ő → o); anything else becomes '?'."""
    if unicodedata.category(char).startswith("C"):
        return ""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(_encodable(c) for c in base) else "?"
