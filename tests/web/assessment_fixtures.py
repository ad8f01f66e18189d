"""Shared fixtures of the assessments tests: two tenants, signed-in clients, corpus PDFs."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import AuditEvent
from tests.conftest import CORPUS, require_path

CASE = "d01_harbourline"


@dataclass
class Parties:
    """A buyer (procurement + legal), its supplier, and an unrelated supplier with its own assessment."""

    procurement: Any
    legal: Any
    supplier: Any
    assessment: Any
    other_supplier: Any
    other_assessment: Any


@pytest.fixture
def parties(build: Any) -> Parties:
    """Make the standard cast: one assessment each for two suppliers of one buyer."""
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    legal = build.user(buyer, "legal")
    supplier_org, other_org = build.org("supplier"), build.org("supplier")
    assessment = build.assessment(
        procurement,
        supplier_org,
        supplier_name="Harbourline",
        supplier_legal_name="Harbourline Voice Ltd",
        product="Harbourline VoiceDesk",
        product_aliases=["VoiceDesk"],
        required_regions=["UK"],
    )
    other = build.assessment(procurement, other_org, supplier_name="Othercorp", product="Other Product")
    return Parties(procurement, legal, build.user(supplier_org), assessment, build.user(other_org), other)


def corpus_pdf(name: str = "certificate.pdf", case: str = CASE) -> bytes:
    """Return the bytes of a corpus document (skip locally / fail in CI when absent)."""
    return require_path(CORPUS / case / name).read_bytes()


def upload(
    client: FlaskClient,
    assessment_id: int,
    data: bytes,
    filename: str = "certificate.pdf",
    role: str = "certificate",
) -> Any:
    """POST an upload through the form."""
    return client.post(
        f"/assessments/{assessment_id}/documents",
        data={"role": role, "files": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def audit_actions(app: Flask) -> list[str]:
    """Return the audit log's actions, oldest first."""
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def query(app: Flask, stmt: Any) -> list[Any]:
    """Run a SELECT in a fresh app context and return its scalars."""
    with app.app_context():
        rows = list(db.session.scalars(stmt))
        for row in rows:
            if hasattr(row, "_sa_instance_state"):
                db.session.expunge(row)
        return rows


def storage_files(app: Flask) -> list[Path]:
    """Return the blobs in the storage folder (renders and temp files excluded)."""
    root = Path(app.config["STORAGE_DIR"])
    return sorted(p for p in root.glob("??/*") if p.is_file() and not p.name.startswith("."))


Signer = Callable[..., FlaskClient]


def fill_required(page: str) -> dict[str, str]:
    """Answer every question of the rendered form with a plausible value."""
    data: dict[str, str] = {}
    for name in set(re.findall(r'name="(q_[a-z0-9_]+)"', page)):
        tag = re.search(rf'<(input|select|textarea)[^>]*name="{name}"[^>]*>', page)
        assert tag
        kind = tag.group(1)
        html = tag.group(0)
        if 'type="radio"' in html:
            data[name] = "yes"
        elif 'type="date"' in html:
            data[name] = "2025-01-15"
        elif kind == "select":
            block = page[tag.start() : page.index("</select>", tag.start())]
            options = [v for v in re.findall(r'<option[^>]*value="([^"]*)"', block) if v]
            data[name] = options[0]
        else:
            data[name] = "An answer"
    for name in set(re.findall(r'name="(q_[a-z0-9_]+)-0-name"', page)):
        data[f"{name}-0-name"], data[f"{name}-0-role"] = "OpenAI", "LLM"
    return data
