"""Accreditation bodies (IAF MLA signatories) and matching them in certificate text."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

# A full name or alias must score at least this (0-100) to count; look-alikes such as
# "United Accreditation Foundation" score well below it against every real body.
NAME_CUTOFF = 91.0
# Acronyms this short are also ordinary words or legal forms ("SA", "NA", "SAS", "LA"):
# in free text they count only next to a word about accreditation.
SHORT_ACRONYM = 3
_CONTEXT = re.compile(r"a[ck]{1,2}r[eé]dit|akkredit|akredit", re.I)
_CONTEXT_WINDOW = 80
_COLUMNS = ("acronym", "name", "country", "aliases")
# Words shared by many bodies' names; the other words of a name must all be present, so that
# "United Accreditation Foundation" does not pass for "Taiwan Accreditation Foundation".
_GENERIC = frozenset({
    "accreditation", "accreditacion", "acreditacion", "accreditatie", "akkreditierung",
    "akkreditierungsstelle", "national", "nacional", "nationale", "board", "service", "services",
    "council", "body", "system", "centre", "center", "agency", "institute", "instituto",
    "foundation", "bureau", "authority", "committee", "organisation", "organization", "of", "for",
    "the", "and", "de", "la", "di", "del", "des", "pour", "ente", "entidad", "organismo",
})
_WORD_CUTOFF = 80.0
_GENERIC_NAME_CUTOFF = 98.0  # a name made only of generic words must be near-exact


@dataclass(frozen=True)
class AccreditationBody:
    """One accreditation body: acronym, full name, country, other names it goes by."""

    acronym: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return the full name and every alias."""
        return (self.name, *self.aliases)


def _fold(text: str) -> str:
    """Lower-case, strip accents, and turn punctuation into spaces (same length as input)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[0] if ch else ch
        out.append(base.lower() if base.isalnum() else " ")
    return "".join(out)


def _squash(text: str) -> str:
    return " ".join(_fold(text).split())


def _acronym_pattern(acronym: str) -> str:
    """Return a regex for the acronym, tolerant of '-', ' ' or nothing between its parts."""
    parts = [re.escape(p) for p in re.split(r"[-/ ]", acronym) if p]
    return r"[-/ ]?".join(parts)


@dataclass(frozen=True)
class _AcronymRule:
    body: AccreditationBody
    pattern: re.Pattern[str]
    needs_context: bool


def _acronym_rule(body: AccreditationBody, acronym: str) -> _AcronymRule:
    core = _acronym_pattern(acronym)
    letters = sum(ch.isalnum() for ch in acronym)
    short = letters <= SHORT_ACRONYM
    # Short acronyms only as printed or in capitals; longer ones in any case (OCR, "DAKKS").
    flags = 0 if short else re.I
    variants = {core, _acronym_pattern(acronym.upper())} if short else {core}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(variants)) + r")(?![\w-])", flags)
    return _AcronymRule(body, pattern, short)


class AccreditationRegistry:
    """The accreditation bodies certscope recognises, with lookup by acronym or name."""

    def __init__(self, bodies: tuple[AccreditationBody, ...]) -> None:
        self.bodies = bodies
        self._rules = tuple(_acronym_rule(b, a) for b in bodies for a in self._acronyms(b))
        self._names = tuple((b, _squash(n), _distinctive(n)) for b in bodies for n in b.names
                            if len(_squash(n)) > 6)

    @staticmethod
    def _acronyms(body: AccreditationBody) -> list[str]:
        extra = [a for a in body.aliases if re.fullmatch(r"[A-Za-z][A-Za-z0-9/-]{1,11}", a)]
        return [body.acronym, *extra]

    @classmethod
    def default(cls) -> AccreditationRegistry:
        """Return the shipped IAF MLA signatory list (loaded once)."""
        return _default_registry()

    @classmethod
    def from_csv(cls, text: str) -> AccreditationRegistry:
        """Build from CSV with columns acronym,name,country,aliases ('|'-separated)."""
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        missing = [c for c in _COLUMNS[:3] if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"accreditation CSV lacks column(s): {', '.join(missing)}")
        bodies = []
        for row_no, row in enumerate(reader, start=2):
            bodies.append(_body_from_row(row, row_no))
        if not bodies:
            raise ValueError("accreditation CSV holds no bodies")
        return cls(tuple(bodies))

    def to_csv(self) -> str:
        """Return the registry as CSV (the from_csv format)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_COLUMNS)
        for b in self.bodies:
            writer.writerow([b.acronym, b.name, b.country, "|".join(b.aliases)])
        return out.getvalue()

    def match(self, text: str) -> AccreditationBody | None:
        """Return the body a stated accreditation (acronym, name or alias) refers to, or None."""
        if not text or not text.strip():
            return None
        found = self._find(text, require_context=False)
        return found[0] if found else None

    def find_in(self, text: str) -> tuple[AccreditationBody, str] | None:
        """Return a body mentioned anywhere in free text, with the substring that named it."""
        if not text or not text.strip():
            return None
        return self._find(text, require_context=True)

    def _find(self, text: str, require_context: bool) -> tuple[AccreditationBody, str] | None:
        by_name = self._find_name(text)
        by_long = self._find_acronym(text, short=False, require_context=False)
        hits = [h for h in (by_long, by_name) if h]
        if not hits:
            # Short acronyms ("SAS", "NA") are also legal forms and words: only as a last resort.
            short = self._find_acronym(text, short=True, require_context=require_context)
            hits = [short] if short else []
        if not hits:
            return None
        # Earliest mention wins: "UKAS ... (formerly X)" names UKAS first.
        best = min(hits, key=lambda h: h[2])
        return best[0], best[1]

    def _find_acronym(self, text: str, short: bool,
                      require_context: bool) -> tuple[AccreditationBody, str, int] | None:
        best: tuple[AccreditationBody, str, int] | None = None
        for rule in self._rules:
            if rule.needs_context != short:
                continue
            for m in rule.pattern.finditer(text):
                if require_context and not _near_context(text, m.start(), m.end()):
                    continue
                if best is None or m.start() < best[2]:
                    best = (rule.body, m.group(0), m.start())
                break
        return best

    def _find_name(self, text: str) -> tuple[AccreditationBody, str, int] | None:
        folded, index = _fold_with_index(text)
        best: tuple[float, AccreditationBody, int, int] | None = None
        for body, name, words in self._names:
            if len(folded) < len(name) * 0.8:
                score = fuzz.ratio(name, folded)
                start, end = 0, len(folded)
            else:
                al = fuzz.partial_ratio_alignment(name, folded, score_cutoff=NAME_CUTOFF)
                if al is None:
                    continue
                score, start, end = al.score, al.dest_start, al.dest_end
            if score < NAME_CUTOFF or not _on_word_edges(folded, start, end):
                continue
            if not _has_words(folded[start:end], words) or (not words and score < _GENERIC_NAME_CUTOFF):
                continue
            if best is None or score > best[0]:
                best = (score, body, start, end)
        if best is None:
            return None
        _, body, start, end = best
        o_start, o_end = index[start], index[end - 1] + 1
        return body, text[o_start:o_end].strip(), o_start

    def __len__(self) -> int:
        return len(self.bodies)


