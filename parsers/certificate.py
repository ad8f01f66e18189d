"""Stage `lines_to_fields` for certificates: structures → candidates → validation → choice → fields.

    find_structures   label/value pairs, paragraphs, tables, annex pages (cert_structures.py)
    find_candidates   every reading of every field, with evidence and how it was found (cert_read_*.py)
    validate          per-field type checks reject implausible readings (cert_validate.py)
    choose            the best-supported value, or null when readings disagree (cert_choose.py)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from .cert_candidates import Candidate, find_candidates
from .cert_choose import Choice, choose
from .cert_read_dates import AMBIGUOUS
from .cert_read_sites import address_of
from .cert_structures import Structures, find_structures
from .cert_validate import validate
from .model import CertificateExtraction, Evidence, SoaReference
from .orgnames import same_organisation
from .pages import Page
from .settings import ParseSettings

FIELDS = ("standard", "certified", "holder", "certificate_number", "certification_body", "accreditation_body",
          "initial_certification_date", "issue_date", "expiry_date", "surveillance_dates", "next_audit_due",
          "scope", "sites", "soa_reference")
# Evidence keys that hold notes, not a field's provenance (leading "_": not a SCHEMA.md field).
DATE_ORDER_NOTE = "_date_order"  # how 03/04/2025-style dates were read, and why
UNREAD_DATE_NOTE = "_unread_dates"  # printed dates left null, and why
ABSTAINED_NOTE = "_abstained"  # fields left null because their readings disagree
_DATE_FIELDS = ("initial_certification_date", "issue_date", "expiry_date", "next_audit_due")


def extract(pages: list[Page], settings: ParseSettings) -> CertificateExtraction:
    """Extract every SCHEMA.md certificate field from the pages' lines."""
    if not any(page.lines for page in pages):
        return CertificateExtraction()
    structures = find_structures(pages, settings.label_cutoff)
    accepted, rejected = validate(find_candidates(structures))
    unread = set(FIELDS) - {c.field for c in accepted}
    more, more_rejected = validate(find_candidates(structures, fallback_for=unread))
    accepted, rejected = accepted + more, rejected + more_rejected
    by_field: dict[str, list[Candidate]] = defaultdict(list)
    for cand in accepted:
        by_field[cand.field].append(cand)
    choices = {name: choose(name, by_field[name]) for name in FIELDS}
    _keep_holder_and_body_apart(choices, by_field)
    if choices["sites"].value is None and choices["holder"].value:
        found, _ = validate(address_of(structures, choices["holder"].value))
        if found:
            choices["sites"] = choose("sites", found)
    return _extraction(choices, rejected, structures)


def _keep_holder_and_body_apart(choices: dict[str, Choice], by_field: dict[str, list[Candidate]]) -> None:
    """The certified organisation is never its own certification body: the weaker reading gives way."""
    holder, body = choices["holder"], choices["certification_body"]
    if (holder.winner is None) != (body.winner is None):  # one is settled: the other is not that one
        settled, open_ = ("holder", "certification_body") if body.winner is None else ("certification_body",
                                                                                      "holder")
        taken = choices[settled].value
        rest = [c for c in by_field[open_] if not same_organisation(c.value, taken)]
        if len(rest) < len(by_field[open_]):
            choices[open_] = choose(open_, rest)
        return
    if holder.winner is None or body.winner is None or not same_organisation(holder.value, body.value):
        return
    loser = "holder" if holder.winner.score < body.winner.score else "certification_body"
    taken = choices["certification_body" if loser == "holder" else "holder"].value
    rest = [c for c in by_field[loser] if not same_organisation(c.value, taken)]
    choices[loser] = choose(loser, rest)


def _extraction(choices: dict[str, Choice], rejected: list[Candidate],
                s: Structures) -> CertificateExtraction:
    ex = CertificateExtraction()
    for name, choice in choices.items():
        if choice.winner is None:
            if choice.reason.startswith("readings disagree"):
                ex.evidence.setdefault(ABSTAINED_NOTE, []).append(Evidence(1, f"{name}: {choice.reason}"))
            _remember_alternatives(ex, name, choice)
            continue
        setattr(ex, name, _field_value(name, choice.value))
        if choice.winner.evidence:
            ex.evidence[name] = list(choice.winner.evidence)
        _remember_alternatives(ex, name, choice)
    ex.certified = bool(ex.certified) if ex.certified is not None else False
    _date_notes(ex, choices, rejected, s)
    return ex


def _field_value(name: str, value: Any) -> Any:
    if name in ("sites", "surveillance_dates"):
        return list(value)
    if name == "soa_reference":
        return SoaReference(value[0], value[1])
    return value


def _remember_alternatives(ex: CertificateExtraction, name: str, choice: Choice) -> None:
    """Keep the readings that lost (or tied), so another document can settle the field later."""
    alternatives = [{"value": _jsonable(g.best.value), "support": round(g.support, 3), "how": g.best.how,
                     "evidence": [e.to_json() for e in g.best.evidence[:1]]} for g in choice.alternatives[:3]]
    if alternatives:
        ex.alternatives[name] = alternatives


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def _date_notes(ex: CertificateExtraction, choices: dict[str, Choice], rejected: list[Candidate],
                s: Structures) -> None:
    """Say how 03/04/2025-style dates were read, and why a printed date was left unread."""
    if s.order and any(c.winner is not None and c.winner.note == AMBIGUOUS for c in choices.values()):
        note = f"numeric dates read {'day' if s.order == 'dmy' else 'month'} first: {s.order_reason}"
        ex.evidence[DATE_ORDER_NOTE] = [Evidence(1, note)]
    for cand in rejected:
        if cand.field in _DATE_FIELDS and getattr(ex, cand.field) is None and "left unread" in cand.note \
                and cand.evidence:
            first = cand.evidence[0]
            ex.evidence.setdefault(UNREAD_DATE_NOTE, []).append(
                Evidence(first.page, f"{cand.field}: {cand.note}", first.bbox))
