"""Stage `lines_to_fields` for certificates: every SCHEMA.md field with where it was read."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import cert_holder, cert_issuer, cert_sites, cert_soa, cert_text
from .accreditation import AccreditationRegistry
from .cert_layout import Layout, Segment, build_layout
from .cert_values import Value, claimed_below, first_clause, number_words, ocr_caps, org_name, read_value
from .dates import Order, find_dates, infer_order
from .labels import cut_at_next_label
from .model import CertificateExtraction, Evidence, SoaReference
from .pages import Page
from .settings import ParseSettings
from .standards import certified, find_standards, pick_standard

_MULTILINE = {"scope", "sites", "accreditation_body", "holder", "certification_body"}
_DATE_FIELDS = ("initial_certification_date", "issue_date", "expiry_date", "next_audit_due")
# Evidence keys that hold notes, not a field's provenance (leading "_": not a SCHEMA.md field).
DATE_ORDER_NOTE = "_date_order"  # how 03/04/2025-style dates were read, and why
UNREAD_DATE_NOTE = "_unread_dates"  # printed dates left null, and why
_SENTENCE_LABEL = re.compile(r"\b(?:that|dass|que)$")  # "This is to certify that", "bescheinigt, dass"
_CODE = re.compile(r"[A-Z0-9/._#-]*\d[A-Z0-9/._#-]*", re.I)
_CERT_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9 ./_-]*\d[A-Z0-9./_-]*", re.I)


@dataclass
class _Doc:
    """Everything extraction needs about one document, computed once."""

    pages: list[Page]
    layout: Layout
    order: Order | None
    claimed: set[int]
    text: str
    order_reason: str
    labelled: dict[str, list[Segment]] = field(default_factory=dict)
    unresolved: list[tuple[str, Value, str, str]] = field(default_factory=list)
    ambiguous_read: bool = False  # some day/month order was taken from `order`
    holder_value: Value | None = None


def extract(pages: list[Page], settings: ParseSettings) -> CertificateExtraction:
    """Extract every SCHEMA.md certificate field from the pages' lines."""
    if not any(page.lines for page in pages):
        return CertificateExtraction()
    layout = build_layout(pages, settings.label_cutoff)
    text = "\n".join(p.text for p in pages)
    order, why = infer_order(text)
    doc = _Doc(pages, layout, order, claimed_below(layout), text, why)
    for seg in layout.all():
        if seg.label is not None:
            doc.labelled.setdefault(seg.label.field, []).append(seg)
    ex = CertificateExtraction()
    _standard(doc, ex)
    _certified(doc, ex)
    _dates(doc, ex)
    _surveillance(doc, ex)
    _number(doc, ex)
    _holder(doc, ex)
    _cb(doc, ex)
    if ex.holder is None:
        _holder_in_text(doc, ex)
    _accreditation(doc, ex)
    _scope(doc, ex)
    _sites(doc, ex)
    _soa(doc, ex)
    return ex


def _values(doc: _Doc, name: str) -> list[Value]:
    out = []
    for seg in doc.labelled.get(name, []):
        value = read_value(doc.layout, seg, doc.claimed, multiline=name in _MULTILINE)
        if value is not None and value.text:
            out.append(value)
    return out


def _standard(doc: _Doc, ex: CertificateExtraction) -> None:
    labelled = [h for v in _values(doc, "standard") for h in find_standards(v.text)]
    hits = find_standards(doc.text)
    pick = pick_standard(hits, labelled)
    if pick is None:
        return
    ex.standard = pick.name
    line = cert_text.line_with(doc.pages, pick.printed)
    ex.evidence["standard"] = [line] if line else []


def _certified(doc: _Doc, ex: CertificateExtraction) -> None:
    verdict = certified(doc.text)
    ex.certified = verdict.certified
    if verdict.phrase:
        line = cert_text.line_with(doc.pages, verdict.phrase)
        ex.evidence["certified"] = [line] if line else []


def _date_from_values(doc: _Doc, name: str, last: bool = False) -> tuple[dt.date, Evidence] | None:
    """Return the first date printed for a field's label (the last one of a "from - to" range)."""
    for value in _values(doc, name):
        found = find_dates(value.text, doc.order)
        readable = [m for m in found if m.value]
        doc.unresolved.extend((name, value, m.text, m.reason or "") for m in found if not m.value)
        if readable:
            pick = readable[-1] if last and cert_text.is_range(value.text, readable) else readable[0]
            assert pick.value is not None
            doc.ambiguous_read |= pick.ambiguous
            return pick.value, value.segments[0].evidence()
    return None


def _range_date(doc: _Doc, first: bool) -> tuple[dt.date, Evidence] | None:
    """Return one end of a labelled validity period ("Validity: 1 May 2025 - 30 April 2028")."""
    for value in _values(doc, "validity"):
        readable = [m for m in find_dates(value.text, doc.order) if m.value]
        if len(readable) >= 2 and cert_text.is_range(value.text, readable):
            pick = readable[0] if first else readable[-1]
        elif len(readable) == 1 and not first:
            pick = readable[0]  # "Valid: 11 March 2027" states the end of validity
        else:
            continue
        assert pick.value is not None
        return pick.value, value.segments[0].evidence()
    return None


