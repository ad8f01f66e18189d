"""Reading one label's value off the page: inline after it, to its right, or below it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon
from .cert_layout import (
    FONT_CHANGE,
    Layout,
    Segment,
    below,
    cell_under,
    column_block,
    continues,
    row_cells,
    same_row,
)
from .model import Evidence
from .orgnames import inside_legal_form, keeps_full_stop
from .standards import find_standards

_SENTENCE_END = re.compile(r"(?<=[^\s.])\.\s+(?=[A-Z(\"“])|(?<=\.)\.\s+|;\s+|\s+[–—]\s+")
HEADER_ROW_GAP_EM = 2.0
HEADING_GAP_EM = 1.6
DIGIT_FIELDS = frozenset({"certificate_number", "expiry_date", "validity", "initial_certification_date",
                          "issue_date", "surveillance_dates", "next_audit_due"})
_DIGITS_BESIDE = DIGIT_FIELDS | {"soa_reference"}  # values that hold digits: a number, date or version
_PARAGRAPH_FIELDS = frozenset({"scope", "sites", "surveillance_dates"})  # may run over several sentences
_SIGNATURE_LINE = re.compile(r"^[_\-.=·\s]{5,}$")
_UNFINISHED = re.compile(r"(?:\b[^\W\d_]{1,3}|[-–—/])\s*$")  # ends on "to", "de", "May" or a dash
# A short heading of another field the vocabulary does not know ("Site(s) covered:", "Remarks:").
# A line that opens another field ("Certificato n.: X") after the scope's full stop ends the scope.
HEADING = re.compile(r"^[A-ZÄÖÜ][^.:;]{0,40}:$|^[A-ZÄÖÜ](?:\S+\s){0,3}?\S*:\s+\S")


@dataclass
class Value:
    """A value read for a label: its lines (text as printed) and where each was read."""

    lines: list[str]
    segments: list[Segment]
    label: Segment

    @property
    def text(self) -> str:
        """Return the value's lines joined as one text."""
        return join_lines(self.lines)

    def evidence(self) -> list[Evidence]:
        """Return one Evidence per source segment (label line included when the value is inline)."""
        return [seg.evidence() for seg in self.segments]


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: collapse whitespace, and glue a line that ends in a hyphen to the next."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if out.endswith(("-", "/")) and out[-2:-1].isalpha() and line[:1].isalpha() \
                or broken_number(out, line):
            out += line  # a word, or a date ("2022-" / "01-12"), broken at the line's end
        else:
            out = f"{out} {line}" if out else line
    return out


_CENTURY_END = re.compile(r"(?:[-/.]|[^\W\d_]{3}\.?\s)(?:19|20)$")  # "02-Jan-20", "26 juli 20"
_YEAR_END_START = re.compile(r"^\d\d(?!\d)")


def broken_number(before: str, after: str) -> bool:
    """Return whether a line broke inside a number or date ("version 3.1 of 2022-" / "01-12").

    A narrow cell may break a date's year without a hyphen ("02-Jan-20" / "23"): read apart, the
    century would pass for a two-digit year.
    """
    if _CENTURY_END.search(before) and _YEAR_END_START.match(after):
        return True
    return before.endswith(("-", "/")) and before[-2:-1].isdigit() and after[:1].isdigit()


def claimed_below(layout: Layout) -> set[int]:
    """Return ids of segments that sit directly under a value-less label (its value, stacked)."""
    claimed: set[int] = set()
    for segs in layout.pages:
        for seg in segs:
            if seg.label is None or seg.label.rest or seg.label.field == "stop":
                continue
            nxt = below(segs, seg)
            if nxt is not None and nxt.label is None and continues(seg, nxt, None):
                claimed.add(id(nxt))
    return claimed


