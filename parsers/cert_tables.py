"""Tables headed by a row of labels (site schedules, "Site | Address | Activities"), rows and wrapped cells.

A header row's cells fix the columns; every word below is put in the column its left edge falls in,
so a cell whose text runs close to the next column's is still cut right. A row ends where the next
one visibly starts: a larger line step, or a new entry in the first (key) column; a cell whose text
wraps (a long address) stays one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cert_layout import FONT_CHANGE, Segment
from .dates import find_dates
from .labels import match_label
from .model import Evidence
from .orgnames import ends_in_legal_form
from .pages import Word

HEADER_MAX_WORDS = 5
HEADER_MAX_CHARS = 40
ROW_TOLERANCE_EM = 0.6  # header cells (and a row's words) share a row within this many font sizes
FIRST_ROW_GAP_EM = 2.5  # the first row sits at most this far under the header
TABLE_END_GAP_EM = 2.2  # a larger gap between lines ends the table
NEW_ROW_STEP = 1.25  # a line step this much larger than the table's leading starts a new row
_CONTINUES = (",", "-", "&", "/")
# Fields stated in words that may run on under their heading: a "table" headed by one of them and followed
# by more labels is labels side by side, each with its own value under it.
_STATEMENTS = frozenset({"scope", "holder", "certification_body", "accreditation_body", "surveillance_dates"})


@dataclass
class Cell:
    """One table cell: its text (wrapped lines joined) and the words it was read from."""

    page: int
    words: list[Word] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the cell's lines joined, a line-end hyphen glued to the next word."""
        out = ""
        for line in self.lines:
            if out.endswith("-") and out[-2:-1].isalpha() and line[:1].isalpha():
                out += line
            else:
                out = f"{out} {line}" if out else line
        return out

    def segments(self) -> list[Segment]:
        """Return the cell's lines as segments (words that share a line)."""
        out: list[Segment] = []
        for word in sorted(self.words, key=lambda w: (w.top, w.x0)):
            if out and abs(out[-1].words[0].top - word.top) <= 2:
                out[-1].words.append(word)
            else:
                out.append(Segment(self.page, [word]))
        for seg in out:
            seg.refresh()
        return out

    def evidence(self) -> Evidence:
        """Return where the cell was read (its first line's box)."""
        first = [w for w in self.words if abs(w.top - self.words[0].top) < 2] if self.words else []
        if not first:
            return Evidence(self.page, self.text)
        box = (min(w.x0 for w in first), min(w.top for w in first), max(w.x1 for w in first),
               max(w.bottom for w in first))
        return Evidence(self.page, " ".join(w.text for w in first), box)


@dataclass
class Table:
    """A header row of labels and the rows under it, cell by cell."""

    page: int
    headers: list[Segment]
    rows: list[list[Cell]]

    def column(self, index: int) -> list[Cell]:
        """Return the non-empty cells of one column, top to bottom."""
        return [row[index] for row in self.rows if row[index].lines]


def find_tables(segs: list[Segment]) -> list[Table]:
    """Return every table on a page whose header row carries at least one known label."""
    tables = []
    used: set[int] = set()
    # words of field labels ("Rev. 2", "Page 1 of 2" may stand in a value row: their labels end nothing)
    labelled = {id(w) for s in segs if s.label is not None and s.label.field != "stop" for w in s.words}
    for seg in sorted(segs, key=lambda s: (s.top, s.x0)):
        if id(seg) in used:
            continue
        headers = _header_row(segs, seg)
        if headers is None:
            continue
        used.update(id(h) for h in headers)
        rows = _rows(segs, headers, labelled)
        if rows:
            tables.append(Table(seg.page, headers, rows))
    return tables


def _header_row(segs: list[Segment], first: Segment) -> list[Segment] | None:
    """Return the header cells of the row `first` opens, or None when it is no header row."""
    tolerance = ROW_TOLERANCE_EM * max(first.size, 1.0)
    row = sorted((s for s in segs if abs(s.top - first.top) <= tolerance), key=lambda s: s.x0)
    if len(row) < 2 or row[0] is not first or not all(_header_like(s) for s in row):
        return None
    if max(s.size for s in row) > FONT_CHANGE * min(s.size for s in row):
        return None  # a header row is set in one size; a label beside a title is none
    labelled = [s for s in row if s.label is not None and not s.label.rest]
    if not any(s.label is not None and s.label.field != "stop" for s in labelled):
        return None
    if any(s.label is None and not _header_word(s.text) for s in row):
        return None  # a label and its value side by side ("Organisation  Acme Ltd") is no header row
    return row


def _header_word(text: str) -> bool:
    """Return whether an unknown header cell reads as a column title ("No.", "#", "Site name")."""
    words = text.split()
    return len(words) <= 3 and "," not in text and not ends_in_legal_form(text) \
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words[:1])


