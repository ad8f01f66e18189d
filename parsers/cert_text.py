"""Certificate fields read from running text: sentences, dates in prose, appendix tables."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .cert_holder import ENDS_LEGAL as _ENDS_LEGAL
from .cert_values import first_clause, number_words
from .dates import DateMatch, Order, find_dates
from .labels import VOCABULARY, match_label
from .model import Evidence
from .pages import Line, Page

_SENTENCE_DATE_WINDOW = 60
_LETTER = re.compile(r"to\s+whom\s+it\s+may\s+concern|\bdear\s+|yours\s+(?:faithfully|sincerely|truly)|"
                     r"kind\s+regards|best\s+regards|sincerely,|mit\s+freundlichen\s+grüßen|"
                     r"sehr\s+geehrte", re.I)
_HOLDER_END = (r"(?:,?\s+(?:has|have|is|are|was|were|operates|operated|maintains|located|at|whose|with|"
               r"hat|ist|betreibt)\b)")
_HOLDER_SENTENCE = re.compile(
    r"(?:certif(?:y|ies)|confirms?|attests?|bescheinigt|bestätigt),?\s+(?:that|dass)\s+"
    r"(?:the\s+(?:[\w-]+\s+){0,5}?of\s+)?"
    r"(?P<h>.{3,120}?)" + _HOLDER_END
    + r"|(?:engaged|commissioned|retained)\s+by\s+(?P<e>.{3,120}?)\s+to\s+", re.S)
_RANGE = re.compile(r"\b(?:to|until|till|through|bis|au|hasta|al)\b|[-–—]|\.\.", re.I)
_SCOPE_TAIL = re.compile(r"\s*(?:[_\-=.]{5,}.*)$", re.S)


def line_with(pages: list[Page], needle: str) -> Evidence | None:
    """Return the first line that contains `needle` (whitespace-insensitive)."""
    want = " ".join(needle.split())
    for page in pages:
        for line in page.lines:
            if want and want in line.text:
                return line.evidence()
    first = want.split(" ")[0] if want else ""
    for page in pages:
        for line in page.lines:
            if first and first in line.text:
                return line.evidence()
    return None


def _sentence_phrases(name: str) -> list[str]:
    return [p for p in VOCABULARY[name] if " " in p or p in ("expires", "expiry", "issued")]


@cache
def _phrase_pattern(name: str) -> re.Pattern[str]:
    """Return a pattern for a field's sentence phrases as whole words, longest first."""
    phrases = sorted(_sentence_phrases(name), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


@cache
def _others_pattern(name: str) -> re.Pattern[str]:
    """Return a pattern for every other field's multi-word phrases."""
    phrases = sorted({p for other, ps in VOCABULARY.items() if other != name for p in ps if " " in p},
                     key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def _shadowed(low: str, start: int, end: int, name: str) -> bool:
    """Return whether another field's phrase covers this one, or starts before it and overlaps it.

    "next surveillance audit" is not a surveillance audit; in "first issued on", "issued on" is not
    the issue date.
    """
    for m in _others_pattern(name).finditer(low, max(0, start - 40), end + 40):
        if m.start() < end and start < m.end() and (m.start() < start or m.end() - m.start() > end - start):
            return True
    return False


def _windows(pages: list[Page]) -> list[tuple[Line, str, int]]:
    """Return each line within its neighbours' text, and where the line itself starts in it.

    Phrases and dates wrap across lines, and a phrase's start on the line before can change what
    this line's words mean ("first" / "issued on ...").
    """
    out = []
    for page in pages:
        lines = page.lines
        for i, line in enumerate(lines):
            prev = lines[i - 1].text if i > 0 else ""
            nxt = lines[i + 1].text if i + 1 < len(lines) else ""
            out.append((line, f"{prev} {line.text} {nxt}", len(prev) + 1))
    return out


def dates_in_sentence(pages: list[Page], name: str, order: Order | None) -> list[tuple[dt.date, Evidence]]:
    """Return dates that follow a field's phrase inside running text ("... expires on 6 June 2028")."""
    pattern = _phrase_pattern(name)
    found: list[tuple[dt.date, Evidence]] = []
    for line, window, own in _windows(pages):
        low = window.lower()
        for m in pattern.finditer(low, own):
            if m.start() > own + len(line.text):
                break  # the phrase belongs to the next line's own window
            if _shadowed(low, m.start(), m.end(), name):
                continue
            dates = find_dates(window[m.end(): m.end() + _SENTENCE_DATE_WINDOW], order)
            if dates and dates[0].value and dates[0].start <= 25:
                found.append((dates[0].value, line.evidence()))
                break
    return found


def date_in_sentence(pages: list[Page], name: str, order: Order | None) -> tuple[dt.date, Evidence] | None:
    """Return the first date a field's phrase introduces in running text."""
    found = dates_in_sentence(pages, name, order)
    return found[0] if found else None


def letter_date(pages: list[Page], order: Order | None,
                letter: bool = False) -> tuple[dt.date, Evidence] | None:
    """Return a letter's date: a line holding only a date near the top of the first page.

    Only for letters (or documents that do not certify, like reports: `letter`): on a certificate
    a lone date near the top is some labelled field's value.
    """
    page = pages[0]
    if not (letter or _LETTER.search(page.text)):
        return None
    for line in page.lines:
        if line.top > page.height * 0.35:
            break
        dates = find_dates(line.text, order)
        rest = line.text
        for m in dates:
            rest = rest.replace(m.text, "")
        rest = re.sub(r"(?i)\b(?:date|datum|dated)\b|[\W_]+", "", rest)
        if dates and dates[0].value and len(rest) <= 12:
            return dates[0].value, line.evidence()
    return None


def range_end(pages: list[Page], order: Order | None) -> tuple[dt.date, Evidence] | None:
    """Return the end of a validity range ("Valid from 1 May 2025 to 30 April 2028")."""
    for line, window, own in _windows(pages):
        if not re.search(r"valid|gültig|validity|validité|vigencia", line.text, re.I):
            continue
        window = window[own:]
        dates = find_dates(window, order)
        if len(dates) >= 2 and dates[1].value and _RANGE.search(window[dates[0].end:dates[1].start]):
            return dates[1].value, line.evidence()
    return None


_WHOSE_SYSTEM = re.compile(r"^(?:the\s+)?(?:ai\s+|artificial\s+intelligence\s+)?management\s+system\s+"
                           r"(?:of|operated\s+by)\s*:?\s*", re.I)


def is_range(text: str, dates: list[DateMatch]) -> bool:
    """Return whether two dates in text are joined as a period ("1 May 2025 to 30 April 2028")."""
    return len(dates) >= 2 and bool(_RANGE.search(text[dates[-2].end:dates[-1].start]))


def holder_name(lines: list[str], sentence: bool = False) -> str | None:
    """Return the organisation name from a holder value's lines.

    After a sentence label ("This letter confirms that") the name runs until the verb; otherwise
    it is the first line (two when the first ends mid-name with a comma or "&").
    """
    lines = [" ".join(line.split()) for line in lines]
    if lines and _WHOSE_SYSTEM.match(lines[0]):  # "This is to certify that the management system of:"
        lines[0] = _WHOSE_SYSTEM.sub("", lines[0])
        if not lines[0]:
            lines, sentence = lines[1:], False  # the name stands on its own line below
    first = lines[0] if lines else ""
    if not first or match_label(first) is not None:
        return None
    if len(lines) > 1 and (re.search(r"(?:,|&|\band)$", first) or _wrapped_legal_form(first, lines[1])):
        first = f"{first} {lines[1]}"
    text = " ".join(" ".join(lines).split()) if sentence else first
    cut = re.search(_HOLDER_END, text)
    if cut and (sentence or len(text.split()) > 6):
        text = re.sub(r"^the\s+(?:[\w-]+\s+){0,5}?of\s+", "", text[: cut.start()])
    if sentence or len(text.split()) > 6:
        text = _trim_name(text)
    return text.strip(" ,:") or None


def _trim_name(text: str) -> str:
    """Cut a name read from running text at its legal form ("X GmbH ein KI-...", "X Inc., 1 Main St")."""
    text = _ARTICLE.sub("", text)
    legal = LEGAL_IN_TEXT.search(text)
    if legal and text[legal.end():].strip():
        text = text[: legal.end()]
    return text.strip(" ,:")


_ARTICLE = re.compile(r"^(?:die\s+firma|das\s+unternehmen|die\s+organisation|die|das|der|the\s+company|"
                      r"the\s+organi[sz]ation|la\s+soci[ée]t[ée]|l'organisme)\s+", re.I)
LEGAL_IN_TEXT = re.compile(r"\b(?:GmbH(?:\s*&\s*Co\.\s*KG)?|AG|Ltd\.?|Limited|Inc\.|Inc|LLC|LLP|plc|"
                            r"B\.V\.|N\.V\.|S\.A\.S\.?|S\.A\.|SAS|S\.r\.l\.|S\.L\.|Pty\s+Ltd|Co\.,?\s+Ltd\.?|"
                            r"Corp\.?|Corporation|Oy|AB|A/S|ApS|K\.K\.|LIMITED|LTD\.?|INC\.?|CORP\.?|CORPORATION|GMBH|PLC)(?=[\s,;]|$)")


def _wrapped_legal_form(first: str, second: str) -> bool:
    """Return whether a long name wrapped so that its legal form ("Solutions Limited") is on line 2."""
    return (not _ENDS_LEGAL.search(first) and bool(_ENDS_LEGAL.search(second))
            and not re.search(r"\d", second) and len(second.split()) <= 4)


def holder_in_sentence(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return the holder named in a sentence ("This letter confirms that X has been certified")."""
    for page in pages[:2]:
        text = " ".join(line.text for line in page.lines)
        for m in _HOLDER_SENTENCE.finditer(text):
            name = _trim_name((m.group("h") or m.group("e")).strip(" ,"))
            if not name[:1].isupper() and not name[:1].isdigit():
                continue  # "certify that its AI management system complies": no name, a pronoun
            line = line_with(pages, name.split(" ")[0] + " " + " ".join(name.split(" ")[1:2]))
            return name, line or Evidence(page.number, name)
    return None


_NUMBER_IN_TEXT = re.compile(
    r"\b(?:certificate|registration|cert\.?|approval|zertifikats?|registrier)[\s-]*(?:no|nr|number|num|ref|reference|"
    r"id|identity\s+(?:no|number))\b\.?\s*[:#]?\s*(?P<n>[A-Z0-9][A-Z0-9 ./_-]{1,38}\d[A-Z0-9/_-]*)", re.I)
# A title that carries the number: "CERTIFICATE GB25/880321", "Zertifikat 12 100 4711".
_NUMBER_IN_TITLE = re.compile(r"(?i:certificate|zertifikat|certificat|certificado)\s+(?:no\.?\s*)?"
                              r"(?P<n>[A-Z]{0,6}[-/ ]?\d[\dA-Z/. -]{2,30}\d[A-Z]?)$")


def number_in_text(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return a certificate number stated mid-sentence ("... holds Certificate Number: AI 123456")."""
    for page in pages:
        for line in page.lines:
            m = _NUMBER_IN_TEXT.search(line.text)
            if m:
                number = first_clause(m.group("n")).strip(" .,;")
                number = number_words(re.split(r"\s+(?:and|und|et|issued|dated|vom|of)\b", number)[0])
                head = number.split(" ")[0]
                if any(c.isdigit() for c in head) or (head.isupper() and len(head) >= 2):
                    return number, line.evidence()
            m = _NUMBER_IN_TITLE.match(line.text.strip())
            if m:
                return m.group("n"), line.evidence()
    return None


_ACCREDITED_BY = re.compile(r"\b(?:accredited|akkreditiert)\s+(?:by|durch)\s+(?:the\s+|die\s+|der\s+)?"
                            r"(?P<n>[A-Z][^\n.,;(]{3,80})")


# "No." and "No 12" are numbers, not denials.
_NEGATION = re.compile(r"\b(?:not|without|neither|nor|nicht|kein\w*|non|no(?![.:]|\s*\d))\b[^.;]{0,40}$",
                       re.I)


def negated(text: str, at: int) -> bool:
    """Return whether what stands at `at` is mentioned only to deny it ("not accredited by UKAS")."""
    return at >= 0 and bool(_NEGATION.search(text[max(0, at - 60):at]))


def accredited_by(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return an accreditation body named mid-sentence ("... accredited by the X"), as printed."""
    for page in pages:
        for line in page.lines:
            m = _ACCREDITED_BY.search(line.text)
            if m and not negated(line.text, m.start("n")):
                name = accreditation_name(m.group("n"))
                if name:
                    return name, line.evidence()
    return None


_NO_BODY = re.compile(r"none|n/?a|not\s+(?:stated|accredited|applicable)|yes|no|ja|nein|pending|-|–|"
                      r"accredited|unaccredited", re.I)


def accreditation_name(text: str) -> str | None:
    """Return an accreditation body's name as printed, from text like "Accredited by the X (reg. 12)"."""
    name = first_clause(text)
    name = re.sub(r"^(?:accredited\s+by|akkreditiert\s+durch)\s+", "", name, flags=re.I)
    name = re.sub(r"^(?:the|der|die)\s+", "", name, flags=re.I)
    name = re.sub(r"\s*(?:\(|\bno\.?\b|\bn°|\bnr\.?\b|\breg\b|#).*$", "", name, flags=re.I)
    name = re.sub(r"\s+\d[\w/-]*$", "", name).strip(" ,;:.")
    if not name or _NO_BODY.fullmatch(name) or not re.search(r"[^\W\d_]{2}", name):
        return None
    return name


_SEE_ELSEWHERE = re.compile(
    r"^(?:please\s+)?(?:see|refer\s+to|as\s+(?:per|listed\s+in|set\s+out\s+in)|siehe|voir|ver)\b.{0,60}"
    r"(?:appendix|annex|attachment|schedule|page|overleaf|anhang|anlage|seite|annexe)", re.I)


_SCOPE_SENTENCE = re.compile(
    r"(?i:for\s+the\s+(?:following\s+)?scope(?:\s+of)?|in\s+respect\s+of|für\s+den\s+geltungsbereich"
    r"|covering\s+the\s+following\s+activities)\s*:?\s+(?P<s>.{15,600}?)(?:\.(?=\s+[A-Z])|\.?\s*$)", re.S)


def scope_in_sentence(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return a scope stated inside a sentence ("... for the scope of design and operation of X.")."""
    for page in pages:
        text = " ".join(line.text for line in page.lines)
        m = _SCOPE_SENTENCE.search(text)
        if m:
            scope = " ".join(m.group("s").split()).rstrip(".") + "."
            line = line_with(pages, " ".join(m.group(0).split()[:4]))
            return scope, line or Evidence(page.number, scope)
    return None


def points_elsewhere(text: str) -> bool:
    """Return whether a value only points elsewhere ("See Appendix 1") instead of stating itself."""
    return bool(_SEE_ELSEWHERE.match(text.strip())) and len(text) < 120


# A round bullet as OCR reads it ("e Design ...; e Operation ..."): a lone e/o/°/» before a capital.
OCR_BULLET = re.compile(r"(?:^|(?<=[;:.]\s))[eo°»]\s+(?=[A-Z0-9ÄÖÜ])")


def clean_scope(text: str) -> str:
    """Return a scope statement without trailing rules or signature lines; unmapped bullets as "•"."""
    text = OCR_BULLET.sub("• ", _SCOPE_TAIL.sub("", text))
    text = re.sub(r"\(cid:\d+\)|[\uf000-\uf8ff]", "•", text)
    return " ".join(text.split()).strip()
