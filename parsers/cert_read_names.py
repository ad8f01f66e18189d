"""Readers of organisation names: the certificate holder and the certification body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from . import lexicon
from .cert_candidates import Candidate, candidate, reader
from .cert_layout import Segment, below, continues
from .cert_sentences import closer_pattern, phrase_pattern
from .cert_structures import Pair, Structures
from .cert_values import first_clause, org_name, strip_name_article
from .labels import fold, match_label, strip_article
from .orgnames import (
    cut_at_legal_form,
    ends_in_legal_form,
    keeps_full_stop,
    legal_form_end,
    starts_with_legal_form,
    with_wrapped_form,
)

LETTERHEAD_SHARE = 0.2  # the letterhead is the top fifth of page one
FOOTER_SHARE = 0.85  # the imprint is below this share of the page's height
MAX_NAME_CHARS = 120
# Names are capitalised; a line with several lower-case words is a sentence that ends in a name.
_MAX_LOWER_WORDS = 2
_NAME_THEN_ADDRESS = re.compile(r"^(?P<name>[^,\d]{2,80}?),\s+(?P<address>.*\d.*)$")


# --- the holder ---------------------------------------------------------------------------------


@reader("holder")
def holder_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The name printed for a holder label, or under "This is to certify that"."""
    for pair in s.pairs_for("holder"):
        opener = _is_opener(pair)
        name = holder_name(pair.value.lines, sentence=opener)
        if name:
            how = "opener" if opener and pair.placement == "below" else f"label:{pair.placement}"
            yield candidate("holder", name, pair.value.evidence()[:2], how)


def _is_opener(pair: Pair) -> bool:
    assert pair.label.label is not None
    return bool(phrase_pattern("holder_openers").fullmatch(pair.label.label.phrase)) or bool(pair.label.lead)


@reader("holder")
def holder_from_sentences(s: Structures) -> Iterator[Candidate]:
    """The name in "This letter confirms that X has been certified", "commissioned by X to"."""
    for para in s.paragraphs:
        if para.page > 2:
            continue
        for m in phrase_pattern("holder_openers").finditer(para.text):
            name = _name_after(para.text, _skip_openers(para.text, m.end()))
            if name:
                yield candidate("holder", name, para.evidence(m.start(), m.end() + len(name)), "sentence")
        for m in phrase_pattern("holder_engaged_by").finditer(para.text):
            name = _trim_name(para.text[m.end():m.end() + MAX_NAME_CHARS])
            yield candidate("holder", name, para.evidence(m.start(), m.end()), "sentence")


def _skip_openers(text: str, pos: int) -> int:
    """Skip to where the holder's name starts after an opener.

    Over its article and a translated opener ("dass das Unternehmen | This is to certify that ..."),
    and over what is certified when the name is its owner ("the AI governance practices of | X",
    "il sistema di gestione dell'organizzazione | X").
    """
    while True:
        rest = text[pos:].lstrip(" ,:")
        moved = len(text) - len(rest)
        stripped = strip_article(rest)
        if stripped != rest:
            pos = len(text) - len(stripped)
            continue
        m = phrase_pattern("holder_openers").match(rest)
        if m:
            pos = moved + m.end()
            continue
        return moved + _owned_by(rest)


def _owned_by(text: str) -> int:
    """Return how far "the <thing> of" runs before a capitalised name (0 when the name starts at once)."""
    m = _possessive().match(text)
    if m and (not text[m.end():].strip(" :") or text[m.end():m.end() + 1].isupper()):
        return m.end()
    if text[:1].isupper():
        return 0
    skipped = re.match(r"(?:[^\W\d][\w'’-]*\s+){1,8}?(?=[A-Z0-9ÄÖÜ])", text)
    if skipped and text[:1].islower() and not closer_pattern().search(skipped.group(0)):
        return skipped.end()
    return 0


@cache
def _owner_only(line: str) -> bool:
    """Return whether a line only names what is certified, its owner on the next line ("the system of:")."""
    m = _possessive().match(line)
    if m and not line[m.end():].strip(" :"):
        return True
    return line[:1].islower() and not re.search(r"\b[A-Z0-9]", line) and not closer_pattern().search(line)


@cache
def _possessive() -> re.Pattern[str]:
    """"the AI governance practices of": what is certified, owned by the name that follows."""
    forms = []
    for phrase in lexicon.phrases("holder_possessives"):
        head, _, tail = phrase.partition("*")
        forms.append(re.escape(head.strip()) + r"\s+(?:[\w-]+\s+){0,5}?" + re.escape(tail.strip()))
    return re.compile(r"^(?:" + "|".join(forms) + r")(?:\s*:\s*|\s+|(?<=')\s*|$)", re.I)


