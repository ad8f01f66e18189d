"""An SoA's document fields: the organisation it belongs to, its version and its date."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from itertools import pairwise

from . import lexicon
from .controls import leading_id
from .dates import Order, find_dates, infer_order
from .model import SoaExtraction
from .pages import Line, Page

_HEAD_LINES = 25  # the document's own fields sit above its control table
_HOLDER_LABELS = ("organisation name", "company name", "holder", "client", "legal entity", "entity",
                  "supplier", "firma", "organisation/entity")  # besides the certificate's holder labels


@cache
def _holder_label() -> re.Pattern[str]:
    words = _HOLDER_LABELS + lexicon.phrases("labels", "holder")
    return re.compile(rf"^\s*(?:{lexicon.alternation(words)})\s*[:\-–]?\s+(?P<value>\S.*)$", re.I)


@cache
def _soa_title() -> re.Pattern[str]:
    titles = [t for t in lexicon.phrases("soa", "titles") if t != "SoA"]
    return re.compile(rf"(?:{lexicon.alternation(titles)})(?:\s*\(\s*SoA\s*\))?", re.I)


_AIMS_TITLE = re.compile(r"\bAI\s+management\s+system\b|\bAIMS\b", re.I)
_SEPARATOR = re.compile(r"\s+[–—|:-]\s+|\s*[–—|]\s*")
_NOT_A_NAME = re.compile(r"ISO|IEC|Annex|\d{4}|confidential|page\s+\d|internal", re.I)


@cache
def _version() -> re.Pattern[str]:
    labels = lexicon.alternation(lexicon.phrases("soa", "version_labels"))
    return re.compile(
        rf"(?<!\w)(?:document\s+)?(?:{labels})\s*(?:no\.?|number|nr\.?)?"
        r"\s*[:#]?\s*v?(?P<value>\d+(?:\.\d+){0,3}[a-z]?)\b"
        r"|\bissue\s*(?:no\.?|number)?\s*[:#]?\s*(?P<issue>\d+(?:\.\d+){0,2})(?=\s*(?:$|[,;|)(]))"
        r"|(?:^|\s)v(?P<short>\d+\.\d+(?:\.\d+)?)\b", re.I)


@cache
def _date_label() -> re.Pattern[str]:
    return lexicon.pattern("soa", "date_labels")


# dates that are not the document's own: its next review, an expiry, a certificate's validity
_OTHER_DATE = re.compile(r"\b(?:next\s+review|review\s+due|valid\s+until|expir\w*|due)\b", re.I)
_HISTORY_HEADER = re.compile(
    r"\b(?:version|rev(?:ision)?|issue)\b.*\bdate\b|\bdate\b.*\b(?:version|rev(?:ision)?)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])v?(\d{1,3}(?:\.\d{1,3}){0,3})(?![\w.])")


def fill(result: SoaExtraction, pages: list[Page]) -> None:
    """Set holder, version and date (with evidence) from the document's head and footers."""
    head = _head_lines(pages)
    text = "\n".join(p.text for p in pages)
    _fill_holder(result, head, pages)
    order, _ = infer_order(text)
    _fill_version(result, head)
    if result.version is None:
        _fill_from_header_row(result, head, order)
    _fill_date(result, head, order)
    if result.version is None:
        _fill_from_history(result, pages, order)


def _head_lines(pages: list[Page]) -> list[Line]:
    lines: list[Line] = []
    for line in (pages[0].lines if pages else [])[:_HEAD_LINES]:
        if leading_id(line.text):
            break
        lines.append(line)
    return lines


def _fill_holder(result: SoaExtraction, head: list[Line], pages: list[Page]) -> None:
    for line in head:
        match = _holder_label().match(line.text)
        if match and _is_name(match.group("value")):
            _set(result, "holder", match.group("value").strip(), line)
            return
    footers = [line for p in pages for line in p.lines[-3:]]
    for pattern in (_soa_title(), _AIMS_TITLE):
        for line in head + footers:
            name = _name_beside(line.text, pattern)
            if name:
                _set(result, "holder", name, line)
                return


def _name_beside(text: str, pattern: re.Pattern[str]) -> str | None:
    """Return the organisation printed beside a title: "Acme Ltd – Statement of Applicability"."""
    match = pattern.search(text)
    if not match:
        return None
    for part in (text[:match.start()], text[match.end():]):
        pieces = [p.strip() for p in _SEPARATOR.split(part) if p.strip()]
        for piece in pieces:
            piece = re.sub(r"^(?:for|of)\s+", "", piece, flags=re.I)
            if _is_name(piece):
                return piece
    return None


