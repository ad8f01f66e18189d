"""Stage `lines_to_fields` for Statements of Applicability: header fields and every control row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from . import lexicon, soa_grid, soa_meta
from .controls import ANNEX_A, cell_id, is_marker, is_x_mark, leading_id, ocr_mark, parse_marker
from .model import Control, Evidence, SoaExtraction
from .pages import Line, Page
from .settings import ParseSettings
from .soa_grid import Row, header_role, header_row


@dataclass(frozen=True)
class Mapping:
    """Which column holds the id, the applicability marker and the justification."""

    ncols: int
    id: int
    applicable: int | None
    justification: int | None
    x_means: bool | None = None
    negative: int | None = None  # a second marker column ("Yes" | "No" ticked), if any
    # separate inclusion and exclusion justification columns: a row fills one of them
    justification_alt: int | None = None

    def justification_of(self, row: Row) -> str | None:
        """Return the row's justification: its first filled justification cell."""
        for col in (self.justification, self.justification_alt):
            if col is not None and row.cell(col):
                return row.cell(col)
        return None


def extract(pages: list[Page], settings: ParseSettings) -> SoaExtraction:
    """Extract holder, version, date and every control row."""
    result = SoaExtraction()
    soa_meta.fill(result, pages)
    tabled = _table_controls(pages, settings)
    listed = _list_controls(pages)
    result.controls = tabled if len(tabled) >= len(listed) else listed
    return result


# ---------------------------------------------------------------- header roles


def _header_mapping(header: list[str], data: list[Row]) -> Mapping | None:
    """Map columns from a header row, letting cell contents settle id and marker columns."""
    roles = [header_role(text) for text in header]
    named = {r for r, _ in roles if r}
    if len(named - {"title", "other"}) < 2 and not ({"id", "applicable"} <= named):
        return None
    return _mapping(len(header), data, roles, header)


def _mapping(ncols: int, data: list[Row], roles: list[tuple[str | None, float]],
             header: list[str] | None = None) -> Mapping | None:
    id_col = _id_column(ncols, data, roles)
    if id_col is None:
        return None
    paired = _paired_columns(header or [], exclude=id_col)
    if paired:
        return _paired_mapping(ncols, id_col, paired, roles)
    extras = {i for i, (r, _) in enumerate(roles) if r == "other"}  # status, evidence, owner
    app_col = _marker_column(ncols, data, roles, exclude={id_col} | extras)
    taken = {id_col} | extras | ({app_col} if app_col is not None else set())
    just = [i for i, (r, _) in enumerate(roles) if r == "justification" and i not in taken]
    if just:
        just_col: int | None = max(just, key=lambda i: roles[i][1])
        alt = [i for i in just if i != just_col]
        return Mapping(ncols, id_col, app_col, just_col, _x_meaning(data, app_col),
                       justification_alt=alt[0] if len(alt) == 1 else None)
    if any(r for r, _ in roles):
        # a header that names no justification column has none, unless a label is unreadable
        # (OCR turns "Justification" on a shaded bar into "Ju:")
        unreadable = {i for i, text in enumerate(header or []) if not re.search(r"[^\W\d_]{4}", text)}
        others = set(range(ncols)) - (unreadable - taken)
        just_col = _guess_justification(ncols, data, others, id_col) if unreadable - taken else None
    else:
        just_col = _guess_justification(ncols, data, taken, id_col)
    return Mapping(ncols, id_col, app_col, just_col, _x_meaning(data, app_col))


def _paired_columns(header: list[str], exclude: int) -> tuple[int, int] | None:
    """Find a "Yes" | "No" (or "Applicable" | "Not applicable") pair of tick columns."""
    meanings = {i: parse_marker(text) for i, text in enumerate(header) if i != exclude}
    positive = [i for i, m in meanings.items() if m is True]
    negative = [i for i, m in meanings.items() if m is False]
    return (positive[0], negative[0]) if len(positive) == 1 and len(negative) == 1 else None


