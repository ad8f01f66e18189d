"""The certification body when no label names it: "issued by" in text, the letterhead, the footer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cert_layout import Segment
from .cert_text import LEGAL_IN_TEXT, line_with
from .cert_values import keeps_full_stop, org_name
from .labels import fold, has_separator, match_label
from .model import Evidence
from .pages import Page

_LEGAL_FORM = re.compile(
    r"\b(?:Ltd|Limited|Inc|LLC|LLP|GmbH|AG|plc|S\.?A\.?S?|S\.?L\.?|S\.?r\.?l\.?|S\.?p\.?A\.?|B\.?V\.?|N\.?V\.?|Pty|"
    r"Corp|Corporation|Co|Company|KG|Oy|Oyj|AB|ApS|A/S|SE|Pte|Bhd|K\.?K\.?|Kft|Zrt|Nyrt|SARL|s\.r\.o|d\.o\.o|a\.s|"
    r"(?-i:AS|ASA)|Registrars?|Certification|Assurance|"
    r"mbH|GbR|e\.V|\w*gesellschaft|\w*zertifizierung\w*|Certificaci[oó]n|Certificazion[ei]|Certificatie|"
    r"\w*certification|Audit(?:ors|ing)?|Conformity|Standards?|Assessment\w*)\b\.?", re.I)
_CERTIFIED_BY = re.compile(r"certified\s+by\s+(?P<cb>.{3,120}?)\s+(?:as|for|to|against|under|in)\b", re.S)
_ISSUER_IN_TEXT = re.compile(
    r"\b(?i:on\s+behalf\s+of|issued\s+by|certification\s+body\s*:|im\s+auftrag\s+(?:der|des|von)|"
    r"(?:remains\s+)?the\s+property\s+of|bleibt\s+(?:das\s+)?eigentum\s+(?:der|des|von))\s+(?:the\s+)?"
    r"(?P<cb>[A-Z][^\n]{2,100}?)(?=\s+(?:and|und|et)\s+(?:must|is|shall|muss|ist)\b|[.;,]?\s*$|\.\s)")


def _labelled(text: str) -> bool:
    """Return whether text is a "Label: value" field (a name alone may look like a label fuzzily)."""
    hit = match_label(text)
    return hit is not None and bool(hit.rest) and has_separator(text, hit.rest)


def name_before_address(text: str) -> str:
    """Return an organisation's name without the address printed after it ("X Ltd, 5 Quay, NE1 3DX")."""
    legal = LEGAL_IN_TEXT.search(text)
    if legal and re.match(r",\s+\S.*\d", text[legal.end():]):
        return text[: legal.end()]
    return text


def issuer_in_text(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return the body named mid-line after "on behalf of" / "issued by"."""
    for page in pages:
        for line in page.lines:
            m = _ISSUER_IN_TEXT.search(line.text)
            if m:
                name = name_before_address(org_name(m.group("cb")))
                if line.text[m.end("cb"):m.end("cb") + 1] == "." and keeps_full_stop(name):
                    name += "."  # "Inc." at the end of the line
                if name and not re.search(r"\d{4}", name):
                    return name, line.evidence()
    return None


def certified_by(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return the body named in "has been certified by X as ..."."""
    text = " ".join(line.text for line in pages[0].lines)
    m = _CERTIFIED_BY.search(text)
    if not m:
        return None
    name = org_name(m.group("cb"))
    line = line_with(pages, name.split(" ")[0])
    return name, line or Evidence(1, name)


def letterhead(pages: list[Page], not_named: str | None = None,
               cells: Sequence[Segment] | None = None) -> tuple[str, Evidence] | None:
    """Return the issuer's name from the letterhead: a top line of page 1 that names an organisation.

    `not_named` is the holder, whose name can also stand near the top of a certificate. `cells` are
    page 1's column segments: a letterhead shares its line with a right-hand "Issue No.: 3".
    """
    page = pages[0]
    skip = fold(not_named or "")
    for line in cells if cells is not None else page.lines:
        if line.top > page.height * 0.2:
            break
        text = line.text.strip()
        if skip and skip in fold(text) or _labelled(text):
            continue  # the holder's name, or a labelled field ("Organisation: X Ltd")
        if _LEGAL_FORM.search(text) and not re.search(r"\d", text) and len(text) <= 80:
            return _mixed_case(pages, text), line.evidence()
    return _footer_name(pages)


def _footer_name(pages: list[Page]) -> tuple[str, Evidence] | None:
    """Return an organisation that opens a footer line ("X Ltd, 4 Ocean Way, ..."): the issuer's imprint."""
    page = pages[0]
    for line in reversed(page.lines):
        if line.top < page.height * 0.85:
            break
        legal = LEGAL_IN_TEXT.search(line.text)
        name = line.text[: legal.end()] if legal else ""
        if name and len(name) < 80 and name[:1].isupper() and not re.search(r"\d", name):
            return name.strip(), line.evidence()
    return None


def _mixed_case(pages: list[Page], name: str) -> str:
    """Return an all-capitals name as the document prints it elsewhere in mixed case, if it does."""
    if not name.isupper():
        return name
    pattern = re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.I)
    for page in pages:
        for m in pattern.finditer(page.text.replace("\n", " ")):
            if not m.group(0).isupper():
                return m.group(0)
    return name
