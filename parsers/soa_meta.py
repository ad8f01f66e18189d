"""An SoA's document fields: the organisation it belongs to, its version and its date."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from itertools import pairwise

from . import lexicon
from .cert_validate import organisation
from .controls import leading_id
from .dates import ORDER_FROM_DATES, Order, find_dates, infer_order
from .labels import cut_at_next_label, match_label
from .model import SoaExtraction
from .pages import Line, Page, Word
from .soa_grid import header_row

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
    order, why = infer_order(text)
    if why != ORDER_FROM_DATES:
        order = None  # only a date of the document itself settles 03/04/2025 (fuzzier hints do not)
    _fill_from_header_row(result, head, (pages[0].lines if pages else [])[:_HEAD_LINES], order)
    _fill_holder(result, head, pages)
    if result.version is None:
        _fill_version(result, head)
    if result.date is None:
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
    if result.holder is not None:
        return
    for line in head:
        name = _labelled_name(line.text)
        if name:
            _set(result, "holder", name, line)
            return
    # a title may wrap ("Acme Ltd — Statement of" | "Applicability"): read each line with the next
    joined = [(f"{a.text} {b.text}", a) for a, b in pairwise(head)] + [(line.text, line) for line in head]
    footers = [(line.text, line) for p in pages for line in _footer_lines(p)]
    for pattern in (_soa_title(), _AIMS_TITLE):
        for text, line in joined + footers:
            name = _name_beside(text, pattern)
            if name:
                _set(result, "holder", name, line)
                return


def _footer_lines(page: Page) -> list[Line]:
    """Return the page's last lines that stand apart at its foot: not a control, not a wrapped row."""
    lines = page.lines
    return [line for k, line in enumerate(lines) if k >= len(lines) - 3 and not leading_id(line.text)
            and line.top > page.height * (1 - _FOOTER_MARGIN)
            and (k == 0 or line.top - lines[k - 1].top > _FOOTER_GAP * max(lines[k - 1].size, 6.0))]


def _labelled_name(text: str) -> str | None:
    """Return the organisation after a holder label ("Titulaire / Company: Acme SA"), if it is a name."""
    hit = match_label(text, ("holder",))
    values = [hit.rest] if hit is not None and hit.rest else []
    match = _holder_label().match(text)
    if match:
        values.append(match.group("value"))
    for value in values:
        verdict = organisation(cut_at_next_label(value))
        if verdict.ok and _is_name(verdict.value):
            return str(verdict.value)
    return None


def _name_beside(text: str, pattern: re.Pattern[str]) -> str | None:
    """Return the organisation printed beside a title: "Acme Ltd – Statement of Applicability"."""
    match = pattern.search(text)
    if not match:
        return None
    for part in (text[:match.start()], text[match.end():]):
        pieces = [p.strip() for p in _SEPARATOR.split(part) if p.strip()]
        for piece in pieces:
            piece = re.sub(r"^(?:for|of)\s+", "", piece, flags=re.I)
            verdict = organisation(piece)
            if verdict.ok and _is_name(verdict.value):
                return str(verdict.value)
    return None


def names_document(text: str) -> bool:
    """Return whether a line names the document itself ("Statement of Applicability · Version 2")."""
    return bool(_soa_title().search(text))


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
            if found.value is not None and (order is not None or not found.ambiguous):
                result.date = found.value
                result.evidence["date"] = [line.evidence(found.text)]
                return
            if found.ambiguous and line in labelled:
                return  # its own date is printed, in an undecidable day/month order: no other date stands in


_CELL_SLACK = 6.0  # points a cell's value may start left or right of its heading
_VERSION_VALUE = re.compile(r"^v?(\d{1,3}(?:\.\d{1,3}){0,3})$", re.I)
_FOOTER_MARGIN = 0.12  # a footer sits in the bottom eighth of its page ...
_FOOTER_GAP = 1.8  # ... set apart from the text above it (in font sizes), unlike a table row's wrapped line
_WRAP = 1.6  # line pitch of a wrapped value, in font sizes
_TABLE_LINES = 6  # a one-row table of the document's fields: heading lines, then value lines


