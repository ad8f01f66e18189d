"""Ruled tables on scanned pages: find the grid of rules, then read every cell on its own.

Tesseract's page layout analysis reads a fully boxed table badly: a row's one-line cells sit
between the two lines of a wrapped neighbour, so it builds text lines through the middle of
the wrapped text (fragments, repeated words), and a lone "Y" in a box is dropped as noise.
Cut out along the rules, each cell is a clean little block of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps

PixelBox = tuple[int, int, int, int]  # x0, top, x1, bottom in image pixels

_INK = 160  # darker than this is ink (rules rendered light grey still pass 200: see _RULE_INK)
_RULE_INK = 200
_MIN_ROW_INCHES = 0.1
_MIN_COLUMN_INCHES = 0.08
_MAX_SKEW_DEGREES = 2.0
_SKEW_STEP = 0.1


@dataclass
class CellSlot:
    """One cell: where it is on the page and where its ink was pasted on the strip."""

    row: int
    col: int
    box: PixelBox  # the cell inside its rules
    ink: PixelBox  # the ink inside the cell
    strip_top: int


# ---------------------------------------------------------------- skew


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """Return the image turned so its rules and text lines are level, and the angle used.

    The angle maximises the contrast of the rows' ink profile (level lines give sharp peaks);
    searched on a small copy, so it costs a few milliseconds.
    """
    scale = 600 / max(image.size)
    size = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
    small = ImageOps.invert(image.resize(size, Image.Resampling.BOX))
    level = _profile_score(small)
    steps = int(_MAX_SKEW_DEGREES / _SKEW_STEP)
    scores = {k * _SKEW_STEP: _profile_score(small.rotate(k * _SKEW_STEP, resample=Image.Resampling.BILINEAR,
                                                          fillcolor=0))
              for k in range(-steps, steps + 1) if k}
    best = max(scores, key=lambda angle: scores[angle], default=0.0)
    if not scores or scores[best] <= 1.02 * level:
        best = 0.0  # a page that is level, or as good as, is left untouched
    if best == 0.0:
        return image, 0.0
    turned = image.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return turned, best


def _profile_score(inverted: Image.Image) -> float:
    """Sum of squared steps between neighbouring rows' ink: high when lines are level."""
    profile = inverted.resize((1, inverted.height), Image.Resampling.BOX).tobytes()
    return float(sum((b - a) ** 2 for a, b in zip(profile, profile[1:], strict=False)))


# ---------------------------------------------------------------- rules and grid


