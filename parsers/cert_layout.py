"""Page geometry for certificates: lines split into column segments, and who sits where."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import lexicon
from .cert_columns import Gutter, across, find_gutters
from .labels import MIN_LABEL_SCORE, LabelHit, has_separator, match_label, trailing_opener
from .model import Evidence
from .pages import Line, Page, Word

# Words further apart than this many font sizes belong to different columns.
COLUMN_GAP_EM = 1.6
MIN_COLUMN_GAP = 8.0
# A line more than this fraction further from the previous one than the line before it starts
# a new paragraph (18.5 pt after 14.5 pt steps does; 14.7 after 14.8 does not).
PARAGRAPH_STEP = 1.15
# A line of at least this many gaps, none more than this ratio wider than the narrowest, is
# justified prose (its wide gaps are stretching, not a column boundary).
JUSTIFIED_MIN_GAPS = 4
JUSTIFIED_GAP_RATIO = 2.0
JUSTIFIED_MAX_EM = 2.5  # wider even gaps than this are a table row's cells
UP_SIZE_RATIO = 1.4
MERGE_MAX_WORDS = 4  # each half of a label wrapped over two lines is short
MERGE_MIN_SCORE = 95.0
MID_SENTENCE_MIN_WORDS = 3  # a shorter line (a value: "04/02/2028", "AB-123") is no sentence running on


@dataclass(eq=False)
class Segment:
    """Words of one line that form one column cell; `label` is set when they start with a label.

    The box is computed once (`refresh` after changing `words`): layout queries read it often.
    """

    page: int
    words: list[Word]
    index: int = 0  # position in reading order on its page
    label: LabelHit | None = field(default=None, repr=False)
    lead: str = field(default="", repr=False)  # before a label that ends the segment ("X | certifies that")
    x0: float = field(default=0.0, repr=False)
    x1: float = field(default=0.0, repr=False)
    top: float = field(default=0.0, repr=False)
    bottom: float = field(default=0.0, repr=False)
    size: float = field(default=0.0, repr=False)
    text: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute text and box from the words."""
        words = self.words
        if not words:
            self.text = ""
            return
        self.text = " ".join(w.text for w in words)
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.size = max(w.size for w in words) or (self.bottom - self.top)

    def evidence(self, text: str | None = None) -> Evidence:
        """Return provenance for this segment (or for `text` read from it)."""
        box = (self.x0, self.top, self.x1, self.bottom)
        return Evidence(self.page, text if text is not None else self.text, box)

    def overlaps_x(self, other: Segment) -> bool:
        """Return whether the two segments share some horizontal extent."""
        return self.x0 < other.x1 and other.x0 < self.x1


FONT_CHANGE = 1.5  # a font this many times larger than its neighbour's is another block of text
FONT_CHANGE_GAP_EM = 1.0  # between words of such different sizes, a gap this wide parts two blocks


def split_line(line: Line) -> list[Segment]:
    """Split a line into segments wherever the horizontal gap between words is column-sized.

    Justified text spreads its extra space over every gap, so a wide gap only separates columns
    when it is also much wider than the line's ordinary gaps.
    """
    words = line.words
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
    size = max(w.size for w in words) or (words[0].bottom - words[0].top)
    if _justified(words, gaps, size):
        return [Segment(line.page, list(words))]  # evenly spaced: one justified line, not columns
    segments: list[Segment] = []
    current = [words[0]]
    for prev, word, gap in zip(words, words[1:], gaps, strict=False):
        size = max(prev.size, word.size) or (prev.bottom - prev.top)
        column_gap = COLUMN_GAP_EM
        if prev.size and word.size and size > FONT_CHANGE * min(prev.size, word.size):
            # A title beside small print: the small print's gaps count, and a gap wider than a word
            # space between them sets another block apart (a sidebar's label beside the title).
            size, column_gap = min(prev.size, word.size), FONT_CHANGE_GAP_EM
        # A bullet is set apart from its item's text, but is never a column of its own.
        lone_bullet = len(current) == 1 and current[0] is words[0] and bool(_BULLET.match(prev.text))
        if gap > max(column_gap * size, MIN_COLUMN_GAP) and not lone_bullet:
            segments.append(Segment(line.page, current))
            current = [word]
        else:
            current.append(word)
    segments.append(Segment(line.page, current))
    return segments


