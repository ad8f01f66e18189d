"""Readers of statements: the scope, the accreditation body, the standard, and whether it certifies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from . import lexicon
from .accreditation import AccreditationRegistry
from .cert_candidates import Candidate, candidate, reader
from .cert_layout import Segment, below
from .cert_sentences import phrase_pattern
from .cert_structures import Paragraph, Structures
from .cert_values import HEADING, first_clause, join_lines, ocr_caps, starts_boilerplate, strip_name_article
from .labels import fold
from .model import Evidence
from .standards import certified, find_standards, pick_standard

_SCOPE_TAIL = re.compile(r"\s*(?:[_\-=.]{5,}.*)$", re.S)
# A round bullet as OCR reads it ("e Design ...; e Operation ..."): a lone e/o/°/» before a capital.
OCR_BULLET = re.compile(r"(?:^|(?<=[;:.]\s))[eo°»]\s+(?=[A-Z0-9ÄÖÜ])")
SCOPE_SENTENCE_CHARS = 600
_HYPHEN_WRAP = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")  # "third- party": a word wrapped at its hyphen


def clean_scope(text: str) -> str:
    """Return a scope statement without trailing rules or signature lines; unmapped bullets as "•"."""
    text = OCR_BULLET.sub("• ", _SCOPE_TAIL.sub("", text))
    text = re.sub(r"\(cid:\d+\)|[\uf000-\uf8ff]", "•", text)
    return trim_scope(" ".join(text.split()).strip())


_SENTENCE = re.compile(r"(?<=[^\s.]\.)\s+(?=[A-ZÄÖÜÉÀ])")


@cache
def _annex_pointer() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("annex_words"))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


def trim_scope(text: str) -> str:
    """End a scope before a later sentence that is the certificate's standard wording or points to an
    annex ("The certified locations are listed in the Annex …"): neither states activities."""
    sentences = _SENTENCE.split(text)
    for i, sentence in enumerate(sentences[1:], start=1):
        if starts_boilerplate(sentence) or _annex_pointer().search(sentence):
            return " ".join(sentences[:i])
    return text


@reader("scope")
def scope_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The statement printed for a scope label (on page one or on an annex page)."""
    for pair in s.pairs_for("scope"):
        text = clean_scope(pair.value.text)
        if text:
            bonus = 0.02 if pair.page in s.annex_pages else 0.0
            yield candidate("scope", text, pair.value.evidence(), f"label:{pair.placement}", bonus)


@cache
def _scope_sentence() -> re.Pattern[str]:
    openers = lexicon.alternation(lexicon.phrases("scope_openers"))
    body = rf"(?P<s>.{{15,{SCOPE_SENTENCE_CHARS}}}?)"
    # an opener's tail runs to its colon ("pour le domaine d'application suivant : X")
    tail = r"(?:[^:.\n]{0,40}:)?"
    return re.compile(rf"(?i:{openers}){tail}\s*:?\s+{body}(?:\.(?=\s+[A-Z])|\.?\s*$)", re.S)


@reader("scope")
def scope_in_sentences(s: Structures) -> Iterator[Candidate]:
    """A scope stated inside a sentence ("... for the scope of design and operation of X.")."""
    for para in s.paragraphs:
        m = _scope_sentence().search(para.text)
        # at the paragraph's start, only an opener that is no label ("For the following scope: X" is one,
        # read as a label/value pair)
        if m and (m.start() > 0 or para.segments[0].label is None):
            # set out on its own (the opener opens the paragraph or ends its line), the scope runs on to
            # the paragraph's end or the next label, less trailing standard wording; inside running text
            # it is the sentence the opener starts
            start = m.start("s")
            own = m.start() == 0 or start in para.offsets
            end = next((at for at in para.offsets if at > start and para.labelled_at(at)), len(para.text))
            body = para.text[start:min(end, start + SCOPE_SENTENCE_CHARS)] if own else m.group("s")
            scope = clean_scope(_HYPHEN_WRAP.sub("-", " ".join(body.split())))
            if not scope.endswith("."):  # cut short of a sentence's end: the opener's sentence only
                body = m.group("s")
                scope = _HYPHEN_WRAP.sub("-", " ".join(body.split())).rstrip(".") + "."
            yield candidate("scope", scope, para.evidence(m.start(), start + len(body)), "sentence")


@cache
def _opener_at_end() -> re.Pattern[str]:
    openers = lexicon.alternation(lexicon.phrases("scope_openers"))
    return re.compile(rf"(?i:{openers})[^:.\n]{{0,40}}:?\s*$")


@reader("scope")
def scope_below_opener(s: Structures) -> Iterator[Candidate]:
    """A scope set out under the sentence that announces it ("... para o seguinte âmbito:" | X)."""
    for para in s.paragraphs:
        if para.segments[-1].label is not None or not _opener_at_end().search(para.text):
            continue
        segs = s.layout.pages[para.page - 1]
        nxt = below(segs, para.segments[-1])
        host = next((p for p in s.paragraphs if p.page == para.page and p.segments[0] is nxt), None)
        if nxt is None or nxt.label is not None or host is None:
            continue
        taken: list[Segment] = []
        for seg in host.segments:
            ends_sentence = bool(taken) and taken[-1].text.rstrip().endswith(".")
            if seg.label is not None or (ends_sentence and (starts_boilerplate(seg.text)
                                                            or HEADING.match(seg.text.strip()))):
                break
            taken.append(seg)
        text = clean_scope(join_lines([seg.text for seg in taken]))
        if text:
            yield candidate("scope", text, [seg.evidence() for seg in taken], "sentence")


# --- accreditation ---------------------------------------------------------------------------------


