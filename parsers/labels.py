"""Certificate field labels, found by meaning: a vocabulary per field, matched fuzzily."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

# Field -> label phrases (English, German, a little French/Spanish/Italian). Order matters only for
# ties; matching is fuzzy, so close variants ("Certificate Nr", "Cert. No") need no entry.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "certificate_number": (
        "certificate no", "certificate number", "certificate ref", "certificate reference", "cert no",
        "cert ref", "cert number", "registration number", "registration no", "reg no",
        "certificate id", "certificate registration number", "zertifikat nr", "zertifikatsnummer",
        "zertifikat nummer", "registriernummer", "registrierungsnummer", "numéro de certificat",
        "número de certificado", "numero certificato", "certificate code", "statement no", "letter no",
        "reference no", "ref no", "attestation no", "report no", "approval number", "approval no",
        "certificate identity number", "certificate identity no", "zertifikat registrier nr", "registrier nr",
        "zertifikats nr", "certificate registration no", "certificaatnummer", "certificaat nr",
        "certificato n", "certificato numero", "numero di certificato", "numéro du certificat",
    ),
    "expiry_date": (
        "expiry date", "date of expiry", "valid until", "expiration date", "expires on", "expires",
        "this certificate expires on", "valid to", "valid thru", "valid through", "certificate expiry",
        "expiry", "gültig bis", "ablaufdatum", "gültigkeit bis", "date d'expiration",
        "valable jusqu'au", "válido hasta", "valido fino al", "scadenza", "fecha de caducidad",
        "approval expiry", "expiry of approval", "certificate expiry date", "date of expiration",
        "expiration", "geldig tot", "data di scadenza", "vervaldatum", "fecha de vencimiento",
    ),
    "validity": (
        "valid", "validity", "validity period", "period of validity", "certificate validity", "gültigkeit",
        "gültigkeitsdauer", "gültigkeitszeitraum", "validité", "vigencia", "validità",
    ),
    "initial_certification_date": (
        "original certification date", "initial certification", "initial certification date",
        "first issued", "date of initial certification", "original date of certification",
        "originally certified", "certified since", "original approval date", "first certification",
        "initial registration", "original registration date", "date of initial registration",
        "initial registration date", "initial date", "date of original registration", "erstzertifizierung",
        "datum der erstzertifizierung", "zertifiziert seit", "initially certified on",
        "date de certification initiale", "première certification", "fecha de certificación inicial",
        "original approval", "original registration", "initial approval", "initial certification date",
        "date of original approval", "datum eerste certificering", "originally registered",
    ),
    "issue_date": (
        "current issue date", "date of issue", "issue date", "issued on", "effective date",
        "date of certification", "certificate issued", "issue", "valid from", "effective from",
        "current certificate was issued on", "date of current certificate", "ausstellungsdatum",
        "ausgestellt am", "gültig ab", "gültig von", "datum", "date d'émission", "fecha de emisión",
        "data di emissione", "recertification date", "current approval", "gültig vom", "issued",
        "reissued on", "re-issued on", "renewed on", "last renewed", "current certificate",
        "date of current approval", "current registration", "datum van afgifte", "geldig vanaf",
        "uitgiftedatum",
        "date of registration", "registration date", "certification date",
    ),
    "surveillance_dates": (
        "surveillance audit", "surveillance audits", "surveillance audit completed on",
        "last surveillance audit", "surveillance date", "surveillance audit date",
        "latest surveillance audit", "überwachungsaudit", "letztes überwachungsaudit",
        "audit de surveillance",
    ),
    "next_audit_due": (
        "next audit due", "next surveillance audit", "next audit", "next surveillance due",
        "next audit date", "next recertification audit", "recertification due", "nächstes audit",
        "nächstes überwachungsaudit", "prochain audit",
    ),
    "holder": (
        "organisation", "organization", "awarded to", "this is to certify that", "certificate holder",
        "holder", "client", "company", "issued to", "granted to", "this certifies that",
        "name of organisation", "the management system of", "management system of",
        "name of organization", "certified organisation", "certified organization", "registered organisation",
        "hiermit wird bescheinigt dass", "hiermit bescheinigen wir dass", "zertifikatsinhaber",
        "unternehmen", "organisation certifiée", "organización", "this letter confirms that",
        "we hereby certify that", "this is to confirm that", "is hereby granted to", "hereby granted to",
        "this certificate is issued to", "certificate is issued to",
        "organisme certifié", "organisatie", "prepared for",
    ),
    "sites": (
        "sites", "site", "certified site", "certified sites", "certified site(s)", "certified location",
        "certified locations", "location", "locations", "address", "site address", "registered address",
        "at the following certified location", "at the following locations", "standort", "standorte",
        "zertifizierte standorte", "adresse", "sites certifiés", "site(s) covered", "sites covered",
        "locations covered", "covered sites",
    ),
    "accreditation_body": (
        "accreditation", "accreditation body", "accredited by", "accreditation mark", "akkreditierung",
        "akkreditiert durch", "akkreditierungsstelle", "geaccrediteerd door", "accréditation", "acreditación",
        "accreditamento",
    ),
    "scope": (
        "scope of certification", "scope", "for the following scope", "this certificate is valid for",
        "certified scope", "scope of registration", "assessed scope", "scope of the certificate",
        "scope statement", "scope of approval", "for the scope", "geltungsbereich",
        "für den geltungsbereich", "anwendungsbereich", "domaine de certification", "périmètre",
        "alcance", "campo di applicazione", "scope of the management system", "in respect of",
        "for the following activities", "covering the following activities", "certified activities",
        "field of application", "scope of activities", "tätigkeitsbereich", "toepassingsgebied",
    ),
    "standard": ("standard", "norm", "audit criteria", "certification standard", "normative basis", "norme"),
    "soa_reference": (
        "statement of applicability", "soa", "soa version", "soa reference", "erklärung zur anwendbarkeit",
    ),
    "certification_body": (
        "issued by", "certification body", "for and on behalf of", "on behalf of", "zertifizierungsstelle",
        "certifying body", "registrar",
    ),
    "stop": (
        "signed", "signature", "authorised by", "authorized by", "approved by", "page", "unterschrift",
        "managing director", "yours faithfully", "yours sincerely", "kind regards", "date", "client no",
        "client number", "customer no", "customer number", "kundennummer",
    ),
}

MIN_LABEL_SCORE = 85.0
# Phrases close to ordinary prose ("The AI management system covering ...") count only verbatim.
_EXACT_ONLY = frozenset({"the management system of", "management system of"})
_NORM = re.compile(r"[^\w']+")
_ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th)$")  # not "first": "first issued" is a label of its own


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: the form labels compare in."""
    text = text.replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NORM.sub(" ", text.lower().replace("'", " ")).split())


