"""What the exclusion cues of one sentence govern, from the lexicon's `exclusion` and `negation` sections.

A cue's place for what it excludes is written in the lexicon with `…`: after it ("excluding …"),
before it ("… are excluded"; after it when the cue opens its clause, as in "Sont exclus du périmètre
les …" or "Nicht Gegenstand der Zertifizierung sind …"), or inside it ("schließt … aus"). What a cue
governs stops at the sentence's end and at clause boundaries ("but", "including"). A cue with a
negation just before it ("are not excluded") governs nothing; nor does governed text that names
nothing ("excludes no third-party components", "Exclusions: none").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from parsers import lexicon

from .phrases import GAP, SEP, PhraseError, bounded, folded, phrase_set

_WORDS = re.compile(r"[\w']+")
_NEGATION_WINDOW = 3  # words before a cue that may negate it: "are not excluded", "non sono esclusi"
_FRONTED_WORDS = 1  # at most this many words before a "… X" cue and it opens its clause: "Sont exclus …"
_GAP_CHARS = 160  # how much text a split cue ("schließt … aus") may hold
_NEVER = r"(?!)"


@dataclass(frozen=True)
class Governed:
    """Text an exclusion cue governs: where it lies in the folded sentence, and as printed."""

    start: int
    end: int
    text: str
    folded: str


@dataclass(frozen=True)
class _Cues:
    after: re.Pattern[str]  # "excluding …"
    before: re.Pattern[str]  # "… are excluded"
    inside: re.Pattern[str]  # "schließt … aus": groups "gap0", "gap1", …


@cache
def _cues() -> _Cues:
    after: list[str] = []
    before: list[str] = []
    inside: list[str] = []
    for phrase in lexicon.phrases("exclusion", "cues"):
        head, gap, tail = (p.strip() for p in phrase.partition(GAP))
        if not gap or (not head and not tail):
            raise PhraseError(f"lexicon exclusion cue {phrase!r} must mark its governed text with '…'")
        if head and tail:  # one group name per alternative: re allows a name once
            inside.append(f"{bounded(head)}{SEP}(?P<gap{len(inside)}>.{{1,{_GAP_CHARS}}}?){SEP}{bounded(tail)}")
        else:
            (after if head else before).append(head or tail)
    return _Cues(_any(after), _any(before), re.compile("|".join(inside) or _NEVER))


def _any(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(bounded(*phrases) if phrases else _NEVER)


@lru_cache(maxsize=4096)
def governed(sentence: str) -> tuple[Governed, ...]:
    """Return the text each exclusion cue in `sentence` governs, negated and empty cues left out."""
    quoted = folded(sentence)
    text = quoted.text
    cuts = [(m.start(), m.end()) for m in phrase_set("exclusion", "boundaries").finditer(text)]
    found = []
    for start, end in _spans(text, cuts):
        start, end = _trimmed(text, start, end)
        part = text[start:end]
        if part and not phrase_set("negation", "nothing").search(part):
            found.append(Governed(start, end, quoted.quote(start, end), part))
    return tuple(found)


def _spans(text: str, cuts: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Yield the (start, end) of what each live cue governs."""
    cues = _cues()
    for cue in cues.after.finditer(text):
        opens, closes = _clause(cuts, cue.start(), cue.end(), len(text))
        if not _negated(text[opens:cue.start()]):
            yield cue.end(), closes
    for cue in cues.before.finditer(text):
        opens, closes = _clause(cuts, cue.start(), cue.end(), len(text))
        before = text[opens:cue.start()]
        if _negated(before):
            continue
        yield opens, cue.start()
        after = text[cue.end():closes]
        if len(_WORDS.findall(before)) <= _FRONTED_WORDS:
            yield cue.end(), closes
        elif ":" in after:  # "The following are excluded from the scope: …"
            yield cue.end() + after.index(":") + 1, closes
    for cue in cues.inside.finditer(text):
        gap = next(name for name, value in cue.groupdict().items() if value is not None)
        opens, _ = _clause(cuts, cue.start(), cue.end(), len(text))
        if not _negated(text[opens:cue.start()]) and not _negated(cue.group(gap)):
            yield cue.span(gap)


def _clause(cuts: list[tuple[int, int]], start: int, end: int, length: int) -> tuple[int, int]:
    """Return where the clause holding the cue [start, end) opens and closes."""
    opens = max((e for s, e in cuts if e <= start), default=0)
    closes = min((s for s, e in cuts if s >= end), default=length)
    return opens, closes


def _negated(before: str) -> bool:
    """Whether the last words before a cue negate it."""
    window = " ".join(_WORDS.findall(before)[-_NEGATION_WINDOW:])
    return phrase_set("negation", "before_cue").search(window) is not None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and punctuation at either end of a span."""
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ")'"):
        end -= 1
    return start, end
