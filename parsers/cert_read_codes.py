"""Readers of codes: the certificate number, and the Statement of Applicability a certificate cites."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from . import lexicon
from .cert_candidates import Candidate, candidate, reader
from .cert_layout import Segment, below, continues
from .cert_sentences import label_phrases
from .cert_structures import Structures
from .cert_values import first_clause, number_words, ocr_caps
from .dates import Order, find_dates
from .labels import cut_at_next_label, fold

MAX_NUMBER_CHARS = 40
_CERT_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9 ./_-]*\d[A-Z0-9./_-]*", re.I)
_NUMBER_AFTER_PHRASE = re.compile(
    r"^\s*(?:[.:#]|n[°º]|no\.?)?\s*[:#]?\s*(?P<n>[A-Z0-9][A-Z0-9 ./_-]{1,38}\d[A-Z0-9/_-]*)", re.I)


@cache
def _title_number() -> re.Pattern[str]:
    """A heading that carries the number: "CERTIFICATE GB25/880321", "Annex to certificate TRA-1-AIMS"."""
    words = lexicon.alternation(lexicon.phrases("certificate_words"))
    code = r"[A-Z]{0,6}[-/ ]?\d[\dA-Z/. -]{2,30}\d[A-Z]?|[A-Z]{1,6}[-/][A-Z0-9/-]*\d[A-Z0-9/-]*"
    return re.compile(rf"(?i:\b(?:{words}))\s+(?:no\.?\s*)?(?P<n>{code})(?:\s(?P<s>[A-Z]{{2,4}}))?$")


# A scheme's letters printed after the digits, closing the value ("12 100 12345 TMS") or followed by a
# revision, page or issue ("12 100 12345 TMS Revisión: 03").
_SCHEME_SUFFIX = re.compile(r"\s(?P<s>[A-Z]{2,4})(?:\s+(?P<rest>\S.*))?\s*$")


def _read_number(text: str) -> str | None:
    clause = first_clause(cut_at_next_label(text))
    m = _CERT_NUMBER.search(clause)
    number = number_words(m.group(0)).strip(" .") if m else ""
    if m and number == m.group(0).strip(" ."):
        number = _with_suffix(number, clause[m.end():])
    return number if number and len(number) <= MAX_NUMBER_CHARS else None


def _with_suffix(number: str, after: str) -> str:
    """Return the number with the scheme's letters printed after it, when they close it ("... TMS")."""
    suffix = _SCHEME_SUFFIX.match(after)
    if suffix and fold(suffix.group("s")) not in _not_suffixes() and _ends_code(suffix.group("rest")):
        return f"{number} {suffix.group('s')}"
    return number


_OCR_O_BY_DIGIT = re.compile(r"(?<=\d)O|O(?=\d)")


def ocr_code(text: str) -> str | None:
    """Return a code read by OCR with its confusions undone, or None when a character stays unsure.

    Capitals' "l" is "I" (ocr_caps); an "O" beside a digit is a zero ("2O24"). An "O" among the letters
    of a part that also holds digits ("2080ROM") reads either way: "R0M" or "ROM" cannot be told apart.
    """
    text = ocr_caps(text)
    parts = re.split(r"([^A-Za-z0-9]+)", text)
    out = []
    for part in parts:
        if "O" in part and re.search(r"\d", part):
            while _OCR_O_BY_DIGIT.search(part):
                part = _OCR_O_BY_DIGIT.sub("0", part)
            if "O" in part:
                return None
        out.append(part)
    return "".join(out)


def _ends_code(rest: str | None) -> bool:
    """Return whether what follows a scheme suffix is nothing, or a decoy that is not the number."""
    first = fold(rest.split()[0]) if rest else ""
    return not first or first in _not_suffixes()


@cache
def _not_suffixes() -> frozenset[str]:
    return frozenset(fold(w) for section in ("number_decoys", "number_enders", "certificate_words")
                     for w in lexicon.phrases(section))


@cache
def _number_enders() -> re.Pattern[str]:
    return re.compile(r"\s+(?:" + lexicon.alternation(lexicon.phrases("number_enders")) + r")\b", re.I)


