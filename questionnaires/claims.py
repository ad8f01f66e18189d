"""Claims beside evidence: each answer, what the documents say, and whether the two agree.

The same readings pre-fill a questionnaire: what certscope read from the certificate and the SoA is
offered as the answer, and the supplier confirms or changes it. Which answer is read from where is
data (`readings.yaml`, keyed by the question's `maps_to`); how each kind of reading is taken and
compared is one small function pair in READERS. Pure: extractions, flags and answers in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from parsers.model import CertificateExtraction, Control, SoaExtraction
from scoring.model import Flag
from scoring.regions import place_in
from scoring.rules.certificate import entity_name
from scoring.settings import DEFAULT_LEGAL_FORMS, AccreditationLookup
from scoring.text import fold, name_in, shorten

from .answers import as_date, yes_no
from .model import Question, QuestionnaireError, Template

READINGS_FILE = "readings.yaml"
AGREES, CONTRADICTS, NOT_STATED, UNANSWERED = "agrees", "contradicts", "not_stated", "unanswered"
STATUSES = (AGREES, CONTRADICTS, NOT_STATED, UNANSWERED)
_SPEC_KEYS = frozenset({"reader", "field", "flag", "family", "prefill"})
_QUOTE_LIMIT = 160


@dataclass(frozen=True)
class Documents:
    """What certscope read for one engagement: the current extractions and the flags they raise."""

    certificate: CertificateExtraction | None = None
    soa: SoaExtraction | None = None
    flags: Sequence[Flag] = ()
    accreditation: AccreditationLookup | None = None
    legal_forms: tuple[str, ...] = DEFAULT_LEGAL_FORMS

    def flag(self, code: str) -> Flag | None:
        """Return the raised flag `code`, or None."""
        return next((f for f in self.flags if f.code == code), None)


@dataclass(frozen=True)
class Reading:
    """What the documents say for one question, as an answer (`value`) and for people (`shown`)."""

    value: str
    shown: str
    document: str  # "certificate" | "soa"
    page: int | None = None
    quote: str = ""
    prefill: bool = True


@dataclass(frozen=True)
class Claim:
    """One row of "question | supplier's answer | what the documents say | agrees?"."""

    question: Question
    answer: Any
    reading: Reading | None
    status: str
    note: str = ""


@dataclass(frozen=True)
class ReadingSpec:
    """Where one answer is read from (a row of readings.yaml)."""

    reader: str
    field: str | None = None
    flag: str | None = None
    family: str | None = None
    prefill: bool = True


def claims(template: Template, answers: Mapping[str, Any], documents: Documents) -> list[Claim]:
    """Return every question of `template` with its answer, the documents' reading and the verdict."""
    rows = []
    for question in template.questions:
        spec = reading_spec(question)
        reading = _read(spec, documents)
        answer = answers.get(question.id)
        status, note = _judge(spec, answer, reading, documents)
        rows.append(Claim(question, answer, reading, status, note))
    return rows


def prefill(template: Template, documents: Documents) -> dict[str, Reading]:
    """Return question id → the reading to offer as its answer (only questions the documents answer)."""
    offered = {}
    for question in template.questions:
        reading = _read(reading_spec(question), documents)
        if reading is not None and reading.prefill and _fits(question, reading.value):
            offered[question.id] = reading
    return offered


def reading_spec(question: Question) -> ReadingSpec | None:
    """Return where the answer to `question` is read from, or None when no document states it."""
    return _specs().get(question.maps_to or "")


def _read(spec: ReadingSpec | None, documents: Documents) -> Reading | None:
    return READERS[spec.reader][0](spec, documents) if spec else None


def _judge(spec: ReadingSpec | None, answer: Any, reading: Reading | None,
           documents: Documents) -> tuple[str, str]:
    if answer in (None, "", []):
        return UNANSWERED, ""
    if spec is None or reading is None:
        return NOT_STATED, ""
    return READERS[spec.reader][1](answer, reading, documents)


def _fits(question: Question, value: str) -> bool:
    """Say whether a reading can stand as the answer to a question of this type."""
    if question.type == "yes_no":
        return yes_no(value) is not None
    if question.type == "date":
        return as_date(value) is not None
    if question.type == "choice":
        return value in question.options
    return question.type == "text"


