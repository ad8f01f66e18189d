"""Every page of the portal, as each role sees it: the GET routes of the URL map with real arguments.

The walk reads the app's URL map, so a page added later is walked too; a route whose arguments it
cannot fill fails the walk (add the argument to `Arguments`), rather than being skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from werkzeug.routing import Rule

# Not pages: files, images, JSON, health checks; and Swagger UI's bundled page, a third-party
# explorer whose accessibility is upstream's (the API's readers get its OpenAPI JSON and the README).
NOT_PAGES = ("static", "healthz", "api.docs", "api.docs_asset")


@dataclass
class Arguments:
    """Values for the routes' URL arguments, as one role may use them."""

    values: dict[str, Any] = field(default_factory=dict)

    def fill(self, rule: Rule) -> dict[str, Any] | None:
        """Return the rule's arguments, or None when one of them has no value for this role."""
        if not all(name in self.values for name in rule.arguments):
            return None
        return {name: self.values[name] for name in rule.arguments}


def page_rules(app: Any) -> list[Rule]:
    """Return the GET rules of `app` that may be pages (in a stable order)."""
    rules = [r for r in app.url_map.iter_rules()
             if "GET" in (r.methods or ()) and r.endpoint not in NOT_PAGES]
    return sorted(rules, key=lambda r: r.rule)


def urls_for(app: Any, args: Arguments) -> tuple[list[tuple[str, str]], list[str]]:
    """Return (endpoint, URL) to visit, and the rules whose arguments could not be filled."""
    urls, unfilled = [], []
    with app.test_request_context():
        from flask import url_for

        for rule in page_rules(app):
            values = args.fill(rule)
            if values is None:
                unfilled.append(rule.rule)
                continue
            urls.append((rule.endpoint, url_for(rule.endpoint, **values)))
    return urls, unfilled


def arguments_for(app: Any, email: str, extra: dict[str, Any]) -> Arguments:
    """Return the arguments the user with `email` can open: their first assessment, its documents..."""
    from portal.extensions import db
    from portal.models import Assessment, Document, Notification, QuestionnaireTemplateRecord, User
    from portal.security import assessment_scope

    with app.app_context():
        user = db.session.scalars(sa.select(User).where(User.email == email)).one()
        values: dict[str, Any] = {"page": 1, "user_id": user.id, **extra}
        assessment_id = db.session.scalar(sa.select(sa.func.min(Assessment.id)).where(assessment_scope(user)))
        if assessment_id is None and user.role != "admin":
            raise AssertionError(f"{email} sees no assessment: the walk would miss the assessment pages")
        if assessment_id is not None:
            values["assessment_id"] = assessment_id
            values["document_id"] = db.session.scalar(
                sa.select(sa.func.min(Document.id)).where(Document.assessment_id == assessment_id))
        own = user.organisation_id
        values["organisation_id"] = own
        values["notification_id"] = db.session.scalar(
            sa.select(sa.func.min(Notification.id)).where(Notification.organisation_id == own)) or 0
        record = db.session.scalar(sa.select(QuestionnaireTemplateRecord)
                                   .where(QuestionnaireTemplateRecord.organisation_id == own))
        values.setdefault("key", record.key if record else "iso42001-supplier")
        if record is not None:
            values.setdefault("question_id", record.body["questions"][0]["id"])
        return Arguments({k: v for k, v in values.items() if v is not None})
