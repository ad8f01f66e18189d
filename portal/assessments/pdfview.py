"""Show a cited PDF page: render it to PNG (pypdfium2) and place highlight boxes over the quote."""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from ..faults import raised_by_us

log = logging.getLogger(__name__)

RENDER_SCALE = 1.5  # 108 dpi: readable on screen, small enough to send quickly
MAX_SIDE_PX = 2400  # a hostile page size must not turn one render into gigabytes of pixels
_QUOTE_WORDS = 8  # a long quote that wraps is found by its first words


@dataclass(frozen=True)
class Box:
    """A highlight in percent of the page's width and height (so it scales with the image)."""

    left: float
    top: float
    width: float
    height: float


def page_count(data: bytes) -> int:
    """Return how many pages the PDF has."""
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_png(data: bytes, page: int, cache_dir: Path | None = None, key: str = "") -> bytes:
    """Return page `page` (1-based) as PNG bytes, cached on disk under `key` when given."""
    cached = cache_dir / f"{key}-{page}.png" if cache_dir and key else None
    if cached and cached.exists():
        return cached.read_bytes()
    pdf = pdfium.PdfDocument(data)
    try:
        target = pdf[page - 1]
        width, height = target.get_size()
        scale = min(RENDER_SCALE, MAX_SIDE_PX / max(width, height, 1.0))
        image = target.render(scale=scale).to_pil()
    finally:
        pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    png = buf.getvalue()
    if cached:
        _write_atomic(cached, png)
    return png


def highlight_boxes(data: bytes, page: int,
                    cited: Sequence[tuple[str, Sequence[float] | None]]) -> list[Box]:
    """Return boxes for each cited (quote, bbox): the recorded bbox, else where the quote is found."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if not 1 <= page <= len(pdf.pages):
            return []
        p = pdf.pages[page - 1]
        raw: list[Sequence[float]] = []
        for quote, bbox in cited:
            raw += [bbox] if bbox and len(bbox) == 4 else _search(p, quote)
        return [_percent(b, float(p.width), float(p.height)) for b in raw]


def _search(page: object, quote: str) -> list[tuple[float, float, float, float]]:
    words = quote.split()
    for attempt in (" ".join(words), " ".join(words[:_QUOTE_WORDS])):
        if not attempt:
            continue
        try:
            found = page.search(attempt, regex=False, case=False)  # type: ignore[attr-defined]
        except Exception as err:  # the file's fault only costs the highlight; a bug of ours is raised
            if raised_by_us(err):
                raise
            log.warning("text search failed on a page; no highlight", exc_info=True)
            return []
        if found:
            return [(m["x0"], m["top"], m["x1"], m["bottom"]) for m in found[:3]]
    return []


def _percent(b: Sequence[float], width: float, height: float) -> Box:
    pad = 2.0  # points of margin so the box does not cut through the glyphs
    x0, top, x1, bottom = b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad
    return Box(left=round(100 * x0 / width, 3), top=round(100 * top / height, 3),
               width=round(100 * (x1 - x0) / width, 3), height=round(100 * (bottom - top) / height, 3))


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".render-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)