def _paired_mapping(ncols: int, id_col: int, paired: tuple[int, int],
                    roles: list[tuple[str | None, float]]) -> Mapping:
    taken = {id_col, *paired}
    just = [i for i, (r, _) in enumerate(roles) if r == "justification" and i not in taken]
    return Mapping(ncols, id_col, paired[0], just[0] if just else None, True, paired[1])


def _id_column(ncols: int, data: list[Row], roles: list[tuple[str | None, float]]) -> int | None:
    counts = [sum(1 for row in data if cell_id(row.cell(i))) for i in range(ncols)]
    best = max(range(ncols), key=lambda i: (counts[i], roles[i][0] == "id"), default=None)
    return best if best is not None and counts[best] > 0 else None


def _marker_column(ncols: int, data: list[Row], roles: list[tuple[str | None, float]],
                   exclude: set[int]) -> int | None:
    """Pick the applicability column: a header naming it wins if it holds marks, else the most marks."""
    counts = {i: _marker_counts(data, i) for i in range(ncols) if i not in exclude}
    named = [i for i in counts if roles[i][0] == "applicable"]
    marked_named = [i for i in named if counts[i][0] > 0]
    if marked_named:
        return max(marked_named, key=lambda i: (counts[i][0], -i))
    mostly = [i for i, (marks, filled) in counts.items() if marks and marks >= filled / 2]
    if mostly:
        return max(mostly, key=lambda i: (counts[i][0], -i))
    return named[0] if named else None


def _marker_counts(data: list[Row], col: int) -> tuple[int, int]:
    """Count a column's cells that read as short applicability marks, and its filled cells."""
    filled = [row for row in data if row.cell(col)]
    marks = sum(1 for row in filled
                if len(row.cell(col)) <= 30 and is_marker(row.cell(col), scanned=row.scanned))
    return marks, len(filled)


def _x_meaning(data: list[Row], app_col: int | None) -> bool | None:
    """A bare x ticks a box when the column holds only x marks and blanks; beside other marks it crosses."""
    if app_col is None:
        return None
    values = [row.cell(app_col) for row in data if row.cell(app_col)]
    return all(is_x_mark(v) for v in values)


def _guess_justification(ncols: int, data: list[Row], taken: set[int], id_col: int) -> int | None:
    """Without a header, the justification is the longest free-text column that is not the title."""
    def is_title(i: int) -> bool:
        hits = [fuzz.token_set_ratio(row.cell(i), ANNEX_A.get(cell_id(row.cell(id_col)) or "", ""))
                for row in data if row.cell(i) and cell_id(row.cell(id_col))]
        return bool(hits) and sum(h >= 80 for h in hits) >= len(hits) / 2

    free = [i for i in range(ncols) if i not in taken and not is_title(i)]
    lengths = {i: sum(len(row.cell(i)) for row in data) for i in free}
    best = max(free, key=lambda i: lengths[i], default=None)
    return best if best is not None and lengths[best] > 0 else None


# ---------------------------------------------------------------- rows to controls


