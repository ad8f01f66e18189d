"""The abstract page model every producer renders: text, label/value pairs, tables, sidebars.

Composers build these blocks from the choices; renderers (reportlab, fpdf2, LibreOffice, Chromium) draw
them. Nothing here knows the truth: a block is only what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["title", "subtitle", "heading", "body", "strong", "small", "big", "mark"]
Align = Literal["left", "center", "right"]
PairMode = Literal["right", "below", "inline"]

# Point sizes and weights of the styles, the same for every producer.
SIZES: dict[str, float] = {
    "title": 20,
    "subtitle": 12,
    "heading": 12,
    "body": 9.5,
    "strong": 9.5,
    "small": 7,
    "big": 14,
    "mark": 8,
}
BOLD = {"title", "heading", "strong", "big", "mark"}


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the frame's width."""

    text: str
    style: Style = "body"
    align: Align = "left"


@dataclass(frozen=True)
class Pair:
    """A label and its value: value to the right (a two-column row), below, or inline after a colon.

    `label` has one line, or two when a bilingual label is stacked (local language, then English).
    `value` has one entry per printed line (several sites, several dates).
    """

    label: tuple[str, ...]
    value: tuple[str, ...]
    mode: PairMode = "right"


@dataclass(frozen=True)
class Table:
    """A table; with `header`, the first row is a header row (bold, repeated on each page when `repeat`)."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the frame's width, summing to 1
    header: bool = True
    borders: bool = True
    repeat: bool = True
    small: bool = False


@dataclass(frozen=True)
class Columns:
    """A sidebar layout: two columns side by side; `split` is the left column's share of the width."""

    left: tuple[Block, ...]
    right: tuple[Block, ...]
    split: float = 0.3


@dataclass(frozen=True)
class Spacer:
    """Vertical space in points."""

    height: float = 12.0


Block = Text | Pair | Table | Columns | Spacer


@dataclass
class Page:
    """One page: a letterhead at the top, the body, and a footer at the bottom."""

    blocks: list[Block]
    letterhead: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()


@dataclass
class Document:
    """A whole document and the page it is printed on."""

    pages: list[Page]
    page_size: Literal["A4", "Letter"] = "A4"
    landscape: bool = False
    font: Literal["sans", "serif"] = "sans"
    flowing: bool = False  # long tables that may run over several pages (SoAs)
    meta: dict[str, str] = field(default_factory=dict)

    def page_points(self) -> tuple[float, float]:
        """Return (width, height) in points."""
        width, height = (595.28, 841.89) if self.page_size == "A4" else (612.0, 792.0)
        return (height, width) if self.landscape else (width, height)
