"""Independent text flows on a page: a sidebar beside the body, two columns of prose.

A label's value may stand to its right in a table row, but never across the gutter between two flows of
text that run down the page on their own. A table's columns keep rows: what stands left of the gap
shares its line with what stands right of it. Two flows do not: their lines fall at unrelated heights.

    candidate gutters   just left of where segments start, crossed by no segment over the band that
                        both sides fill
    independent flows   few of the left side's lines have a partner on the right at the same height
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

MIN_SIDE_LINES = 4  # each side of a gutter holds at least this many lines over the shared band
ROW_EM = 0.2  # lines of one table row start within this many font sizes of each other
MAX_ALIGNED_SHARE = 0.5  # more left lines than this with a partner at their height: rows, not flows
RUN_ON_EM = 0.6  # a line this close under another continues it
MAX_RUN_ON_SHARE = 0.25  # a column of values where at most this share of lines run on stands one a row


class Box(Protocol):
    """What a column finder needs of a segment (cert_layout.Segment has it)."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Gutter:
    """A vertical gap between two independent flows, at `x`, over the band [top, bottom]."""

    x: float
    top: float
    bottom: float

    def separates(self, left: Box, right: Box) -> bool:
        """Return whether `left` and `right` stand on the two sides of this gutter, within its band."""
        return left.x1 <= self.x <= right.x0 and self.top - left.size <= left.top <= self.bottom


def find_gutters(boxes: Sequence[Box]) -> list[Gutter]:
    """Return the gutters between independent flows of text on one page."""
    found: list[Gutter] = []
    for x in sorted({round(b.x0, 1) for b in boxes}):
        gutter = _gutter_at(boxes, x - 0.5)
        if gutter is not None and not any(abs(g.x - gutter.x) < 1.0 for g in found):
            found.append(gutter)
    return found


def _gutter_at(boxes: Sequence[Box], x: float) -> Gutter | None:
    left = [b for b in boxes if b.x1 <= x]
    right = [b for b in boxes if b.x0 >= x]
    if len(left) < MIN_SIDE_LINES or len(right) < MIN_SIDE_LINES:
        return None
    top = max(min(b.top for b in left), min(b.top for b in right))
    bottom = min(max(b.bottom for b in left), max(b.bottom for b in right))
    if bottom <= top:
        return None
    if any(b.x0 < x < b.x1 and b.bottom > top and b.top < bottom for b in boxes):
        return None  # a line runs across: one flow here
    left_in = [b for b in left if top <= b.top <= bottom]
    right_in = [b for b in right if top <= b.top <= bottom]
    if len(left_in) < MIN_SIDE_LINES or len(right_in) < MIN_SIDE_LINES:
        return None
    if _aligned_share(left_in, right_in) > MAX_ALIGNED_SHARE:
        return None  # rows: most lines of the left stand beside a line of the right
    if _aligned_share(right_in, left_in) > MAX_ALIGNED_SHARE and _run_on_share(right_in) <= MAX_RUN_ON_SHARE:
        return None  # a column of values, one a row, each beside a line of the left: rows too
    return Gutter(x, top, bottom)


def _aligned_share(side: Sequence[Box], other: Sequence[Box]) -> float:
    """Return the share of `side`'s lines that have a line of `other` at their height.

    Labels whose translations stack under them ("ZERTIFIKATSNUMMER" / "CERTIFICATE NO.") leave half the
    label column without a partner, yet every value beside them has one.
    """
    aligned = sum(1 for b in side if any(abs(o.top - b.top) <= ROW_EM * max(b.size, o.size) for o in other))
    return aligned / len(side)


def _run_on_share(side: Sequence[Box]) -> float:
    """Return the share of lines that another line follows closely below: text running on as a flow does,
    where a table's values stand one a row."""
    def runs_on(b: Box) -> bool:
        return any(o is not b and o.x0 < b.x1 and b.x0 < o.x1
                   and 0 <= o.top - b.bottom <= RUN_ON_EM * max(b.size, o.size) for o in side)

    return sum(1 for b in side if runs_on(b)) / len(side)


def across(gutters: Sequence[Gutter], left: Box, right: Box) -> bool:
    """Return whether a gutter between two flows stands between `left` and `right`."""
    return any(g.separates(left, right) for g in gutters)


__all__ = ["Gutter", "across", "find_gutters"]
