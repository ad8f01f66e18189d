"""Tables ruled only between rows, on scanned pages: rows from the rules, columns from blank gutters.

Without column rules Tesseract reads a column of lone marks (✓, ✗, Y) as one tall block of
noise ("NIN ISIS") or drops it. Cut into cells, each mark is read on its own (see ocr_grid).
"""

from __future__ import annotations

from PIL import Image

from .ocr_grid import PixelBox, merge_runs, thin_runs

_RULE_INK = 200
_INK = 160
_MIN_TABLE_INCHES = 3.0  # a rule this long spans a table, not a signature line
_MIN_GUTTER_INCHES = 0.08  # wider than a word space at any body text size
_MAX_ROW_INCHES = 1.5


def find_rows(image: Image.Image, dpi: int) -> list[list[PixelBox]]:
    """Return the rows of cells of a table whose rows are ruled but whose columns are not."""
    rules = _table_rules(image, dpi)
    if len(rules) < 4:
        return []
    x0, x1 = min(r[1] for r in rules), max(r[2] for r in rules)
    ys = [r[0] for r in rules]
    bands = [(a, b) for a, b in zip(ys, ys[1:], strict=False) if b - a >= dpi * 0.1]
    if len(bands) < 3:
        return []
    height = sorted(b - a for a, b in bands)[len(bands) // 2]
    inked = [_ink_columns(image, (x0, top, x1, bottom), dpi) for top, bottom in bands]
    gutters = _gutters(inked, dpi)
    if not gutters:
        return []
    if ys[0] - height >= 0:  # the header, often on a tinted bar without a rule of its own
        bands.insert(0, (ys[0] - height, ys[0]))
        inked.insert(0, _ink_columns(image, (x0, ys[0] - height, x1, ys[0]), dpi))
    rows = []
    for (top, bottom), ink in zip(bands, inked, strict=True):
        cuts = [cut for gutter in gutters if (cut := _cut(ink, gutter, dpi)) is not None]
        bounds = [x0, *[x0 + c for c in cuts], x1]
        rows.append([(a, top, b, bottom) for a, b in zip(bounds, bounds[1:], strict=False)])
    return rows


def _cut(ink: list[bool], gutter: tuple[int, int], dpi: int) -> int | None:
    """Where this row divides at a gutter: its middle, or a gap of the row's own close by.

    A header label wider than its column writes across the gutter; the gap between two labels
    then divides them. A row with no gap there (a heading across the table) is not divided.
    """
    a, b = gutter
    if not any(ink[a:b]):
        return (a + b) // 2
    reach, least = int(dpi * 0.3), max(4, int(dpi * 0.05))
    lo, hi = max(0, a - reach), min(len(ink), b + reach)
    gaps, start = [], None
    for x in range(lo, hi + 1):
        blank = x < hi and not ink[x]
        if blank and start is None:
            start = x
        elif not blank and start is not None:
            if x - start >= least:
                gaps.append((start + x) // 2)
            start = None
    return min(gaps, key=lambda g: abs(g - (a + b) / 2), default=None)


def _table_rules(image: Image.Image, dpi: int) -> list[tuple[int, int, int]]:
    """Return the long horizontal rules of the largest stack of alike rules (y, x0, x1), top down."""
    binary = image.point(lambda v: 0 if v < _RULE_INK else 255)
    runs = thin_runs(binary.tobytes(), binary.width, binary.height, int(dpi * 0.3), max(2, dpi // 40))
    long = [r for r in merge_runs(runs, dpi // 6) if r[2] - r[1] >= dpi * _MIN_TABLE_INCHES]
    stacks: list[list[tuple[int, int, int]]] = []
    for rule in sorted(long):
        last = stacks[-1][-1] if stacks else None
        # alike: overlapping almost wholly (a faint end of a rule may not register)
        if last and _overlap(rule, last) and rule[0] - last[0] <= dpi * _MAX_ROW_INCHES:
            stacks[-1].append(rule)
        else:
            stacks.append([rule])
    return max(stacks, key=len, default=[])


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return min(a[2], b[2]) - max(a[1], b[1]) >= 0.9 * max(a[2] - a[1], b[2] - b[1])


def _ink_columns(image: Image.Image, box: PixelBox, dpi: int) -> list[bool]:
    """Return, for each pixel column of the box, whether it holds ink (dust specks aside)."""
    inset = max(2, dpi // 60)
    band = image.crop((box[0], box[1] + inset, box[2], box[3] - inset))
    ink = band.point(lambda v: 255 if v < _INK else 0)
    profile = ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes()
    floor = max(1, 255 * 3 // max(1, ink.height))  # more than ~2 dark pixels in the column
    return [v >= floor for v in profile]


def _gutters(inked: list[list[bool]], dpi: int) -> list[tuple[int, int]]:
    """Return x ranges blank in (nearly) every row: the spaces between columns."""
    allowed = 0  # a column used by one row only (a rare exclusion's rationale) is still a column
    width = len(inked[0])
    blank = [sum(1 for row in inked if row[x]) <= allowed for x in range(width)]
    first = next((x for x in range(width) if not blank[x]), width)
    last = next((x for x in range(width - 1, -1, -1) if not blank[x]), -1)
    out: list[tuple[int, int]] = []
    start = None
    for x in range(first, last + 1):
        if blank[x] and start is None:
            start = x
        elif not blank[x] and start is not None:
            if x - start >= dpi * _MIN_GUTTER_INCHES:
                out.append((start, x))
            start = None
    return out
