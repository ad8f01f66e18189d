"""Certified sites: from a label's value or an appendix table, one location each."""

from __future__ import annotations

import re

from .cert_layout import Layout, Segment, below, cell_under
from .cert_text import OCR_BULLET, points_elsewhere
from .dates import find_dates
from .labels import fold, match_label
from .model import Evidence
from .standards import find_standards

_SITE_HINT = re.compile(r"\d|street|road|avenue|straße|strasse|rue|calle|via|park|floor|suite|level|unit|"
                        r"building|tower|block", re.I)


# Bullets as extracted: a glyph, a private-use glyph, or pdfminer's "(cid:127)".
# ";" or a bullet between sites; or "A and B", two addresses in one sentence (B opens with its number).
_SITE_SPLIT = re.compile(r"\s*[;•]\s*|(?<=[^\W\d_]{2})\s+(?:and|und|et|y)\s+(?=\d)")
# Words of a certificate's own fields, never of an address ("Zertifikat # 2025-118").
_NOT_ADDRESS = re.compile(r"\b(?:certificate|certificat|certificado|certificato|zertifikat\w*|registration|"
                          r"registrier\w*)\b", re.I)
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[-–•·▪◦*\uf000-\uf8ff]|\(cid:\d+\))\s*")


def split_sites(lines: list[str]) -> list[str]:
    """Split a sites value into locations: one per line, or per ';', with wrapped addresses re-joined."""
    merged: list[str] = []
    for raw in lines:
        line = OCR_BULLET.sub("• ", " ".join(raw.split()))
        if merged and (merged[-1].endswith(",") or line[:1].islower()):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    pieces = (part for line in merged for part in _SITE_SPLIT.split(line))
    parts = (_LIST_MARK.sub("", part).strip(" •·-") for part in pieces)
    return [part for part in parts if part]


def looks_like_site(text: str) -> bool:
    """Return whether text reads as a location (an address, a city and country), not a sentence."""
    t = text.strip()
    if not t or len(t) > 200 or points_elsewhere(t) or match_label(t) is not None:
        return False
    if fold(t).startswith(("this ", "the ", "all ", "at the sites")) or find_standards(t) \
            or _NOT_ADDRESS.search(t):
        return False
    if (dates := find_dates(t)) and len(t) - sum(len(m.text) for m in dates) < 12:
        return False  # a date (or a validity period) is never a location
    if not re.search(r"[^\W\d_]{3}", t):
        return False  # a row number or code ("1", "A-2") is no location
    return bool(_SITE_HINT.search(t)) or "," in t


def site_table(layout: Layout) -> list[tuple[str, Evidence]]:
    """Return sites listed in an appendix table, under a column header such as "Site address"."""
    for segs in layout.pages:
        for seg in segs:
            if not _is_site_header(seg, segs):
                continue
            rows = _column_under(segs, seg)
            # "Site | Address": the column of names ("Head office") is not the one holding locations.
            if rows and sum(looks_like_site(r.text) for r in rows) * 2 > len(rows):
                return [(r.text, r.evidence()) for r in rows]
    return []


def _is_site_header(seg: Segment, segs: list[Segment]) -> bool:
    if seg.label is None or seg.label.field != "sites" or seg.label.rest:
        return False
    row = [o for o in segs if o is not seg and abs(o.top - seg.top) <= 1.5]
    return len(row) >= 1 and all(len(o.text) <= 30 for o in row)


def _column_under(segs: list[Segment], header: Segment) -> list[Segment]:
    """Return the table cells under a header: left-aligned with it, until the table ends.

    Cells are cut at the next header's left edge: a narrow gap may join two cells in one segment.
    """
    right = min((o.x0 for o in segs if abs(o.top - header.top) <= 1.5 and o.x0 > header.x1), default=1e9)
    rows: list[Segment] = []
    cur = header
    while True:
        nxt = below(segs, cur)
        if nxt is None or nxt.label is not None or nxt.top - cur.bottom > 3 * nxt.size:
            break
        cell = cell_under(segs, header, nxt, any_header=True)
        words = [w for w in cell.words if w.x0 < right - 1]
        if not words or abs(words[0].x0 - header.x0) > 3:
            break
        cur = Segment(nxt.page, words, nxt.index)  # the next row is the one under this cell
        rows.append(cur)
    return rows


_ADDRESS_LINE = re.compile(r"\d|,")
_SENTENCE_START = re.compile(r"^(?:[a-z]|(?:[Hh]as|[Hh]ave|[Ii]s|[Ww]as|[Oo]perates|[Mm]eets|[Hh]olds|[Ff]or|"
                             r"[Aa]t|[Ii]n|[Tt]he|[Tt]his)\b)")


def address_below_holder(lines: list[str], used: int) -> str | None:
    """Return the address printed under a holder's name (its certified location), if any."""
    parts: list[str] = []
    for line in lines[used:]:
        text = " ".join(line.split())
        short_tail = bool(parts) and len(text.split()) <= 4  # "United Kingdom" closing an address
        if not (_ADDRESS_LINE.search(text) or short_tail) or _SENTENCE_START.match(text) or len(text) > 120:
            break
        if find_standards(text) or find_dates(text) or match_label(text) is not None:
            break
        parts.append(text.rstrip(","))
    return ", ".join(parts) if parts else None
