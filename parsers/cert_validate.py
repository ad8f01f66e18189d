"""Stage `validate`: per-field type checks that reject implausible readings before they compete.

Each validator takes a value and returns a Verdict: rejected with a reason, or accepted (possibly
normalised) with a quality that scales the reading's score. They are small and table-tested
(tests/unit/test_cert_validate.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from . import lexicon
from .accreditation import AccreditationRegistry
from .cert_candidates import Candidate
from .cert_sentences import phrase_pattern
from .cert_values import starts_boilerplate
from .dates import find_dates
from .labels import fold, match_label
from .orgnames import ends_in_legal_form, legal_form_end, without_legal_form
from .standards import find_standards

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_NAME_CHARS = 120
MAX_NAME_LOWER_WORDS = 2  # lower-case words beyond the particles names are built with
MAX_CODE_CHARS = 40
MIN_SCOPE_CHARS = 15
MAX_SITE_CHARS = 200
NO_LEGAL_FORM_QUALITY = 0.88  # a name without a legal form is still a name, a little less surely


@dataclass(frozen=True)
class Verdict:
    """A validator's judgement: accepted (with the value to use and a quality 0-1) or rejected (why)."""

    ok: bool
    value: Any = None
    quality: float = 1.0
    reason: str = ""


def accept(value: Any, quality: float = 1.0) -> Verdict:
    """Return an accepting verdict."""
    return Verdict(True, value, quality)


def reject(reason: str) -> Verdict:
    """Return a rejecting verdict."""
    return Verdict(False, None, 0.0, reason)


# --- organisation names ---------------------------------------------------------------------------

@cache
def _words(section: str) -> frozenset[str]:
    return frozenset(fold(p) for p in lexicon.phrases(section))


def organisation(value: Any) -> Verdict:
    """A legal name: not a pronoun, a label, a sentence fragment, an address or a truncated name."""
    if not isinstance(value, str):
        return reject("not text")
    name = " ".join(value.split()).strip(" ,;:")
    words = name.split()
    if not 2 <= len(name) <= MAX_NAME_CHARS or not name[:1].isalnum():
        return reject("not a name's length or start")
    if not re.search(r"[^\W\d_]{2}", name):
        return reject("no word, not a name")
    folded = [fold(w) for w in words]
    if all(w in _words("pronouns") or w in _words("name_particles") for w in folded):
        return reject("a pronoun or a generic word, not a name")
    if folded[0] in _words("pronouns") and len(words) > 1 and words[1][:1].islower():
        return reject("a sentence, not a name")
    hit = match_label(name)
    if hit is not None and not hit.rest:
        return reject("a label, not a name")
    bare = without_legal_form(name)
    if _lower_words(bare.split()) > MAX_NAME_LOWER_WORDS \
            or phrase_pattern("holder_closers", case=True).search(bare):
        return reject("a sentence fragment, not a name")
    if re.search(r"https?://|www\.|@|\d{4,}", name) or find_dates(name) or find_standards(name):
        return reject("holds a date, number, address or link")
    if not any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return reject("no capitalised word, not a name")
    if folded[-1] in _words("name_particles") or name.endswith(("&", "-")) \
            or name.count("(") != name.count(")"):
        return reject("a truncated name")
    core = without_legal_form(name).split()
    if not core:
        return reject("a legal form alone, not a name")
    if all(fold(w) in _words("title_words") or fold(w) in _words("certificate_words") for w in core):
        return reject("a document's title, not a name")
    if _signs_for().match(name) or _page_number().match(name):
        return reject("a signature line or a page number, not a name")
    end = legal_form_end(name)
    if end is not None and len(name[end:].split()) >= 2 and not ends_in_legal_form(name):
        return reject("words after the legal form (another field run in)")
    return accept(name, 1.0 if ends_in_legal_form(name) else NO_LEGAL_FORM_QUALITY)


@cache
def _signs_for() -> re.Pattern[str]:
    """"For X Ltd", "Namens X B.V.": the line a signatory signs under, not a name."""
    words = lexicon.alternation(lexicon.phrases("issuer_signs_for"))
    return re.compile(rf"^(?:{words})\s+(?=\S+\s+\S)", re.I)


@cache
def _page_number() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("page_words"))
    return re.compile(rf"^(?:{words})\.?\s*\d", re.I)


def _lower_words(words: list[str]) -> int:
    particles = _words("name_particles")
    return sum(1 for w in words if w[:1].islower() and fold(w) not in particles)


def issuer(value: Any) -> Verdict:
    """A certification body's name: an organisation that is not an accreditation body."""
    verdict = organisation(value)
    if verdict.ok and _is_accreditation_body(verdict.value):
        return reject("an accreditation body, not the certification body")
    return verdict


@lru_cache(maxsize=1024)
def _is_accreditation_body(name: str) -> bool:
    body = AccreditationRegistry.default().match(name)
    return body is not None and any(fold(n) in fold(name) for n in body.names if len(n) > 6)


# --- codes, dates -----------------------------------------------------------------------------------