def _justified(words: list[Word], gaps: list[float], size: float) -> bool:
    """Return whether evenly spaced words are a justified line of prose rather than a table row.

    Very wide even gaps are prose only when the words are words (a row of dates or codes is a table).
    """
    if len(gaps) < JUSTIFIED_MIN_GAPS or max(gaps) > JUSTIFIED_GAP_RATIO * max(min(gaps), 0.5):
        return False
    if min(gaps) < JUSTIFIED_MAX_EM * size:
        return True
    # Prose has small words in lower case ("of", "the", "und"); header cells are capitalised terms.
    lower = sum(w.text[:1].islower() for w in words)
    alpha = sum(w.text.strip(".,;:()").isalpha() for w in words)
    return alpha >= 0.7 * len(words) and lower >= 0.3 * len(words)


@dataclass
class Layout:
    """Every segment of a document, by page, in reading order, with labels marked."""

    pages: list[list[Segment]]
    gutters: list[list[Gutter]] = field(default_factory=list)  # per page: gaps between independent flows

    def all(self) -> list[Segment]:
        """Return every segment of every page, in reading order."""
        return [s for page in self.pages for s in page]

    def across_flows(self, left: Segment, right: Segment) -> bool:
        """Return whether `left` and `right` stand in two independent flows of text (body and sidebar)."""
        return left.page <= len(self.gutters) and across(self.gutters[left.page - 1], left, right)


def build_layout(pages: list[Page], cutoff: float = MIN_LABEL_SCORE) -> Layout:
    """Split every line into segments and mark those that start with a label (fuzzy score >= cutoff)."""
    out = []
    gutters = []
    for page in pages:
        segs = [s for line in page.lines if line.words for s in split_line(line)]
        segs = [piece for seg in segs for piece in _split_label_runs(seg, cutoff)]
        for i, seg in enumerate(segs):
            seg.index = i
        _merge_split_labels(segs)
        _drop_sentence_labels(segs)
        _mark_trailing_openers(segs)
        flows = find_gutters(segs)
        _merge_translations(segs, flows)
        out.append(segs)
        gutters.append(flows)
    return Layout(out, gutters)


def _split_label_runs(seg: Segment, cutoff: float) -> list[Segment]:
    """Label a segment, splitting it where a second label follows the first ("Issue date Expiry").

    Header cells of a table can sit closer than a column gap; each label still needs its own cell.
    """
    seg.label = _label_of(seg.text, cutoff)
    page_count = _page_count().match(seg.text) if seg.label is None else None
    if page_count:  # "Page 1 of 2 Certificate No.": the page's number, then a label
        tail = seg.text[page_count.end():]
        keep = len(seg.words) - len(tail.split())
        if 0 < keep < len(seg.words) and " ".join(w.text for w in seg.words[keep:]) == tail \
                and _label_of(tail, cutoff) is not None:
            return [Segment(seg.page, seg.words[:keep]),
                    *_split_label_runs(Segment(seg.page, seg.words[keep:]), cutoff)]
    if seg.label is None or not seg.label.rest:
        return [seg]
    rest = seg.label.rest
    if seg.label.field == "stop":  # "Page 1 of 2 | Certificate No.": the page's number, then a label
        rest = _PAGE_COUNT.sub("", rest, count=1)
    follower = _label_of(rest, cutoff)
    keep = len(seg.words) - len(rest.split())
    if follower is None or follower.field == "stop" or keep <= 0:
        return [seg]
    if " ".join(w.text for w in seg.words[keep:]) != rest:
        return [seg]
    head = Segment(seg.page, seg.words[:keep])
    head.label = _label_of(head.text, cutoff)
    return [head, *_split_label_runs(Segment(seg.page, seg.words[keep:]), cutoff)]