@reader("accreditation_body")
def accreditation_from_pairs(s: Structures) -> Iterator[Candidate]:
    """The body printed for an accreditation label: a known body's acronym, else the name as printed."""
    registry = AccreditationRegistry.default()
    for pair in s.pairs_for("accreditation_body"):
        text = ocr_caps(pair.value.text) if s.page(pair.page).ocr else pair.value.text
        body = registry.match(text)
        how = f"label:{pair.placement}"
        if body is not None:
            yield candidate("accreditation_body", body.acronym, pair.value.evidence(), how)
        elif (name := accreditation_name(pair.value.text)) is not None:
            yield candidate("accreditation_body", name, pair.value.evidence(), how, bonus=-0.12)


@reader("accreditation_body", fallback=True)
def accreditation_anywhere(s: Structures) -> Iterator[Candidate]:
    """A known body named anywhere (its mark's caption, a footer), near the word accreditation if short."""
    registry = AccreditationRegistry.default()
    found = registry.find_in(" ".join(p.text for p in s.paragraphs))
    for para in s.paragraphs if found else []:
        assert found is not None
        at = para.text.find(found[1])
        if at >= 0:
            if not negated(para.text, at):
                yield candidate("accreditation_body", found[0].acronym, para.evidence(at, at + len(found[1])),
                                "registry")
            break


_MARK_CAPTION = re.compile(r"^(?P<acronym>[^\W\d_]{2,10})(?:\s+|-)"
                           r"(?P<code>(?=.*\d)[\w/.\-]{1,16}(?:\s[\w/.\-]{1,16}){0,2})$")


@reader("accreditation_body")
def accreditation_mark(s: Structures) -> Iterator[Candidate]:
    """An accreditation mark's caption on a line of its own: a known body's acronym and its accreditation
    number ("SAS 0123", "ema 3035/SGC", "Cgcre OCS 3551")."""
    registry = AccreditationRegistry.default()
    for seg in s.layout.all():
        m = _MARK_CAPTION.match(seg.text.strip())
        if m is None or seg.label is not None:
            continue
        body = registry.match(m.group("acronym").upper())
        if body is not None and fold(body.acronym) == fold(m.group("acronym")):
            yield candidate("accreditation_body", body.acronym, [seg.evidence()], "registry")


@reader("accreditation_body")
def accredited_by(s: Structures) -> Iterator[Candidate]:
    """"accredited by X" in running text."""
    registry = AccreditationRegistry.default()
    for para in s.paragraphs:
        for m in phrase_pattern("accredited_by").finditer(para.text):
            if negated(para.text, m.start()) or para.labelled_at(m.start()):
                continue
            name = accreditation_name(para.text[m.end():])
            if name:
                body = registry.match(name)
                yield candidate("accreditation_body", body.acronym if body else name,
                                para.evidence(m.start(), m.end() + len(name)), "sentence")


def negated(text: str, at: int) -> bool:
    """Return whether what stands at `at` is mentioned only to deny it ("not accredited by UKAS")."""
    if at < 0:
        return False
    before = text[max(0, at - 60):at]
    clause = re.split(r"[.;]", before)[-1]
    return any(not re.match(r"\s*(?:[.:]|\d)", clause[m.end():]) for m in _denial().finditer(clause))


@cache
def _denial() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("accreditation_denial"))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


@cache
def _no_body() -> re.Pattern[str]:
    """What an accreditation field says when there is none ("None", "N/A", "Yes", "-")."""
    words = lexicon.alternation(lexicon.phrases("accreditation_none"))
    return re.compile(rf"(?:{words}|[-–—])", re.I)


@cache
def _accredited_prefix() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("accredited_by"))
    return re.compile(rf"^(?:{words})\s+", re.I)


def accreditation_name(text: str) -> str | None:
    """Return an accreditation body's name as printed, from text like "Accredited by the X (reg. 12)"."""
    name = first_clause(text)
    name = strip_name_article(_accredited_prefix().sub("", name))
    # "de la X", "le X": a body's name is capitalised, the articles before it are not
    name = re.sub(r"^(?:[a-zà-ÿ]{1,4}'?\s+)+(?=[A-Z])", "", name)
    name = re.sub(r"\s*(?:\(|\bno\.?\b|\bn°|\bnr\.?\b|\breg\b|#).*$", "", name, flags=re.I)
    name = re.sub(r"\s+\d[\w/-]*$", "", name).strip(" ,;:.")
    if not name or _no_body().fullmatch(name) or not re.search(r"[^\W\d_]{2}", name):
        return None
    return name


# --- the standard and whether the document certifies -----------------------------------------------


@reader("standard")
def standard(s: Structures) -> Iterator[Candidate]:
    """The management-system standard: a labelled one, else the one the document names most."""
    labelled = [h for pair in s.pairs_for("standard") for h in find_standards(pair.value.text)]
    pick = pick_standard(find_standards(s.text), labelled)
    if pick is not None:
        how = "label:inline" if labelled else "sentence"
        yield candidate("standard", pick.name, _evidence_of(s, pick.printed), how)


@reader("certified")
def certifies(s: Structures) -> Iterator[Candidate]:
    """Whether the document certifies, rather than claiming alignment or readiness."""
    verdict = certified(s.reading_text)
    evidence = _evidence_of(s, verdict.phrase) if verdict.phrase else []
    yield Candidate("certified", verdict.certified, tuple(evidence), "sentence", 1.0)


def _evidence_of(s: Structures, needle: str) -> list[Evidence]:
    """Return the first segment that contains `needle` (whitespace-insensitive)."""
    want = " ".join(needle.split())
    for para in s.paragraphs:
        for seg in para.segments:
            if want and want in seg.text:
                return [seg.evidence()]
    return []


__all__ = ["OCR_BULLET", "Paragraph", "accreditation_name", "clean_scope", "negated"]
