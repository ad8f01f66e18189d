"""Rules about what the certificate is and who issued it to whom."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from weakref import WeakKeyDictionary

from parsers.model import field_spec

from .. import evidence as ev
from ..model import Finding, FlagEvidence
from ..registry import Facts, finding, rule
from ..settings import AccreditationLookup
from ..text import collapse, fold

_42001 = re.compile(r"42001")
_CLAIM = re.compile(r"\b(?:align\w*|complian\w*|complies|readiness|conformity assessment|self[- ]assess\w*|"
                    r"attest\w*)\b", re.I)
_REQUIRED = ("holder", "certificate_number", "certification_body", "expiry_date", "scope")  # FLAGS.md


def _looked_for(name: str) -> FlagEvidence:
    """Say which certificate field was looked for and not found."""
    return ev.absence("certificate", field_spec("certificate", name).description)


@rule("cert.not_42001", "high")
def not_42001(facts: Facts) -> Iterator[Finding]:
    """The certificate is not for ISO/IEC 42001."""
    standard = facts.certificate.standard
    if standard and _42001.search(standard):
        return
    if not standard and any(_42001.search(text) for text in facts.certificate.page_texts):
        return  # the standard's line was not read, but the document does name 42001: no evidence against it
    if standard:
        yield from finding(f"The certificate is for {standard}, not ISO/IEC 42001 (AI management systems)",
                           facts.cert_evidence("standard"))
    else:
        yield from finding("The document does not name ISO/IEC 42001 as the standard it certifies against",
                           _looked_for("standard"))


@rule("cert.not_certified", "high")
def not_certified(facts: Facts) -> Iterator[Finding]:
    """The document claims alignment, compliance or readiness, not certification."""
    if facts.certificate.certified is False:
        quoted = facts.cert_evidence("certified", "") or _claim_wording(facts.certificate.page_texts)
        yield from finding("The document only claims alignment, compliance or readiness; it is not a "
                           "certification by a certification body", quoted)


def _claim_wording(page_texts: list[str]) -> list[FlagEvidence]:
    """Quote the first line that words the claim as alignment, compliance or readiness."""
    for number, text in enumerate(page_texts, start=1):
        for line in text.splitlines():
            if _CLAIM.search(line):
                return [FlagEvidence("certificate", number, collapse(line))]
    return [_looked_for("certified")]


# Matching is fuzzy and the same few bodies recur across thousands of assessments: memoise per
# registry, weakly, so registries rebuilt per request (the portal's, from its database) are not kept.
_MATCHES: WeakKeyDictionary[AccreditationLookup, dict[str, bool]] = WeakKeyDictionary()
_MEMO_LIMIT = 4096


def recognised(registry: AccreditationLookup, stated: str) -> bool:
    """Return whether `registry` recognises the accreditation body `stated`."""
    try:
        memo = _MATCHES.setdefault(registry, {})
    except TypeError:  # a registry that cannot be weakly referenced: no memo
        return registry.match(stated) is not None
    if stated not in memo:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[stated] = registry.match(stated) is not None
    return memo[stated]


@rule("cert.unaccredited", "high")
def unaccredited(facts: Facts) -> Iterator[Finding]:
    """No accreditation body is stated, or it is not a recognised IAF MLA signatory."""
    stated = facts.certificate.accreditation_body
    if not stated or not stated.strip():
        yield from finding("The certificate states no accreditation body: the certification is not shown "
                           "to be accredited", _looked_for("accreditation_body"))
    elif not recognised(facts.settings.registry(), stated):
        yield from finding(f"'{stated}' is not a recognised accreditation body (IAF MLA signatory): "
                           "the certification is not accredited", facts.cert_evidence("accreditation_body"))


def entity_name(name: str, legal_forms: tuple[str, ...]) -> str:
    """Return a legal name without case, punctuation or the legal forms at its ends ("Acme Ltd." → "acme").

    A legal form stands at a name's end ("Acme Voice Pty Ltd") or start ("AB Volvo"); inside a name the
    same word is part of it ("Acme Co Voice Ltd" is not "Acme Voice Ltd"). Forms of several words
    ("Private Limited", "Sp. z o.o.", "GmbH & Co. KG") are dropped whole.
    """
    words = _name_words(name)
    forms = _form_words(tuple(legal_forms))
    while (form := _form_at_an_end(words, forms)) is not None:
        words = words[:-len(form)] if words[-len(form):] == form else words[len(form):]
    return " ".join(words)


def _form_at_an_end(words: tuple[str, ...], forms: frozenset[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Return the longest legal form that ends or starts `words` without being all of them."""
    for size in range(len(words) - 1, 0, -1):
        for edge in (words[-size:], words[:size]):
            if edge in forms:
                return edge
    return None


def _name_words(text: str) -> tuple[str, ...]:
    """Return the words of a name, folded, "&" read as "and", initials run together ("S.A." → "sa")."""
    text = fold(text).replace("&", " and ")
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", text)
    return tuple(re.sub(r"[^\w\s]+", " ", text).split())


@lru_cache(maxsize=16)
def _form_words(legal_forms: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Return each legal form as the words a name shows it as ("S.A." → ("sa",))."""
    return frozenset(words for form in legal_forms if (words := _name_words(form)))


@rule("cert.holder_mismatch", "medium")
def holder_mismatch(facts: Facts) -> Iterator[Finding]:
    """The certificate holder is not the supplier's legal entity."""
    holder, supplier = facts.certificate.holder, facts.context.supplier_legal_name
    if not holder or not supplier:
        return
    forms = facts.settings.legal_forms
    if entity_name(holder, forms) != entity_name(supplier, forms):
        yield from finding(f"The certificate is held by '{holder}', not by the supplier '{supplier}'",
                           facts.cert_evidence("holder"), ev.context(f"supplier legal name: {supplier}"))


@rule("cert.missing_fields", "medium")
def missing_fields(facts: Facts) -> Iterator[Finding]:
    """The certificate lacks a holder, number, certification body, expiry date or scope."""
    missing = [name for name in _REQUIRED if getattr(facts.certificate, name) in (None, "")]
    if missing:
        names = ", ".join(name.replace("_", " ") for name in missing)
        yield from finding(f"The certificate does not state: {names}",
                           [_looked_for(name) for name in missing])