@cache
def _decoy() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("number_decoys"))
    return re.compile(rf"^(?:{words})\b\.?", re.I)


def code(value: Any) -> Verdict:
    """A certificate number: a code with a digit; not a date, a revision, a page count or a standard."""
    if not isinstance(value, str):
        return reject("not text")
    text = " ".join(value.split()).strip(" .,;:")
    if not re.search(r"\d", text) or not 3 <= len(text) <= MAX_CODE_CHARS:
        return reject("not a code")
    if _decoy().match(text) or re.fullmatch(r"\d+\s*(?:/|of|von|de|di|van)\s*\d+", text, re.I):
        return reject("a revision, issue or page number")
    dates = find_dates(text)
    if dates and sum(len(m.text) for m in dates) >= 0.6 * len(text):
        return reject("a date")
    if any(m.value and m.start > 0 and text[m.start - 1] == " " for m in dates):
        return reject("a code with the next cell's date run into it")
    if find_standards(text) or re.fullmatch(r"(?:ISO|IEC)?\s*/?\s*\d{4,5}(?::\d{4})?", text):
        return reject("a standard")
    if re.fullmatch(r"\d{1,2}", text) or len(text.split()) > 4:
        return reject("not a code")
    if fold(text.split()[0]) in _words("address_words"):
        return reject("part of an address ('Level 12', 'Suite 4'), not a code")
    return accept(text)


def date(value: Any) -> Verdict:
    """A calendar date a certificate could state (1990-2100)."""
    if not isinstance(value, dt.date):
        return reject("not a readable date")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return reject("an implausible year")
    return accept(value)


def dates(value: Any) -> Verdict:
    """A list of dates (surveillance audits): every one plausible."""
    if not isinstance(value, tuple) or not value or not all(date(d).ok for d in value):
        return reject("not a list of plausible dates")
    return accept(tuple(sorted(set(value))))


# --- addresses --------------------------------------------------------------------------------------

@cache
def street_word() -> re.Pattern[str]:
    """A street type or address word ("Avenue", "Straße", "rue"), or a street name built on one."""
    words = lexicon.alternation(lexicon.phrases("address_words"))
    return re.compile(rf"(?<![\w])(?:{words})\.?(?![\w])|\w+(?:straße|strasse|str\.|weg|laan|straat|gasse|"
                      rf"allee|platz|vej|gatan|gata|katu|veien)\b", re.I)


@cache
def _country() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + lexicon.alternation(lexicon.phrases("countries")) + r")(?![\w])")


@cache
def _country_at_end() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + lexicon.alternation(lexicon.phrases("countries")) + r")\.?\s*$")


def ends_with_country(text: str) -> bool:
    """Return whether text ends with a country's name ("..., 8001 Zürich, Schweiz")."""
    return bool(_country_at_end().search(text.strip()))


@cache
def sentence_start() -> re.Pattern[str]:
    """Return the words a sentence (not an address or a name) starts with, as one pattern."""
    return re.compile(r"^(?:" + lexicon.alternation(lexicon.phrases("sentence_starts")) + r")(?!\w)", re.I)


def is_address(text: str) -> bool:
    """Return whether text reads as a location (see `address`)."""
    return address(text).ok


def address(value: Any) -> Verdict:
    """A location: a street or postcode with a city or country, or a city and its country; no sentence."""
    if not isinstance(value, str):
        return reject("not text")
    t = " ".join(value.split()).strip(" ,;")
    if not t or len(t) > MAX_SITE_CHARS or not re.search(r"[^\W\d_]{3}", t):
        return reject("not an address's length")
    if sentence_start().match(t) or starts_boilerplate(t) or _points_elsewhere(t):
        return reject("a sentence, not an address")
    hit = match_label(t)
    if hit is not None or find_standards(t) or phrase_pattern("certificate_words").search(t):
        return reject("a label or another field's text")
    if (found := find_dates(t)) and len(t) - sum(len(m.text) for m in found) < 12:
        return reject("a date")
    if any(m.value for m in found):
        return reject("an address states no date")
    if _sentence_like(t) or _SENTENCE_BREAK.search(t) or len(t.split()) > MAX_ADDRESS_WORDS:
        return reject("a sentence, not an address")
    last = t.rsplit(",", 1)[-1].strip()
    if (country := _country().match(last)) and len(last[country.end():].split()) >= 2 \
            and not re.search(r"\d", last[country.end():]):
        return reject("words after the country: another column's text ran in")
    street = bool(re.search(r"\d", t)) or bool(street_word().search(t))
    place = "," in t or bool(_country().search(t))
    if street and place:
        return accept(t)
    if "," in t and _country().search(t.split(",")[-1]):
        return accept(t, 0.9)  # "Dublin, Ireland": a city and its country
    return reject("no street or postcode with a city or country")


# A full stop after a word (not an abbreviation: "Avda.", "Str.") and a capital: two sentences.
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{5,}\.\s+[^\W\d_]")
MAX_ADDRESS_WORDS = 24


def _sentence_like(text: str) -> bool:
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower() and fold(w) not in _words("name_particles"))
    return lower >= 4 or (text.endswith(".") and lower >= 2)


