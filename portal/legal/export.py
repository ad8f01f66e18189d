"""The portfolio as CSV or XLSX: one row per assessment, with its flags, from the dashboard's filters."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..assessments.dashboard import DashboardQuery, portfolio
from ..extensions import db
from ..models import Scoring

# Far above any real portfolio; the export is every matching row, not a page of them.
EXPORT_LIMIT = 1_000_000
IN_CHUNK = 900  # ids per IN (...) list, under SQLite's bound-parameter limit on old builds
HEADER = ("Assessment", "Supplier", "Product", "Rating", "Status", "High flags", "Medium flags",
          "Low flags", "Flags", "Certificate expiry", "Rated for", "Updated")
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportRow:
    """One assessment as it appears in the export."""

    id: int
    supplier: str
    product: str
    rating: str
    status: str
    high: int
    medium: int
    low: int
    flags: str
    expiry: dt.date | None
    rated_for: dt.date | None
    updated: dt.date

    def cells(self) -> tuple[Any, ...]:
        """Return the row's values in HEADER order (text made safe for spreadsheets)."""
        return tuple(_safe(v) for v in dataclasses.astuple(self))


def export_rows(scope: Any, query: DashboardQuery) -> list[ExportRow]:
    """Return every assessment in `scope` matching the dashboard query, in its sort order."""
    page = portfolio(scope, dataclasses.replace(query, page=1), page_size=EXPORT_LIMIT)
    latest = _latest_flags([r.id for r in page.rows])
    return [_row(r, *latest.get(r.id, ("", None))) for r in page.rows]


def _row(r: Any, codes: str, rated_for: dt.date | None) -> ExportRow:
    return ExportRow(r.id, r.supplier_name, r.product, r.rating or "not rated", r.status.replace("_", " "),
                     r.flags_high, r.flags_medium, r.flags_low, codes, r.expiry_date, rated_for,
                     r.updated_at.date())


def _latest_flags(ids: Sequence[int]) -> dict[int, tuple[str, dt.date | None]]:
    """Return assessment id -> (flag codes of its latest scoring, the date it was scored for)."""
    out: dict[int, tuple[str, dt.date | None]] = {}
    for start in range(0, len(ids), IN_CHUNK):
        chunk = list(ids[start:start + IN_CHUNK])
        newest = (sa.select(sa.func.max(Scoring.id)).where(Scoring.assessment_id.in_(chunk))
                  .group_by(Scoring.assessment_id))
        rows = db.session.execute(sa.select(Scoring.assessment_id, Scoring.flags, Scoring.assessment_date)
                                  .where(Scoring.id.in_(newest)))
        for assessment_id, flags, day in rows:
            codes = sorted({str(f.get("code")) for f in flags or [] if isinstance(f, dict) and f.get("code")})
            out[assessment_id] = ("; ".join(codes), day)
    return out


def to_csv(rows: Iterable[ExportRow]) -> bytes:
    """Return the rows as UTF-8 CSV (with a byte-order mark so spreadsheet programs read accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v)
                         for v in row.cells()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[ExportRow]) -> bytes:
    """Return the rows as an Excel workbook (dates as real dates, header frozen)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Portfolio"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row.cells()))
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKL", (11, 28, 28, 10, 12, 10, 10, 10, 48, 16, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2, min_col=10, max_col=12):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
