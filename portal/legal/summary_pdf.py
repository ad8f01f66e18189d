"""Render a LegalSummary as a PDF of at most two pages (fpdf2, built-in fonts, deterministic bytes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from scoring.corrections import display_text
from scoring.legal import CERTIFICATE_ROWS, DocumentFacts, LegalSummary

from .pdftext import latin1, truncate

MAX_PAGES = 2
ESTIMATE_BUDGET = 1.85  # pages; the estimate is rough, so leave room before trying a denser layout
USABLE_HEIGHT_MM = 297 - 12 - 14
USABLE_WIDTH_MM = 210 - 28
SEVERITY_COLOURS = {"high": (170, 20, 20), "medium": (150, 90, 0), "low": (60, 60, 60)}
RATING_COLOURS = {"red": (170, 20, 20), "amber": (150, 90, 0), "green": (20, 110, 40)}


@dataclass(frozen=True)
class Density:
    """How much text fits: tried from roomy to tight until the summary fits two pages."""

    font: float
    quote: int
    evidence: int
    scope: int
    message: int


DENSITIES = (Density(9, 260, 2, 700, 400), Density(8, 160, 1, 420, 260), Density(7, 90, 1, 240, 160),
             Density(6.5, 60, 1, 160, 110))


def render_summary_pdf(summary: LegalSummary) -> bytes:
    """Return the summary as PDF bytes; the same summary always gives the same bytes."""
    data = b""
    # Rendering is the cost: start from the roomiest density whose estimate fits, not always the first.
    start = next((i for i, d in enumerate(DENSITIES) if _estimated_pages(summary, d) <= ESTIMATE_BUDGET),
                 len(DENSITIES) - 1)
    for density in DENSITIES[start:]:
        pdf = _Document(summary, density)
        pdf.draw()
        data = bytes(pdf.output())
        if pdf.pages_count <= MAX_PAGES:
            break
    return data


class _Document(FPDF):
    """The summary's layout; `draw()` writes every section."""

    def __init__(self, summary: LegalSummary, density: Density) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.s, self.d = summary, density
        self.line_h = density.font * 0.45
        self.set_margins(14, 12, 14)
        self.set_auto_page_break(True, margin=14)
        # Fixed metadata: the date the summary is computed for, never the wall clock.
        stamp = dt.datetime.combine(summary.computed_for, dt.time(0, 0), tzinfo=dt.UTC)
        self.set_creation_date(stamp)
        party = summary.engagement
        self.set_title(latin1(f"Legal risk summary: {party.supplier_name} - {party.product}"))
        self.set_author("certscope")
        self.set_creator("certscope")
        self.set_subject(latin1(f"ISO/IEC 42001 assessment computed for {summary.computed_for.isoformat()}"))

    def footer(self) -> None:
        """Print the computation date and page number on every page."""
        self.set_y(-10)
        self.set_font("helvetica", size=7)
        self.set_text_color(90, 90, 90)
        day = self.s.computed_for.isoformat()
        text = f"certscope legal risk summary - computed for {day} - page {self.page_no()}/{{nb}}"
        self.cell(0, 4, latin1(text), align="C")

    def draw(self) -> None:
        """Write the whole summary."""
        self.add_page()
        self._heading()
        self._certificate()
        self._soa()
        self._flags()
        self._contradictions()
        self._corrections()
        self._closing()

    # -- sections -------------------------------------------------------------------------

    def _heading(self) -> None:
        s = self.s
        self.set_font("helvetica", "B", self.d.font + 5)
        self._para("Legal risk summary (ISO/IEC 42001)", self.d.font + 5)
        self.set_font("helvetica", "", self.d.font)
        party = s.engagement
        self._pair("Supplier", f"{party.supplier_name} (legal entity: {party.supplier_legal_name})")
        aliases = f" (also: {', '.join(party.product_aliases)})" if party.product_aliases else ""
        self._pair("Product", party.product + aliases)
        self._pair("Buyer", party.buyer)
        self._pair("Computed for", s.computed_for.isoformat())
        decision = f" - {party.decision}" if party.decision else ""
        self._pair("Status", party.status.replace("_", " ") + decision)
        counts = s.flag_counts
        rating = (s.rating or "not rated").upper()
        self.set_font("helvetica", "B", self.d.font + 1)
        self.set_text_color(*RATING_COLOURS.get(s.rating or "", (0, 0, 0)))
        self._para(f"Rating: {rating} - {counts['high']} high, {counts['medium']} medium, "
                   f"{counts['low']} low flags", self.d.font + 1)
        self.set_text_color(0, 0, 0)

    def _certificate(self) -> None:
        self._section("Certificate")
        cert = self.s.certificate
        if cert is None:
            self._para("No certificate has been read for this assessment.")
            return
        for row in CERTIFICATE_ROWS:
            self._pair(row.label, _value(cert, row.name))
        self._pair("Cycle position", self.s.cycle)
        self._pair("Scope", truncate(_value(cert, "scope"), self.d.scope))
        self._pair("Sites", truncate("; ".join(cert.values.get("sites") or []) or "-", self.d.scope // 2))
        self._pair("Document", _file(cert))

    def _soa(self) -> None:
        soa = self.s.soa
        if soa is None:
            self._pair("SoA", "No Statement of Applicability provided.")
            return
        controls = soa.values.get("controls") or []
        excluded = [str(c.get("id")) for c in controls
                    if isinstance(c, dict) and c.get("applicable") is False]
        listed = f"{len(controls)} controls listed, not applicable: {', '.join(excluded) or 'none'}"
        version = f"version {_value(soa, 'version')}, dated {_value(soa, 'date')}"
        self._pair("SoA", f"{version}; {listed}; {_file(soa)}")

    def _flags(self) -> None:
        self._section(f"Flags and suggested contractual safeguards ({len(self.s.flags)})")
        if not self.s.flags:
            self._para("No flags raised for this date." if self.s.rating else "Not rated: no certificate.")
        for flag in self.s.flags:
            self.set_font("helvetica", "B", self.d.font)
            self.set_text_color(*SEVERITY_COLOURS.get(flag.severity, (0, 0, 0)))
            self._para(f"{flag.severity.upper()}  {flag.code}", gap=0.6)
            self.set_text_color(0, 0, 0)
            self.set_font("helvetica", "", self.d.font)
            self._para(truncate(flag.message, self.d.message), indent=4)
            for ev in flag.evidence[: self.d.evidence]:
                where = f"{ev.document}, page {ev.page}" if ev.page else ev.document
                self.set_font("helvetica", "I", self.d.font)
                self._para(f'{where}: "{truncate(ev.quote, self.d.quote)}"', indent=4)
            if len(flag.evidence) > self.d.evidence:
                self._para(f"(+{len(flag.evidence) - self.d.evidence} more quotes on the portal)", indent=4)
            self.set_font("helvetica", "B", self.d.font)
            self._para("Safeguard: " + flag.safeguard, indent=4)
            self.set_font("helvetica", "", self.d.font)

    def _contradictions(self) -> None:
        if not self.s.contradictions:
            return
        self._section("Supplier answers contradicted by the evidence")
        for c in self.s.contradictions:
            self._para(f'"{truncate(c.question, 120)}" - answered "{truncate(c.answer, 60)}": '
                       f"claims {c.claim}, but {c.shown} ({c.flag_code}).", indent=0)

    def _corrections(self) -> None:
        self._section("Fields corrected by the supplier by hand")
        if not self.s.corrections:
            self._para("None: every value above is as read from the documents.")
            return
        for c in self.s.corrections:
            self._para(f"SUPPLIER-CORRECTED {c.label} ({c.document}): machine read "
                       f'"{truncate(c.machine, 80)}", corrected to "{truncate(c.corrected, 80)}". '
                       f"Reason: {truncate(c.reason, 120)}")

    def _closing(self) -> None:
        self.ln(1)
        self.set_font("helvetica", "I", self.d.font - 1)
        self.set_text_color(90, 90, 90)
        self._para("Quotes are verbatim from the supplier's documents (page given). Values the supplier "
                   "corrected by hand are listed above and used in place of the machine reading. The rating "
                   f"and flags hold for {self.s.computed_for.isoformat()}; dates move them.")

    # -- primitives -----------------------------------------------------------------------

    def _section(self, title: str) -> None:
        self.ln(1)
        self.set_font("helvetica", "B", self.d.font + 2)
        self._para(title, self.d.font + 2, gap=0.5)
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(0.8)
        self.set_font("helvetica", "", self.d.font)

    def _pair(self, label: str, value: str) -> None:
        width = 34
        y = self.get_y()
        self.set_font("helvetica", "B", self.d.font)
        self.cell(width, self.line_h, latin1(label))
        self.set_font("helvetica", "", self.d.font)
        self.set_xy(self.l_margin + width, y)
        self.multi_cell(0, self.line_h, latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _para(self, text: str, size: float | None = None, *, indent: float = 0, gap: float = 0.3) -> None:
        height = (size or self.d.font) * 0.45
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, height, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def _estimated_pages(summary: LegalSummary, d: Density) -> float:
    """Estimate the pages a density needs from the text lengths (average glyph ~0.5 em wide)."""
    per_line = USABLE_WIDTH_MM / (d.font * 0.3528 * 0.5)
    values = summary.certificate.values if summary.certificate else {}
    lines = 30.0 + min(len(str(values.get("scope") or "")), d.scope) / per_line
    for flag in summary.flags:
        quotes = [min(len(e.quote), d.quote) + 30 for e in flag.evidence[: d.evidence]]
        texts = [min(len(flag.message), d.message), len(flag.safeguard) + 12, *quotes]
        lines += 1 + sum(-(-int(t) // int(per_line)) for t in texts)
    lines += 2 * (len(summary.contradictions) + len(summary.corrections)) + 8
    return lines * d.font * 0.45 / USABLE_HEIGHT_MM


def _value(doc: DocumentFacts, key: str) -> str:
    return display_text(doc.values.get(key), ", ") or "-"


def _file(doc: DocumentFacts) -> str:
    return f"{doc.filename} (SHA-256 {doc.sha256[:16]})"
