"""Readers of certified sites: a site table, a sites label's lines, the address under the holder's name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from . import lexicon
from .cert_candidates import Candidate, candidate, reader
from .cert_layout import Layout, Segment, below, column_block, continues
from .cert_read_names import holder_name
from .cert_read_text import OCR_BULLET
from .cert_sentences import closer_pattern
from .cert_structures import Structures
from .cert_tables import Cell, Table
from .cert_validate import ends_with_country, is_address, sentence_start, street_word
from .cert_values import join_lines
from .dates import find_dates
from .labels import match_label
from .model import Evidence
from .standards import find_standards


# ";" or a bullet between sites; or "A and B", two addresses in one sentence (B opens with its number).
@cache
def _site_split() -> re.Pattern[str]:
    joiners = lexicon.alternation(lexicon.phrases("list_joiners"))
    return re.compile(rf"\s*[;•]\s*|(?<=[^\W\d_]{{2}})\s+(?:{joiners})\s+(?=\d)")
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[-–•·▪◦*\uf000-\uf8ff]|\(cid:\d+\))\s*")
_ADDRESS_LINE = re.compile(r"\d|,")
_NAME_THEN_ADDRESS = re.compile(r"^(?P<name>[^,\d]{2,80}?),\s+(?P<address>.*\d.*)$")


def split_sites(lines: list[str]) -> list[str]:
    """Split a sites value into locations: one per line, or per ';', with wrapped addresses re-joined."""
    merged: list[str] = []
    for raw in lines:
        line = OCR_BULLET.sub("• ", " ".join(raw.split()))
        if merged and (merged[-1].endswith(",") or _wrapped(merged[-1], line)):
            glue = "" if merged[-1].endswith("-") else " "
            merged[-1] = f"{merged[-1]}{glue}{line}"
        else:
            merged.append(line)
    pieces = (part for line in merged for part in _site_split().split(line))
    parts = (_LIST_MARK.sub("", part).strip(" •·-") for part in pieces)
    return [part for part in parts if part]


def _wrapped(previous: str, line: str) -> bool:
    """Return whether `line` continues an address cut short on the line before ("Ciudad de" / "México, ...").

    An address that wraps does not end in its country; its rest does, and opens no new list item.
    """
    if _LIST_MARK.match(line) or ";" in previous or previous.endswith(".") \
            or sentence_start().match(previous) or not _ADDRESS_LINE.search(previous) \
            or match_label(previous) is not None:
        return False
    if _BARE_POSTCODE.match(line):
        return True  # "048616, Singapore": a postcode opens no address
    if ends_with_country(previous) or not ends_with_country(f"{previous} {line}") \
            or _STREET_START.match(line):
        return False
    if _POSTCODE_END.search(previous) and not _BARE_POSTCODE_END.search(previous):
        return False  # "Denver, CO 80202" is complete; "Marszałkowska 126, 00-008" still lacks its city
    return len(previous.split()) >= 2 and not _SITE_LABEL.match(line)


_STREET_START = re.compile(r"^\d+[A-Za-z]?\s+[^\W\d_]")  # "14 Loop Street": a new address
_POSTCODE_END = re.compile(r"(?:\b\d{4,}|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})$")  # "CO 80202", "M1 2HX"
_BARE_POSTCODE_END = re.compile(r"(?:^|,)\s*\d[\d -]*(?:\s[A-Z]{1,2})?$")  # "..., 08017", "..., 3521 AL"
_BARE_POSTCODE = re.compile(r"^\d[\d -]{2,9},")
_SITE_LABEL = re.compile(r"^[^\W\d_]{2,12}\s*\d{1,2}\s*[:.)]")  # "Site 2:", "Standort 2." open an item


def leading_addresses(items: list[str]) -> list[str]:
    """Return the run of addresses a list starts with; a wrapped tail ("Telangana, India") joins its head.

    The value under a sites label ends where the certificate's sentence resumes.
    """
    out: list[str] = []
    for item in items:
        if is_address(item):
            out.append(item)
        elif out and len(item.split()) <= 4 and not ends_with_country(out[-1]) and ends_with_country(item) \
                and is_address(f"{out[-1]}, {item}"):
            out[-1] = f"{out[-1]}, {item}"
        elif out:
            break
    return out


@reader("sites")
def sites_from_tables(s: Structures) -> Iterator[Candidate]:
    """The address column of a site table; a cell whose address wraps stays one site."""
    for table in s.tables:
        column = _address_column(table)
        if column is not None:
            cells = table.column(column)
            sites = column_sites(cells)
            evidence = [c.evidence() for c in cells]
            run = _column_run(s, table.headers[column])
            if len(run[0]) > len(sites) and run[0][:len(sites)] == sites:
                sites, evidence = run  # the table ended at another column's next label, its sites ran on
            if sites:
                yield candidate("sites", tuple(sites), evidence, "table")


def _column_run(s: Structures, header: Segment) -> tuple[list[str], list[Evidence]]:
    """Return the addresses that run down under a table header in its column, line after line.

    Labels set side by side read as a header row: the "table" ends where the next label of another
    column starts, while the sites column's lines run on under its own label.
    """
    segs = s.layout.pages[header.page - 1]
    first = below(segs, header)
    if first is None or first.label is not None:
        return [], []
    block = column_block(segs, first, limit=40)
    return leading_addresses(split_sites([b.text for b in block])), [b.evidence() for b in block]


def column_sites(cells: list[Cell]) -> list[str]:
    """Return the sites a table column lists from its first row on: a cell wrapped over two rows is one
    site, and the table ends where its addresses do."""
    items = split_sites([site for c in cells for site in _cell_sites(c)])
    return leading_addresses(items) if items and is_address(items[0]) else []


def _cell_sites(cell: Cell) -> list[str]:
    """Return a cell's addresses: its lines joined, except where one ends in a country and the next
    is an address of its own (two sites listed in one cell)."""
    parts: list[str] = []
    for line in cell.lines:
        if parts and not (ends_with_country(parts[-1]) and is_address(line)):
            parts[-1] = join_lines([parts[-1], line])
        else:
            parts.append(line)
    return parts


def _address_column(table: Table) -> int | None:
    """Return the column that holds locations: under a sites header, the most addresses in a run."""
    best: tuple[int, int] | None = None
    if not any(h.label is not None and h.label.field == "sites" for h in table.headers):
        return None
    # a site table: its sites header may head the site names ("Site | Address | Activities")
    for i in range(len(table.headers)):
        good = len(column_sites(table.column(i)))
        if good and (best is None or good > best[1]):
            best = (i, good)
    return best[0] if best else None


@reader("sites")
def sites_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The locations printed for a sites label, one per line or per ';'."""
    items: list[str] = []
    evidence: list[Evidence] = []
    in_tables = _site_table_words(s)
    for pair in s.pairs_for("sites"):
        if any(id(seg.words[0]) in in_tables for seg in [pair.label, *pair.value.segments[:1]] if seg.words):
            continue  # a label over a site table, or a site named "Sede" in one: the table reads them
        found = leading_addresses(split_sites(pair.value.lines))
        if found:  # "Site 1: ...", "Site 2: ...": each label states one site, the reading is all of them
            items.extend(found)
            evidence.extend(pair.value.evidence())
    if items:
        yield candidate("sites", tuple(items), evidence, "label:inline")