def _header_like(seg: Segment) -> bool:
    text = seg.text.strip()
    return (len(text.split()) <= HEADER_MAX_WORDS and len(text) <= HEADER_MAX_CHARS
            and not find_dates(text) and not re.search(r"\d{3}", text))


def _rows(segs: list[Segment], headers: list[Segment], labelled: set[int]) -> list[list[Cell]]:
    """Return the table's rows: lines under the header, words put in columns, wrapped lines joined.

    A table's cells hold values: a label among them means the "header" was two labelled columns side
    by side ("Scope of certification ... | Surveillance audit ..."), each with its own value under it.
    """
    size = max(h.size for h in headers) or 10.0
    starts = [h.x0 for h in headers]
    slack = 0.5 * size
    lines = _table_lines(_lines_below(segs, headers, size), starts[0] - slack, max(h.bottom for h in headers),
                         size)
    lines = _header_wraps(lines, headers, starts, slack, size)
    rows: list[list[Cell]] = []
    prev_top: float | None = None
    leading = _leading(lines)
    for words in lines:
        top = min(w.top for w in words)
        if any(id(w) in labelled for w in words):
            if rows and not any(h.label is not None and h.label.field in _STATEMENTS for h in headers):
                break  # a table of codes, dates or sites ends where the certificate's next field starts
            return []
        cells = _place(words, starts, slack, headers[0].page)
        if not rows or _starts_row(rows[-1], cells, top - (prev_top or top), leading):
            rows.append(cells)
        else:
            for old, new in zip(rows[-1], cells, strict=True):
                old.words += new.words
                old.lines += new.lines
        prev_top = top
    return rows


def _header_wraps(lines: list[list[Word]], headers: list[Segment], starts: list[float], slack: float,
                  size: float) -> list[list[Word]]:
    """Read the lines a header row's cells wrap onto ("Original" / "registration date") into the header
    labels, and return the lines under them: the rows."""
    texts = [h.text for h in headers]
    bottom = max(h.bottom for h in headers)
    taken = 0
    for words in lines:
        cells = _place(words, starts, slack, headers[0].page)
        if min(w.top for w in words) - bottom > 0.8 * size or any(re.search(r"\d", w.text) for w in words) \
                or not all(_header_like_text(c.text) for c in cells if c.lines):
            break
        texts = [f"{t} {c.text}".strip() for t, c in zip(texts, cells, strict=True)]
        bottom = max(w.bottom for w in words)
        taken += 1
    if not taken:
        return lines
    for header, text in zip(headers, texts, strict=True):
        hit = match_label(text)
        if hit is not None and not hit.rest and hit.field != "stop" \
                and (header.label is None or hit.words > header.label.words):
            header.label = hit
    return lines[taken:]


def _header_like_text(text: str) -> bool:
    return len(text.split()) <= HEADER_MAX_WORDS and len(text) <= HEADER_MAX_CHARS


def _table_lines(lines: list[list[Word]], left: float, bottom: float, size: float) -> list[list[Word]]:
    """Return the lines the table holds: up to text left of it or a gap wider than a row's."""
    out: list[list[Word]] = []
    for words in lines:
        if words[0].x0 < left:
            break  # text left of the table: the table has ended
        gap = min(w.top for w in words) - bottom
        if gap > (FIRST_ROW_GAP_EM if not out else TABLE_END_GAP_EM) * size:
            break
        out.append(words)
        bottom = max(w.bottom for w in words)
    return out


def _lines_below(segs: list[Segment], headers: list[Segment], size: float) -> list[list[Word]]:
    """Return the words under the header row, grouped into lines, left to right."""
    floor = max(h.top for h in headers) + ROW_TOLERANCE_EM * size
    below = sorted((w for s in segs if s.top > floor for w in s.words), key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in below:
        if lines and abs(lines[-1][0].top - word.top) <= ROW_TOLERANCE_EM * size:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _leading(lines: list[list[Word]]) -> float:
    tops = [min(w.top for w in line) for line in lines]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    return min(steps) if steps else 0.0


def _place(words: list[Word], starts: list[float], slack: float, page: int) -> list[Cell]:
    cells = [Cell(page) for _ in starts]
    for word in words:
        index = max(i for i, x in enumerate(starts) if x - slack <= word.x0 or i == 0)
        cells[index].words.append(word)
    for cell in cells:
        if cell.words:
            cell.lines.append(" ".join(w.text for w in cell.words))
    return cells


def _starts_row(previous: list[Cell], cells: list[Cell], step: float, leading: float) -> bool:
    """Return whether a line opens a new row rather than continuing the previous row's cells."""
    if leading and step > leading * NEW_ROW_STEP + 0.5:
        return True  # rows are spaced further apart than a cell's wrapped lines
    key, before = cells[0], previous[0]
    if key.lines:
        if before.lines and before.text.rstrip().endswith(_CONTINUES):
            return False
        first = key.lines[0][:1]
        return first.isdigit() or first == "#" or first.isupper()  # "Åboulevarden 22" opens a row too
    return False  # nothing in the key column: the row's cells wrap onto this line