def _name_after(text: str, pos: int) -> str | None:
    """Return the organisation named at `pos` of a sentence: up to its verb, cut at its legal form."""
    tail = text[pos:]
    cut = _closer(tail)
    name = _trim_name(tail[: cut.start()] if cut else tail[:MAX_NAME_CHARS])
    if not name or not (name[:1].isupper() or name[:1].isdigit()):
        return None  # "certify that its AI management system complies": a pronoun, no name
    return name


def _closer(text: str) -> re.Match[str] | None:
    """Return the first word that ends a name in a sentence ("X a.s. operates": "operates"), not one
    that opens a legal form (the French "a" of "a.s.")."""
    return next((m for m in closer_pattern().finditer(text) if not starts_with_legal_form(text[m.start():])),
                None)


def _trim_name(text: str) -> str:
    """Cut a name read from running text at its legal form ("X GmbH ein KI-...", "X Inc., 1 Main St")."""
    text = strip_article(" ".join(text.split())).strip(" ,:")
    cut = cut_at_legal_form(text)
    if cut is not None:
        return cut
    return first_clause(text).strip(" ,:")


def holder_name(lines: list[str], sentence: bool = False) -> str | None:
    """Return the organisation name from a holder value's lines.

    After a sentence opener ("This letter confirms that") the name runs until the verb; otherwise
    it is the first line (two when the first ends mid-name with a comma, "&" or before its legal form).
    """
    lines = [" ".join(line.split()) for line in lines]
    if lines and (sentence or _possessive().match(lines[0])):
        # "certify that the management system of:" / X, "che il sistema di gestione dell'organizzazione" / X
        line = strip_article(lines[0])
        skip = _owned_by(line)
        head = "" if not skip and len(lines) > 1 and _owner_only(line) else line[skip:].strip(" :")
        lines[0] = head
        if not head:
            lines, sentence = lines[1:], False
    first = strip_article(lines[0]) if lines else ""
    if not first or match_label(first) is not None:
        return None
    if len(lines) > 1:
        wrapped = with_wrapped_form(first, lines[1])
        if wrapped != first:
            first = wrapped
        elif re.search(r"(?:,|&|\band)$", first):
            first = f"{first} {lines[1]}"
    text = " ".join([first, *lines[1:]]) if sentence else first
    cut = _closer(text)
    if cut and (sentence or len(text.split()) > 6):
        text = text[: cut.start()]
    if sentence or len(text.split()) > 6:
        text = _trim_name(text)
    return text.strip(" ,:") or None


@reader("holder")
def holder_prominent(s: Structures) -> Iterator[Candidate]:
    """The largest legal names on page one: certificates that print the holder without label or sentence."""
    found = [(seg, name) for seg in (s.layout.pages[0] if s.layout.pages else [])
             if (name := organisation_on_line(seg.text)) is not None]
    found.sort(key=lambda item: -item[0].size)
    distinct: dict[str, tuple[Segment, str]] = {}
    for seg, name in found:
        distinct.setdefault(fold(name), (seg, name))  # the same name printed twice is one guess
    for rank, (seg, name) in enumerate(list(distinct.values())[:3]):
        yield candidate("holder", name, [seg.evidence()], "prominent", bonus=-0.08 * rank)


def organisation_on_line(text: str) -> str | None:
    """Return the organisation a line names: all of it, or the name before its address."""
    text = text.strip(" :")
    if re.search(r"\s?:\s", text):  # "Organisme certifié : X SAS": the name follows its label
        text = re.split(r"\s?:\s", text)[-1].strip()
    m = _NAME_THEN_ADDRESS.match(text)
    name = m.group("name").strip() if m else text
    if not ends_in_legal_form(name) or re.search(r"\d", name) or len(name) > 90:
        return None
    lower = sum(1 for w in name.split() if w[:1].islower())
    if lower > _MAX_LOWER_WORDS or (name.endswith(".") and lower > 0 and not m):
        return None
    return name


# --- the certification body -----------------------------------------------------------------------


@reader("certification_body")
def body_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The name printed for "Certification body" / "Issued by" / "On behalf of"."""
    for pair in s.pairs_for("certification_body"):
        name = name_before_address(org_name(pair.value.text))
        first = name_before_address(org_name(pair.value.lines[0])) if pair.value.lines else ""
        if name == first and len(pair.value.lines) > 1:  # the name stops on its first line: its legal
            name = with_wrapped_form(name, pair.value.lines[1])  # form may still have wrapped to the next
        if name and len(name) <= MAX_NAME_CHARS:
            yield candidate("certification_body", name, pair.value.evidence()[:1], f"label:{pair.placement}")


def name_before_address(text: str) -> str:
    """Return an organisation's name without the address printed after it ("X Ltd, 5 Quay, NE1 3DX")."""
    end = legal_form_end(text)
    if end is not None and re.match(r"[.,]?\s*(?:,\s+\S.*\d|$)", text[end:]):
        return text[:end].strip(" ,")
    return text


