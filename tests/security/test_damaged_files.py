"""Issue 10, item 7: damaged files that pdfium/pdfminer can partly read are shown as
"read with problems: …", never as cleanly read.

Written to fail on the code before the fix, which stored each of these as "parsed" with no word
of the damage. The files are built by tests/security/pdfs.py, one fault each.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from portal.models import Document
from tests.security import pdfs
from tests.web.assessment_fixtures import query, upload


@pytest.fixture
def supplier_side(build: Any, login: Any) -> tuple[Any, Any]:
    buyer = build.org("buyer")
    org = build.org("supplier")
    assessment = build.assessment(build.user(buyer), org)
    return login(build.user(org)), assessment


def _upload(app: Any, client: Any, assessment: Any, data: bytes, name: str) -> tuple[Document, str, dict]:
    response = upload(client, assessment.id, data, filename=f"{name}.pdf")
    assert response.status_code == 302
    [doc] = query(app, sa.select(Document).where(Document.filename == f"{name}.pdf"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    state = client.get(f"/assessments/{assessment.id}/documents/{doc.id}/state").get_json()
    return doc, page, state


@pytest.mark.parametrize("name", sorted(pdfs.DAMAGED))
def test_a_damaged_file_is_marked_read_with_problems(app: Any, supplier_side: Any, name: str) -> None:
    client, assessment = supplier_side
    doc, page, state = _upload(app, client, assessment, pdfs.DAMAGED[name](), name)
    assert doc.parse_status == "parsed" and doc.parse_problems, (name, doc.parse_status, doc.parse_error)
    assert "Read with problems" in page and doc.parse_problems[0] in page.replace("&#39;", "'")
    assert state["state"] == "problems" and state["label"].startswith("read with problems: ")


def test_a_sound_file_is_not_marked(app: Any, supplier_side: Any) -> None:
    client, assessment = supplier_side
    doc, page, state = _upload(app, client, assessment, pdfs.clean(), "clean")
    assert doc.parse_status == "parsed" and not doc.parse_problems
    assert "Read with problems" not in page and state["state"] in ("scored", "read")
