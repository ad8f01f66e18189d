"""Build synthetic Statements of Applicability with reportlab, in layouts the corpus lacks."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from parsers.controls import ANNEX_A

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass(frozen=True)
class Spec:
    """One expected control row."""

    id: str
    applicable: bool
    justification: str | None


def specs(long: bool = False, blank_every: int = 0) -> list[Spec]:
    """Return every Annex A control with a varied applicability and justification."""
    out = []
    for i, (cid, title) in enumerate(ANNEX_A.items()):
        applicable = i % 5 != 3
        relevance = "relevant" if applicable else "not relevant"
        text = f"Control {title.lower()} is {relevance} to our voice platform."
        if long:
            text += " It is reviewed yearly by the AI governance board and the product security team."
        if blank_every and applicable and i % blank_every == 0:
            text = None  # type: ignore[assignment]
        out.append(Spec(cid, applicable, text))
    return out


def _font(symbols: bool) -> str:
    if not symbols:
        return "Helvetica"
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    return "DejaVu"


def table_soa(rows: list[Spec], *, header: list[str], order: list[str], marks: tuple[str, str],
              grid: bool, repeat_header: bool = True, symbols: bool = False, font_size: float = 9,
              padding: float = 4, intro: list[str] | None = None, landscape_page: bool = False,
              valign: str = "TOP", header_align: str = "LEFT", families: bool = False) -> bytes:
    """Return an SoA whose table has the columns named in `order`.

    Columns: "id", "title", "mark", "why", "idtitle" (id and title in one cell), "yes" / "no"
    (a pair of tick columns).
    """
    font = _font(symbols)
    style = ParagraphStyle("cell", fontName=font, fontSize=font_size, leading=font_size * 1.2)
    alignment = {"LEFT": 0, "CENTER": 1, "RIGHT": 2}[header_align]
    head_style = ParagraphStyle("head", parent=style, fontName=font, alignment=alignment)
    data: list[list[object]] = [[Paragraph(h, head_style) for h in header]]
    headings: list[int] = []
    previous_family = None
    for row in rows:
        family = row.id.split(".")[1]
        if families and family != previous_family:
            headings.append(len(data))
            heading = Paragraph(f"A.{family} Controls of clause {family}", head_style)
            data.append([heading] + [""] * (len(order) - 1))
        previous_family = family
        cells = {"id": row.id.removeprefix("A."), "title": ANNEX_A[row.id],
                 "mark": marks[0] if row.applicable else marks[1], "why": row.justification or "",
                 "idtitle": f"{row.id} {ANNEX_A[row.id]}",
                 "yes": marks[0] if row.applicable else "", "no": "" if row.applicable else marks[0]}
        if order[0] == "id" and not symbols:
            cells["id"] = row.id
        data.append([Paragraph(str(cells[c]), style) for c in order])
    widths = {"id": 60, "title": 150, "mark": 70, "why": 210, "idtitle": 190, "yes": 35, "no": 35}
    table = Table(data, colWidths=[widths[c] for c in order], repeatRows=1 if repeat_header else 0)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    commands += [("SPAN", (0, i), (-1, i)) for i in headings]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(commands))
    story: list[object] = [Paragraph(line, style) for line in intro or []] + [Spacer(1, 12), table]
    return _build(story, landscape_page)


def list_soa(rows: list[Spec], intro: list[str]) -> bytes:
    """Return an SoA written as paragraphs, one per control."""
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=8)
    story: list[object] = [Paragraph(line, style) for line in intro]
    for row in rows:
        status = "Applicable" if row.applicable else "Not applicable"
        text = f"{row.id} {ANNEX_A[row.id]} — {status}."
        if row.justification:
            text += f" Justification: {row.justification}"
        story.append(Paragraph(text, style))
    return _build(story, False)


def _build(story: list[object], landscape_page: bool) -> bytes:
    buffer = io.BytesIO()
    size = landscape(A4) if landscape_page else A4
    SimpleDocTemplate(buffer, pagesize=size, leftMargin=40, rightMargin=40).build(story)
    return buffer.getvalue()