@reader("certificate_number")
def number_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The code printed for a certificate-number label."""
    for pair in s.pairs_for("certificate_number"):
        number = _read_number(pair.value.text)
        if number and s.page(pair.page).ocr:
            number = ocr_code(number)
        if number:
            yield candidate("certificate_number", number, pair.value.evidence(), f"label:{pair.placement}")


@reader("certificate_number")
def number_in_text(s: Structures) -> Iterator[Candidate]:
    """A number stated mid-sentence ("... holds Certificate Number: AI 123456") or in a heading."""
    for para in s.paragraphs:
        for hit in label_phrases(para):
            if hit.field != "certificate_number" or hit.start == 0:
                continue  # at a segment's start the phrase is a label: read as a pair
            m = _NUMBER_AFTER_PHRASE.match(hit.after)
            if not m:
                continue
            number = first_clause(m.group("n")).strip(" .,;")
            number = number_words(_number_enders().split(number)[0])
            if number == m.group("n"):  # the whole code run: the scheme's letters may close it on its line
                line_end = next((at for at in para.offsets if at > hit.end), len(para.text))
                number = _with_suffix(number, para.text[hit.end + m.end():line_end])
            head = number.split(" ")[0] if number else ""
            if head and (any(c.isdigit() for c in head) or (head.isupper() and len(head) >= 2)):
                read = ocr_code(number) if s.page(para.page).ocr else number
                if read:
                    yield candidate("certificate_number", read, para.evidence(hit.start, hit.end + m.end()),
                                    "sentence")
        for seg in para.segments:
            line = seg.text.strip()
            m = _title_number().search(ocr_caps(line) if s.page(para.page).ocr else line)
            if m:
                number = m.group("n").strip()
                if m.group("s"):
                    number = _with_suffix(number, f" {m.group('s')}")
                read = ocr_code(number) if s.page(para.page).ocr else number
                if read:
                    yield candidate("certificate_number", read, [seg.evidence()], "title")


# --- the Statement of Applicability cited ---------------------------------------------------------


@cache
def _version() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("version_words"))
    return re.compile(rf"(?<!\w)(?:{words})\.?\s*:?\s*(?P<v>\d+(?:\.\d+)*[a-z]?)\b", re.I)


@cache
def _date_lead() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("date_leads"))
    return re.compile(rf"(?:(?<!\w)(?:{words})|\(|,)\s*:?\s*$", re.I)


_BARE_VERSION = re.compile(r"\s*[:,(]?\s*(?P<v>\d+(?:\.\d+)*[a-z]?)(?![\d/-])", re.I)


@reader("soa_reference")
def soa_reference(s: Structures) -> Iterator[Candidate]:
    """The SoA's version and date, from its label's value or where running text names the SoA."""
    for pair in s.pairs_for("soa_reference"):
        version, date = version_and_date(pair.value.text, s.order)
        if version and not date and pair.value.segments:
            version, date = _date_wrapped(s, pair.value.text, pair.value.segments[-1], version)
        if version or date:
            evidence = pair.value.evidence()[:1]
            yield candidate("soa_reference", (version, date), evidence, f"label:{pair.placement}")
    for para in s.paragraphs:
        for hit in label_phrases(para):
            if hit.field != "soa_reference" or hit.start == 0:
                continue
            version, date = version_and_date(hit.after[:120], s.order)
            if version and not date and len(hit.after) <= 120:
                version, date = _date_wrapped(s, hit.after, para.segments[-1], version)
            if version or date:
                yield candidate("soa_reference", (version, date), para.evidence(hit.start, hit.end + 40),
                                "sentence")


def _date_wrapped(s: Structures, text: str, last: Segment, version: str) -> tuple[str, dt.date | None]:
    """Return the version with its date when the date wrapped onto the line under the reference's last
    ("Version 2.3, dated" / "1 November 2022", "versie 4.2 van 26" / "januari 2024"): the line ends on
    a date's lead or inside a date, and the next line, no label, finishes it."""
    segs = s.layout.pages[last.page - 1]
    nxt = below(segs, last)
    if nxt is None or nxt.label is not None or not continues(last, nxt, None):
        return version, None
    text = " ".join(text.split())
    joined = f"{text} {' '.join(nxt.text.split())}"
    straddles = any(m.start < len(text) < m.end for m in find_dates(joined, s.order))
    if not (straddles or _date_lead().search(text)):
        return version, None
    again, date = version_and_date(joined, s.order)
    return version, (date if again == version else None)


def version_and_date(text: str, order: Order | None) -> tuple[str | None, dt.date | None]:
    """Return the version and the date that belong to the SoA in text following its mention.

    A date counts only when introduced as the SoA's ("dated", "of", "(") or right after the version,
    so "... Statement of Applicability and is valid until 11 March 2027" gives no SoA date.
    """
    text = _first_clause_keep_dates(text)
    v = _version().search(text) or _BARE_VERSION.match(text)
    dates = [m for m in find_dates(text, order) if m.value or m.ambiguous]
    if v and dates and dates[0].start <= v.start("v") < dates[0].end:
        v = None  # the "version" was the day of a date
    after = v.end() if v else 0
    own = [m for m in dates if m.start >= after and (_date_lead().search(text[max(0, m.start - 12):m.start])
                                                     or (v and m.start - after <= 20))]
    if own and own[0].value is None:
        return None, None  # its date reads either way: half a reference would state no date at all
    return (v.group("v") if v else None), (own[0].value if own else None)


def _first_clause_keep_dates(text: str) -> str:
    """Return text up to its first sentence end that is not inside a date or version number."""
    m = re.search(r"(?<!\b\d)(?<!\b\d\d)\.\s+(?=[A-Z])|;", text)  # "30. Juni 2025" is a date
    return text[: m.start()] if m else text


__all__ = ["version_and_date"]