def _site_table_words(s: Structures) -> set[int]:
    """Return ids of the words of every site table: its header row and its cells."""
    words: set[int] = set()
    for table in s.tables:
        if any(h.label is not None and h.label.field == "sites" for h in table.headers):
            words.update(id(w) for h in table.headers for w in h.words)
            words.update(id(w) for row in table.rows for cell in row for w in cell.words)
    return words


@reader("sites")
def sites_under_holder(s: Structures) -> Iterator[Candidate]:
    """The address printed under the holder's name, read with the holder's label."""
    for pair in s.pairs_for("holder"):
        lines = pair.value.lines
        name = holder_name(lines)
        if not name:
            continue
        used = _lines_of_name(lines, name)
        address = address_below_holder(lines, used, _run_in(lines[used - 1], name))
        if address:
            yield candidate("sites", (address,), [pair.value.segments[-1].evidence()], "below_holder")


def address_of(s: Structures, holder: str) -> list[Candidate]:
    """Return the address printed after the holder's name: on its line, under it, or in its sentence."""
    found = _lines_after(s.layout, holder)
    if found is None:
        return _address_in_sentence(s, holder)
    seg, block = found
    same = _address_on_line(_from_name(seg.text, holder) or "", holder)
    lines = ([same] if same else []) + [b.text for b in block]
    address = address_below_holder(lines, 0)
    if address is None or (same and not address.startswith(same)):
        return _address_in_sentence(s, holder)  # the name alone on an annex's line; the address in a sentence
    evidence = seg.evidence() if same or not block else block[0].evidence()
    return [candidate("sites", (address,), [evidence], "after_holder")]