def read_value(layout: Layout, label: Segment, claimed: set[int], *, multiline: bool) -> Value | None:
    """Return the value printed for `label`: after it, to its right, or below it."""
    segs = layout.pages[label.page - 1]
    assert label.label is not None
    rest = label.label.rest
    limit = 40 if multiline else 1
    if rest and _label_runs_on(segs, label, rest):
        rest = ""
    if rest:
        more = column_block(segs, label, limit=limit, field=label.label.field)[1:] if multiline else []
        if label.label.field not in _PARAGRAPH_FIELDS:
            more = _until_sentence_end(rest, more)
        return _value([rest, *(s.text for s in more)], [label, *more], label)
    under = below(segs, label)
    for right in same_row(segs, label):
        if _page_marker().match(right.text.strip()):
            continue  # "Page 1 of 2" set in the page's corner on the label's line: no field's value
        if right.label is not None or id(right) in claimed:
            break
        if layout.across_flows(label, right) and not _form_row(label, right, under):
            break
        if right.size > FONT_CHANGE * label.size:
            break  # a title set beside the label, not its value
        block = column_block(segs, right, owner=label, up=True, limit=limit if multiline else 12,
                             field=label.label.field)
        if label.label.field in _DIGITS_BESIDE and not any(_own_digits(s.text) for s in block) \
                and under is not None and under.label is None and _own_digits(under.text):
            break  # a number, date or version has digits (not a standard's): beside its label stands another
            # column's text
        if _stacked_value(label, under) and abs(right.top - label.top) > OFF_ROW_EM * label.size:
            break  # its value stacked under it; beside it, off its row, another column's text runs
        return _value([s.text for s in block], block, label)
    nxt = under
    if nxt is None or not (continues(label, nxt, None) or _row_value(segs, label, nxt)
                           or _heading_value(label, nxt)):
        nxt = _indented_below(segs, label)
    if nxt is None or nxt.label is not None or _SIGNATURE_LINE.match(nxt.text):
        return None
    if not multiline and label.label.field in DIGIT_FIELDS and _UNFINISHED.search(nxt.text):
        limit = 2  # a date or period wrapped in a narrow column ("8 March 2022 to 7" / "March 2025")
    block = [cell_under(segs, label, seg)
             for seg in column_block(segs, nxt, limit=limit, field=label.label.field)]
    return _value([s.text for s in block if s.words], [s for s in block if s.words], label)



_DATE_LABELS = frozenset({"expiry_date", "validity", "initial_certification_date", "issue_date",
                          "next_audit_due"})
RUN_ON_MAX_WORDS = 2


def _label_runs_on(segs: list[Segment], label: Segment, rest: str) -> bool:
    """Return whether a date label's "value" is only its phrase running on in words the vocabulary does
    not hold ("DATA DA EMISSÃO ATUAL", "PRÓXIMA AUDITORÍA DE"), its date standing to its right."""
    assert label.label is not None
    if label.label.field not in _DATE_LABELS or re.search(r"\d", rest) \
            or len(rest.split()) > RUN_ON_MAX_WORDS:
        return False
    right = same_row(segs, label)
    return bool(right) and right[0].label is None and bool(re.search(r"\d", right[0].text)) \
        and abs(right[0].top - label.top) <= OFF_ROW_EM * label.size


def _own_digits(text: str) -> bool:
    """Return whether text holds a digit that is not part of a standard's name ("ISO/IEC 42001:2023")."""
    for std in find_standards(text):
        text = text.replace(std.printed, " ")
    return bool(re.search(r"\d", text))


@cache
def _page_marker() -> re.Pattern[str]:
    """A page number standing alone: "Page 1 of 2", "Seite 1 von 2", "Pagina 1/1"."""
    words = lexicon.alternation(lexicon.phrases("page_words"))
    return re.compile(rf"^(?:{words})\.?\s*\d+(?:\s*(?:/|\S{{1,4}})\s*\d+)?$", re.I)


OFF_ROW_EM = 0.4  # a value beside its label shares its row; text this far off it runs in another column
FORM_ROW_EM = 0.2  # a form's value starts on its label's very line; another flow's line only by chance


def _form_row(label: Segment, right: Segment, under: Segment | None) -> bool:
    """Return whether `right`, across a gutter, is still the label's value: a form row.

    A label column whose labels mostly stack their values under them (or their translations) reads like
    a flow of its own. A sidebar's label has its value stacked under it; a label with nothing under it
    and a line starting on its very row to its right is a row of the form.
    """
    return not _stacked_value(label, under) and abs(right.top - label.top) <= FORM_ROW_EM * label.size


def _stacked_value(label: Segment, nxt: Segment | None) -> bool:
    """Return whether `nxt`, the line under `label`, is plain and tight under it, flush with it: the
    label's own value."""
    return nxt is not None and nxt.label is None and abs(nxt.x0 - label.x0) <= 2 \
        and continues(label, nxt, None) and not _SIGNATURE_LINE.match(nxt.text)


def _row_value(segs: list[Segment], label: Segment, nxt: Segment) -> bool:
    """Return whether `nxt` is the value row of a table whose header row `label` is in.

    A header row's values sit a little further down than a paragraph's next line (cell padding;
    OCR boxes are smaller than the printed font), so a header cell reaches further. A header row may
    stack its labels' translations under them: the values start under the header's last line.
    """
    if not row_cells(segs, label):
        return False
    header_bottom = max([label.bottom] + [o.bottom for o in segs if o.label is not None
                                          and label.top <= o.top and o.bottom <= nxt.top])
    return nxt.top - header_bottom <= HEADER_ROW_GAP_EM * max(label.size, nxt.size)


