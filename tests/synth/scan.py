"""Make a digital PDF look scanned: rasterise (pypdfium2), skew, speckle, JPEG, a page turned 90°."""

from __future__ import annotations

import io
import random

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SCAN_KINDS = ("clean", "skewed", "noisy", "jpeg", "rotated")


def scan(pdf: bytes, kind: str, seed: int) -> bytes:
    """Return an image-only PDF of `pdf` degraded as `kind` says; deterministic per seed."""
    rng = random.Random(f"scan/{seed}/{kind}")
    dpi = rng.choice((150, 200, 200, 300)) if kind != "jpeg" else 150
    images = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
            images.append(_degrade(image, kind, rng, index))
    finally:
        document.close()
    if kind == "rotated":
        turn = rng.randrange(len(images))
        images[turn] = images[turn].rotate(rng.choice((90, 270)), expand=True, fillcolor=255)
    return _to_pdf(images, dpi, jpeg=kind in ("jpeg", "noisy"), quality=rng.randrange(25, 60))


def _degrade(image: Image.Image, kind: str, rng: random.Random, index: int) -> Image.Image:
    angle = rng.uniform(-1.5, 1.5) if kind == "skewed" else rng.uniform(-0.4, 0.4)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if kind in ("noisy", "skewed"):
        image = _speckle(image, rng, density=6000 if kind == "noisy" else 20000)
    if kind == "noisy":
        image = image.filter(ImageFilter.GaussianBlur(0.6))
    return image


def _speckle(image: Image.Image, rng: random.Random, density: int) -> Image.Image:
    """Sprinkle grey dots, as dust and toner leave on a scanner's glass."""
    pixels = image.load()
    assert pixels is not None
    width, height = image.size
    for _ in range(width * height // density):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.randrange(40, 200)
    return image


def _to_pdf(images: list[Image.Image], dpi: int, jpeg: bool, quality: int) -> bytes:
    if jpeg:  # recompress each page through JPEG, as office scanners do
        images = [_jpeg(image, quality) for image in images]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buffer.getvalue()


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")