def find_grid(image: Image.Image, dpi: int) -> list[list[PixelBox]]:
    """Return the rows of cells of the page's fully ruled tables (each row's cells left to right).

    A row is a band between two horizontal rules that vertical rules cut into two or more cells.
    """
    binary = image.point(lambda v: 0 if v < _RULE_INK else 255)
    min_len = max(20, int(dpi * 0.3))
    reach = max(2, dpi // 40)
    data, (width, height) = binary.tobytes(), binary.size
    horizontal = merge_runs(thin_runs(data, width, height, min_len, reach), dpi // 6)
    upright = binary.transpose(Image.Transpose.TRANSPOSE).tobytes()
    vertical = merge_runs(thin_runs(upright, height, width, min_len, reach, samples=16), dpi // 6)
    thin = {y for y, _, _ in merge_runs(thin_runs(data, width, height, min_len, reach, False), 0)}
    ys = sorted({y for y, _, _ in horizontal})
    bands: list[tuple[int, int, list[tuple[int, int]]]] = []
    min_row, min_col = int(dpi * _MIN_ROW_INCHES), int(dpi * _MIN_COLUMN_INCHES)
    for top, bottom in zip(ys, ys[1:], strict=False):
        if bottom - top < min_row:
            continue
        # a faint rule may break up: it counts where it covers most of the band
        xs = _cluster(sorted(x for x, y0, y1 in vertical
                             if min(y1, bottom) - max(y0, top) >= 0.6 * (bottom - top)))
        spans = [(a, b) for a, b in zip(xs, xs[1:], strict=False) if b - a >= min_col]
        bands.append((top, bottom, [(a, b) for a, b in spans
                                    if _ruled(horizontal, top, a, b) and _ruled(horizontal, bottom, a, b)]))
    bands = _fill_columns(bands)
    rows: list[list[PixelBox]] = []
    for k, (top, bottom, spans) in enumerate(bands):
        below = bands[k + 1] if k + 1 < len(bands) else None
        if len(spans) < 2 and below and below[0] == bottom and len(below[2]) >= 2 \
                and _dark(image, (below[2][0][0], top, below[2][-1][1], bottom)):
            spans = below[2]  # a header in white on a dark bar: its column rules do not show
        if len(spans) >= 2:
            rows.append([(a, top, b, bottom) for a, b in spans])
    # a table has rows between true rules; a dark banner's edges and a page frame do not make one
    ruled = sum(1 for row in rows if _near(row[0][1], thin) and _near(row[0][3], thin))
    return rows if ruled >= 3 else []


def _near(y: int, ys: set[int]) -> bool:
    return any(abs(y - other) <= 3 for other in ys)


Band = tuple[int, int, list[tuple[int, int]]]


def _fill_columns(bands: list[Band]) -> list[Band]:
    """Give a row the column rules most rows of its table show: a faint rule may vanish in one row."""
    out: list[Band] = []
    table: list[Band] = []
    for band in bands + [(-1, -1, [])]:
        if table and (band[0] != table[-1][1] or not band[2]):
            out.extend(_majority_columns(table))
            table = []
        if band[2]:
            table.append(band)
        elif band[0] >= 0:
            out.append(band)
    return sorted(out)


def _majority_columns(table: list[Band]) -> list[Band]:
    edges = [sorted({x for span in spans for x in span}) for _, _, spans in table]
    counts: dict[int, int] = {}
    for row in edges:
        for x in row:
            near = next((k for k in counts if abs(k - x) <= 6), x)
            counts[near] = counts.get(near, 0) + 1
    # a rule most rows show, or one shown at the table's top and bottom that fades in between
    framed = {k for k in counts
              if any(abs(k - x) <= 6 for x in edges[0]) and any(abs(k - x) <= 6 for x in edges[-1])}
    common = sorted(x for x, n in counts.items() if 2 * n > len(table) or x in framed)
    if len(table) < 3 or len(common) < 3:
        return table
    spans = list(zip(common, common[1:], strict=False))
    return [(top, bottom, spans if len(row) < len(spans) else row) for top, bottom, row in table]


def _dark(image: Image.Image, box: PixelBox) -> bool:
    """Whether the box is mostly ink (a filled bar)."""
    mean = image.crop(box).convert("L").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return isinstance(mean, int | float) and mean < 128


def _ruled(horizontal: list[tuple[int, int, int]], y: int, x0: int, x1: int) -> bool:
    """Whether a horizontal rule at `y` runs under most of the span x0-x1."""
    return any(ry == y and rx0 <= x0 + (x1 - x0) // 4 and rx1 >= x1 - (x1 - x0) // 4
               for ry, rx0, rx1 in horizontal)


def _cluster(values: list[int], gap: int = 4) -> list[int]:
    groups: list[list[int]] = []
    for v in values:
        if groups and v - groups[-1][-1] <= gap:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) // len(g) for g in groups]


def merge_runs(runs: Iterator[tuple[int, int, int]], gap: int) -> list[tuple[int, int, int]]:
    """Merge the runs of a thick or slightly tilted rule into segments (position, start, end).

    Runs on neighbouring pixel rows belong to one rule; along it, pieces up to `gap` pixels
    apart (a faint stretch once turned, a speck of dust) join up.
    """
    clusters: list[list[tuple[int, int, int]]] = []
    for run in sorted(runs):
        if clusters and run[0] - clusters[-1][-1][0] <= 3:
            clusters[-1].append(run)
        else:
            clusters.append([run])
    out: list[tuple[int, int, int]] = []
    for cluster in clusters:
        pos = round(sum(r[0] for r in cluster) / len(cluster))
        spans: list[list[int]] = []
        for _, start, end in sorted(cluster, key=lambda r: r[1]):
            if spans and start <= spans[-1][1] + gap:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        out.extend((pos, a, b) for a, b in spans)
    return out


def thin_runs(data: bytes, width: int, height: int, min_len: int, reach: int, edges: bool = True,
              samples: int = 3) -> Iterator[tuple[int, int, int]]:
    """Yield (row, start, end) of long dark runs with light pixels `reach` above and below.

    With `edges`, also the top and bottom edges of filled bars (light on one side). `samples`
    points along a run are judged: a column rule crosses evenly spaced row rules, so it needs
    many; a row rule through a dark bar's white lettering would pass at some of many, so few.
    """
    pattern = re.compile(rb"\x00{%d,}" % min_len)
    for y in range(height):
        for match in pattern.finditer(data, y * width, (y + 1) * width):
            # judged at a few points along it, since one may sit on a crossing rule
            step = max(1, (match.end() - match.start()) // (samples + 1))
            for mid in range(match.start() + step, match.end() - step // 2, step):
                above = data[mid - reach * width] if y >= reach else 255
                below = data[mid + reach * width] if y + reach < height else 255
                if (above or below) if edges else (above and below):
                    break
            else:
                continue
            yield y, match.start() - y * width, match.end() - y * width


# ---------------------------------------------------------------- cells onto one strip


def cell_strip(image: Image.Image, rows: list[list[PixelBox]], dpi: int, first_row: int = 0
               ) -> tuple[Image.Image, list[CellSlot]]:
    """Paste every inked cell's content one under another on a white strip, for one OCR call.

    Tesseract then sees each cell as its own paragraph, apart from its neighbours and rules. `rows`
    may be part of a table: `first_row` is the index of its first row.
    """
    inset = max(2, dpi // 60)  # past the rule and its antialiasing
    pad, gap = dpi // 10, dpi // 5
    slots: list[CellSlot] = []
    crops: list[Image.Image] = []
    y = pad
    for r, row in enumerate(rows):
        for c, (x0, top, x1, bottom) in enumerate(row):
            inner = (x0 + inset, top + inset, x1 - inset, bottom - inset)
            if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
                continue
            crop = image.crop(inner)
            if _dark(crop, (0, 0, crop.width, crop.height)):
                crop = ImageOps.invert(crop)  # light text on a dark bar
            crop = _without_rule_edges(crop, inset)
            ink = ImageOps.invert(crop.point(lambda v: 0 if v < _INK else 255)).getbbox()
            if ink is None or (ink[2] - ink[0]) * (ink[3] - ink[1]) < 9:
                continue  # blank (or a speck of dust)
            content = crop.crop(ink)
            box = (inner[0] + ink[0], inner[1] + ink[1], inner[0] + ink[2], inner[1] + ink[3])
            slots.append(CellSlot(first_row + r, c, (x0, top, x1, bottom), box, y))
            crops.append(content)
            y += content.height + gap
    width = max((c.width for c in crops), default=1) + 2 * pad
    strip = Image.new("L", (width, max(y, 1) + pad), 255)
    for slot, crop in zip(slots, crops, strict=True):
        strip.paste(crop, (pad, slot.strip_top))
    return strip, slots


_RULE_SHARE = 0.6  # an edge line of pixels this much ink is a rule's remnant, not a letter


def _without_rule_edges(crop: Image.Image, inset: int) -> Image.Image:
    """Whiten what is left of the cell's rules along its edges (a scan's rule is thicker than the inset).

    A sliver of rule beside the first letter turns "Selezionato" into "[enne" or drops the word.
    """
    width, height = crop.size
    if width <= 4 * inset or height <= 4 * inset:
        return crop
    inked = crop.point(lambda v: 255 if v < _INK else 0)
    lines = [(x, 0, x + 1, height) for x in (*range(2 * inset), *range(width - 2 * inset, width))]
    lines += [(0, y, width, y + 1) for y in (*range(2 * inset), *range(height - 2 * inset, height))]
    ruled = [box for box in lines if _ink_share(inked, box) >= _RULE_SHARE]
    if not ruled:
        return crop
    crop = crop.copy()
    for box in ruled:
        crop.paste(255, box)
    return crop


def _ink_share(inked: Image.Image, box: PixelBox) -> float:
    line = inked.crop(box)
    return line.histogram()[255] / max(1, line.width * line.height)


def strip_pad(dpi: int) -> int:
    """Return the left margin cells are pasted at on the strip."""
    return dpi // 10


def slot_at(slots: list[CellSlot], y: float) -> CellSlot | None:
    """Return the slot whose pasted ink spans strip row `y`, else the nearest one above it."""
    found = None
    for slot in slots:
        if slot.strip_top - 2 <= y:
            found = slot
        else:
            break
    return found


def mask(image: Image.Image, rows: list[list[PixelBox]]) -> Image.Image:
    """Return a copy with the tables' rows painted white, so the page pass reads only what surrounds them.

    Row by row, not one box around them all: two tables on a page leave what lies between them readable.
    """
    copy = image.copy()
    for row in rows:
        copy.paste(255, (max(0, row[0][0] - 2), max(0, row[0][1] - 2), row[-1][2] + 2, row[-1][3] + 2))
    return copy


CellWords = dict[tuple[int, int], list[tuple[str, PixelBox, tuple[int, ...]]]]


def words_in_cells(data: dict[str, list[Any]], slots: list[CellSlot], dpi: int,
                   min_confidence: float) -> CellWords:
    """Map Tesseract's strip words back to their cells, with page-pixel boxes and reading order keys."""
    pad = strip_pad(dpi)
    out: CellWords = {}
    for i, text in enumerate(data["text"]):
        if not (text and text.strip()) or float(data["conf"][i]) < min_confidence:
            continue
        left, top, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        slot = slot_at(slots, top + h / 2)
        if slot is None:
            continue
        dx, dy = slot.ink[0] - pad, slot.ink[1] - slot.strip_top
        box = (left + dx, top + dy, left + w + dx, top + h + dy)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i], data["word_num"][i])
        out.setdefault((slot.row, slot.col), []).append((text.strip(), box, key))
    return out


# ---------------------------------------------------------------- single marks


def is_glyph(slot: CellSlot, dpi: int) -> bool:
    """A cell holding one short mark ("Y", "N", a tick): Tesseract drops those when read among text."""
    width, height = slot.ink[2] - slot.ink[0], slot.ink[3] - slot.ink[1]
    return height <= dpi * 0.2 and width <= 1.6 * height


def glyph_line(image: Image.Image, glyphs: list[CellSlot]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """Set the single marks side by side, well apart, on one line; returns it and each mark's x span.

    Read as a line of text, a lone letter is a letter rather than noise.
    """
    height = max(s.ink[3] - s.ink[1] for s in glyphs)
    space = 3 * height
    spans: list[tuple[int, int]] = []
    x = space
    for slot in glyphs:
        spans.append((x, x + slot.ink[2] - slot.ink[0]))
        x = spans[-1][1] + space
    line = Image.new("L", (x, 3 * height), 255)
    for slot, (x0, _) in zip(glyphs, spans, strict=True):
        crop = image.crop(slot.ink)
        if _dark(image, slot.box):
            crop = ImageOps.invert(crop)
        line.paste(crop, (x0, height + height - crop.height))
    return line, spans


def glyph_texts(data: dict[str, list[Any]], spans: list[tuple[int, int]]) -> dict[int, str]:
    """Map the line's words back to marks; a word run over k marks gives one character each."""
    out: dict[int, str] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text:
            continue
        left, right = data["left"][i], data["left"][i] + data["width"][i]
        inside = [k for k, (a, b) in enumerate(spans) if left - 2 <= (a + b) / 2 <= right + 2]
        if len(inside) == 1:
            out[inside[0]] = text
        elif inside and len(inside) == len(text):
            out.update(zip(inside, text, strict=True))
    return out