def _fill_from_header_row(result: SoaExtraction, head: list[Line], lines: list[Line],
                          order: Order | None) -> None:
    """Read a one-row table of the SoA's own fields: "Organisation | Version | Date | Approved by"
    above its values, each value starting below its heading; headings and values may wrap."""
    for at, line in enumerate(head):
        if re.search(r"\d", line.text):
            continue
        version = next((w for w in line.words if lexicon.pattern("soa", "version_labels").fullmatch(w.text)),
                       None)
        date = next((w for w in line.words if _date_label().fullmatch(w.text)), None)
        if version is None or date is None:
            continue
        starts = sorted({cell[0].x0 for cell in _cells(line)} | {version.x0, date.x0})
        below = _table_lines(lines, at)
        rows = [_by_column(nxt, starts) for nxt in below]
        v_col, d_col = _column(version.x0, starts), _column(date.x0, starts)
        first = next((i for i, row in enumerate(rows) if row[v_col] and _VERSION_VALUE.match(row[v_col][0])),
                     None)
        if first is None or any(row[v_col] and _VERSION_VALUE.match(row[v_col][0])
                                for row in rows[first + 1:]):
            return  # no values, or a version history (read as such)
        # lines above the values continue the headings ("Certified" | "organisation")
        headings = [" ".join(w.text for w in line.words if _column(w.x0, starts) == i)
                    for i in range(len(starts))]
        for row in rows[:first]:
            headings = [f"{h} {' '.join(cell)}".strip() for h, cell in zip(headings, row, strict=True)]
        last = first + 1  # a value wraps onto lines set close under it; a wider gap starts something else
        while last < len(below) and (below[last].top - below[last - 1].top
                                      <= _WRAP * max(below[last - 1].size, 6.0)):
            last += 1
        values = [" ".join(w for row in rows[first:last] for w in row[i]) for i in range(len(starts))]
        number = _VERSION_VALUE.match(rows[first][v_col][0])
        assert number is not None
        _set(result, "version", number.group(1), below[first])
        dates = [d for d in find_dates(values[d_col], order) if d.value is not None]
        if dates:
            result.date = dates[0].value
            result.evidence["date"] = [below[first].evidence(dates[0].text)]
        for i, (heading, value) in enumerate(zip(headings, values, strict=True)):
            if i not in (v_col, d_col) and result.holder is None and _labelled_name(f"{heading}: {value}"):
                _set(result, "holder", str(_labelled_name(f"{heading}: {value}")), below[first])
        return


def _cells(line: Line) -> list[list[Word]]:
    """Split a line into cells at wide gaps between words."""
    cells: list[list[Word]] = [[line.words[0]]]
    for prev, word in pairwise(line.words):
        if word.x0 - prev.x1 > 2 * max(prev.size, 4.0):
            cells.append([])
        cells[-1].append(word)
    return cells


def _table_lines(head: list[Line], at: int) -> list[Line]:
    """Return the lines below a heading line that may belong to its table (until a gap or a new table)."""
    out: list[Line] = []
    previous = head[at]
    for line in head[at + 1:at + 1 + _TABLE_LINES]:
        if re.match(r"[A-Za-z]", line.text) and leading_id(line.text):
            break  # the first control
        if line.top - previous.top > 3 * max(previous.size, 6.0):
            break
        if header_row(line.text.split()) and any(re.search(r"\d", seen.text) for seen in out):
            break  # a new table's heading; before any value, a heading's wrapped second line
        out.append(line)
        previous = line
    return out


def _column(x: float, starts: list[float]) -> int:
    """Return the column a word starting at `x` falls in: the last column starting left of it."""
    index = 0
    for i, start in enumerate(starts):
        if start <= x + _CELL_SLACK:
            index = i
    return index


def _by_column(line: Line, starts: list[float]) -> list[list[str]]:
    cells: list[list[str]] = [[] for _ in starts]
    for word in line.words:
        cells[_column(word.x0, starts)].append(word.text)
    return cells


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
