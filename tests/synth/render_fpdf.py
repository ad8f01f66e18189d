"""Draw a layout Document with fpdf2 (cells, multi-cells and its table API)."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from .layout import BOLD, SIZES, Block, Columns, Document, Page, Pair, Spacer, Table, Text
from .render_reportlab import FONT_FILES

MARGIN = 46.0


class _PDF(FPDF):
    """FPDF drawing the current logical page's letterhead and footer on every physical page."""

    current: Page | None = None
    pending: Page | None = None  # footer() of the old page runs inside add_page(), before header() of the new

    def header(self) -> None:
        self.current = self.pending
        if not self.current:
            return
        for i, line in enumerate(self.current.letterhead):
            self.set_font("synth", "B" if i == 0 else "", 13 if i == 0 else 8)
            self.set_xy(MARGIN, 28 + i * 13)
            self.cell(0, 12, line)
        self.set_y(MARGIN + 14 * len(self.current.letterhead))

    def footer(self) -> None:
        if not self.current:
            return
        self.set_font("synth", "", 7)
        for i, line in enumerate(self.current.footer):
            self.set_xy(MARGIN, self.h - 22 - 10 * (len(self.current.footer) - i))
            self.cell(self.w - 2 * MARGIN, 9, line, align="C")


class _Drawer:
    def __init__(self, pdf: _PDF, scale: float) -> None:
        self.pdf = pdf
        self.scale = scale

    def font(self, style: str) -> float:
        size = SIZES[style] * self.scale
        self.pdf.set_font("synth", "B" if style in BOLD else "", size)
        return size * 1.3

    def block(self, block: Block, x: float, width: float) -> None:
        if isinstance(block, Text):
            self._text(block.text, block.style, block.align, x, width)
        elif isinstance(block, Spacer):
            self.pdf.ln(block.height)
        elif isinstance(block, Pair):
            self._pair(block, x, width)
        elif isinstance(block, Table):
            self._table(block, x, width)
        else:
            self._columns(block, x, width)

    def _text(self, text: str, style: str, align: str, x: float, width: float) -> None:
        leading = self.font(style)
        self.pdf.set_x(x)
        self.pdf.multi_cell(
            width,
            leading,
            text,
            align={"left": "L", "center": "C", "right": "R"}[align],
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def _pair(self, pair: Pair, x: float, width: float) -> None:
        if pair.mode == "inline":
            self._text(f"{' / '.join(pair.label)}: {', '.join(pair.value)}", "body", "left", x, width)
        elif pair.mode == "below":
            self._text("\n".join(pair.label), "strong", "left", x, width)
            self._text("\n".join(pair.value), "body", "left", x, width)
        else:
            rows = (("\n".join(pair.label), "\n".join(pair.value)),)
            self._table(Table(rows, (0.36, 0.64), header=False, borders=False), x, width, bold_first=True)

    def _table(self, table: Table, x: float, width: float, bold_first: bool = False) -> None:
        size = SIZES["small" if table.small else "body"] * self.scale
        self.pdf.set_font("synth", "", size)
        self.pdf.set_x(x)
        widths = tuple(width * f for f in table.widths)
        heading = FontFace(emphasis="BOLD", fill_color=(228, 228, 228)) if table.header else None
        options: dict[str, Any] = {
            "col_widths": widths,
            "width": width,
            "align": "LEFT",
            "line_height": size * 1.3,
            "borders_layout": "ALL" if table.borders else "NONE",
            "first_row_as_headings": table.header,
            "text_align": "LEFT",
            "v_align": "TOP",
            "padding": 2,
        }
        if table.header:
            options["headings_style"] = heading
            options["repeat_headings"] = 1 if table.repeat else 0
        self.pdf.l_margin, saved = x, self.pdf.l_margin
        with self.pdf.table(**options) as out:
            for row in table.rows:
                cells = out.row()
                for i, text in enumerate(row):
                    style = FontFace(emphasis="BOLD") if bold_first and i == 0 else None
                    cells.cell(text, style=style)
        self.pdf.l_margin = saved
        self.pdf.ln(3)

    def _columns(self, cols: Columns, x: float, width: float) -> None:
        top, page = self.pdf.get_y(), self.pdf.page
        left_w = width * cols.split
        ends = []
        for blocks, cx, cw in ((cols.left, x, left_w - 8), (cols.right, x + left_w + 8, width - left_w - 8)):
            self.pdf.page, self.pdf.y = page, top
            saved = self.pdf.l_margin
            self.pdf.l_margin = cx
            for block in blocks:
                self.block(block, cx, cw)
            self.pdf.l_margin = saved
            ends.append((self.pdf.page, self.pdf.get_y()))
        self.pdf.page, self.pdf.y = max(ends)


def render(doc: Document) -> bytes:
    """Return the PDF bytes of `doc` drawn by fpdf2."""
    width, height = doc.page_points()
    pdf = _PDF(
        orientation="L" if doc.landscape else "P", unit="pt", format=(min(width, height), max(width, height))
    )
    pdf.add_font("synth", "", FONT_FILES[doc.font][0])
    pdf.add_font("synth", "B", FONT_FILES[doc.font][1])
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, 30 + 10 * max((len(p.footer) for p in doc.pages), default=0))
    drawer = _Drawer(pdf, 0.9 if doc.landscape else 1.0)
    for page in doc.pages:
        pdf.pending = page
        pdf.add_page()
        for block in page.blocks:
            drawer.block(block, MARGIN, pdf.w - 2 * MARGIN)
    return bytes(pdf.output())