@cache
def _page_count() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("page_words"))
    return re.compile(rf"^(?:{words})\.?\s*\d+\s+\S{{1,4}}\s+\d+\s+(?=\S)", re.I)


@cache
def _appendix() -> re.Pattern[str]:
    """An annex heading's prefix ("Appendix 1 –", "Anlage A:") before the label it carries."""
    words = lexicon.alternation(lexicon.phrases("annex_words"))
    return re.compile(rf"^(?:{words})\b\s*(?:[A-Z0-9]{{1,3}}\b)?\s*[:.\-–—]?\s*", re.I)


_PAGE_COUNT = re.compile(r"^\d+\s+\S{1,4}\s+\d+\s+(?=\S)")
_NUMBER_SIGN = re.compile(r"^([^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*)?)\s*#")


def _label_of(text: str, cutoff: float) -> LabelHit | None:
    """Return the label a segment starts with, also behind an "Appendix 1 –" style prefix."""
    hit = match_label(text, cutoff=cutoff)
    if hit is None and _NUMBER_SIGN.match(text):  # "Zertifikat # 2025-118", "Certificate #: X"
        hit = match_label(_NUMBER_SIGN.sub(r"\1 No.", text, count=1), cutoff=cutoff)
    if hit is None and _appendix().match(text):
        rest = _appendix().sub("", text, count=1)
        hit = match_label(rest, cutoff=cutoff) if rest else None
    return hit


def _merge_split_labels(segs: list[Segment]) -> None:
    """Join a label wrapped over two lines ("Surveillance audit" / "completed on") into one.

    Neither half need be a label alone ("Certificate" / "number"); the two together must be one
    almost verbatim, so that "organization" / "Certificate" never passes for "organisation certifiée".
    """
    for seg in segs:
        if not seg.words:
            continue
        completed = _translation_completed(segs, seg)
        if completed is not None:
            _join_below(seg, completed[0], completed[1])
            continue
        if (seg.label is not None and _holds_value(seg.label.rest)) or len(seg.words) > MERGE_MAX_WORDS:
            continue
        nxt = below(segs, seg)
        if nxt is None or (nxt.label is not None and nxt.label.rest) or abs(nxt.x0 - seg.x0) > 2 \
                or len(nxt.words) > MERGE_MAX_WORDS or not continues(seg, nxt, None):
            continue
        if _in_row(segs, nxt, []) and not _in_row(segs, seg, []):
            continue  # a heading over a table's header row ("Site(s)" over "Address | Activities")
        joined = match_label(seg.text + " " + nxt.text)
        if joined is None or joined.rest or joined.score < MERGE_MIN_SCORE:
            continue
        if seg.label is not None and joined.field != seg.label.field and nxt.label is not None:
            continue  # two labels stacked, not one wrapped ("Date de certification" / "initiale" is one)
        if joined.words > (seg.label.words if seg.label else 0):
            _join_below(seg, nxt, joined)
    _drop_emptied(segs)


def _join_below(seg: Segment, nxt: Segment, label: LabelHit) -> None:
    seg.words = seg.words + nxt.words
    seg.label = label
    seg.refresh()
    nxt.words = []
    nxt.refresh()


def _holds_value(rest: str) -> bool:
    """Return whether what follows a label is a value, not the label's next word cut by the line's end
    ("Prossimo audit di" / "sorveglianza": "di" opens the rest of the label)."""
    return bool(rest) and (len(rest.split()) > 2 or not rest[:1].islower() or any(c.isdigit() for c in rest))


