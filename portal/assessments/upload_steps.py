"""What an upload did, file by file, and what the supplier should do next."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Assessment, Document

ROLE_NAMES = {"certificate": "a certificate", "soa": "a Statement of Applicability",
              "other": "other evidence", "detect": "a document whose type is being detected"}


@dataclass(frozen=True)
class UploadResult:
    """One file of an upload: stored (document), already there (duplicate) or refused (error)."""

    filename: str
    document: Document | None
    duplicate: bool
    error: str


def next_step(assessment: Assessment) -> str:
    """Say what is still missing for a rating: a certificate, an SoA, the questionnaire."""
    live = [d for d in assessment.documents if d.withdrawn_at is None]
    answered = assessment.response is not None and assessment.response.submitted_at is not None
    then = "." if answered else ", then answer and submit the questionnaire."
    if any(d.role == "detect" for d in live):  # not read yet: what it is will be known shortly
        return ("Next: open each document to see what is read from it and whether it was recognised "
                "as a certificate or a Statement of Applicability (change its type if not)" + then)
    roles = {d.role for d in live}
    missing = [name for role, name in (("certificate", "the ISO/IEC 42001 certificate"),
                                       ("soa", "the Statement of Applicability")) if role not in roles]
    if missing:
        return ("Next: check the fields read from each document once it is read, then upload "
                + " and ".join(missing) + ("." if answered else ", and answer the questionnaire."))
    if not answered:
        return "Next: check the fields read from each document, then answer and submit the questionnaire."
    return "Next: check the fields read from each document; correct any value read wrongly."
