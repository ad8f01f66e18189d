"""The certified organisation when no label or sentence names it: the most prominent legal name."""

from __future__ import annotations

import re

from .labels import fold
from .model import Evidence
from .pages import Line, Page

# A name ending in a legal form ("... Ltd", "... GmbH", "... Zrt."): how organisations are printed.
ENDS_LEGAL = re.compile(r"(?i)\b(?:Ltd|Limited|Inc|LLC|LLP|GmbH|AG|plc|S\.?A\.?S?|B\.?V\.?|N\.?V\.?|"
                        r"Pty(?: Ltd)?|Corp|Corporation|S\.?r\.?l\.?|S\.?p\.?A\.?|Co\.?,? Ltd|Oy|Oyj|AB|"
                        r"A/S|KK|K\.K\.|Kft|Zrt|Nyrt|SARL|s\.r\.o|(?-i:AS|ASA|SE|NV|BV))\.?$")
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


def prominent_organisation(pages: list[Page], exclude: str | None) -> tuple[str, Evidence] | None:
    """Return the largest-printed organisation name on page 1 that is not the certification body.

    The last resort for certificates that print the holder's name without any label or sentence.
    """
    skip = fold(exclude or "")
    best: tuple[str, Line] | None = None
    for line in pages[0].lines:
        name = organisation_on_line(line.text)
        if name is None:
            continue
        if skip and (fold(name) == skip or fold(name) in skip or skip in fold(name)):
            continue
        if best is None or line.size > best[1].size:
            best = name, line
    return (best[0], best[1].evidence()) if best else None


def lines_after(pages: list[Page], name: str) -> tuple[Line, list[Line]] | None:
    """Return the line that starts with `name` and the lines set directly under it, in one block."""
    want = " ".join(name.split())
    for page in pages[:2]:
        for i, line in enumerate(page.lines):
            if not line.text.startswith(want):
                continue
            block: list[Line] = []
            prev = line
            for nxt in page.lines[i + 1:]:
                if nxt.top - prev.bbox[3] > 0.9 * max(prev.size, nxt.size) or abs(nxt.x0 - line.x0) > 2:
                    break
                block.append(nxt)
                prev = nxt
            return line, block
    return None