def _is_name(text: str) -> bool:
    text = text.strip()
    return (2 < len(text) <= 120 and bool(re.match(r"[A-Z0-9]", text))
            and not _NOT_A_NAME.search(text) and not _soa_title().search(text)
            and not lexicon.pattern("soa", "version_labels").search(text))


def _fill_version(result: SoaExtraction, head: list[Line]) -> None:
    for line in head:
        match = _version().search(line.text)
        if match:
            value = match.group("value") or match.group("issue") or match.group("short")
            _set(result, "version", value, line)
            return


def _fill_date(result: SoaExtraction, head: list[Line], order: Order | None) -> None:
    own = [line for line in head if not _OTHER_DATE.search(line.text)]
    labelled = [line for line in own if _date_label().search(line.text)]
    for line in labelled + own:
        for found in find_dates(line.text, order):
            if found.value is not None and not found.ambiguous:
                result.date = found.value
                result.evidence["date"] = [line.evidence(found.text)]
                return


_CELL_SLACK = 6.0  # points a cell's value may start left or right of its heading
_VERSION_VALUE = re.compile(r"^v?(\d{1,3}(?:\.\d{1,3}){0,3})$", re.I)


def _fill_from_header_row(result: SoaExtraction, head: list[Line], order: Order | None) -> None:
    """Read a one-row table of the SoA's own fields: "Organisation | Version | Date | Approved by"
    above its values, each value starting below its heading."""
    for line, values in pairwise(head):
        if re.search(r"\d", line.text):
            continue
        version = next((w for w in line.words if lexicon.pattern("soa", "version_labels").fullmatch(w.text)),
                       None)
        date = next((w for w in line.words if _date_label().fullmatch(w.text)), None)
        if version is None or date is None:
            continue
        below = [w for w in values.words if abs(w.x0 - version.x0) <= _CELL_SLACK]
        number = _VERSION_VALUE.match(below[0].text) if below else None
        if number is None:
            return
        _set(result, "version", number.group(1), values)
        tail = " ".join(w.text for w in values.words if w.x0 >= date.x0 - _CELL_SLACK)
        dates = [d for d in find_dates(tail, order) if d.value is not None and not d.ambiguous]
        if dates and result.date is None:
            result.date = dates[0].value
            result.evidence["date"] = [values.evidence(dates[0].text)]
        if result.holder is None and _holder_label().match(f"{_first_cell(line)} x"):
            name = " ".join(w.text for w in values.words if w.x1 < version.x0 - _CELL_SLACK)
            if _is_name(name):
                _set(result, "holder", name, values)
        return


def _first_cell(line: Line) -> str:
    """The heading of the line's first cell: its words up to the first wide gap."""
    words = line.words
    out = [words[0].text]
    for prev, word in pairwise(words):
        if word.x0 - prev.x1 > 2 * max(prev.size, 4.0):
            break
        out.append(word.text)
    return " ".join(out)


def _fill_from_history(result: SoaExtraction, pages: list[Page], order: Order | None) -> None:
    """Take the latest entry of a version-history table ("Version | Date | Author | Change")."""
    entries = []
    for page in pages:
        for i, line in enumerate(page.lines):
            if _HISTORY_HEADER.search(line.text) and not _version().search(line.text):
                entries += _history_rows(page.lines[i + 1:], order)
    if not entries:
        return
    key, version, date, line = max(entries, key=lambda e: e[0])
    _set(result, "version", version, line)
    if date is not None:
        result.date = date
        result.evidence["date"] = [line.evidence()]


def _history_rows(lines: list[Line], order: Order | None
                  ) -> list[tuple[tuple[int, ...], str, dt.date | None, Line]]:
    rows = []
    for line in lines:
        dates = [d for d in find_dates(line.text, order) if d.value]
        rest = line.text
        for d in dates:
            rest = rest.replace(d.text, " ")
        number = _NUMBER.search(rest)
        if not dates or not number or number.start() > 20:
            break  # the history table has ended
        version = number.group(1)
        rows.append((tuple(int(p) for p in version.split(".")), version, dates[0].value, line))
    return rows


def _set(result: SoaExtraction, name: str, value: str, line: Line) -> None:
    setattr(result, name, re.sub(r"\s+", " ", value).strip())
    result.evidence[name] = [line.evidence()]