@dataclass
class _Builder:
    """Turns table rows (page after page) into controls, carrying the mapping across pages."""

    controls: list[Control] = field(default_factory=list)
    mapping: Mapping | None = None
    seen: set[str] = field(default_factory=set)
    current: Control | None = None

    def feed(self, rows: list[Row]) -> None:
        """Read one table's rows; header rows set the mapping, a header-less table reuses it."""
        first_id = next((i for i, row in enumerate(rows) if any(cell_id(c) for c in row.cells)), None)
        if first_id is None:
            self.current = None
            return
        header = _join_header(rows[:first_id])
        data = rows[first_id:]
        mapping = _header_mapping(header, data) if header else None
        if mapping is None and self.mapping and self.mapping.ncols == len(rows[0].cells):
            mapping = self.mapping
        if mapping is None and sum(1 for row in data if any(cell_id(c) for c in row.cells)) >= 3:
            # no header: trust the contents only when several rows read as controls ("3.3" alone
            # may be a version number)
            mapping = _mapping(len(rows[0].cells), data, [(None, 0.0)] * len(rows[0].cells))
        if mapping is None:
            self.current = None
            return
        if mapping is not self.mapping:
            self.mapping = mapping
        self._continue(rows[:first_id], mapping)
        for row in data:
            self._row(row, mapping)

    def _continue(self, leading: list[Row], mapping: Mapping) -> None:
        """Append a row split by a page break (no id, no header) to the previous control."""
        for row in leading:
            if self.current is None or header_row(row.cells) or row.cell(mapping.id):
                return
            self._extend(row, mapping)

    def _row(self, row: Row, mapping: Mapping) -> None:
        cid = cell_id(row.cell(mapping.id))
        if cid is None:
            if self.current is not None and not row.cell(mapping.id):
                self._extend(row, mapping)
            elif row.cell(mapping.id):
                self.current = None  # a heading row ("A.6 AI system life cycle") ends the control
            return
        if cid in self.seen:
            self.current = None
            return
        marker = row.cell(mapping.applicable) if mapping.applicable is not None else ""
        justification = _clean(mapping.justification_of(row))
        applicable = _applicable(row, marker, justification, mapping)
        control = Control(cid, applicable, justification, Evidence(row.page, row.text, row.bbox))
        self.controls.append(control)
        self.seen.add(cid)
        self.current = control

    def _extend(self, row: Row, mapping: Mapping) -> None:
        assert self.current is not None
        if mapping.justification_of(row):
            extra = _clean(mapping.justification_of(row))
            joined = f"{self.current.justification} {extra}" if self.current.justification else extra
            self.current.justification = _clean(joined)


def _join_header(rows: list[Row]) -> list[str]:
    if not rows:
        return []
    header_rows = [row for row in rows if any(header_role(c)[0] for c in row.cells)]
    if not header_rows:
        return []
    start = rows.index(header_rows[0])
    ncols = len(rows[0].cells)
    return [" ".join(row.cell(i) for row in rows[start:] if row.cell(i)) for i in range(ncols)]


_NEGATIVE = re.compile(r"\b(?:not\s+applicable|n/a|excluded?|out\s+of\s+scope|not\s+included|"
                       r"not\s+relevant|not\s+selected|does\s+not\s+apply)\b", re.I)


def _applicable(row: Row, marker: str, justification: str | None, mapping: Mapping) -> bool:
    """Read the row's applicability from its marker column(s), inferring when the mark is unclear."""
    if mapping.negative is not None:
        if marker and not row.cell(mapping.negative):
            return True
        if row.cell(mapping.negative) and not marker:
            return False
    else:
        found = parse_marker(marker, x_means=mapping.x_means, scanned=row.scanned)
        if found is not None:
            return found
        if mapping.x_means and not marker:
            return False  # an unticked checkbox
    # a status such as "Implemented" or "Planned" implies the control is in; a blank marker
    # defers to the justification's wording
    return not _NEGATIVE.search(marker or justification or "")


_PLACEHOLDER = re.compile(r"^[-–—./\s]*$")


def _clean(text: str | None) -> str | None:
    """Collapse whitespace, join hyphenated line breaks; blank or dash-only cells are None."""
    if text is None:
        return None
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"\s+", " ", text).strip()
    return None if _PLACEHOLDER.match(text) else text


def _table_controls(pages: list[Page], settings: ParseSettings) -> list[Control]:
    builder = _Builder()
    spans: list[tuple[float, float]] | None = None
    for page in pages:
        tables, spans = soa_grid.page_tables(page, spans)
        for rows in tables:
            builder.feed(rows)
    return builder.controls


# ---------------------------------------------------------------- list-style fallback

@cache
def _justification_label() -> re.Pattern[str]:
    words = lexicon.phrases("soa", "columns", "justification")
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation(words)})\s*[:\-–—]\s*", re.I)


