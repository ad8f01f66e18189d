"""Seed the browser tests' portals: a buyer with procurement and legal users; or a whole small portal.

`seed_portal` builds, without a queue or a child process (fast on a loaded machine), what every page
needs: a buyer, its users, a supplier who joined one assessment and answered it, a certificate and an
SoA read in this process from a corpus case, a scoring, a second assessment still waiting on a pending
invitation, a buyer's own questionnaire and an operator.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from portal.auth.passwords import hash_password
from portal.extensions import db
from portal.models import Organisation, User, Webhook

_CAMPAIGN_CSV = (b"legal_name,product,contact_emails,required_regions\n"
                 b"Nimbus Speech Ltd,Nimbus Transcribe,ops@nimbus.example,EU\n")


def seed_buyer(password: str) -> dict[str, str]:
    """Create the buyer's users (committed); return role -> e-mail."""
    buyer = Organisation(name="Northwind Insurance", kind="buyer")
    db.session.add(buyer)
    users = {"procurement": "pat.procurement@northwind.example", "legal": "lee.legal@northwind.example"}
    for role, email in users.items():
        db.session.add(User(organisation=buyer, email=email, name=f"{role.title()} Person", role=role,
                            password_hash=hash_password(password)))
    db.session.commit()
    return users


@dataclass(frozen=True)
class Seeded:
    """What `seed_portal` made: each role's e-mail, and values the walk fills URLs with."""

    users: dict[str, str]
    values: dict[str, Any]


def seed_portal(password: str, case: Path, today: dt.date) -> Seeded:
    """Create a small portal around one corpus case (committed)."""
    import questionnaires
    from portal.assessments import operations, rescoring
    from portal.auth.invitations import accept_invitation, create_invitation
    from portal.campaigns import operations as campaigns
    from portal.demo import answers_from_context
    from portal.questionnaire_templates import operations as templates

    users = seed_buyer(password)
    buyer = db.session.scalar(db.select(User).where(User.email == users["procurement"]))
    supplier = _user(password, "Harbourline Voice", "supplier", "sam.supplier@harbourline.example",
                     "supplier")
    _user(password, "certscope operators", "buyer", "olga.operator@certscope.example", "admin")
    context = json.loads((case / "context.json").read_text())
    assessment = operations.create_assessment(buyer, {
        "supplier_name": context["supplier_legal_name"],
        "supplier_legal_name": context["supplier_legal_name"],
        "product": context["product"], "product_aliases": context.get("product_aliases") or [],
        "required_regions": context.get("required_regions") or [], "template_key": "iso42001-supplier"})
    invitation, _ = create_invitation(assessment, supplier.email, buyer)
    accept_invitation(invitation, supplier)
    template = rescoring.load_template(assessment.template_key, assessment.template_version)
    operations.save_answers(assessment, supplier, answers_from_context(template, context), submit=False,
                            today=today, score_now=True)
    documents = [_read_here(assessment, supplier, role, case / f"{role}.pdf")
                 for role in ("certificate", "soa")]
    rescoring.rescore(assessment, today, "upload")
    waiting = operations.create_assessment(buyer, {
        "supplier_name": "Quillon Speech", "product": "Quillon Transcribe",
        "template_key": "iso42001-supplier"})
    _, token = create_invitation(waiting, "newcomer@quillon.example", buyer)
    own = templates.copy_template(buyer, questionnaires.load("iso42001-supplier"), "our-questions",
                                  "Our questions")
    campaign = campaigns.preview(buyer, "Winter suppliers", "iso42001-supplier", "suppliers.csv",
                                 _CAMPAIGN_CSV, today).campaign
    assert campaign is not None, "the walk's campaign CSV was refused"
    webhook = Webhook(organisation_id=buyer.organisation_id, url="https://hooks.northwind.example/certscope",
                      events=["assessment.rated"], secret="walk-secret", created_by=buyer.id)
    db.session.add(webhook)
    db.session.commit()
    users = {**users, "supplier": supplier.email, "admin": "olga.operator@certscope.example"}
    return Seeded(users, {"token": token, "key": own.key, "question_id": own.body["questions"][0]["id"],
                          "assessment_id": assessment.id, "document_id": documents[0],
                          "campaign_id": campaign.id, "webhook_id": webhook.id})


def _user(password: str, org_name: str, kind: str, email: str, role: str) -> User:
    org = Organisation(name=org_name, kind=kind)
    user = User(organisation=org, email=email, name=email.split("@")[0].replace(".", " ").title(), role=role,
                password_hash=hash_password(password))
    db.session.add_all([org, user])
    db.session.flush()
    return user


def _read_here(assessment: Any, user: User, role: str, path: Path) -> int:
    """Store `path` and record what the parser reads from it, in this process (no queue, no child)."""
    from parsers import parse
    from portal.assessments import storage
    from portal.models import Document, StoredFile

    data = path.read_bytes()
    blob = storage.store_bytes(Path(current_app.config["STORAGE_DIR"]), data)
    if db.session.get(StoredFile, blob.sha256) is None:
        db.session.add(StoredFile(sha256=blob.sha256, size=blob.size, content_type="application/pdf"))
    result = parse(data)
    doc = Document(assessment_id=assessment.id, role=role, sha256=blob.sha256, filename=path.name,
                   uploaded_by=user.id, parse_status="parsed", extraction=result.to_json(), kind=result.kind,
                   is_current=True, parse_problems=[])
    db.session.add(doc)
    db.session.flush()
    return doc.id