def _translation_completed(segs: list[Segment], seg: Segment) -> tuple[Segment, LabelHit] | None:
    """Return the line that completes a label's translation, wrapped under it, and the whole label.

    "Eerste uitgifte / Initial" over "certification date": the translation's words read with the line
    below make one label of the same field, though that line alone reads as another ("certification
    date", "date"). The line may share its row with another flow's text (a sidebar beside the body).
    """
    label = seg.label
    if label is None or label.field == "stop" or "/" not in seg.text:
        return None
    tail = seg.text.rsplit("/", 1)[1].strip()
    if label.rest and (any(c.isdigit() for c in label.rest)
                       or ("/" not in label.rest and not tail.endswith(label.rest))):
        return None  # a rest that holds the slash is the phrase running on ("Data da emissão atual / Issue"),
        # one the translation ends in its wrapped first words ("SoA / Statement of" / "Applicability")
    nxt = below(segs, seg)
    if not tail or nxt is None or (nxt.label is not None and nxt.label.rest) or abs(nxt.x0 - seg.x0) > 2 \
            or len(nxt.words) > MERGE_MAX_WORDS or not continues(seg, nxt, None) or "/" in nxt.text:
        return None
    whole = match_label(f"{tail} {nxt.text}")
    if whole is None or whole.rest or whole.field != label.field or whole.score < MERGE_MIN_SCORE:
        return None
    alone = match_label(tail)
    if alone is not None and not alone.rest and alone.field == label.field and alone.words >= whole.words:
        return None  # the translation was whole already: the line below is something else
    return nxt, whole


def _drop_emptied(segs: list[Segment]) -> None:
    """Remove segments whose words went to the one above, and renumber the rest in reading order."""
    segs[:] = [s for s in segs if s.words]
    for i, seg in enumerate(segs):
        seg.index = i


def _drop_sentence_labels(segs: list[Segment]) -> None:
    """Unmark label words that only continue the sentence above ("... first" / "issued on 1 May ...",
    "... sont hors" / "périmètre.")."""
    for seg in segs:
        if seg.label is None or has_separator(seg.text, seg.label.rest) \
                or not (seg.label.rest or seg.text[:1].islower()):
            continue
        prev = above(segs, seg)
        if prev is None or prev.label is not None or not continues(prev, seg, None):
            continue
        # Only prose runs on: a short line above (a signatory's name) ends where it is.
        if len(prev.text.split()) >= 6 and not prev.text.rstrip().endswith((".", ":", ";", "!", "?")):
            seg.label = None


def _mark_trailing_openers(segs: list[Segment]) -> None:
    """Label a line that ends with a holder opener ("X hereby certifies that"): the holder follows below.

    What precedes the opener is kept as the segment's `lead` (there, the body that certifies).
    """
    for seg in segs:
        if seg.label is not None:
            continue
        found = trailing_opener(seg.text)
        if found is None or not found[0]:
            continue
        lead, opener = found
        seg.label = LabelHit("holder", opener.lower(), 100.0, len(seg.words), "")
        seg.lead = lead


def _merge_translations(segs: list[Segment], flows: list[Gutter]) -> None:
    """Join a label and its translation stacked under it ("Hiermit wird bescheinigt, dass das Unternehmen"
    over "This is to certify that the company"): one label, whose value follows the second line.
    """
    for seg in segs:
        if not seg.words or seg.label is None or seg.label.rest or seg.label.field == "stop":
            continue
        nxt = below(segs, seg)
        if nxt is None or nxt.label is None or nxt.label.rest or nxt.label.field != seg.label.field \
                or not continues(seg, nxt, None):
            continue
        if (_in_row(segs, seg, flows) or _in_row(segs, nxt, flows)) \
                and not _value_beside(segs, seg, nxt, flows):
            continue
        seg.words = seg.words + nxt.words
        seg.refresh()
        nxt.words = []
        nxt.refresh()
    _drop_emptied(segs)