# --- readers: (spec, documents) -> Reading | None -------------------------------------------------

def _cert_reading(documents: Documents, field: str, value: str, shown: str | None = None) -> Reading:
    """A reading of certificate field `field`, quoted from where it was read."""
    cert = documents.certificate
    where = cert.quote(field) if cert else None
    return Reading(value, shown if shown is not None else value, "certificate", where.page if where else None,
                   shorten(where.text, _QUOTE_LIMIT) if where else "")


def _cert_value(spec: ReadingSpec, documents: Documents) -> Any:
    cert = documents.certificate
    return getattr(cert, spec.field or "", None) if cert else None


def read_text(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Read a certificate field as printed."""
    value = _cert_value(spec, documents)
    return _cert_reading(documents, spec.field or "", str(value)) if value else None


def read_date(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Read a certificate date."""
    value = _cert_value(spec, documents)
    if not isinstance(value, dt.date):
        return None
    return _cert_reading(documents, spec.field or "", value.isoformat())


def read_latest_date(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Read the latest of a certificate's list of dates (the last surveillance audit)."""
    dates = [d for d in _cert_value(spec, documents) or [] if isinstance(d, dt.date)]
    return _cert_reading(documents, spec.field or "", max(dates).isoformat()) if dates else None


def read_flag_clear(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Answer "no" when the flag is raised, "yes" when it is not and the field it rests on was read."""
    raised = documents.flag(spec.flag or "")
    if raised is not None:
        return _flag_reading(raised, "no")
    value = _cert_value(spec, documents)
    if not value:
        return None
    return _cert_reading(documents, spec.field or "", "yes", f"Yes — {shorten(str(value), 120)}")


def read_flag_raised(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Answer "no" when the flag is raised; the documents cannot show the opposite, so say nothing."""
    raised = documents.flag(spec.flag or "")
    return _flag_reading(raised, "no") if raised is not None else None


def _flag_reading(flag: Flag, value: str) -> Reading:
    quoted = next((e for e in flag.evidence if e.document in ("certificate", "soa") and e.page), None)
    shown = f"{value.capitalize()} — {flag.message}"
    if quoted is None:
        return Reading(value, shown, "certificate")
    return Reading(value, shown, quoted.document, quoted.page, shorten(quoted.quote, _QUOTE_LIMIT))


def read_soa_present(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Answer "yes" when an SoA was provided; "no" (never offered as the answer) when none was."""
    soa = documents.soa
    if soa is None:
        return Reading("no", "No Statement of Applicability was provided", "soa", prefill=False)
    version = f" version {soa.version}" if soa.version else ""
    where = soa.quote("version") or soa.quote("date")
    return Reading("yes", f"Yes — the SoA{version} was provided", "soa", where.page if where else 1,
                   shorten(where.text, _QUOTE_LIMIT) if where else "")


def read_controls_apply(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Answer "yes" when every listed control of the family applies, "no" when one does not."""
    soa, family = documents.soa, spec.family or ""
    listed = [c for c in soa.controls if c.id.startswith(family + ".")] if soa else []
    if not listed:
        return None
    excluded = [c for c in listed if not c.applicable]
    if excluded:
        ids = ", ".join(c.id for c in excluded)
        return _control_reading(excluded[0], "no", f"No — {ids} not applicable")
    return _control_reading(listed[0], "yes", f"Yes — all {len(listed)} {family} controls listed apply")


def _control_reading(control: Control, value: str, shown: str) -> Reading:
    where = control.evidence
    return Reading(value, shown, "soa", where.page if where else None,
                   shorten(where.text, _QUOTE_LIMIT) if where else "")


def read_sites(spec: ReadingSpec, documents: Documents) -> Reading | None:
    """Read the certified sites (compared with the regions named, never offered as the answer)."""
    sites = _cert_value(spec, documents) or []
    if not sites:
        return None
    joined = "; ".join(sites)
    reading = _cert_reading(documents, spec.field or "", joined, "Certified sites: " + joined)
    return Reading(reading.value, reading.shown, reading.document, reading.page, reading.quote, prefill=False)


# --- comparisons: (answer, reading, documents) -> (status, note) ----------------------------------

Judgement = tuple[str, str]


def _agree(same: bool) -> Judgement:
    return (AGREES, "") if same else (CONTRADICTS, "")


def same_text(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree when the letters and digits match ("AIMS-734211" is "AIMS 734211")."""
    return _agree(_letters(str(answer)) == _letters(reading.value))


def same_name(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree when the names match, legal forms and punctuation aside, or one names the other."""
    said, read = str(answer), reading.value
    forms = documents.legal_forms
    if entity_name(said, forms) == entity_name(read, forms):
        return AGREES, ""
    return _agree(name_in(read, said) or name_in(said, read))


def same_body(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree when both name the same accreditation body ("UKAS" and its full name)."""
    registry = documents.accreditation
    if registry is not None:
        said, read = registry.match(str(answer)), registry.match(reading.value)
        if said is not None and read is not None:
            return _agree(said == read)
    return same_name(answer, reading, documents)


def same_date(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree when the dates are the same day."""
    return _agree(as_date(answer) == as_date(reading.value))


def same_or_later_date(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree on the same day; a later date the certificate cannot show yet; an earlier one contradicts."""
    said, read = as_date(answer), as_date(reading.value)
    if said is not None and read is not None and said > read:
        return NOT_STATED, f"the certificate shows audits up to {read.isoformat()}"
    return _agree(said == read)


def same_yes_no(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree when both say yes or both say no."""
    return _agree(yes_no(answer) == reading.value)


def regions_have_sites(answer: Any, reading: Reading, documents: Documents) -> Judgement:
    """Agree when every region named has a certified site; otherwise the certificate does not say."""
    sites = reading.value.split("; ")
    regions = [r.strip() for r in re.split(r"[,;\n]", str(answer)) if r.strip()]
    bare = [r for r in regions if not any(place_in(site, r, address=True) for site in sites)]
    if bare:
        return NOT_STATED, f"no certified site in {', '.join(bare)}"
    return AGREES, ""


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))




Reader = Callable[[ReadingSpec, Documents], "Reading | None"]
Compare = Callable[[Any, Reading, Documents], Judgement]
READERS: dict[str, tuple[Reader, Compare]] = {
    "text": (read_text, same_text),
    "name": (read_text, same_name),
    "body": (read_text, same_body),
    "date": (read_date, same_date),
    "latest_date": (read_latest_date, same_or_later_date),
    "flag_clear": (read_flag_clear, same_yes_no),
    "flag_raised": (read_flag_raised, same_yes_no),
    "soa_present": (read_soa_present, same_yes_no),
    "controls_apply": (read_controls_apply, same_yes_no),
    "sites_in": (read_sites, regions_have_sites),
}


@cache
def _specs() -> dict[str, ReadingSpec]:
    """Load readings.yaml once; a bad row raises QuestionnaireError naming it."""
    text = resources.files(__package__).joinpath(READINGS_FILE).read_text(encoding="utf-8")
    rows = (yaml.safe_load(text) or {}).get("readings")
    if not isinstance(rows, dict):
        raise QuestionnaireError(f"{READINGS_FILE}: must hold a mapping 'readings' of maps_to → reading")
    return {target: _spec(target, row) for target, row in rows.items()}


def _spec(target: str, row: Any) -> ReadingSpec:
    where = f"{READINGS_FILE}: {target}"
    if not isinstance(row, dict) or not set(row) <= _SPEC_KEYS or row.get("reader") not in READERS:
        raise QuestionnaireError(f"{where}: needs a reader (one of {', '.join(READERS)}) and only the keys "
                                 f"{', '.join(sorted(_SPEC_KEYS))}")
    spec = ReadingSpec(**row)
    needs = {"flag_clear": ("flag", "field"), "flag_raised": ("flag",), "controls_apply": ("family",)}
    missing = [k for k in needs.get(spec.reader, ("field",)) if not getattr(spec, k)]
    if spec.reader == "soa_present":
        missing = []
    if missing:
        raise QuestionnaireError(f"{where}: the {spec.reader} reader needs {', '.join(missing)}")
    return spec