@reader("certification_body")
def body_that_certifies(s: Structures) -> Iterator[Candidate]:
    """The name before "hereby certifies that" on the line above the holder."""
    for seg in s.layout.all():
        if seg.lead:
            name = org_name(seg.lead)
            yield candidate("certification_body", name, [seg.evidence()], "certifies")


@reader("certification_body")
def body_in_sentences(s: Structures) -> Iterator[Candidate]:
    """The body named after "on behalf of", "issued by", "remains the property of", "certified by"."""
    for para in s.paragraphs:
        for section, how in (("issuer_openers", "signs_for"), ("issuer_property", "property")):
            for m in phrase_pattern(section).finditer(para.text):
                name = _issuer_name(para.text, m.end())
                if name and not para.labelled_at(m.start()):
                    evidence = para.evidence(m.start(), m.end() + len(name))
                    yield candidate("certification_body", name, evidence, how,
                                    loose_stop=_stop_ends_sentence(para.text, m.end(), name))


def _stop_ends_sentence(text: str, pos: int, name: str) -> bool:
    """Return whether the full stop a name read from a sentence ends in may be the sentence's own
    ("... remains the property of X Lda. The validity ..."): printed once, it closes both or only one."""
    tail = strip_name_article(text[pos:].lstrip(" :"))
    after = tail[len(name):] if tail.startswith(name) else None
    return name.endswith(".") and after is not None and not after.startswith(".") \
        and not after.strip()[:1].islower()


def _issuer_name(text: str, pos: int) -> str | None:
    tail = strip_name_article(text[pos:].lstrip(" :"))
    if not tail[:1].isupper():
        return None
    end = legal_form_end(tail)
    if end is not None and end <= MAX_NAME_CHARS:
        return tail[:end].strip(" ,")
    name = first_clause(tail[:MAX_NAME_CHARS])
    name = _continuation().split(name)[0]
    return name.strip(" ,.") or None


@cache
def _continuation() -> re.Pattern[str]:
    return re.compile(r"\s+(?:" + lexicon.alternation(lexicon.phrases("clause_continuations")) + r")\b", re.I)


@reader("certification_body")
def body_signing(s: Structures) -> Iterator[Candidate]:
    """The body a signatory signs for: a short line "For X Ltd" in a signature block."""
    pattern = phrase_pattern("issuer_signs_for", case=False)
    for para in s.paragraphs:
        for seg in para.segments:
            m = pattern.match(seg.text)
            if not m:
                continue
            name = seg.text[m.end():].strip(" :")
            if name and ends_in_legal_form(name) and len(name.split()) <= 10 and name[:1].isupper():
                yield candidate("certification_body", name, [seg.evidence()], "signs_for")


@reader("certification_body")
def body_letterhead(s: Structures) -> Iterator[Candidate]:
    """The issuer's name at the top of page one, or opening a footer line (the imprint)."""
    if not s.layout.pages:
        return
    page = s.page(1)
    segs = s.layout.pages[0]
    for seg in sorted(segs, key=lambda x: (x.top, x.x0)):
        if seg.top > page.height * LETTERHEAD_SHARE:
            break
        name = _letterhead_name(seg, segs)
        if name:
            yield candidate("certification_body", _mixed_case(s, name), [seg.evidence()], "letterhead")
            break
    for seg in sorted(segs, key=lambda x: -x.top):
        if seg.top < page.height * FOOTER_SHARE:
            break
        end = legal_form_end(seg.text)
        name = seg.text[:end].strip() if end else ""
        if name and len(name) < 80 and name[:1].isupper() and not re.search(r"\d", name):
            yield candidate("certification_body", name, [seg.evidence()], "footer")
            break


def _letterhead_name(seg: Segment, segs: list[Segment]) -> str | None:
    text = seg.text.strip()
    hit = match_label(text)
    if hit is not None and hit.field != "stop" or re.search(r"\d", text) or len(text) > 80:
        return None
    nxt = below(segs, seg)
    if nxt is not None and continues(seg, nxt, None) and not re.search(r"\d", nxt.text):
        text = with_wrapped_form(text, nxt.text)  # "Rasa Certification Services Private" / "Limited"
    if ends_in_legal_form(text) or phrase_pattern("issuer_words").search(text):
        return text
    return None


def _mixed_case(s: Structures, name: str) -> str:
    """Return an all-capitals name as the document prints it elsewhere in mixed case, if it does."""
    if not name.isupper():
        return name
    pattern = re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.I)
    for m in pattern.finditer(s.text.replace("\n", " ")):
        if not m.group(0).isupper():
            printed = m.group(0)
            if keeps_full_stop(printed) and s.text.replace("\n", " ")[m.end():m.end() + 1] == ".":
                printed += "."
            return printed
    return name


__all__ = ["holder_name", "name_before_address", "organisation_on_line"]