def _value_beside(segs: list[Segment], label: Segment, translation: Segment, flows: list[Gutter]) -> bool:
    """Return whether the only things beside a stacked label pair are its value's lines ("Alcance" |
    "Scope of certification", the scope running down to their right), not a header row's other cells.
    Lines of another flow across a gutter (a sidebar's) do not count."""
    def row(seg: Segment) -> list[Segment]:
        return [o for o in segs if o is not seg and o.words and o.top < seg.bottom and seg.top < o.bottom
                and not across(flows, o, seg) and not across(flows, seg, o)]

    beside = [row(label), row(translation)]
    if any(o.label is not None or o.x1 <= seg.x0 + 1 for part, seg in zip(beside, (label, translation),
                                                                         strict=True) for o in part):
        return False
    firsts = [min(part, key=lambda o: o.x0) for part in beside if part]
    return len(firsts) < 2 or abs(firsts[0].x0 - firsts[1].x0) <= 3.0


def _in_row(segs: list[Segment], seg: Segment, flows: list[Gutter]) -> bool:
    """Return whether another segment shares `seg`'s line (a table row, or a label with its value);
    a line of another flow across a gutter (the body beside a sidebar) does not count."""
    return any(o is not seg and o.words and o.top < seg.bottom and seg.top < o.bottom
               and ((o.x0 >= seg.x1 - 1 and not across(flows, seg, o))
                    or (o.x1 <= seg.x0 + 1 and not across(flows, o, seg))) for o in segs)


ROW_TIE_EM = 0.25  # segments whose tops differ less than this many sizes stand on one row


def below(segs: list[Segment], seg: Segment) -> Segment | None:
    """Return the nearest segment under `seg` that shares some of its horizontal extent.

    Of two on the nearest row (a label and the cell beside it), the one that starts where `seg` starts.
    """
    under = [o for o in segs if o.words and o is not seg and o.overlaps_x(seg) and _is_under(o, seg)]
    if not under:
        return None
    top = min(o.top for o in under)
    return min((o for o in under if o.top - top <= ROW_TIE_EM * o.size), key=lambda o: abs(o.x0 - seg.x0))


def above(segs: list[Segment], seg: Segment) -> Segment | None:
    """Return the nearest segment over `seg` that shares some of its horizontal extent (of two on
    the nearest row, the one that starts where `seg` starts)."""
    over = [o for o in segs if o.words and o is not seg and o.overlaps_x(seg) and _is_under(seg, o)]
    if not over:
        return None
    top = max(o.top for o in over)
    return min((o for o in over if top - o.top <= ROW_TIE_EM * o.size), key=lambda o: abs(o.x0 - seg.x0))


def _is_under(low: Segment, high: Segment) -> bool:
    """Return whether `low` sits under `high`: starts lower, and its middle is past high's bulk.

    OCR boxes of a small label and a large value below it can overlap a little.
    """
    return (low.top > high.top + 0.2 * high.size
            and (low.top + low.bottom) / 2 > high.bottom - 0.25 * high.size)


def same_row(segs: list[Segment], seg: Segment) -> list[Segment]:
    """Return segments to the right of `seg` whose vertical extent meets its own, nearest first."""
    found = [o for o in segs
             if o is not seg and o.x0 >= seg.x1 - 1 and o.top < seg.bottom and seg.top < o.bottom]
    return sorted(found, key=lambda o: o.x0)


def continues(prev: Segment, nxt: Segment, step: float | None) -> bool:
    """Return whether `nxt` continues the paragraph `prev` ends (small gap, steady spacing)."""
    gap = nxt.top - prev.bottom
    size = max(prev.size, nxt.size)
    if gap > 1.0 * size:
        return False
    new_step = nxt.top - prev.top
    return step is None or new_step <= step * PARAGRAPH_STEP + 0.5