def _dates(doc: _Doc, ex: CertificateExtraction) -> None:
    for name in _DATE_FIELDS:
        found = (_date_from_values(doc, name, last=name == "expiry_date")
                 or cert_text.date_in_sentence(doc.pages, name, doc.order))
        if found:
            setattr(ex, name, found[0])
            ex.evidence[name] = [found[1]]
    report = ex.certified is False  # a letter or report: its own date is when it was issued
    fallbacks = {
        "issue_date": lambda: (_range_date(doc, first=True)
                               or cert_text.letter_date(doc.pages, doc.order, report)),
        "expiry_date": lambda: _range_date(doc, first=False) or cert_text.range_end(doc.pages, doc.order),
    }
    for name, fallback in fallbacks.items():
        if getattr(ex, name) is None:
            found = fallback()
            if found:
                setattr(ex, name, found[0])
                ex.evidence[name] = [found[1]]
    _record_unresolved(doc, ex)


def _record_unresolved(doc: _Doc, ex: CertificateExtraction) -> None:
    """Say why a printed date was left unread (e.g. 03/04/2025 with nothing to tell the order)."""
    if doc.ambiguous_read and doc.order:
        note = f"numeric dates read {'day' if doc.order == 'dmy' else 'month'} first: {doc.order_reason}"
        ex.evidence[DATE_ORDER_NOTE] = [Evidence(1, note)]
    for name, value, text, reason in doc.unresolved:
        if getattr(ex, name, None) is None:
            note = f"{name}: {text!r} left unread: {reason}"
            ex.evidence.setdefault(UNREAD_DATE_NOTE, []).append(value.segments[0].evidence(note))


def _surveillance(doc: _Doc, ex: CertificateExtraction) -> None:
    dates: list[dt.date] = []
    evidence: list[Evidence] = []
    for value in _values(doc, "surveillance_dates"):
        found = [m.value for m in find_dates(value.text, doc.order) if m.value]
        if found:
            dates.extend(found)
            evidence.extend(value.evidence())
    if not dates:
        sentence = cert_text.dates_in_sentence(doc.pages, "surveillance_dates", doc.order)
        dates = [d for d, _ in sentence]
        evidence = [e for _, e in sentence]
    ex.surveillance_dates = sorted(set(dates))
    if evidence:
        ex.evidence["surveillance_dates"] = evidence


def _number(doc: _Doc, ex: CertificateExtraction) -> None:
    for value in _values(doc, "certificate_number"):
        m = _CERT_NUMBER.search(first_clause(cut_at_next_label(value.text)))
        number = number_words(m.group(0)).strip(" .") if m else ""
        if number and len(number) <= 40:
            ex.certificate_number = ocr_caps(number) if _scanned(doc, value) else number
            ex.evidence["certificate_number"] = value.evidence()
            return
    found = cert_text.number_in_text(doc.pages)
    if found:
        ex.certificate_number, evidence = found
        ex.evidence["certificate_number"] = [evidence]


def _scanned(doc: _Doc, value: Value) -> bool:
    """Return whether a value was read by OCR (its page had no text layer)."""
    return doc.pages[value.label.page - 1].ocr


def _holder(doc: _Doc, ex: CertificateExtraction) -> None:
    for value in _values(doc, "holder"):
        assert value.label.label is not None
        sentence = bool(_SENTENCE_LABEL.search(value.label.label.phrase))
        name = cert_text.holder_name(value.lines, sentence=sentence)
        if name and not _CODE.fullmatch(name):  # "FCA-AI-0231" is another field's value, not a name
            ex.holder = name
            ex.evidence["holder"] = value.evidence()[:2]
            doc.holder_value = value
            return


def _holder_in_text(doc: _Doc, ex: CertificateExtraction) -> None:
    """Find an unlabelled holder: in a sentence, else the most prominent name that is not the issuer."""
    found = cert_text.holder_in_sentence(doc.pages) or cert_holder.prominent_organisation(
        doc.layout, exclude=ex.certification_body)
    if found:
        ex.holder, evidence = found
        ex.evidence["holder"] = [evidence]


def _cb(doc: _Doc, ex: CertificateExtraction) -> None:
    for value in _values(doc, "certification_body"):
        name = cert_issuer.name_before_address(org_name(value.text))
        if name and len(name) <= 120 and not re.search(r"\d{4}", name):
            ex.certification_body = name
            ex.evidence["certification_body"] = value.evidence()[:1]
            return
    found = (cert_issuer.issuer_in_text(doc.pages) or cert_issuer.certified_by(doc.pages)
             or cert_issuer.letterhead(doc.pages, not_named=ex.holder, cells=doc.layout.pages[0]))
    if found:
        ex.certification_body, evidence = found
        ex.evidence["certification_body"] = [evidence]


