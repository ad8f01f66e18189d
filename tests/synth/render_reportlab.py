"""Draw a layout Document with reportlab's platypus (frames, paragraphs, tables)."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from .layout import BOLD, SIZES, Block, Columns, Document, Page, Pair, Spacer, Table, Text

FONT_FILES = {
    "sans": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    "serif": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
}
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
MARGIN = 48.0


def _fonts(font: str) -> tuple[str, str]:
    regular, bold = f"synth-{font}", f"synth-{font}-bold"
    if regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(regular, FONT_FILES[font][0]))
        pdfmetrics.registerFont(TTFont(bold, FONT_FILES[font][1]))
    return regular, bold


class _Styles:
    def __init__(self, font: str, scale: float) -> None:
        self.regular, self.bold = _fonts(font)
        self.scale = scale

    def para(self, style: str, align: str = "left") -> ParagraphStyle:
        size = SIZES[style] * self.scale
        return ParagraphStyle(
            f"{style}-{align}",
            fontName=self.bold if style in BOLD else self.regular,
            fontSize=size,
            leading=size * 1.25,
            alignment=ALIGN[align],
            spaceAfter=size * 0.3,
        )


def _lines(lines: tuple[str, ...] | str) -> str:
    items = lines.split("\n") if isinstance(lines, str) else lines
    return "<br/>".join(escape(line) for line in items)


class _Builder:
    def __init__(self, styles: _Styles, width: float) -> None:
        self.s = styles
        self.width = width

    def flowables(self, block: Block, width: float) -> list[Flowable]:
        if isinstance(block, Text):
            return [Paragraph(escape(block.text), self.s.para(block.style, block.align))]
        if isinstance(block, Spacer):
            return [RLSpacer(1, block.height)]
        if isinstance(block, Pair):
            return self._pair(block, width)
        if isinstance(block, Table):
            return [self._table(block, width)]
        return [self._columns(block, width)]

    def _pair(self, pair: Pair, width: float) -> list[Flowable]:
        body, label = self.s.para("body"), self.s.para("strong")
        if pair.mode == "inline":
            text = f"<b>{escape(' / '.join(pair.label))}</b>: {escape(', '.join(pair.value))}"
            return [Paragraph(text, ParagraphStyle("inline", parent=body, fontName=self.s.regular))]
        if pair.mode == "below":
            return [Paragraph(_lines(pair.label), label), Paragraph(_lines(pair.value), body)]
        table = RLTable(
            [[Paragraph(_lines(pair.label), label), Paragraph(_lines(pair.value), body)]],
            colWidths=[width * 0.36, width * 0.64],
        )
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)]))
        return [table]

    def _table(self, table: Table, width: float) -> RLTable:
        cell, head = self.s.para("small" if table.small else "body"), self.s.para("strong")
        rows = [
            [Paragraph(_lines(text), head if table.header and r == 0 else cell) for text in row]
            for r, row in enumerate(table.rows)
        ]
        out = RLTable(
            rows,
            colWidths=[width * f for f in table.widths],
            repeatRows=1 if table.header and table.repeat else 0,
        )
        style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if table.borders:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        if table.header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4")))
        out.setStyle(TableStyle(style))
        return out

    def _columns(self, cols: Columns, width: float) -> RLTable:
        left_w, right_w = width * cols.split, width * (1 - cols.split)
        left = [f for b in cols.left for f in self.flowables(b, left_w - 12)]
        right = [f for b in cols.right for f in self.flowables(b, right_w - 12)]
        table = RLTable([[left, right]], colWidths=[left_w, right_w])
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (0, 0), 0.5, colors.grey)])
        )
        return table


def _decorate(page: Page, styles: _Styles, size: tuple[float, float]) -> Any:
    def draw(canvas: Any, _doc: Any) -> None:
        width, height = size
        canvas.saveState()
        for i, line in enumerate(page.letterhead):
            canvas.setFont(styles.bold if i == 0 else styles.regular, 13 if i == 0 else 8)
            canvas.drawString(MARGIN, height - MARGIN + 14 - i * 12 - 14, line)
        canvas.setFont(styles.regular, 7)
        for i, line in enumerate(reversed(page.footer)):
            canvas.drawCentredString(width / 2, 22 + i * 10, line)
        canvas.restoreState()

    return draw


def render(doc: Document) -> bytes:
    """Return the PDF bytes of `doc` drawn by reportlab."""
    size = doc.page_points()
    styles = _Styles(doc.font, 0.9 if doc.landscape else 1.0)
    buf = io.BytesIO()
    top = MARGIN + 14 * max((len(p.letterhead) for p in doc.pages), default=0)
    bottom = 30 + 10 * max((len(p.footer) for p in doc.pages), default=0)
    frame_w = size[0] - 2 * MARGIN
    template = BaseDocTemplate(
        buf,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top,
        bottomMargin=bottom,
        title=doc.meta.get("title", ""),
    )
    frame = Frame(MARGIN, bottom, frame_w, size[1] - top - bottom, id="body")
    template.addPageTemplates(
        [
            PageTemplate(id=f"p{i}", frames=[frame], onPage=_decorate(p, styles, size))
            for i, p in enumerate(doc.pages)
        ]
    )
    builder = _Builder(styles, frame_w)
    story: list[Flowable] = []
    for i, page in enumerate(doc.pages):
        if i:
            story += [NextPageTemplate(f"p{i}"), PageBreak()]
        for block in page.blocks:
            story += builder.flowables(block, frame_w)
    template.build(story)
    return buf.getvalue()
