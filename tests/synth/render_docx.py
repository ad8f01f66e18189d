"""Write a layout Document as .docx (python-docx) and convert many to PDF in one LibreOffice call."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .layout import BOLD, SIZES, Block, Columns, Document, Page, Pair, Spacer, Table, Text

FONTS = {"sans": "DejaVu Sans", "serif": "DejaVu Serif"}
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
MARGIN = Pt(46)


def _paragraph(container: Any, text: str, style: str = "body", align: str = "left") -> None:
    par = container.add_paragraph()
    par.alignment = ALIGN[align]
    par.paragraph_format.space_after = Pt(2)
    for i, line in enumerate(text.split("\n")):
        run = par.add_run(line)
        run.font.size = Pt(SIZES[style])
        run.bold = style in BOLD
        if i < len(text.split("\n")) - 1:
            run.add_break()


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _repeat_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _fix_widths(table: Any, widths: Sequence[float]) -> None:
    """Set the grid's column widths: LibreOffice lays a table out by its grid, not by the cells' widths."""
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 20)))  # twentieths of a point
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)


def _table(container: Any, table: Table, width: float, bold_first: bool = False) -> None:
    out = container.add_table(rows=len(table.rows), cols=len(table.widths))
    out.autofit = False
    _fix_widths(out, [width * share for share in table.widths])
    if table.borders:
        out.style = "Table Grid"
    else:
        _no_borders(out)
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            cell = out.cell(r, c)
            cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
            bold = (table.header and r == 0) or (bold_first and c == 0)
            _paragraph(cell, text, "strong" if bold else ("small" if table.small else "body"))
    if table.header and table.repeat:
        _repeat_header(out.rows[0])


def _block(container: Any, block: Block, width: float) -> None:
    if isinstance(block, Text):
        _paragraph(container, block.text, block.style, block.align)
    elif isinstance(block, Spacer):
        spacer = container.add_paragraph()
        spacer.paragraph_format.space_after = Pt(max(block.height - 10, 0))
        spacer.paragraph_format.line_spacing = Pt(8)
    elif isinstance(block, Pair):
        if block.mode == "inline":
            _paragraph(container, f"{' / '.join(block.label)}: {', '.join(block.value)}")
        elif block.mode == "below":
            _paragraph(container, "\n".join(block.label), "strong")
            _paragraph(container, "\n".join(block.value))
        else:
            rows = (("\n".join(block.label), "\n".join(block.value)),)
            _table(container, Table(rows, (0.36, 0.64), header=False, borders=False), width, bold_first=True)
    elif isinstance(block, Table):
        _table(container, block, width)
    else:
        _columns(container, block, width)


def _columns(container: Any, cols: Columns, width: float) -> None:
    out = container.add_table(rows=1, cols=2)
    out.autofit = False
    _no_borders(out)
    _fix_widths(out, [width * cols.split, width * (1 - cols.split)])
    for cell, blocks, share in (
        (out.cell(0, 0), cols.left, cols.split),
        (out.cell(0, 1), cols.right, 1 - cols.split),
    ):
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
        for block in blocks:
            _block(cell, block, width * share - 10)


def _section(doc: Any, page: Page, first: bool, spec: Document) -> Any:
    section = doc.sections[0] if first else doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = spec.page_points()
    section.orientation = WD_ORIENT.LANDSCAPE if spec.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    head, foot = section.header.paragraphs[0], section.footer.paragraphs[0]
    for i, line in enumerate(page.letterhead):
        run = head.add_run(line)
        run.bold, run.font.size = i == 0, Pt(13 if i == 0 else 8)
        if i < len(page.letterhead) - 1:
            run.add_break()
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(page.footer):
        run = foot.add_run(line)
        run.font.size = Pt(7)
        if i < len(page.footer) - 1:
            run.add_break()
    return section


def write_docx(spec: Document, path: Path) -> None:
    """Write `spec` as a .docx file."""
    doc = new_docx()
    style = doc.styles["Normal"]
    style.font.name = FONTS[spec.font]
    style.font.size = Pt(SIZES["body"])
    style.paragraph_format.space_after = Pt(2)
    style.paragraph_format.space_before = Pt(0)
    body_width = spec.page_points()[0] - 2 * 46
    for i, page in enumerate(spec.pages):
        _section(doc, page, i == 0, spec)
        for block in page.blocks:
            _block(doc, block, body_width)
    doc.save(str(path))


def convert_many(docx_files: Sequence[Path], out_dir: Path, timeout: float = 900) -> None:
    """Convert .docx files to PDF in `out_dir` with one headless LibreOffice run (its own profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise FileNotFoundError("soffice (Debian package libreoffice-writer) is not installed")
    with tempfile.TemporaryDirectory(prefix="synth-lo-") as profile:
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "HOME": profile},
        )
