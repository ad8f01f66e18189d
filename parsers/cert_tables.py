"""Tables headed by a row of labels (site schedules, "Site | Address | Activities"), rows and wrapped cells.

A header row's cells fix the columns; every word below is put in the column its left edge falls in,
so a cell whose text runs close to the next column's is still cut right. A row ends where the next
one visibly starts: a larger line step, or a new entry in the first (key) column; a cell whose text
wraps (a long address) stays one cell.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .cert_layout import FONT_CHANGE, Segment
from .cert_values import broken_number
from .dates import find_dates
from .labels import LabelHit, match_label
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
            if out.endswith("-") and out[-2:-1].isalpha() and line[:1].isalpha() or broken_number(out, line):
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
    stacked: bool = False  # headers read whole from several lines each (find_stacked_tables)

    def column(self, index: int) -> list[Cell]:
        """Return the non-empty cells of one column, top to bottom."""
        return [row[index] for row in self.rows if row[index].lines]


def find_tables(segs: list[Segment]) -> list[Table]:
    """Return every table on a page whose header row carries at least one known label."""
    tables = []
    used: set[int] = set()
    # words of field labels ("Rev. 2", "Page 1 of 2" may stand in a value row: their labels end nothing)
    labelled = {id(w): s.label.field for s in segs if s.label is not None and s.label.field != "stop"
                for w in s.words}
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
    words = text.split()  # a digit is a value's ("SoA | Version 2.4"), never a column title's
    return len(words) <= 3 and "," not in text and not ends_in_legal_form(text) \
        and not re.search(r"\d", text) and all(w[:1].isupper() or not w[:1].isalpha() for w in words[:1])


def _header_like(seg: Segment) -> bool:
    text = seg.text.strip()
    if find_dates(text) or re.search(r"\d{3}", text):
        return False
    if seg.label is not None and not seg.label.rest:  # a label wrapped or stacked over lines: short lines
        lines: list[list[str]] = []
        tops: list[float] = []
        for word in seg.words:
            if tops and abs(word.top - tops[-1]) <= 0.5 * word.size:
                lines[-1].append(word.text)
            else:
                lines.append([word.text])
                tops.append(word.top)
        return all(_header_like_text(" ".join(line)) for line in lines)
    return _header_like_text(text)


def _rows(segs: list[Segment], headers: list[Segment], labelled: dict[int, str]) -> list[list[Cell]]:
    """Return the table's rows: lines under the header, words put in columns, wrapped lines joined.

    A table's cells hold values: a label among them means the "header" was two labelled columns side
    by side ("Scope of certification ... | Surveillance audit ..."), each with its own value under it.
    A site table names its sites: a sites word in its rows ("Sede central", "Site 2") is a row's name.
    """
    if any(h.label is not None and h.label.field == "sites" for h in headers):
        labelled = {w: f for w, f in labelled.items() if f != "sites"}
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


SMALL_PRINT = 0.85  # lines this much smaller than the table's first are small print after it


def _leading(lines: list[list[Word]]) -> float:
    """Return the table's line step: the smallest between lines set in its own font, not small print."""
    if not lines:
        return 0.0
    floor = SMALL_PRINT * max(w.size for w in lines[0])
    tops = [min(w.top for w in line) for line in lines]
    sized = [max(w.size for w in line) >= floor for line in lines]
    steps = [b - a for a, b, big_a, big_b in zip(tops, tops[1:], sized, sized[1:], strict=False)
             if b > a and big_a and big_b]
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


# --- header cells stacked over several lines above a row of dates ------------------------------------

DATE_COLUMNS = frozenset({"initial_certification_date", "issue_date", "expiry_date", "validity",
                          "surveillance_dates", "next_audit_due"})
STACK_MAX_LINES = 6  # a header cell wraps (or stacks its translation) over at most this many lines
STACK_LINE_GAP_EM = 0.9  # the lines of a stacked header follow each other this tightly
COLUMN_ALIGN_EM = 0.3  # a column's header and value start this close to one another


def find_stacked_tables(segs: list[Segment]) -> list[Table]:
    """Return tables of dates whose header cells run over several lines ("Fecha de la primera" /
    "emisión / Initial" / "certification date" over "2017/08/07").

    Each column's header is read whole, all its lines joined (a word a narrow cell broke without a
    hyphen joined back: "Ausstellungsd" / "atum"); the columns are where the header's first line and the
    row of values under it both start a cell. A row of cells set closer than a column gap, or header
    lines that each read as some label alone, are then read column by column.
    """
    lines = _page_lines(segs)
    tables = []
    used: set[int] = set()
    for i, row in enumerate(lines):
        if i == 0 or id(row[0]) in used or not any(find_dates(w.text) or w.text[:1].isdigit() for w in row):
            continue
        table = _stacked_table(segs, lines, i)
        if table is not None:
            tables.append(table)
            used.update(id(w) for h in table.headers for w in h.words)
    return tables