def _heading_value(label: Segment, nxt: Segment) -> bool:
    """Return whether `nxt` is the paragraph a heading label stands over ("Certified scope" / text).

    A heading is set apart from its paragraph by a little more than a line's spacing.
    """
    return nxt.label is None and nxt.top - label.bottom <= HEADING_GAP_EM * max(label.size, nxt.size)


def _value(lines: list[str], segments: list[Segment], label: Segment) -> Value:
    """Build a Value, cutting a scope where the certificate's standard wording starts after it."""
    if label.label is not None and label.label.field == "scope":
        # A scope named mid-sentence ("... für den Geltungsbereich" / scope / "ein KI-Managementsystem
        # nach ISO/IEC 42001 eingeführt hat.") ends where the sentence turns to the standard.
        mid_sentence = label.text[:1].islower()
        for i in range(1, len(lines)):
            if mid_sentence and find_standards(lines[i]):
                lines, segments = lines[:i], segments[:i]
                break
            if lines[i - 1].rstrip().endswith(".") and (starts_boilerplate(lines[i])
                                                        or HEADING.match(lines[i].strip())):
                lines, segments = lines[:i], segments[:i]
                break
    return Value(lines, segments, label)


@cache
def _enders() -> re.Pattern[str]:
    phrases = lexicon.phrases("scope_enders") + lexicon.phrases("boilerplate")
    return re.compile(r"^\W*(?:" + lexicon.alternation(phrases) + r")(?!\w)", re.I)


def starts_boilerplate(text: str) -> bool:
    """Return whether a sentence opens with the certificate's standard wording, not a field's value."""
    return bool(_enders().match(text))


def _until_sentence_end(first: str, more: list[Segment]) -> list[Segment]:
    """Keep continuation lines only while the value's sentence runs on ("Accredited by the" / "X")."""
    kept: list[Segment] = []
    last = first
    for seg in more:
        if last.rstrip().endswith((".", ";", "!", "?")):
            break
        kept.append(seg)
        last = seg.text
    return kept


def _indented_below(segs: list[Segment], label: Segment) -> Segment | None:
    """Return a value set under a short label but indented past its end ("Scope:" / "    The ...")."""
    reach = label.x1 + 3 * label.size
    found = [s for s in segs if s.top > label.top + 0.5 * label.size and label.x0 <= s.x0 <= reach
             and continues(label, s, None)]
    return min(found, key=lambda s: s.top) if found else None


_CODE_WORD = re.compile(r"^(?:[A-Z0-9./_-]*\d[A-Z0-9./_-]*|[A-Z]{1,6}|[A-Z0-9]+(?:[./_-][A-Z0-9]+)+)$")


def number_words(text: str) -> str:
    """Return the leading words of a number run that are code-like ("AIMS 734211", "12 345 67890").

    A word in ordinary case ("Issued", "and") ends the number: what follows is the sentence or the
    next field, run in when a separator ("|") is lost.
    """
    words = text.split()
    kept: list[str] = []
    for word in words:
        if kept and not _CODE_WORD.match(word):
            break
        kept.append(word)
    return " ".join(kept)


_OCR_CAPS_TOKEN = re.compile(r"\b(?=[A-Z]*l)(?=\w*[A-Z])[A-Zl]{2,}\b")


def ocr_caps(text: str) -> str:
    """Return a code or acronym with OCR's "l" for "I" undone in capitals ("LSR-Al-9" -> "LSR-AI-9")."""
    return _OCR_CAPS_TOKEN.sub(lambda m: m.group(0).replace("l", "I"), text)


def first_clause(text: str) -> str:
    """Cut text at the end of its first sentence or clause, keeping a legal form's full stop."""
    m = next((m for m in _SENTENCE_END.finditer(text) if not inside_legal_form(text, m.start())), None)
    head = text[: m.start()] if m else text
    head = head.strip(" ,;:")
    if m and keeps_full_stop(head) and text[m.start():m.start() + 1] == ".":
        head += "."
    return head


def org_name(text: str) -> str:
    """Return an organisation name from text that may continue with a sentence."""
    return strip_name_article(first_clause(text)).strip(" ,;:")


def strip_name_article(text: str) -> str:
    """Remove the words printed before a name that are not part of it ("by the X", "der X GmbH")."""
    return _name_articles().sub("", text, count=1)


@cache
def _name_articles() -> re.Pattern[str]:
    return re.compile(r"^(?:(?:" + lexicon.alternation(lexicon.phrases("name_articles")) + r")\s+)+", re.I)