@cache
def _marker_phrase() -> re.Pattern[str]:
    """A whole-word applicability mark after a space, dash, colon or bar ("… — Applicable").

    A word followed by a colon is the label of the mark, not the mark ("Applicable: No")."""
    # single letters ("y", "n") are words of sentences too; single symbols ("✓", "✗") are marks only
    words = [w for part in ("applies", "does_not_apply") for w in lexicon.phrases("soa", part)
             if len(w) > 1 or not w.isalnum()]
    return re.compile(rf"(?:^|[\s—–:\-|(])({lexicon.alternation(words)})(?![\w/-])(?!\s*:)", re.I)


def _list_controls(pages: list[Page]) -> list[Control]:
    """Read SoAs written as paragraphs: "A.6.2.4 Title — Applicable. Justification: ..."."""
    scanned = {page.number for page in pages if page.ocr}
    found: list[tuple[str, str, str | None, Evidence]] = []
    seen: set[str] = set()
    for cid, text, evidence in _paragraphs(pages):
        if cid in seen:
            continue
        parsed = _parse_paragraph(text, evidence.page in scanned)
        if parsed is None:
            continue
        found.append((cid, *parsed, evidence))
        seen.add(cid)
    # a bare x ticks when every mark is an x, and crosses beside other marks (as in a table column)
    x_means = all(is_x_mark(marker) for _, marker, _, _ in found)
    controls = []
    for cid, marker, justification, evidence in found:
        applicable = parse_marker(marker, x_means=x_means, scanned=evidence.page in scanned)
        if applicable is not None:
            controls.append(Control(cid, applicable, justification, evidence))
    return controls


_MARGIN = 0.12  # running headers and footers sit in the top or bottom eighth of a page ...
_OUTER_LINES = 2  # ... as its first or last lines


def _running_lines(pages: list[Page]) -> set[int]:
    """Return the ids of running headers and footers, which continue no control: a page's first or
    last lines that name the document ("Statement of Applicability · Version 2.1"), or that recur at
    the same height on every page (every page but the first, when there are three or more)."""
    def outer(page: Page) -> list[Line]:
        return page.lines[:_OUTER_LINES] + page.lines[-_OUTER_LINES:]

    def key(line: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text.lower()), round(line.top / 4)

    seen: dict[tuple[str, int], set[int]] = {}
    for page in pages:
        for line in outer(page):
            if line.top < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN):
                seen.setdefault(key(line), set()).add(page.number)
    every = {p.number for p in pages}
    recurring = {k for k, on in seen.items()
                 if len(every) > 1 and (on == every or (len(on) >= 3 and on == every - {pages[0].number}))}
    return {id(line) for page in pages for line in outer(page)
            if key(line) in recurring or (soa_meta.names_document(line.text) and not leading_id(line.text))}


def _paragraphs(pages: list[Page]) -> list[tuple[str, str, Evidence]]:
    found: list[tuple[str, str, Evidence]] = []
    running = _running_lines(pages)
    for page in pages:
        for line in page.lines:
            if id(line) in running:
                continue
            split = leading_id(line.text)
            if split:
                found.append((split[0], split[1], line.evidence()))
            elif found and not header_row([line.text]):  # a control may run on over a page break
                cid, text, ev = found[-1]
                found[-1] = (cid, f"{text} {line.text}", ev)
    return found


_LABELLED_VALUE = re.compile(r":\s*(\S{1,2})\s*$")  # "Applicable: v", the whole value after a label


def _parse_paragraph(text: str, scanned: bool) -> tuple[str, str | None] | None:
    """Return a paragraph's applicability mark as printed and its justification; None without a mark."""
    label = _justification_label().search(text)
    head = text[:label.start()] if label else text
    justification = _clean(text[label.end():]) if label else None
    marker = _marker_phrase().search(head)
    if marker is None or parse_marker(marker.group(1)) is None:
        glyph = _LABELLED_VALUE.search(head) if scanned else None
        if glyph is None or not (is_x_mark(glyph.group(1)) or ocr_mark(glyph.group(1)) is not None):
            return None
        return glyph.group(1), justification  # OCR's reading of a tick or cross glyph
    if justification is None:
        rest = head[marker.end():].lstrip(" .;:—–-")
        justification = _clean(rest) if rest else None
    return marker.group(1), justification