def _page_lines(segs: list[Segment]) -> list[list[Word]]:
    words = sorted((w for s in segs for w in s.words), key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in words:
        if lines and abs(lines[-1][0].top - word.top) <= ROW_TOLERANCE_EM * max(word.size, 1.0):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _value_starts(segs: list[Segment], row: list[Word]) -> list[float]:
    """Return where the cells of a row of values start: each segment, and each date within one."""
    ids = {id(w) for w in row}
    starts = []
    for seg in segs:
        if not seg.words or id(seg.words[0]) not in ids:
            continue
        starts.append(seg.words[0].x0)
        offsets, pos = [], 0
        for word in seg.words:
            offsets.append(pos)
            pos += len(word.text) + 1
        for m in find_dates(seg.text):
            index = max(k for k, off in enumerate(offsets) if off <= m.start)
            starts.append(seg.words[index].x0)
    return sorted(set(starts))


def _stacked_table(segs: list[Segment], lines: list[list[Word]], index: int) -> Table | None:
    row = lines[index]
    size = max(w.size for w in row) or 10.0
    block: list[list[Word]] = []
    below_top = min(w.top for w in row)
    for line in reversed(lines[:index]):
        gap = below_top - max(w.bottom for w in line)
        reach = (FIRST_ROW_GAP_EM if not block else STACK_LINE_GAP_EM) * size
        if len(block) >= STACK_MAX_LINES or gap > reach or any(re.search(r"\d", w.text) for w in line):
            break
        block.insert(0, line)
        below_top = min(w.top for w in line)
    tolerance = max(2.0, COLUMN_ALIGN_EM * size)
    found = _stacked_header(block, row, _value_starts(segs, row), tolerance, segs[0].page)
    if found is None:
        return None
    starts, headers = found
    left = starts[0] - tolerance
    page = segs[0].page
    value_lines = [row]
    bottom = max(w.bottom for w in row)
    for line in lines[index + 1:]:
        if min(w.top for w in line) - bottom > STACK_LINE_GAP_EM * size or min(w.x0 for w in line) < left:
            break
        value_lines.append(line)
        bottom = max(w.bottom for w in line)
    placed = [_place(line, starts, tolerance, page) for line in value_lines]
    first = placed[0]
    for more in placed[1:]:
        for old, new in zip(first, more, strict=True):
            old.words += new.words
            old.lines += new.lines
    return Table(page, headers, [first], stacked=True)


def _stacked_header(block: list[list[Word]], row: list[Word], values: list[float], tolerance: float,
                    page: int) -> tuple[list[float], list[Segment]] | None:
    """Return the columns and header cells of a stacked header over a row of values.

    A line over the table (a name, a heading, a sentence) is no header line: the header starts with the
    first line that starts a cell over every value, whose words keep to their columns, and whose cells
    read as labels of dates. Values set too close to stand apart ("September 30, September 30,", the
    years wrapped below) start their cells where the header's do.
    """
    while len(block) >= 2:
        top = block[0]
        for loose in (False, True):
            candidates = sorted({w.x0 for w in row}) if loose else values
            starts = [x for x in candidates if any(abs(w.x0 - x) <= tolerance for w in top)]
            starts = [x for k, x in enumerate(starts) if k == 0 or x - starts[k - 1] > tolerance]
            if len(starts) < 2 or (not loose and len(starts) != len(values)) \
                    or abs(starts[0] - min(w.x0 for w in top)) > tolerance \
                    or abs(starts[0] - min(w.x0 for w in row)) > tolerance:
                continue
            cells = _header_cells(block, starts, tolerance)
            if cells is None:
                continue
            headers = []
            for words in cells:
                header = Segment(page, words)
                header.label = _stacked_label(words) if words else None
                headers.append(header)
            if any(h.label is not None and h.label.field in DATE_COLUMNS for h in headers):
                return starts, headers
        block.pop(0)
    return None  # one header line: a plain header row (find_tables)


def _header_cells(block: list[list[Word]], starts: list[float], tolerance: float) -> list[list[Word]] | None:
    """Return the words of each column's header cell, or None when a word stands left of the columns
    or runs across two of them (then these are no columns)."""
    cells: list[list[Word]] = [[] for _ in starts]
    for line in block:
        for word in line:
            if word.x0 < starts[0] - tolerance:
                return None
            k = max(k for k, x in enumerate(starts) if x - tolerance <= word.x0)
            if k + 1 < len(starts) and word.x1 > starts[k + 1] - 1:
                return None
            cells[k].append(word)
    return cells


def _stacked_label(words: list[Word]) -> LabelHit | None:
    """Return the label a stacked header cell's lines make, reading a word broken at a line's end
    without a hyphen ("Ausstellungsd" / "atum") joined back when that makes the better label."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    texts = [" ".join(w.text for w in r) for r in rows]
    best: LabelHit | None = None
    for glue in itertools.product((" ", ""), repeat=len(texts) - 1):
        if any(g == "" and not _word_broken(texts[k], texts[k + 1]) for k, g in enumerate(glue)):
            continue
        text = texts[0] + "".join(g + t for g, t in zip(glue, texts[1:], strict=True))
        hit = _bilingual_label(text)
        if hit is None or hit.rest or hit.field == "stop":
            continue
        if best is None or (hit.score, hit.words) > (best.score, best.words):
            best = hit
    return best


def _bilingual_label(text: str) -> LabelHit | None:
    """Return the label of a header cell; when its first words name a field but run on past the phrase
    ("Data da emissão atual / Date of this issue", "DATA DA EMISSÃO ATUAL" / "EFFECTIVE DATE"), its
    translation (after the slash, or the cell's last words), read whole as a label of the same field,
    settles it."""
    hit = match_label(text)
    if hit is None or not hit.rest:
        return hit
    words = hit.rest.split()
    tails = [text.rsplit("/", 1)[1].strip()] if "/" in text else []
    tails += [" ".join(words[k:]) for k in range(1, len(words))]  # stacked: "ATUAL EFFECTIVE DATE"
    for tail in tails:
        translation = match_label(tail)
        if translation is not None and not translation.rest and translation.field == hit.field:
            return translation
    return hit


def _word_broken(before: str, after: str) -> bool:
    """Return whether a narrow cell may have broken a word between two lines: letters meet, and the
    second line goes on in the first one's case ("Ausstellungsd" / "atum", "SURVEILLANCE-AU" / "DIT")."""
    if not (before[-1:].isalpha() and after[:1].isalpha()):
        return False
    return after[:1].islower() or (before[-1:].isupper() and after.split()[0].isupper())
