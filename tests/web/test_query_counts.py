"""The dashboard and the assessment page issue the same number of SQL queries whatever the data size."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.extensions import db
from portal.models import utcnow

FLAGS = [
    {
        "code": "cert.expired",
        "severity": "high",
        "message": "Expired.",
        "evidence": [{"document": "certificate", "page": 1, "quote": "Valid until 2024"}],
    },
    {"code": "soa.missing", "severity": "medium", "message": "No SoA.", "evidence": []},
]


@contextlib.contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """Collect every SQL statement the app's engine executes inside the block."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if not statement.startswith("BEGIN"):  # not a query (SQLite's is ours, psycopg's unseen)
            statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)


def _seed(build, n_assessments: int, n_children: int):
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    first = None
    for i in range(n_assessments):
        a = build.assessment(
            procurement,
            supplier_org,
            rating="red",
            flags_high=1,
            flags_medium=1,
            expiry_date=dt.date(2027, 1, 1) + dt.timedelta(days=i),
            last_scored_at=utcnow(),
        )
        first = first or a
    build.response(first, {"soa_shared": "yes"}, submitted=True)
    for i in range(n_children):
        doc = build.document(
            first,
            supplier,
            role="certificate" if i == 0 else "other",
            extraction={"kind": "certificate", "holder": f"H {i}", "evidence": {}},
            is_current=(i == 0),
        )
        build.correction(doc, supplier, "holder", f"Holder {i}")
        build.comment(first, supplier if i % 2 else procurement, f"Message {i}")
        build.scoring(first, "red", FLAGS)
        build.invitation(first, procurement, email=f"u{i}@s.example")
    return procurement, supplier, first


@pytest.mark.parametrize("page", ["dashboard", "detail", "document"])
def test_query_count_does_not_grow_with_rows(app, build, login, page):
    counts = []
    for n_assessments, n_children in ((3, 2), (40, 12)):
        procurement, supplier, first = _seed(build, n_assessments, n_children)
        client = login(procurement)
        url = {
            "dashboard": "/assessments/?sort=expiry",
            "detail": f"/assessments/{first.id}",
            "document": f"/assessments/{first.id}",
        }[page]
        if page == "document":
            from portal.models import Document

            with app.app_context():
                doc_id = db.session.scalar(
                    sa.select(sa.func.min(Document.id)).where(Document.assessment_id == first.id)
                )
            url = f"/assessments/{first.id}/documents/{doc_id}"
        client.get(url)  # warm-up: first-request work is not what is measured
        with count_queries(app) as statements:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    # 13: the server-side session is read on its own connection (portal/sessions.py), and the
    # dashboard lists procurement's notifications (two queries)
    assert counts[0] <= 13, counts
