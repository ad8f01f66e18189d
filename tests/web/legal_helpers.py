"""Helpers of the legal and renewals tests: read PDFs back, upload corpus documents, load rows."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import sqlalchemy as sa
from flask import Flask

from portal.extensions import db
from portal.legal.pdftext import latin1
from portal.models import Document

from .assessment_fixtures import corpus_pdf, upload


def pdf_text(data: bytes) -> tuple[str, int]:
    """Return the PDF's text (whitespace collapsed) and its page count."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
        return " ".join(text.split()), len(pdf.pages)


def plain(text: str) -> str:
    """Return text as the PDF prints it (latin-1 spelling, whitespace collapsed)."""
    return " ".join(latin1(text).split())


def upload_case(client: Any, assessment_id: int, case: str, name: str = "certificate.pdf",
                role: str = "certificate") -> None:
    """Upload a corpus document through the form and check it was accepted."""
    response = upload(client, assessment_id, corpus_pdf(name, case), filename=f"{case}-{name}", role=role)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def documents(app: Flask, assessment_id: int) -> list[Document]:
    """Return the assessment's documents, oldest first (detached)."""
    with app.app_context():
        rows = list(db.session.scalars(sa.select(Document).where(Document.assessment_id == assessment_id)
                                       .order_by(Document.id)))
        for row in rows:
            db.session.expunge(row)
        return rows