@cache
def _default_registry() -> AccreditationRegistry:
    text = resources.files("parsers").joinpath("data/accreditation_bodies.csv").read_text("utf-8")
    return AccreditationRegistry.from_csv(text)


def _body_from_row(row: dict[str, str | None], row_no: int) -> AccreditationBody:
    acronym = (row.get("acronym") or "").strip()
    name = (row.get("name") or "").strip()
    if not acronym or not name:
        raise ValueError(f"accreditation CSV row {row_no}: acronym and name are required ({row!r})")
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return AccreditationBody(acronym, name, (row.get("country") or "").strip(), aliases)


def _distinctive(name: str) -> tuple[str, ...]:
    return tuple(w for w in _squash(name).split() if w not in _GENERIC and len(w) > 2)


def _has_words(span: str, words: tuple[str, ...]) -> bool:
    """Return whether every distinctive word of a name appears (fuzzily) in the span."""
    tokens = span.split()
    return all(any(fuzz.ratio(w, t) >= _WORD_CUTOFF for t in tokens) for w in words)


def _fold_with_index(text: str) -> tuple[str, list[int]]:
    """Fold text and collapse whitespace, remembering each folded char's original index."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(_fold(text)):
        if ch == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def _on_word_edges(folded: str, start: int, end: int) -> bool:
    """Reject alignments that cut a word in half at both ends (a name inside another word)."""
    cut_start = start > 0 and folded[start - 1] != " " and folded[start] != " "
    cut_end = end < len(folded) and folded[end] != " " and folded[end - 1] != " "
    return not (cut_start and cut_end)


def _near_context(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - _CONTEXT_WINDOW): end + _CONTEXT_WINDOW]
    return bool(_CONTEXT.search(window))
