"""Stage `find_structures`: what a certificate's fields are read from, found once for every field.

Like pdfplumber's table finder (edges → intersections → cells → tables), each structure is built
from the one before: segments (cert_layout) → label/value pairs and paragraphs → tables → annex pages.
Field readers (cert_read_*.py) only look at these structures, never at the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import lexicon
from .cert_layout import Layout, Segment, below, build_layout, continues
from .cert_tables import DATE_COLUMNS, Table, find_stacked_tables, find_tables
from .cert_values import Value, broken_number, claimed_below, read_value
from .dates import Order, infer_order
from .model import Evidence
from .pages import Page

# Fields whose value may run over several lines of its column.
MULTILINE = frozenset({"scope", "sites", "accreditation_body", "holder", "certification_body",
                       "surveillance_dates"})
ANNEX_TITLE_LINES = 3  # an annex page names itself in its first lines


@dataclass(frozen=True)
class PageInfo:
    """A page's number, size and whether it was read by OCR."""

    number: int
    width: float
    height: float
    ocr: bool


@dataclass
class Pair:
    """A label and the value printed for it: inline after it, to its right, or below it."""

    field: str
    label: Segment
    value: Value
    placement: str  # "inline" | "right" | "below"

    @property
    def page(self) -> int:
        """Return the 1-based page the label is on."""
        return self.label.page


@dataclass
class Paragraph:
    """Segments of one column that continue each other: running text, read as one string."""

    page: int
    segments: list[Segment]
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # what readers find in it, found once

    def __post_init__(self) -> None:
        text = ""
        for seg in self.segments:
            if text and not broken_number(text, seg.text):
                text += " "  # a line broken inside a number or date joins without one
            self.offsets.append(len(text))
            text += seg.text
        self.text = text

    def segment_at(self, pos: int) -> Segment:
        """Return the segment holding character `pos` of the paragraph's text."""
        index = 0
        for i, start in enumerate(self.offsets):
            if start <= pos:
                index = i
        return self.segments[index]

    def labelled_at(self, pos: int) -> bool:
        """Return whether `pos` opens a labelled segment: a label/value pair, read as such, not as prose."""
        return any(start == pos and seg.label is not None for seg, start in zip(self.segments, self.offsets,
                                                                                 strict=True))

    def evidence(self, start: int, end: int) -> list[Evidence]:
        """Return the evidence of every segment the text span [start, end) lies on."""
        out = []
        for seg, offset in zip(self.segments, self.offsets, strict=True):
            if offset < end and start < offset + len(seg.text) + 1:
                out.append(seg.evidence())
        return out or [self.segments[0].evidence()]


@dataclass
class Structures:
    """Everything the field readers see of one document."""

    pages: list[PageInfo]
    layout: Layout
    text: str
    order: Order | None
    order_reason: str
    pairs: list[Pair]
    paragraphs: list[Paragraph]
    tables: list[Table]
    annex_pages: frozenset[int]

    @property
    def reading_text(self) -> str:
        """Return the text column by column: every segment on its own line, then every paragraph whole."""
        segments = "\n".join(seg.text for seg in self.layout.all())
        return segments + "\n" + "\n".join(p.text for p in self.paragraphs)

    def pairs_for(self, name: str) -> list[Pair]:
        """Return the label/value pairs of one field, in reading order."""
        return [p for p in self.pairs if p.field == name]

    def page(self, number: int) -> PageInfo:
        """Return a page by its 1-based number."""
        return self.pages[number - 1]


def find_structures(pages: list[Page], cutoff: float) -> Structures:
    """Find every structure of the document once: segments, pairs, paragraphs, tables, annex pages."""
    layout = build_layout(pages, cutoff)
    text = "\n".join(p.text for p in pages)
    order, why = infer_order(text)
    infos = [PageInfo(p.number, p.width, p.height, p.ocr) for p in pages]
    paragraphs = [para for number, segs in enumerate(layout.pages, start=1)
                  for para in find_paragraphs(number, segs)]
    tables = [table for segs in layout.pages for table in _tables(segs)]
    return Structures(infos, layout, text, order, why, find_pairs(layout, tables), paragraphs, tables,
                      annex_pages(layout))


