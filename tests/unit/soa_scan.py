"""Scanned SoAs made at test time: corpus SoAs rasterised to image-only PDFs, scored like the evaluator."""

from __future__ import annotations

import difflib
import io
import json
import random
import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from parsers import SoaExtraction

DPI = 200


def rasterise(pdf: Path, dpi: int = DPI, seed: int = 7, skew: float = 0.4) -> tuple[bytes, int]:
    """Return an image-only copy of `pdf` (each page rendered, turned a little, speckled) and its page count.

    What a scanner gives: greyscale, a fraction of a degree of skew, sparse noise.
    """
    rng = random.Random(f"{pdf.parent.name}/{seed}")
    document = pdfium.PdfDocument(str(pdf))
    images = []
    try:
        for page in document:
            image = page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
            image = image.rotate(rng.uniform(-skew, skew), resample=Image.Resampling.BICUBIC,
                                 expand=False, fillcolor=255)
            images.append(_speckle(image, rng))
    finally:
        document.close()
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buffer.getvalue(), len(images)


def _speckle(image: Image.Image, rng: random.Random) -> Image.Image:
    """Sprinkle a few hundred grey dots, as dust on the scanner glass leaves."""
    pixels = image.load()
    assert pixels is not None
    width, height = image.size
    for _ in range(width * height // 20000):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.randrange(60, 200)
    return image


def want_soa(case: Path) -> dict[str, Any] | None:
    """Return the case's labelled SoA, or None."""
    soa = json.loads((case / "expected.json").read_text()).get("soa")
    return soa if isinstance(soa, dict) else None


def _norm(text: object) -> str | None:
    if text is None:
        return None
    value = str(text).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    value = re.sub(r"[\u2010-\u2015]", "-", value.replace("\u201d", '"'))
    return re.sub(r"\s+", " ", value).strip().lower()


def _similar(want: str | None, got: str | None) -> bool:
    if want is None:
        return got is None
    if got is None:
        return False
    return difflib.SequenceMatcher(None, _norm(want) or "", _norm(got) or "").ratio() >= 0.95


def control_score(want: dict[str, Any], got: SoaExtraction) -> tuple[int, int, list[str]]:
    """Score controls as eval_corpus.py does: (right, counted, what was wrong); extra ids count against."""
    read = {c.id.lower(): c for c in got.controls}
    right, misses = 0, []
    for control in want["controls"]:
        found = read.get(control["id"].lower())
        if (found and found.applicable == control["applicable"]
                and _similar(control.get("justification"), found.justification)):
            right += 1
        else:
            seen = found and (found.applicable, found.justification)
            misses.append(f"{control['id']}: want {control['applicable']}/{control.get('justification')!r} "
                          f"got {seen!r}")
    extra = sorted(set(read) - {c["id"].lower() for c in want["controls"]})
    misses.extend(f"extra {cid}" for cid in extra)
    return right, len(want["controls"]) + len(extra), misses


def meta_misses(want: dict[str, Any], got: SoaExtraction) -> list[str]:
    """Return the header fields (holder, version, date) read differently from the labels."""
    return [f"{name}: want {want.get(name)!r} got {getattr(got, name)!r}"
            for name in ("holder", "version", "date")
            if _norm(want.get(name)) != _norm(getattr(got, name))]
