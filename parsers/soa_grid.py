"""SoA tables as rows of cells: ruled tables through pdfplumber, unruled ones from word positions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from statistics import median
from typing import Any

from pdfplumber.utils import extract_text as pdfplumber_text
from rapidfuzz import fuzz

from . import lexicon
from .controls import ANNEX_A, cell_id, normalise_id, ocr_id
from .model import BBox
from .pages import Line, Page, Word

_ROLES = ("id", "applicable", "justification", "title", "other")


@cache
def _role_labels() -> dict[str, tuple[str, ...]]:
    return {role: tuple(p.lower() for p in lexicon.phrases("soa", "columns", role)) for role in _ROLES}


_HEADER_CUTOFF = 85.0

Span = tuple[float, float]
# Ruled tables only: text-aligned tables are read from word positions, which is faster and also
# works on OCR'd pages (that have no pdfplumber page).
TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_MIN_RULINGS = 4


@dataclass
class Row:
    """One table row: its cells' text (wrapped lines joined), where it is, and the text it shows."""

    page: int
    cells: list[str]
    bbox: BBox | None
    text: str
    scanned: bool = False  # read by OCR: tick and cross glyphs may come out as letters

    def cell(self, index: int | None) -> str:
        """Return cell `index` ('' when missing or None)."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index] or ""


def page_tables(page: Page, spans: list[Span] | None) -> tuple[list[list[Row]], list[Span] | None]:
    """Return the page's tables (rows, header rows included) and the column spans to carry over."""
    if page.grid:
        tables = [_grid_rows(page, table) for table in page.grid]
        if any(cell_id(c) for rows in tables for row in rows for c in row.cells):
            return tables, spans
    if page.plumber is not None and _is_ruled(page.plumber):
        tables = _ruled_tables(page)
        if any(cell_id(c) for rows in tables for row in rows for c in row.cells):
            return tables, spans
    rows, spans = word_table(page, spans)
    return ([rows] if rows else []), spans


def _is_ruled(plumber_page: Any) -> bool:
    return len(plumber_page.lines) + len(plumber_page.rects) >= _MIN_RULINGS


def _ruled_tables(page: Page) -> list[list[Row]]:
    tables = []
    for table in page.plumber.find_tables(TABLE_SETTINGS):
        rows = []
        for trow, cells in zip(table.rows, cell_texts(table, page.plumber.chars), strict=False):
            texts = [(c or "").strip() for c in cells]
            rows.append(Row(page.number, texts, trow.bbox, _text_in(page, trow.bbox), page.ocr))
        tables.append(rows)
    return tables