def _run_in(line: str, name: str) -> str | None:
    """Return the start of an address run on after the name on its line ("X S.A., Avenida"): "Avenida";
    "" when the line ends in a comma after the name (the sentence runs on into the address); None when
    the name ends its line."""
    text = " ".join(line.split())
    for m in re.finditer(r",(?:\s+|$)", text):
        head = text[:m.start()].strip()
        if head and name.endswith(head):
            return text[m.end():]
    return None


def address_below_holder(lines: list[str], used: int, run_in: str | None = None) -> str | None:
    """Return the address printed under a holder's name (its certified location), if any.

    An address run on after the name (`run_in`, its first words on the name's line, or "" after the
    name's comma) is one wrapped sentence: its lines join with a space. An address ends where the
    sentence turns to its verb ("..., Sweden, operates an ...").
    """
    parts: list[str] = [run_in] if run_in else []
    for line in lines[used:]:
        text = " ".join(line.split())
        if not parts:
            text = _after_address_lead(text)
            if not text:
                continue  # "located at" on its own line, the address under it
        verb = _closer_after_comma().search(text)
        if verb and is_address(" ".join([*parts, text[:verb.start()]])):
            parts.append(text[:verb.start()])
            break
        short_tail = bool(parts) and len(text.split()) <= 4  # "United Kingdom" closing an address
        if not (_ADDRESS_LINE.search(text) or short_tail) or _sentence_start(text) or len(text) > 120:
            break
        if find_standards(text) or find_dates(text) or match_label(text) is not None:
            break
        parts.append(text)
    address = join_lines(parts) if run_in is not None else _join_address_lines(parts)
    return address if parts and is_address(address) else None


@cache
def _closer_after_comma() -> re.Pattern[str]:
    """", operates", ", ha", ", hat": a comma, then the verb the holder's sentence goes on with."""
    return re.compile(r",\s+(?=" + closer_pattern().pattern + ")")


@cache
def _address_lead() -> re.Pattern[str]:
    return re.compile(rf"^(?:{lexicon.alternation(lexicon.phrases('address_leads'))})(?!\w)[\s:,]*", re.I)


def _after_address_lead(text: str) -> str:
    """Return `text` without the words leading to an address ("com sede em", "located at").

    A short line of words that ends in a sites word ("op de locatie", "at the site") leads to the
    address under it as well.
    """
    lead = _address_lead().match(text)
    if lead:
        return text[lead.end():]
    return "" if _site_lead(text) else text


SITE_LEAD_MAX_WORDS = 4


def _site_lead(text: str) -> bool:
    """Return whether a short line without digits ends in a sites word ("op de locatie")."""
    words = text.rstrip(" :").split()
    if not words or len(words) > SITE_LEAD_MAX_WORDS or re.search(r"\d", text):
        return False
    for i in range(len(words)):
        hit = match_label(" ".join(words[i:]))
        if hit is not None and hit.field == "sites" and not hit.rest:
            return True
    return False


