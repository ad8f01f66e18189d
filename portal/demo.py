"""Demo data: organisations, users (printed with their passwords) and assessments from the corpus.

Runs inside an app context and goes through the same operations the web pages use, so the demo
shows what a real user would have produced.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from questionnaires import Template

from .admin.operations import create_organisation, create_user, reset_password
from .auth.invitations import accept_invitation, create_invitation
from .extensions import db
from .models import Assessment, Organisation, User

BUYER = "Northwind Health (demo buyer)"
OPERATORS = "certscope operators (demo)"
DEMO_DOMAIN = "demo.certscope.example"


@dataclass
class DemoReport:
    """What the demo created: sign-in details and the assessments."""

    logins: list[tuple[str, str, str, str]] = field(default_factory=list)  # role, org, email, password
    assessments: list[str] = field(default_factory=list)
    existed: bool = False

    def describe(self) -> str:
        """Return the sign-in table for the terminal."""
        head = "Demo data already present; passwords were reset." if self.existed else "Demo data created."
        lines = [head, f"{len(self.assessments)} assessments.", "", "Sign in with:"]
        width = max((len(e) for _, _, e, _ in self.logins), default=10)
        for role, org, email, password in self.logins:
            lines.append(f"  {role:<12} {email:<{width}}  {password}   ({org})")
        return "\n".join(lines)


def _password() -> str:
    # Random, so it passes the password policy (no name or e-mail parts such as "demo").
    return "pw-" + secrets.token_urlsafe(12)


def create_demo(corpus: Path, limit: int | None = None, log: Callable[[str], None] = print) -> DemoReport:
    """Create the demo (or, when it exists, reset its users' passwords); commit; return the report."""
    report = DemoReport()
    buyer = db.session.scalar(sa.select(Organisation).where(Organisation.name == BUYER))
    if buyer is not None:
        report.existed = True
        _reset_demo_passwords(report)
        report.assessments = list(db.session.scalars(
            sa.select(Assessment.product).where(Assessment.buyer_org_id == buyer.id)))
        db.session.commit()
        return report
    procurement = _people(report)
    for case in _cases(corpus, limit):
        try:
            title = _case_assessment(case, procurement, report)
        except Exception as err:  # one bad case must not stop the demo; say which and why
            db.session.rollback()
            log(f"  skipped {case.name}: {type(err).__name__}: {err}")
            continue
        db.session.commit()
        report.assessments.append(title)
        log(f"  {title}")
    db.session.commit()
    return report


def _people(report: DemoReport) -> User:
    """Create the buyer, its procurement and legal users, and an admin; return procurement."""
    buyer = create_organisation(None, BUYER, "buyer")
    operators = create_organisation(None, OPERATORS, "buyer")
    users = {}
    for role, org in (("procurement", buyer), ("legal", buyer), ("admin", operators)):
        password = _password()
        users[role] = create_user(None, org, f"{role}@{DEMO_DOMAIN}", f"Demo {role.title()}", role, password)
        report.logins.append((role, org.name, users[role].email, password))
    db.session.commit()
    return users["procurement"]


def _reset_demo_passwords(report: DemoReport) -> None:
    users = db.session.scalars(sa.select(User).where(User.email.like(f"%@{DEMO_DOMAIN}")).order_by(User.id))
    for user in users:
        password = _password()
        reset_password(user, user, password)
        report.logins.append((user.role, user.organisation.name, user.email, password))


def _cases(corpus: Path, limit: int | None) -> list[Path]:
    if not corpus.is_dir():
        return []
    cases = sorted(p for p in corpus.iterdir()
                   if (p / "certificate.pdf").exists() and (p / "context.json").exists())
    return cases[:limit] if limit is not None else cases


def _case_assessment(case: Path, procurement: User, report: DemoReport) -> str:
    """Open an assessment for one corpus case, as procurement and the supplier would."""
    from .assessments import operations

    context = json.loads((case / "context.json").read_text())
    today = dt.date.fromisoformat(context.get("assessment_date") or dt.date.today().isoformat())
    supplier = _supplier(context["supplier_legal_name"], case.name, report)
    assessment = operations.create_assessment(procurement, {
        "supplier_name": context["supplier_legal_name"],
        "supplier_legal_name": context["supplier_legal_name"],
        "product": context["product"], "product_aliases": context.get("product_aliases") or [],
        "required_regions": context.get("required_regions") or [], "template_key": "iso42001-supplier"})
    invitation, _ = create_invitation(assessment, supplier.email, procurement)
    accept_invitation(invitation, supplier)
    _answer(operations, assessment, supplier, context, today)
    root = Path(current_app.config["STORAGE_DIR"])
    for role in ("certificate", "soa"):
        path = case / f"{role}.pdf"
        if path.exists():
            outcome = operations.store_upload(assessment, supplier, role, path.name, path.read_bytes(), root,
                                              int(current_app.config["UPLOAD_MAX_BYTES"]))
            operations.process_document(outcome.document, supplier, root, today)
    return f"{assessment.supplier_name} — {assessment.product}: {assessment.rating or 'not rated'}"


def _supplier(name: str, case: str, report: DemoReport) -> User:
    """Return the supplier's demo user, creating the organisation and user on first sight."""
    existing = db.session.scalar(sa.select(User).join(Organisation).where(
        Organisation.name == name, Organisation.kind == "supplier", User.email.like(f"%@{DEMO_DOMAIN}")))
    if existing is not None:  # one supplier, several assessments (e.g. a renewal)
        return existing
    org = create_organisation(None, name, "supplier")
    password = _password()
    slug = case.split("_", 1)[-1].replace("_", "-")
    user = create_user(None, org, f"{slug}@{DEMO_DOMAIN}", f"{name} contact", "supplier", password)
    report.logins.append(("supplier", org.name, user.email, password))
    return user


def _answer(operations: Any, assessment: Assessment, supplier: User, context: dict[str, Any],
            today: dt.date) -> None:
    """Answer the questionnaire from the corpus context; submit when every required answer is there."""
    from .assessments import rescoring

    template = rescoring.load_template(assessment.template_key, assessment.template_version)
    answers = answers_from_context(template, context)
    try:
        operations.save_answers(assessment, supplier, answers, submit=True, today=today, score_now=True)
    except operations.OperationError:
        operations.save_answers(assessment, supplier, answers, submit=False, today=today, score_now=True)


def answers_from_context(template: Template, context: dict[str, Any]) -> dict[str, Any]:
    """Invert the template's `maps_to`: turn a SCHEMA.md §2 context back into questionnaire answers."""
    answers: dict[str, Any] = {}
    for question in template.questions:
        target = question.maps_to or ""
        if target.startswith("answers."):
            value = (context.get("answers") or {}).get(target[len("answers."):])
        elif target == "supply_chain":
            value = [dict(m) for m in context.get("supply_chain") or []] or None
        elif target in ("product_aliases", "required_regions"):
            value = ", ".join(context.get(target) or []) or None
        else:
            value = context.get(target)
        if value not in (None, "", []):
            answers[question.id] = value
    return answers