def _accreditation(doc: _Doc, ex: CertificateExtraction) -> None:
    registry = AccreditationRegistry.default()
    for value in _values(doc, "accreditation_body"):
        body = registry.match(ocr_caps(value.text) if _scanned(doc, value) else value.text)
        if body is not None:
            ex.accreditation_body = body.acronym
        else:
            ex.accreditation_body = cert_text.accreditation_name(value.text)
        if ex.accreditation_body:
            ex.evidence["accreditation_body"] = value.evidence()
            return
    found = registry.find_in(doc.text)
    if found and not cert_text.negated(doc.text, doc.text.find(found[1])):
        ex.accreditation_body = found[0].acronym
        line = cert_text.line_with(doc.pages, found[1])
        ex.evidence["accreditation_body"] = [line] if line else []
        return
    printed = cert_text.accredited_by(doc.pages)
    if printed:
        ex.accreditation_body, evidence = printed
        ex.evidence["accreditation_body"] = [evidence]


def _scope(doc: _Doc, ex: CertificateExtraction) -> None:
    for value in _values(doc, "scope"):
        text = cert_text.clean_scope(value.text)
        if len(text) >= 15 and not cert_text.points_elsewhere(text):
            ex.scope = text
            ex.evidence["scope"] = value.evidence()
            return
    found = cert_text.scope_in_sentence(doc.pages)
    if found:
        ex.scope, evidence = found
        ex.evidence["scope"] = [evidence]


def _sites(doc: _Doc, ex: CertificateExtraction) -> None:
    found = cert_sites.site_table(doc.layout) or [
        (site, value.segments[0].evidence()) for value in _values(doc, "sites")
        for site in cert_sites.split_sites(value.lines)]
    if not found and doc.holder_value is not None:
        # No sites stated anywhere: the address printed under the holder's name is its location.
        lines = doc.holder_value.lines
        address = cert_sites.address_below_holder(lines, _lines_of_name(lines, ex.holder or ""))
        if address:
            found = [(address, doc.holder_value.segments[-1].evidence())]
    if not found and ex.holder:
        found = _address_by_name(doc, ex.holder)
    seen: set[str] = set()
    for site, evidence in found:
        if cert_sites.looks_like_site(site) and site.casefold() not in seen:
            seen.add(site.casefold())
            ex.sites.append(site)
            ex.evidence.setdefault("sites", []).append(_site_evidence(doc, site, evidence))


def _address_by_name(doc: _Doc, holder: str) -> list[tuple[str, Evidence]]:
    """Return the address printed after the holder's name on its line, or on the lines under it."""
    found = cert_holder.lines_after(doc.layout, holder)
    if found is None:
        return _address_in_sentence(doc, holder)
    line, block = found
    same = cert_holder.address_on_line(line.text, holder)
    lines = ([same] if same else []) + [b.text for b in block]
    address = cert_sites.address_below_holder(lines, 0)
    if address is None or (same and not address.startswith(same)):
        return []
    return [(address, line.evidence() if same or not block else block[0].evidence())]


_ADDRESS_IN_SENTENCE = (r",\s+(?P<a>[^.;:]{5,120}?\d[^.;:]{0,80}?),?\s+"
                        r"(?:has|have|is|operates|maintains|hat|ist)\b")


def _address_in_sentence(doc: _Doc, holder: str) -> list[tuple[str, Evidence]]:
    """Return the address written after the holder's name in a sentence ("X Ltd, 4 Mill Lane, ..., has")."""
    pattern = re.compile(re.escape(holder) + _ADDRESS_IN_SENTENCE)
    for page in doc.pages[:2]:
        m = pattern.search(" ".join(line.text for line in page.lines))
        if m and cert_sites.looks_like_site(m.group("a")):
            line = cert_text.line_with(doc.pages, holder)
            return [(m.group("a"), line or Evidence(page.number, m.group("a")))]
    return []


def _lines_of_name(lines: list[str], name: str) -> int:
    """Return how many of a value's lines come before and make up the holder's name."""
    for i, line in enumerate(lines):
        tail = " ".join(line.split()).strip(" ,:")
        if tail and name.endswith(tail):
            return i + 1
    return 1


def _site_evidence(doc: _Doc, site: str, fallback: Evidence) -> Evidence:
    """Return the line a site was read from (a wrapped site quotes its first line)."""
    line = cert_text.line_with(doc.pages, site.split(",")[0])
    return line if line is not None and line.page == fallback.page else fallback


def _soa(doc: _Doc, ex: CertificateExtraction) -> None:
    texts = [v.text for v in _values(doc, "soa_reference")]
    found = cert_soa.soa_reference(doc.pages, texts, doc.order)
    if found:
        version, date, evidence = found
        ex.soa_reference = SoaReference(version, date)
        ex.evidence["soa_reference"] = [evidence]