def _join_address_lines(parts: list[str]) -> str:
    """Join an address's lines, a comma between its parts, a space where a part wrapped.

    A part wraps after a bare postcode ("08017" / "Barcelona"), before one ("Shanghai" / "200120, China"),
    or inside a country's name ("United" / "Arab Emirates"); elsewhere a line ends a part.
    """
    out = parts[0].rstrip(",") if parts else ""
    for line in parts[1:]:
        country_split = not ends_with_country(out) and not ends_with_country(line) \
            and ends_with_country(f"{out} {line}")
        wrapped = bool(_BARE_POSTCODE_END.search(out) or re.match(r"^\d[\d -]{0,9},", line)) \
            or country_split or _street_type_first(line, out)
        out = f"{out} {line.rstrip(',')}" if wrapped else f"{out}, {line.rstrip(',')}"
    return out


def _street_type_first(line: str, before: str) -> bool:
    """Return whether `line` opens with the street type its street's name ended the line before on
    ("77 Massachusetts" / "Avenue, Cambridge"); "Level 12, ..." opens a part of its own."""
    words = line.split()
    if len(words) < 2 or before.endswith(",") or words[1][:1].isdigit():
        return False
    hit = street_word().match(words[0].rstrip(","))
    return hit is not None and hit.end() == len(words[0].rstrip(","))


def _sentence_start(text: str) -> bool:
    return text[:1].islower() or bool(sentence_start().match(text))


def _lines_of_name(lines: list[str], name: str) -> int:
    """Return how many of a value's lines come before and make up the holder's name."""
    for i, line in enumerate(lines):
        tail = " ".join(line.split()).strip(" ,:")
        if tail and name.endswith(tail):
            return i + 1
    return 1


def _address_on_line(text: str, name: str) -> str | None:
    rest = " ".join(text.split())
    if not rest.startswith(name):
        return None
    rest = rest[len(name):].strip(" ,")
    return rest if re.search(r"\d", rest) and "," in rest else None


def _lines_after(layout: Layout, name: str) -> tuple[Segment, list[Segment]] | None:
    """Return the segment that starts with `name` and the lines set directly under it, in one block."""
    want = " ".join(name.split())
    for segs in layout.pages[:2]:
        for seg in segs:
            if _from_name(seg.text, want) is None:
                continue
            block: list[Segment] = []
            prev = seg
            while (nxt := below(segs, prev)) is not None and continues(prev, nxt, None) \
                    and _aligned(seg, nxt) and not _cell_left_of(segs, nxt):
                block.append(nxt)
                prev = nxt
            return seg, block
    return None


def _from_name(text: str, name: str) -> str | None:
    """Return `text` from `name` on when the name opens it, alone or after its label ("Company: X Ltd")."""
    at = text.find(name)
    if at == 0:
        return text
    if at > 0 and text[:at].rstrip().endswith(":") and match_label(text[:at]) is not None:
        return text[at:]
    return None


def _aligned(seg: Segment, other: Segment) -> bool:
    """Return whether two lines share a left edge, or a centre (a centred certificate)."""
    return abs(other.x0 - seg.x0) <= 2 or abs((other.x0 + other.x1) - (seg.x0 + seg.x1)) <= 4


def _cell_left_of(segs: list[Segment], seg: Segment) -> bool:
    return any(o.x1 <= seg.x0 and o.top < seg.bottom and seg.top < o.bottom for o in segs if o is not seg)


# An address's characters: no sentence end, but the point of a short abbreviation ("ul.", "Av.", "St.").
_IN_ADDRESS = r"(?:[^.;:]|(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.)"
_ADDRESS_IN_SENTENCE = rf",\s+(?P<a>{_IN_ADDRESS}{{5,120}}?\d{_IN_ADDRESS}{{0,80}}?),?\s+"


def _address_in_sentence(s: Structures, holder: str) -> list[Candidate]:
    """Return the address written after the holder's name in a sentence ("X Ltd, 4 Mill Lane, ..., has")."""
    verbs = lexicon.alternation(lexicon.phrases("holder_closers"))
    pattern = re.compile(re.escape(holder) + _ADDRESS_IN_SENTENCE + rf"(?:{verbs})\b")
    for para in s.paragraphs:
        if para.page > 2:
            continue
        m = pattern.search(para.text)
        if m and is_address(m.group("a")):
            return [candidate("sites", (m.group("a"),), para.evidence(m.start(), m.end()), "after_holder")]
    return []


__all__ = ["address_below_holder", "address_of", "leading_addresses", "split_sites"]
