"""Organisation names: legal forms (from the lexicon), where a name ends, names compared loosely."""

from __future__ import annotations

import re
from functools import cache

from . import lexicon
from .labels import fold

# A name runs over a line break only this far to reach its legal form ("... Services Private" / "Limited").
MAX_WRAPPED_FORM_WORDS = 4


@cache
def _forms() -> str:
    """Return one alternation of every legal form: the case-insensitive ones and those kept as printed."""
    loose = lexicon.alternation(lexicon.phrases("legal_forms"))
    strict = lexicon.alternation(lexicon.phrases("legal_forms_case_sensitive"))
    return rf"(?i:{loose})|{strict}"


@cache
def _form_anywhere() -> re.Pattern[str]:
    # A form ends a word: "Co." may close "Co., Ltd." only when nothing longer matches there.
    return re.compile(rf"(?<![\w&])(?:{_forms()})(?![\w])")


@cache
def _form_at_end() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w&])(?:{_forms()})[.,]?\s*$")


@cache
def _form_at_start() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{_forms()})(?![\w])")


def ends_in_legal_form(name: str) -> bool:
    """Return whether a name ends in a legal form ("Acme Voice Ltd", "Marram Mobility Asia Pte. Ltd.")."""
    return bool(_form_at_end().search(name.strip()))


def without_legal_form(name: str) -> str:
    """Return a name without the legal form it ends in ("Palisade Robotics a.s." -> "Palisade Robotics")."""
    m = _form_at_end().search(name.strip())
    return name.strip()[: m.start()].strip(" ,") if m else name.strip()


def starts_with_legal_form(text: str) -> bool:
    """Return whether text opens with a legal form (a name's wrapped tail: "Limited", "Pte. Ltd.")."""
    return bool(_form_at_start().match(text))


def legal_form_end(text: str, start: int = 0) -> int | None:
    """Return where the first legal form at or after `start` ends (the longest form printed there)."""
    best = None
    for m in _form_anywhere().finditer(text, start):
        if m.start() == 0 or not text[:m.start()].strip():
            continue  # a name is more than its legal form ("SA Health", "AB Volvo" start with a word)
        end = _with_stop(text, m.end())
        # A form directly followed by another ("GmbH & Co. KG", "Pte. Ltd.") belongs to the same name.
        nxt = _form_anywhere().match(text, _skip_joiners(text, end))
        while nxt is not None and nxt.start() - end <= 3:
            end = _with_stop(text, nxt.end())
            nxt = _form_anywhere().match(text, _skip_joiners(text, end))
        return end
    return best


def inside_legal_form(text: str, pos: int) -> bool:
    """Return whether `pos` (a full stop) lies inside a legal form, not at its end ("Pte|. Ltd.")."""
    for m in _form_anywhere().finditer(text):
        if m.start() > pos:
            break
        end = _with_stop(text, m.end())
        nxt = _form_anywhere().match(text, _skip_joiners(text, end))
        while nxt is not None and nxt.start() - end <= 3:
            end = _with_stop(text, nxt.end())
            nxt = _form_anywhere().match(text, _skip_joiners(text, end))
        if m.start() <= pos < end - 1:
            return True
    return False


def _with_stop(text: str, end: int) -> int:
    """Take in a full stop printed after a form that is written with one ("Inc.", "Pte. Ltd.")."""
    if end < len(text) and text[end] == "." and keeps_full_stop(text[:end]):
        return end + 1
    return end


def _skip_joiners(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " ,&":
        pos += 1
    return pos


def cut_at_legal_form(text: str) -> str | None:
    """Return the name up to and including its legal form ("X GmbH ein KI-..." -> "X GmbH"), or None."""
    end = legal_form_end(text)
    if end is None:
        return None
    return text[:end].strip(" ,;:")


def with_wrapped_form(name: str, following: str) -> str:
    """Return `name` with its legal form added when the name wrapped onto the next line or segment.

    "Rasa Certification Services Private" + "Limited" -> "... Private Limited"; "Pte" + ". Ltd." likewise;
    "Northern Lights AI" + "Solutions Limited" too (a few capitalised words, then the form).
    """
    tail = " ".join(following.split())
    if not tail:
        return name
    if ends_in_legal_form(name) and not starts_with_legal_form(tail.lstrip(". ")):
        return _longer_form(name, tail)
    words = tail.split()
    for size in range(min(MAX_WRAPPED_FORM_WORDS, len(words)), 0, -1):
        piece = " ".join(words[:size]).rstrip(",;")
        joined = f"{name}{piece}" if piece.startswith(".") else f"{name} {piece}"
        if ends_in_legal_form(joined) and _name_words(piece):
            return joined
    return name


def _longer_form(name: str, tail: str) -> str:
    """Return `name` with the rest of a longer legal form its form begins ("X S.A." + "de C.V.")."""
    own = _form_at_end().search(name.strip())
    words = tail.split()
    for size in range(min(MAX_WRAPPED_FORM_WORDS, len(words)), 0, -1):
        joined = f"{name.strip()} {' '.join(words[:size]).rstrip(',;')}"
        longer = _form_at_end().search(joined)
        if own is not None and longer is not None and longer.start() <= own.start():
            return joined
    return name


def _name_words(piece: str) -> bool:
    """Return whether a wrapped piece reads as the rest of a name: capitalised words, no digits."""
    if re.search(r"\d", piece):
        return False
    return all(w[:1].isupper() or w[:1] in "&.(" or starts_with_legal_form(w) for w in piece.split())


@cache
def _stop_form() -> re.Pattern[str]:
    plain = lexicon.alternation(lexicon.phrases("legal_forms_with_stop"))
    return re.compile(rf"(?:\b(?:{plain})|\b(?:[A-Za-z]{{1,3}}\.,?\s?)+[A-Za-z]{{1,4}})$")


def keeps_full_stop(name: str) -> bool:
    """Return whether a name ends in a form written with a full stop ("Inc", "S.A", "Pte. Ltd")."""
    return bool(_stop_form().search(name))


def name_key(name: str) -> str:
    """Return a name folded for comparison, legal form and punctuation aside ("ACME LTD." ~ "Acme Ltd")."""
    stripped = _form_anywhere().sub(" ", name)
    return fold(stripped)


def same_organisation(a: str | None, b: str | None) -> bool:
    """Return whether two printed names name one organisation (case, punctuation, legal form aside)."""
    if not a or not b:
        return False
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and ka == kb