def cell_texts(table: Any, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """Return the text of each cell of a pdfplumber table, as `Table.extract()` does, faster.

    `extract()` tests every character of the page against every row: characters are sorted into
    rows by height once here (rows may overlap, where a cell spans two), then into cells.
    """
    given = table.rows  # a property that builds new row objects on every access: read it once
    rows = sorted(given, key=lambda r: r.bbox[1])
    tops = [r.bbox[1] for r in rows]
    tallest = max((r.bbox[3] - r.bbox[1] for r in rows), default=0.0)
    in_row: dict[int, list[dict[str, Any]]] = {id(r): [] for r in rows}
    for char in chars:
        v_mid, h_mid = (char["top"] + char["bottom"]) / 2, (char["x0"] + char["x1"]) / 2
        for i in range(bisect.bisect_left(tops, v_mid - tallest), bisect.bisect_right(tops, v_mid)):
            x0, top, x1, bottom = rows[i].bbox
            if x0 <= h_mid < x1 and top <= v_mid < bottom:
                in_row[id(rows[i])].append(char)
    out = []
    for row in given:
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            inside = [c for c in in_row[id(row)] if x0 <= (c["x0"] + c["x1"]) / 2 < x1
                      and top <= (c["top"] + c["bottom"]) / 2 < bottom]
            texts.append(pdfplumber_text(inside) if inside else "")
        out.append(texts)
    return out


def _grid_rows(page: Page, table: list[list[tuple[BBox, str]]]) -> list[Row]:
    """Rows of a scanned ruled table read cell by cell; an id OCR garbled is restored where it is sure."""
    rows = []
    for cells in table:
        texts = [text.strip() for _, text in cells]
        shown = " ".join(t for t in texts if t)
        texts = [_ocr_cell(t, shown) for t in texts]
        if texts and not any(cell_id(t) for t in texts):
            texts = _id_from_title(texts)
        box = (cells[0][0][0], cells[0][0][1], cells[-1][0][2], cells[-1][0][3])
        rows.append(Row(page.number, texts, box, shown.replace("\n", " "), page.ocr))
    return rows


_EDGE_NOISE = "“”\"'‘’`.,:;|_ "  # specks and rule ends at a cell's edge read as quotes or dots


def _ocr_cell(text: str, row_text: str) -> str:
    """Return the cell's id when OCR dropped its dots or added edge specks, else the text."""
    if "\n" in text or cell_id(text):
        return text
    trimmed = text.strip(_EDGE_NOISE)
    if cell_id(trimmed):
        return trimmed
    return ocr_id(trimmed, row_text) or text


def _id_from_title(texts: list[str]) -> list[str]:
    """Name the control of a row whose short id cell is unreadable ("Bis" for 3.3) by its Annex A title."""
    if not texts[0] or len(texts[0]) > 8 or any(ch.isspace() for ch in texts[0].strip()):
        return texts
    for text in texts[1:]:
        flat = " ".join(text.split()).lower()
        scores = sorted(((fuzz.ratio(flat, title.lower()), cid) for cid, title in ANNEX_A.items()),
                        reverse=True)
        if scores and scores[0][0] >= 92 and scores[0][0] - scores[1][0] >= 10:
            return [scores[0][1], *texts[1:]]
    return texts


def _text_in(page: Page, bbox: BBox) -> str:
    """Return the text of the page's words inside `bbox`, line by line."""
    x0, top, x1, bottom = bbox
    parts: list[str] = []
    for line in page.lines:
        words = [w for w in line.words if w.x0 >= x0 - 1 and w.x1 <= x1 + 1
                 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
        parts.extend(w.text for w in words)
    return " ".join(parts)


# ---------------------------------------------------------------- header vocabulary


def header_role(text: str) -> tuple[str | None, float]:
    """Return the role a header cell names ("id", "applicable", "justification", "title") and its score."""
    key = re.sub(r"[()\[\]]", " ", text.lower())
    key = re.sub(r"\s+", " ", key).strip(" :.,;|-")  # OCR leaves stray dots and bars
    if not key:
        return None, 0.0
    best: tuple[str | None, float] = (None, 0.0)
    for role, labels in _role_labels().items():
        for label in labels:
            score = fuzz.ratio(key, label)
            if key.split(" ")[0] == label.split(" ")[0] and len(label) > 2:
                score = max(score, 90.0 if " " in key else 95.0)  # "Justification for ..." etc.
            if score > best[1]:
                best = (role, score)
    return best if best[1] >= _HEADER_CUTOFF else (None, best[1])


def header_row(cells: list[str]) -> bool:
    """Return whether the cells read as a table header (two or more roles named)."""
    roles = {header_role(c)[0] for c in cells if c}
    return len(roles - {None, "title", "other"}) >= 2


def header_segments(line: Line) -> list[list[Word]]:
    """Split a header line into labels, also where two labels sit closer than a column gap."""
    out: list[list[Word]] = []
    for run in segments(line):
        out.extend(_split_labels(run))
    return out


def _split_labels(run: list[Word]) -> list[list[Word]]:
    """Split "Applicable Rationale" (two roles, one run) at its widest gap between role labels."""
    if len(run) < 2 or header_role(_seg_text(run))[0] is None:
        return [run]
    height = median([w.bottom - w.top for w in run])
    cuts = [k for k in range(1, len(run)) if run[k].x0 - run[k - 1].x1 >= 0.4 * height
            and header_role(_seg_text(run[:k]))[0] and header_role(_seg_text(run[k:]))[0]
            and header_role(_seg_text(run[:k]))[0] != header_role(_seg_text(run[k:]))[0]]
    if not cuts:
        return [run]
    k = max(cuts, key=lambda i: run[i].x0 - run[i - 1].x1)
    return _split_labels(run[:k]) + _split_labels(run[k:])


# ---------------------------------------------------------------- unruled tables from words


def segments(line: Line, gap: float | None = None) -> list[list[Word]]:
    """Split a line into runs of words separated by column-sized gaps."""
    height = median([w.bottom - w.top for w in line.words]) if line.words else 10.0
    limit = gap if gap is not None else max(4.0, 0.9 * height)
    runs: list[list[Word]] = []
    for word in line.words:
        if runs and word.x0 - runs[-1][-1].x1 <= limit:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _blocks(lines: list[Line], ocr: bool = False) -> list[list[Line]]:
    """Group lines separated by less than a line's padding: one table row (or header) each.

    OCR boxes hug the ink (no ascender/descender room), so their lines sit further apart.
    """
    padding = 0.7 if ocr else 0.3
    blocks: list[list[Line]] = []
    bottom = 0.0
    for line in lines:
        line_bottom = max(w.bottom for w in line.words)
        height = line_bottom - line.top
        if blocks and line.top - bottom <= padding * height:
            blocks[-1].append(line)
            bottom = max(bottom, line_bottom)
        else:
            blocks.append([line])
            bottom = line_bottom
    return blocks


def _ruled_blocks(lines: list[Line], rules: list[float]) -> list[list[Line]]:
    """Group lines by the band between two rules (a scanned ruled table's rows); gaps elsewhere."""
    gap_block = {id(line): i for i, block in enumerate(_blocks(lines, ocr=True)) for line in block}
    blocks: list[list[Line]] = []
    previous: tuple[str, int] | None = None
    for line in lines:
        centre = (line.top + max(w.bottom for w in line.words)) / 2
        band = bisect.bisect(rules, centre)
        key = ("band", band) if 0 < band < len(rules) else ("gap", gap_block[id(line)])
        if blocks and key == previous:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous = key
    return blocks


def _split_header(block: list[Line], ocr: bool) -> list[list[Line]]:
    """Separate a header line from the first row when nothing (no rule, no gap) divides them."""
    for i, line in enumerate(block[:-1]):
        is_header = header_row([_seg_text(s) for s in header_segments(line)]) and not _has_id(line, ocr)
        if is_header and any(_has_id(later, ocr) for later in block[i + 1:]):
            return [block[:i + 1], block[i + 1:]]
    return [block]


def _has_id(line: Line, ocr: bool = False) -> bool:
    """A row starts with an id alone, or with "id title" followed by further columns."""
    segs = segments(line)
    # the id leads the row; a row number or tick box ("12", "☐") may precede it
    leading = segs[:2] if len(_seg_text(segs[0])) <= 3 else segs[:1]
    if any(normalise_id(_seg_text(seg)) for seg in leading):
        return True
    if ocr and ocr_id(_seg_text(segs[0]), line.text):
        return True
    return len(segs) >= 2 and cell_id(_seg_text(segs[0])) is not None


def word_table(page: Page, spans: list[Span] | None) -> tuple[list[Row], list[Span] | None]:
    """Rebuild an unruled table from word positions; returns its rows and the header's spans."""
    blocks = _ruled_blocks(page.lines, page.rules) if len(page.rules) >= 3 else _blocks(page.lines, page.ocr)
    blocks = [part for block in blocks for part in _split_header(block, page.ocr)]
    first_id = next((i for i, b in enumerate(blocks) if any(_has_id(line, page.ocr) for line in b)), None)
    if first_id is None:
        return [], spans
    header_at = next((i for i, b in enumerate(blocks[:first_id])
                      if header_row([_seg_text(s) for line in b for s in header_segments(line)])), None)
    last_id = max(i for i, b in enumerate(blocks) if any(_has_id(line, page.ocr) for line in b))
    body = blocks[first_id:last_id + 1]  # headings between rows stay; footers after the table go
    if header_at is not None:
        runs = [(s[0].x0, s[-1].x1) for line in blocks[header_at] for s in header_segments(line)]
        spans = _merge_runs(runs,
                            touching=False)
    columns = _columns([line for b in body for line in b], spans)
    rows = [_row(page, blocks[header_at], columns, header=True)] if header_at is not None else []
    lead = blocks[header_at + 1 if header_at is not None else 0:first_id][-1:]
    rows.extend(_row(page, b, columns) for b in lead if _adjacent(b, blocks[first_id]))
    for block in body:
        parts = _split_at_ids(block, page.ocr) or [block]  # no id: wrapped text of the row above
        rows.extend(_row(page, part, columns) for part in parts)
    return rows, spans


def _adjacent(above: list[Line], below: list[Line]) -> bool:
    """A row continued from the previous page sits right above the page's first full row."""
    height = max(w.bottom - w.top for w in below[0].words)
    bottom = max(w.bottom for line in above for w in line.words)
    return below[0].top - bottom <= 2.5 * height


def _split_at_ids(block: list[Line], ocr: bool = False) -> list[list[Line]]:
    """Split a block holding several ids; lines before the first id belong to it (centred cells)."""
    parts: list[list[Line]] = []
    pending: list[Line] = []
    for line in block:
        if _has_id(line, ocr):
            parts.append(pending + [line])
            pending = []
        elif parts:
            parts[-1].append(line)
        else:
            pending.append(line)
    return parts


def _seg_text(seg: list[Word]) -> str:
    return " ".join(w.text for w in seg)


def _merge_runs(runs: list[Span], touching: bool = True) -> list[Span]:
    """Merge horizontal extents that overlap (or touch) into column spans, left to right."""
    spans: list[Span] = []
    for x0, x1 in sorted(runs):
        if spans and x0 <= spans[-1][1] + (1 if touching else 0):
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans


def _columns(lines: list[Line], header: list[Span] | None) -> list[Span]:
    """Columns are the gutters' complement in the table body; the header adds or splits columns.

    Reading columns from the data (not the header's position) copes with headers centred over
    left-aligned text; header spans restore empty columns and split touching ones.
    """
    runs = [(s[0].x0, s[-1].x1) for line in lines for s in segments(line)]
    data = _merge_runs(runs)
    if not header:
        return data
    if len(data) < len(header):
        data = _occupied(runs, max(2, len(lines) // 20))  # stray runs (OCR noise) bridged gutters
    if len(data) < 2:
        return header
    columns: list[Span] = []
    for span in data:
        inside = [h for h in header if span[0] <= (h[0] + h[1]) / 2 <= span[1]]
        cuts = [(a[1] + b[0]) / 2 for a, b in zip(inside, inside[1:], strict=False)]
        edges = [span[0], *cuts, span[1]]
        columns.extend(zip(edges, edges[1:], strict=False))
    for h in header:
        if not any(c[0] <= (h[0] + h[1]) / 2 <= c[1] for c in columns):
            # a header over no column of its own: its data was swallowed by a neighbour, so the
            # neighbour ends where this header begins
            columns = [(c[0], h[0]) if c[0] < h[0] < c[1] else c for c in columns] + [h]
    return sorted(columns)


def _occupied(runs: list[Span], floor: int) -> list[Span]:
    """Return the x ranges covered by at least `floor` runs: a few stray runs cannot bridge a gutter."""
    if not runs:
        return []
    left = int(min(r[0] for r in runs))
    counts = [0] * (int(max(r[1] for r in runs)) - left + 2)
    for x0, x1 in runs:
        for x in range(int(x0) - left, int(x1) - left + 1):
            counts[x] += 1
    spans: list[Span] = []
    start = None
    for x, count in enumerate(counts):
        if count >= floor and start is None:
            start = x
        elif count < floor and start is not None:
            spans.append((float(start + left), float(x + left)))
            start = None
    return spans


def _column(seg: list[Word], columns: list[Span]) -> int:
    """Return the column holding the run's centre, else the nearest one."""
    centre = (seg[0].x0 + seg[-1].x1) / 2
    return min(range(len(columns)),
               key=lambda i: 0.0 if columns[i][0] <= centre <= columns[i][1]
               else min(abs(centre - columns[i][0]), abs(centre - columns[i][1])))


def _row(page: Page, lines: list[Line], spans: list[Span], header: bool = False) -> Row:
    cells: list[list[str]] = [[] for _ in spans]
    for line in lines:
        for k, seg in enumerate(header_segments(line) if header else segments(line)):
            text = _seg_text(seg)
            if page.ocr and k == 0 and not header:
                text = ocr_id(text, line.text) or text  # "6.13" → "A.6.1.3"
            cells[_column(seg, spans)].append(text)
    box = (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines),
           max(ln.bbox[2] for ln in lines), max(ln.bbox[3] for ln in lines))
    return Row(page.number, [" ".join(c) for c in cells], box, " ".join(ln.text for ln in lines), page.ocr)
