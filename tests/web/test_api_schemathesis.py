"""Schemathesis against the live API: a real server on localhost, its own /api/v1/openapi.json, an API
token; no server error, no response that breaks the document (body schema, content type, status).

Bounded: MAX_EXAMPLES per operation (about a dozen operations), so the suite stays quick.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db

from .api_helpers import make_token
from .builders import Builder, pdf_bytes
from .conftest import empty_database, test_config

MAX_EXAMPLES = 20
TEMPLATE = "iso42001-supplier"
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]


@pytest.fixture
def live_api(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A portal served on a free localhost port, with a buyer's and a supplier's data and a token."""
    app = create_app(test_config(tmp_path, API_RATE_LIMIT="100000 per minute",
                                 API_RATE_LIMIT_ADDRESS="100000 per minute"))
    with app.app_context():
        empty_database()
    build = Builder(app)
    buyer, supplier_org = build.org("buyer"), build.org("supplier")
    procurement = build.user(buyer, "procurement")
    supplier = build.user(supplier_org, "supplier")
    assessment = build.assessment(procurement, supplier_org)
    document = build.document(assessment, supplier, content=pdf_bytes("certificate"),
                              extraction={"kind": "certificate", "holder": "Vendor"})
    # The supplier's calls go to an assessment of their own that procurement's calls never decide.
    answering = build.assessment(procurement, supplier_org)
    evidence = build.document(answering, supplier, content=pdf_bytes("soa"), role="soa",
                              extraction={"kind": "soa", "controls": []})
    evidence_of_flag = [{"document": "certificate", "page": 1, "quote": "Scope"}]
    build.scoring(assessment, flags=[{"code": "scope.narrow", "severity": "high", "message": "narrow",
                                      "evidence": evidence_of_flag}])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"base": f"http://127.0.0.1:{server.server_port}",
               "tokens": {"procurement": make_token(app, procurement), "supplier": make_token(app, supplier)},
               "ids": {"procurement": {"assessment_id": assessment.id, "document_id": document.id},
                       "supplier": {"assessment_id": answering.id, "document_id": evidence.id}}}
    finally:
        server.shutdown()
        thread.join(5)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _steer(case: Any, ids: dict[str, int]) -> None:
    """Point the call at the fixture's objects, and a template that exists (the rest stays generated)."""
    for name in case.path_parameters or {}:
        if name in ids:
            case.path_parameters[name] = ids[name]
    if isinstance(case.body, dict) and "template_key" in case.body:
        case.body["template_key"] = TEMPLATE


def test_the_api_keeps_to_its_openapi_document(live_api: dict[str, Any]) -> None:
    """Every operation of the document, MAX_EXAMPLES generated calls each, every check passes."""
    schema = schemathesis.openapi.from_url(f"{live_api['base']}/api/v1/openapi.json")
    results = list(schema.get_all_operations())
    unreadable = [r.err() for r in results if isinstance(r, Err)]
    assert not unreadable, f"schemathesis cannot read these operations: {unreadable}"
    operations = [r.ok() for r in results if isinstance(r, Ok)]
    assert len(operations) >= 10, "the document lists too few operations"
    failures = []
    statuses: dict[str, Counter[int]] = defaultdict(Counter)
    for operation in operations:

        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(), who=st.sampled_from(["procurement", "supplier"]),
               known=st.booleans())
        def calls_keep_to_the_document(case: Any, who: str, known: bool) -> None:
            if known:  # half the calls reach existing objects (random ids are nearly always 404)
                _steer(case, live_api["ids"][who])
            headers = {"Authorization": f"Bearer {live_api['tokens'][who]}"}
            response = case.call_and_validate(base_url=live_api["base"], headers=headers, checks=CHECKS)
            statuses[case.operation.label][response.status_code] += 1

        try:
            calls_keep_to_the_document()
        except Exception as err:  # one operation's failure must not hide the others'
            failures.append(f"{operation.label}: {err}")
    assert failures == [], "\n\n".join(failures)
    print({label: dict(counts) for label, counts in statuses.items()})  # what was exercised (pytest -s)
    assert all(sum(statuses[o.label].values()) >= 5 for o in operations), statuses
    assert any(code < 300 for counts in statuses.values() for code in counts), "nothing succeeded"
