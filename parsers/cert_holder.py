"""The certified organisation when no label or sentence names it: the most prominent legal name."""

from __future__ import annotations

import re

from .cert_layout import Layout, Segment, below, continues
from .labels import fold
from .model import Evidence

# A name ending in a legal form ("... Ltd", "... GmbH", "... Zrt."): how organisations are printed.
ENDS_LEGAL = re.compile(r"(?i)\b(?:Ltd|Limited|Inc|LLC|LLP|GmbH|AG|plc|S\.?A\.?S?|B\.?V\.?|N\.?V\.?|"
                        r"Pty(?: Ltd)?|Corp|Corporation|S\.?r\.?l\.?|S\.?p\.?A\.?|Co\.?,? Ltd|Oy|Oyj|AB|"
                        r"A/S|KK|K\.K\.|Kft|Zrt|Nyrt|SARL|s\.r\.o|d\.o\.o|a\.s|Sp\. z o\.o|"
                        r"(?-i:AS|ASA|SE|NV|BV))\.?$")
# Names are capitalised; a line with several lower-case words is a sentence that ends in a name
# ("All AI systems developed and operated by X AB."), not the name itself.
_MAX_LOWER_WORDS = 2
# "X AB, Street 10, 111 57 City, Country": the holder and its address printed on one line.
_NAME_THEN_ADDRESS = re.compile(r"^(?P<name>[^,\d]{2,80}?),\s+(?P<address>.*\d.*)$")


def _lower_words(text: str) -> int:
    return sum(1 for w in text.split() if w[:1].islower())


def organisation_on_line(text: str) -> str | None:
    """Return the organisation a line names: all of it, or the name before its address."""
    text = text.strip(" :")
    if re.search(r"\s?:\s", text):  # "Organisme certifié : X SAS": the name follows its label
        text = re.split(r"\s?:\s", text)[-1].strip()
    m = _NAME_THEN_ADDRESS.match(text)
    name = m.group("name").strip() if m else text
    if not ENDS_LEGAL.search(name) or re.search(r"\d", name) or len(name) > 90:
        return None
    if _lower_words(name) > _MAX_LOWER_WORDS or (name.endswith(".") and _lower_words(name) > 0
                                                 and not m):
        return None
    return name


def address_on_line(text: str, name: str) -> str | None:
    """Return the address printed after the name on the same line ("X AB, Street 10, City")."""
    rest = " ".join(text.split())
    if not rest.startswith(name):
        return None
    rest = rest[len(name):].strip(" ,")
    return rest if re.search(r"\d", rest) and "," in rest else None


def prominent_organisation(layout: Layout, exclude: str | None) -> tuple[str, Evidence] | None:
    """Return the largest-printed organisation name on page 1 that is not the certification body.

    The last resort for certificates that print the holder's name without any label or sentence.
    Read per column segment: a name in one column shares its line with another column's dates.
    """
    skip = fold(exclude or "")
    best: tuple[str, Segment] | None = None
    for seg in layout.pages[0] if layout.pages else []:
        name = organisation_on_line(seg.text)
        if name is None:
            continue
        if skip and (fold(name) == skip or fold(name) in skip or skip in fold(name)):
            continue
        if best is None or seg.size > best[1].size:
            best = name, seg
    return (best[0], best[1].evidence()) if best else None


def lines_after(layout: Layout, name: str) -> tuple[Segment, list[Segment]] | None:
    """Return the segment that starts with `name` and the lines set directly under it, in one block."""
    want = " ".join(name.split())
    for segs in layout.pages[:2]:
        for seg in segs:
            if not seg.text.startswith(want):
                continue
            block: list[Segment] = []
            prev = seg
            while (nxt := below(segs, prev)) is not None and continues(prev, nxt, None) \
                    and abs(nxt.x0 - seg.x0) <= 2 and not _cell_left_of(segs, nxt):
                block.append(nxt)
                prev = nxt
            return seg, block
    return None


def _cell_left_of(segs: list[Segment], seg: Segment) -> bool:
    """Return whether another cell sits left of `seg` on its row: a table row, not an address line."""
    return any(o.x1 <= seg.x0 and o.top < seg.bottom and seg.top < o.bottom for o in segs if o is not seg)