def column_block(segs: list[Segment], start: Segment, *, owner: Segment | None = None, up: bool = False,
                 limit: int = 12, field: str | None = None) -> list[Segment]:
    """Return `start` and the lines that continue it downwards (and upwards) in its column.

    With an `owner` label to the left, lines that sit beside another label belong to that one. The
    value of a `field` label runs on over a word that only reads as that label ("European Board for" /
    "Management System" / "Accreditation"): a value never repeats its own label.
    """
    block = [start]
    step: float | None = None
    cur = start
    while len(block) < limit:
        nxt = below(segs, cur)
        if nxt is None or (_is_label(nxt) and not _mid_sentence(cur, nxt)
                           and not _own_label_runs_on(cur, nxt, field, step)):
            break
        listed = _list_item_follows(cur, nxt)
        if not (listed or continues(cur, nxt, step)):
            break
        if owner is not None and (_row_has_label(segs, nxt, owner) or _row_opens(segs, nxt, owner)):
            break
        step = None if listed else nxt.top - cur.top
        block.append(nxt)
        cur = nxt
    if up:
        cur = start
        while len(block) < limit:
            prv = above(segs, cur)
            # A cell's wrapped lines share a size; a much larger line above is a title, not the value.
            if prv is None or not continues(prv, cur, None) or _is_label(prv) \
                    or _row_has_label(segs, prv, owner) or prv.size > UP_SIZE_RATIO * cur.size \
                    or _row_opens(segs, prv, owner) or _ends_other_value(segs, prv, cur, owner) \
                    or not _aligned(prv, cur):
                break
            block.insert(0, prv)
            cur = prv
    return block


CENTRED_EM = 0.5  # a line centred under a heading has its middle this close to the heading's
ALIGN_EM = 0.5  # lines of one cell share their left edge, centre or right edge within this many sizes


def _aligned(a: Segment, b: Segment) -> bool:
    """Return whether two lines stand aligned as one cell's lines do: left, centred or right.

    A line above a value's first line that starts elsewhere belongs to another cell or paragraph
    (the value of the label stacked above, the sentence over a table)."""
    tol = ALIGN_EM * max(a.size, b.size)
    return abs(a.x0 - b.x0) <= tol or abs(a.x1 - b.x1) <= tol or abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 <= tol


# Bullets as extracted: the glyph itself, a private-use glyph, or pdfminer's "(cid:127)".
# OCR reads a round bullet as "e", "o", "°" or "»" before the item's capital.
_LIST_ITEM = re.compile(r"^(?:[•·▪◦*–\-\uf000-\uf8ff]|\(cid:\d+\)|\(?[a-z0-9]{1,2}[.)]|"
                        r"[eo°»](?=\s+[A-Z0-9]))\s")
_BULLET = re.compile(r"^(?:[•·▪◦*–\-\uf000-\uf8ff]|\(cid:\d+\)|[eo°»])$")


def _list_item_follows(prev: Segment, nxt: Segment) -> bool:
    """Return whether `nxt` is the next item of a list the block is in, spaced out more than prose."""
    if nxt.top - prev.bottom > 2.5 * max(prev.size, nxt.size) or not _LIST_ITEM.match(nxt.text):
        return False
    return prev.text.rstrip().endswith((":", ";", ",")) or bool(_LIST_ITEM.match(prev.text))


def _mid_sentence(prev: Segment, nxt: Segment) -> bool:
    """Return whether `nxt` only seems to start with a label because a sentence runs on into it."""
    if nxt.label is None or not nxt.label.rest or has_separator(nxt.text, nxt.label.rest):
        return False  # "Certificate No.: X" is a new field, not the sentence running on
    prose = len(prev.text.split()) >= MID_SENTENCE_MIN_WORDS and not prev.text.rstrip()[-1:].isdigit()
    return prose and not prev.text.rstrip().endswith((".", ":", ";", "!", "?"))  # a date value ends itself