def _tables(segs: list[Segment]) -> list[Table]:
    """Return a page's tables: those headed by a row of labels, and tables of dates whose header cells
    stack several lines each (which, where both read the same header, know its whole labels)."""
    stacked = find_stacked_tables(segs)
    dated = _date_header_words(stacked)
    return [t for t in find_tables(segs) if not any(id(w) in dated for h in t.headers for w in h.words)] \
        + stacked


def _date_header_words(tables: list[Table]) -> set[int]:
    """Return the words of stacked header cells that head a column of dates."""
    return {id(w) for t in tables if t.stacked for h in t.headers
            if h.label is not None and h.label.field in DATE_COLUMNS for w in h.words}


def find_pairs(layout: Layout, tables: list[Table]) -> list[Pair]:
    """Return every label with the value printed for it; a table's header label reads its column.

    A line of a stacked header cell over a column of dates is no label of its own ("certification
    date" under "Fecha de la primera emisión / Initial"): the whole cell is, and its column's value.
    """
    claimed = claimed_below(layout)
    in_tables = {id(h): (table, i) for table in tables for i, h in enumerate(table.headers)}
    dated = _date_header_words(tables)
    pairs = [pair for table in tables if table.stacked for i, h in enumerate(table.headers)
             if h.label is not None and h.label.field != "stop" for pair in _column_pairs(h, table, i)]
    for seg in layout.all():
        if seg.label is None or seg.label.field == "stop":
            continue
        if any(id(w) in dated for w in seg.words) \
                and (seg.label.field in DATE_COLUMNS or all(id(w) in dated for w in seg.words)):
            continue
        if id(seg) in in_tables:
            pairs.extend(_column_pairs(seg, *in_tables[id(seg)]))
            continue
        value = read_value(layout, seg, claimed, multiline=seg.label.field in MULTILINE)
        if value is not None and value.text:
            pairs.append(Pair(seg.label.field, seg, value, _placement(seg, value)))
    return pairs


def _column_pairs(header: Segment, table: Table, index: int) -> list[Pair]:
    """Return the value a header cell's column gives its field: the first row's cell.

    Sites are read from the whole table (cert_read_sites), never one cell at a time.
    """
    assert header.label is not None
    if header.label.field == "sites":
        return []
    cells = table.column(index)
    if not cells:
        return []
    cell = cells[0]
    return [Pair(header.label.field, header, Value(cell.lines, cell.segments(), header), "cell")]


def _placement(label: Segment, value: Value) -> str:
    if value.segments and value.segments[0] is label:
        return "inline"
    first = value.segments[0] if value.segments else label
    return "right" if first.x0 >= label.x1 - 1 and first.top < label.bottom else "below"


def find_paragraphs(page: int, segs: list[Segment]) -> list[Paragraph]:
    """Group a page's segments into paragraphs: each continues the one above it in its column."""
    previous: dict[int, Segment] = {}
    for seg in segs:
        nxt = below(segs, seg)
        if nxt is not None:
            previous.setdefault(id(nxt), seg)
    group_of: dict[int, tuple[list[Segment], list[float | None]]] = {}
    groups: list[list[Segment]] = []
    for seg in sorted(segs, key=lambda s: (s.top, s.x0)):
        prev = previous.get(id(seg))
        held = group_of.get(id(prev)) if prev is not None else None
        if prev is not None and held is not None and held[0][-1] is prev and continues(prev, seg, held[1][0]):
            held[0].append(seg)
            held[1][0] = seg.top - prev.top
            group_of[id(seg)] = held
            continue
        group: list[Segment] = [seg]
        groups.append(group)
        group_of[id(seg)] = (group, [None])
    return [Paragraph(page, group) for group in groups]


@cache
def _annex_title() -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + lexicon.alternation(lexicon.phrases("annex_words")) + r")\b", re.I)


def annex_pages(layout: Layout) -> frozenset[int]:
    """Return the pages after the first that title themselves an annex, schedule or appendix."""
    found = set()
    for number, segs in enumerate(layout.pages, start=1):
        if number == 1:
            continue
        head = sorted(segs, key=lambda s: (s.top, s.x0))[:ANNEX_TITLE_LINES]
        if any(_annex_title().match(s.text) for s in head):
            found.add(number)
    return frozenset(found)


__all__ = ["MULTILINE", "Pair", "PageInfo", "Paragraph", "Structures", "Table", "find_structures"]
