"""Readers of dates: initial certification, issue, expiry, surveillance audits, the next audit due."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from . import lexicon
from .cert_candidates import Candidate, candidate, reader
from .cert_sentences import PhraseHit, label_phrases, phrase_pattern
from .cert_structures import Pair, Structures
from .dates import DateMatch, find_dates
from .model import Evidence
from .standards import certified

DATE_FIELDS = ("initial_certification_date", "issue_date", "expiry_date", "next_audit_due")
SENTENCE_DATE_REACH = 25  # a date this many characters after its phrase belongs to it
SENTENCE_WINDOW = 60
LETTER_DATE_SHARE = 0.35  # a letter's date stands in the top third of its first page
AMBIGUOUS = "ambiguous day/month order"
_RANGE_START = "issue_date"
_RANGE_END = "expiry_date"


@cache
def _joiner() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("range_words"))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)|[-–—]|\.\.", re.I)


def is_range(text: str, dates: list[DateMatch]) -> bool:
    """Return whether the last two dates in text are joined as a period ("1 May 2025 to 30 April 2028")."""
    return len(dates) >= 2 and bool(_joiner().search(text[dates[-2].end:dates[-1].start]))


def _opens_period(text: str, match: DateMatch) -> bool:
    """Return whether a range word follows the date: it starts a period whose end was not read."""
    return bool(_joiner().match(text[match.end:].lstrip()))


def _date_candidate(name: str, match: DateMatch, evidence: list[Evidence], how: str,
                    bonus: float = 0.0) -> Candidate:
    found = candidate(name, match.value, evidence, how, bonus)
    return found.rescored(1.0, AMBIGUOUS) if match.ambiguous else found


def _unread(name: str, match: DateMatch, evidence: list[Evidence], how: str) -> Candidate:
    """A printed date that cannot be read: kept (valueless) so the field's null can say why."""
    return Candidate(name, None, tuple(evidence), how, 0.0, f"{match.text!r} left unread: {match.reason}")


@reader(*DATE_FIELDS, "validity")
def dates_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The date printed for a date label; both ends of a labelled validity period."""
    for pair in s.pairs:
        if pair.field in DATE_FIELDS or pair.field == "validity":
            yield from _pair_dates(s, pair)


def _pair_dates(s: Structures, pair: Pair) -> Iterator[Candidate]:
    text = pair.value.text
    found = find_dates(text, s.order)
    evidence = [pair.value.segments[0].evidence()]
    how = f"label:{pair.placement}"
    readable = [m for m in found if m.value]
    name = pair.field if pair.field != "validity" else _RANGE_END
    for m in found:
        if not m.value:
            yield _unread(name, m, evidence, how)
    if not readable:
        return
    if is_range(text, readable[:2]) and pair.field in ("validity", _RANGE_START, _RANGE_END):
        yield _date_candidate(_RANGE_START, readable[0], evidence, how, bonus=-0.2)
        yield _date_candidate(_RANGE_END, readable[1], evidence, how, bonus=-0.05)
    elif pair.field == "validity":
        if len(readable) == 1 and _opens_period(text, readable[0]):  # "8 March 2022 to 7 de" + unread end
            yield _date_candidate(_RANGE_START, readable[0], evidence, how, bonus=-0.2)
        elif len(readable) == 1:  # "Valid: 11 March 2027"; two dates not joined as a period say nothing sure
            yield _date_candidate(_RANGE_END, readable[0], evidence, how, bonus=-0.1)
    else:
        yield _date_candidate(pair.field, readable[0], evidence, how)


@reader(*DATE_FIELDS, "validity")
def dates_in_sentences(s: Structures) -> Iterator[Candidate]:
    """A date right after its phrase in running text ("... expires on 6 June 2028")."""
    for para in s.paragraphs:
        for hit in label_phrases(para):
            if hit.field in DATE_FIELDS or hit.field == "validity":
                yield from _sentence_dates(s, hit)


def _sentence_dates(s: Structures, hit: PhraseHit) -> Iterator[Candidate]:
    window = hit.after[:SENTENCE_WINDOW]
    dates = [m for m in find_dates(window, s.order) if m.value]
    if not dates or dates[0].start > SENTENCE_DATE_REACH:
        return
    evidence = hit.paragraph.evidence(hit.start, hit.end + dates[0].end)
    if len(dates) >= 2 and is_range(window, dates[:2]) and hit.field in ("validity", _RANGE_START):
        yield _date_candidate(_RANGE_START, dates[0], evidence, "range", bonus=-0.1)
        yield _date_candidate(_RANGE_END, dates[1], evidence, "range")
    elif hit.field != "validity":
        yield _date_candidate(hit.field, dates[0], evidence, "sentence")


@reader("surveillance_dates")
def surveillance_dates(s: Structures) -> Iterator[Candidate]:
    """Every surveillance audit date: under its labels ("1st ...", "2nd ..."), or after its phrase in prose.

    Each label or phrase states some of the audits: one reading gathers them all.
    """
    dates: set[dt.date] = set()
    evidence: list[Evidence] = []
    for pair in s.pairs_for("surveillance_dates"):
        found = {m.value for m in find_dates(pair.value.text, s.order) if m.value}
        if found:
            dates |= found
            evidence.extend(pair.value.evidence())
    if dates:
        yield candidate("surveillance_dates", tuple(sorted(dates)), evidence, "label:inline")
    dates, evidence = set(), []
    for para in s.paragraphs:
        hits = label_phrases(para)
        for i, hit in enumerate(hits):
            if hit.field != "surveillance_dates":
                continue
            end = hits[i + 1].start if i + 1 < len(hits) else len(para.text)
            span = re.split(r"\.\s+(?=[A-Z])", para.text[hit.end:end])[0]
            read = [m for m in find_dates(span, s.order) if m.value]
            if read and read[0].start <= SENTENCE_DATE_REACH:
                dates |= {m.value for m in read if m.value}
                evidence.extend(para.evidence(hit.start, hit.end + read[-1].end))
    if dates:
        yield candidate("surveillance_dates", tuple(sorted(dates)), evidence, "sentence")


@reader("issue_date")
def letter_date(s: Structures) -> Iterator[Candidate]:
    """A letter's own date: a line holding only a date near the top of its first page.

    Only for letters (or documents that do not certify, like reports): on a certificate a lone date
    near the top is some labelled field's value.
    """
    if not s.layout.pages:
        return
    page = s.page(1)
    segs = s.layout.pages[0]
    first_page = " ".join(seg.text for seg in segs)
    if not (phrase_pattern("letter_cues").search(first_page) or not certified(s.reading_text).certified):
        return
    for seg in sorted(segs, key=lambda x: x.top):
        if seg.top > page.height * LETTER_DATE_SHARE:
            break
        dates = find_dates(seg.text, s.order)
        rest = seg.text
        for m in dates:
            rest = rest.replace(m.text, "")
        rest = re.sub(r"(?i)\b(?:date|datum|dated|fecha|data)\b|[\W_]+", "", rest)
        if dates and dates[0].value and len(rest) <= 12 and not any(c.isdigit() for c in rest):
            # a date line, not a version's ("v1.8 (2023/12/20)")
            yield _date_candidate("issue_date", dates[0], [seg.evidence()], "letter_date")
            return