def _own_label_runs_on(cur: Segment, nxt: Segment, field: str | None, step: float | None) -> bool:
    """Return whether `nxt`, one word that reads as the `field` label itself, is the next line of that
    label's value: it follows at the value's own line spacing, the line above ending mid-phrase."""
    return field is not None and nxt.label is not None and nxt.label.field == field \
        and not nxt.label.rest and len(nxt.words) == 1 and not cur.text.rstrip().endswith((".", ":", ";")) \
        and continues(cur, nxt, step)


def _is_label(seg: Segment) -> bool:
    return seg.label is not None


def _ends_other_value(segs: list[Segment], seg: Segment, nxt: Segment, owner: Segment | None) -> bool:
    """Return whether `seg` is the last line of the value of another label's row above it: set closer
    to that row than to `nxt` ("09/08/2026" / "09/17/2027", then the next row's "09/17/2028")."""
    prv = above(segs, seg)
    return prv is not None and continues(prv, seg, None) and _row_has_label(segs, prv, owner) \
        and seg.top - prv.top + 0.5 < nxt.top - seg.top


def _row_opens(segs: list[Segment], seg: Segment, owner: Segment | None) -> bool:
    """Return whether a label the vocabulary does not know opens `seg`'s row ("Client no.:  C-77").

    It stands in the owner label's column and starts with a capital; a lower-case word there is the
    owner's own label wrapped onto a second line ("Scope of" / "certification").
    """
    return owner is not None and any(
        o is not owner and abs(o.x0 - owner.x0) <= 2 and o.x1 <= seg.x0 and o.top < seg.bottom
        and seg.top < o.bottom and o.text[:1].isupper() for o in segs)


def _row_has_label(segs: list[Segment], seg: Segment, owner: Segment | None) -> bool:
    """Return whether another label sits left of `seg` on its row (so `seg` is that label's value).

    A label further left than the owner is not between them: the owner's value runs on past its row."""
    return any(o.label is not None and o is not owner and o.x1 <= seg.x0 and o.top < seg.bottom
               and seg.top < o.bottom and not (owner is not None and o.x1 <= owner.x0) for o in segs)


def row_cells(segs: list[Segment], header: Segment, *, any_header: bool = False) -> list[Segment]:
    """Return the other cells of a header row `header` is in (labels only, unless `any_header`).

    Header cells stand apart; a label split off a longer phrase ("certify that" / "the management
    system of:") sits a word space away and heads no column of its own.
    """
    return [o for o in segs if (any_header or o.label is not None) and o is not header
            and abs(o.top - header.top) <= 0.5 * header.size
            and (o.x0 - header.x1 >= 0.8 * header.size or header.x0 - o.x1 >= 0.8 * header.size)]


def cell_under(segs: list[Segment], header: Segment, seg: Segment, *, any_header: bool = False) -> Segment:
    """Return the part of `seg` in `header`'s column when labels head a table row.

    A row of values can sit closer than a column gap ("X-1 11 May 2024 10 May 2027") and read as
    one segment; each header's cell then runs from its own left edge to the next header's.
    With `any_header`, every cell of the header row bounds a column, labelled or not.
    """
    row = row_cells(segs, header, any_header=any_header)
    if not row:
        return seg
    if seg.x1 - seg.x0 > header.x1 - header.x0 and abs(seg.x0 + seg.x1 - header.x0 - header.x1) / 2 \
            <= CENTRED_EM * header.size:
        return seg  # a line centred under a centred heading, wider than it: a paragraph, not a cell
    left = max((o.x0 for o in row if o.x0 < header.x0), default=-1e9)
    left = max(left + 1, header.x0 - header.size)
    right = min((o.x0 for o in row if o.x0 > header.x1 - 1), default=1e9) - 1
    words = [w for w in seg.words if left <= w.x0 < right]
    return seg if len(words) == len(seg.words) else Segment(seg.page, words, seg.index)