def addresses(value: Any) -> Verdict:
    """Certified sites: each one an address; a reading that holds anything else is not a site list."""
    if not isinstance(value, tuple) or not value:
        return reject("no sites")
    if not all(is_address(item) for item in value):
        return reject("holds something that is not an address")
    seen: dict[str, str] = {}
    for item in value:
        seen.setdefault(fold(item), " ".join(item.split()))
    return accept(tuple(seen.values()))


# --- statements -------------------------------------------------------------------------------------

@cache
def _pointer() -> re.Pattern[str]:
    pointers = lexicon.alternation(lexicon.phrases("pointer_phrases"))
    annex = lexicon.alternation(lexicon.phrases("annex_words") + lexicon.phrases("page_words"))
    return re.compile(rf"(?<!\w)(?:{pointers})(?!\w).{{0,60}}(?<!\w)(?:{annex})(?!\w)", re.I | re.S)


def _points_elsewhere(text: str) -> bool:
    """Return whether a value only points elsewhere ("See Appendix 1", "listed in the Schedule on page 2")."""
    return bool(_pointer().search(text)) and len(text) < 160


def points_elsewhere(text: str) -> bool:
    """Return whether a value only points elsewhere instead of stating itself."""
    return _points_elsewhere(text.strip())


_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(\"“])")


def scope(value: Any) -> Verdict:
    """A scope statement: activities, without the certificate's standard wording after it."""
    if not isinstance(value, str):
        return reject("not text")
    sentences = _SENTENCE.split(" ".join(value.split()))
    if not sentences or _boilerplate(sentences[0]) or _points_elsewhere(sentences[0]):
        return reject("boilerplate or a pointer, not a scope")
    kept = [sentences[0]]
    for sentence in sentences[1:]:
        if _boilerplate(sentence) or _points_elsewhere(sentence):
            break
        kept.append(sentence)
    text = " ".join(kept).strip()
    if len(text) < MIN_SCOPE_CHARS or len(text.split()) < 3:
        return reject("too short for a scope")
    if text.rstrip(" .").endswith(":"):
        return reject("the words leading to a scope, not the scope")
    if is_address(text) or (find_standards(text) and len(text) < 40):
        return reject("an address or the standard, not a scope")
    return accept(text)


@cache
def _boilerplate_anywhere() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(lexicon.phrases("boilerplate")) + r")(?!\w)", re.I)


def _boilerplate(sentence: str) -> bool:
    return starts_boilerplate(sentence) or bool(_boilerplate_anywhere().search(sentence))


def accreditation(value: Any) -> Verdict:
    """An accreditation body: a known acronym, or a name as printed."""
    if not isinstance(value, str) or not re.search(r"[^\W\d_]{2}", value) or not value[:1].isalnum():
        return reject("not a body's name")
    if AccreditationRegistry.default().match(value) is not None and len(value) <= 12:
        return accept(value)
    if _lower_words(value.split()) > MAX_NAME_LOWER_WORDS or len(value) > MAX_NAME_CHARS:
        return reject("a sentence, not a body's name")
    words = [fold(w) for w in value.split()]
    if words[-1] in _words("name_particles"):
        return reject("a truncated name")
    if all(w in _words("title_words") or w in _words("certificate_words") for w in words):
        return reject("a document's title, not a body's name")
    return accept(value, 0.92)


def soa_reference(value: Any) -> Verdict:
    """The SoA a certificate cites: a version or a date (or both)."""
    if not isinstance(value, tuple) or len(value) != 2 or value == (None, None):
        return reject("no version or date")
    version, when = value
    if version is not None and len(version) > 12:
        return reject("not a version")
    if when is not None and not date(when).ok:
        return reject("an implausible date")
    return accept(value)


def anything(value: Any) -> Verdict:
    """Accept the value as read (fields whose readers decide themselves: standard, certified)."""
    return accept(value) if value is not None else reject("nothing read")


VALIDATORS: dict[str, Callable[[Any], Verdict]] = {
    "holder": organisation,
    "certification_body": issuer,
    "certificate_number": code,
    "accreditation_body": accreditation,
    "initial_certification_date": date,
    "issue_date": date,
    "expiry_date": date,
    "next_audit_due": date,
    "surveillance_dates": dates,
    "scope": scope,
    "sites": addresses,
    "soa_reference": soa_reference,
    "standard": anything,
    "certified": lambda v: accept(v) if isinstance(v, bool) else reject("not a verdict"),
}


def validate(candidates: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Return (accepted candidates with normalised values and scaled scores, rejected ones with reasons)."""
    accepted, rejected = [], []
    for cand in candidates:
        check = VALIDATORS.get(cand.field)
        if check is None:
            continue
        verdict = check(cand.value) if cand.value is not None else reject(cand.note or "nothing read")
        if verdict.ok:
            accepted.append(cand.revalued(verdict.value).rescored(verdict.quality))
        else:
            rejected.append(cand.rescored(0.0, verdict.reason))
    return accepted, rejected