@dataclass(frozen=True)
class LabelHit:
    """A label at the start of some text: its field, the vocabulary phrase, score, and what follows."""

    field: str
    phrase: str
    score: float
    words: int  # how many words of the text the label covers
    rest: str  # the text after the label (its inline value), punctuation trimmed


# Abbreviations printed on certificates, compared in full ("Reg. Nr." reads as "registration number").
_ABBREVIATIONS = {
    "reg": "registration", "regn": "registration", "cert": "certificate", "no": "number", "nr": "number",
    "num": "number", "nbr": "number", "ref": "reference", "orig": "original", "init": "initial",
    "exp": "expiry", "organization": "organisation", "certn": "certification", "nummer": "number",
}


def _canonical(tokens: list[str]) -> str:
    return " ".join(_ABBREVIATIONS.get(t, t) for t in tokens)


@cache
def _vocab() -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return (fields, folded phrases) grouped by the phrases' word count."""
    groups: dict[int, list[tuple[str, str]]] = {}
    for name, phrases in VOCABULARY.items():
        for phrase in phrases:
            folded = _canonical(fold(phrase).split())
            groups.setdefault(len(folded.split()), []).append((name, folded))
    return {size: (tuple(n for n, _ in items), tuple(p for _, p in items))
            for size, items in sorted(groups.items())}


def _rest_after(text: str, words: int) -> str:
    """Return `text` with its first `words` words (as fold() counts them) removed."""
    count = 0
    pos = 0
    for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)?", text):
        if count == words:
            break
        count += len(fold(m.group(0)).split()) or 1
        pos = m.end()
    rest = text[pos:].lstrip(" :.-–—=|)\t").strip()
    # A bilingual label ("Awarded to / Décerné à: X") carries its translation before the value.
    return _TRANSLATION.sub("", rest, count=1) if _TRANSLATION.match(rest) else rest


_TRANSLATION = re.compile(r"^/\s*[^\W\d][^:/\d]{0,40}:\s*")


def has_separator(text: str, rest: str) -> bool:
    """Return whether a colon or dash stands between a label and its inline value."""
    head = text[: len(text) - len(rest)] if rest else text
    return bool(re.search(r"(?::|\s[-–—=|])\s*$", head.rstrip()))


def match_label(text: str, fields: tuple[str, ...] | None = None,
                cutoff: float = MIN_LABEL_SCORE) -> LabelHit | None:
    """Return the best label that `text` starts with (fuzzily), or None.

    Longer phrases win ties, so "surveillance audit completed on" beats "surveillance audit".
    """
    tokens = _canonical(fold(text).split()).split()
    # "2nd surveillance audit": the ordinal numbers the audit, it is not part of the label (and
    # "2nd surveillance" must not pass for "next surveillance").
    skip = 1 if tokens and _ORDINAL.match(tokens[0]) and len(tokens) > 1 else 0
    tokens = tokens[skip:]
    if not tokens:
        return None
    best: tuple[float, int, str, str] | None = None
    for size, (names, phrases) in _vocab().items():
        if size > len(tokens):
            break
        # A one-word label running straight into text ("Location-based services", "Issue 3 of") is
        # an ordinary sentence; as a label it needs a separator ("Location: ...") or nothing after it.
        if size == 1 and len(tokens) > 1 and not has_separator(text, _rest_after(text, 1 + skip)):
            continue
        head = " ".join(tokens[:size])
        for phrase, score, i in process.extract(head, phrases, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                limit=None):
            # One-word labels must match exactly unless long: fuzzy short words hit ordinary words.
            if (size == 1 and len(phrase) <= 8 and score < 100) or (fields and names[i] not in fields):
                continue
            if score < 100 and phrase in _EXACT_ONLY:
                continue
            if best is None or (score + size * 0.5, size) > (best[0] + best[1] * 0.5, best[1]):
                best = (score, size, names[i], phrase)
    if best is None:
        return None
    score, size, name, phrase = best
    return LabelHit(name, phrase, score, size + skip, _rest_after(text, size + skip))


@cache
def _inline_phrases() -> re.Pattern[str]:
    phrases = sorted({p for ps in VOCABULARY.values() for p in ps if " " in p}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.I)


def cut_at_next_label(text: str) -> str:
    """Return text up to where another label starts ("SC-4410 Expiry date: 1 Dec 2027" -> "SC-4410")."""
    m = _inline_phrases().search(text, 1)
    return text[: m.start()].rstrip(" ,;|") if m else text
