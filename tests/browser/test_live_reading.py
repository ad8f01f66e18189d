"""A document page follows its read without a reload, with a real `certscope worker` beside the server.

The supplier uploads in Chromium while no worker runs, so the page is seen saying "queued"; then
a worker starts, and the same page (never reloaded: a marker set in it survives) says the
document was read and scored and shows the fields read, from the package's own reading.js. A second
page with JavaScript off stays as served until refreshed, and then shows the same state and fields.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.queue.documents import certificate_pdf
from tests.queue.harness import Portal, make_portal
from tests.web.builders import Builder

from .conftest import PASSWORD, assert_accessible


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Portal, str, dict[str, Any]]]:
    """The portal on the embedded SQLite queue, served from a thread; no worker yet."""
    from werkzeug.serving import make_server

    portal = make_portal(tmp_path, "sqlite")
    build = Builder(portal.app)
    buyer, org = build.org("buyer"), build.org("supplier")
    procurement = build.user(buyer, email="pat@buyer.example")
    assessment = build.assessment(procurement, org, supplier_name="Acme", product="VoiceAgent")
    cast = {"assessment": assessment, "supplier": build.user(org, email="olive@acme.example", name="Olive"),
            "procurement": procurement}
    server = make_server("127.0.0.1", 0, portal.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield portal, f"http://127.0.0.1:{server.server_port}", cast
    finally:
        server.shutdown()
        thread.join(10)
        portal.stop()


def _signed_in(browser: Any, url: str, email: str, javascript: bool = True) -> Any:
    context = browser.new_context(base_url=url, bypass_csp=True,  # the pages keep their CSP; axe is injected
                                  java_script_enabled=javascript)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def test_the_document_page_goes_from_queued_to_scored_by_itself(browser: Any, live: Any, shots: Any,
                                                               tmp_path: Path) -> None:
    portal, url, cast = live
    page = _signed_in(browser, url, cast["supplier"].email)

    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(certificate_pdf(7))
    page.goto(f"/assessments/{cast['assessment'].id}/documents")
    page.get_by_label("Type of document").select_option("certificate")
    page.get_by_label("PDF file").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    state = page.locator("#reading-state")
    assert "queued to be read" in state.inner_text()
    assert_accessible(page)
    shots(page, "queued")
    page.evaluate("() => { window.notReloaded = true; }")
    still = _signed_in(browser, url, cast["supplier"].email, javascript=False)
    still.goto(page.url)
    assert "queued to be read" in still.locator("#reading-state").inner_text()

    portal.start_worker()
    scored = "() => /read and scored/i.test(document.getElementById('reading-state').textContent)"
    page.wait_for_function(scored, timeout=120_000)
    assert page.evaluate("() => window.notReloaded === true")  # updated in place, never reloaded
    assert "Fields read" in page.locator("#document-body").inner_text()
    assert portal.documents()[0].parse_status == "parsed"
    assert_accessible(page)
    shots(page, "scored")

    # Without JavaScript the page stays as it was served; a refresh shows what the live page shows.
    assert "queued to be read" in still.locator("#reading-state").inner_text()
    still.reload()
    assert still.locator("#reading-state").inner_text() == page.locator("#reading-state").inner_text()
    assert still.locator("#document-body table.fields").inner_text() == \
        page.locator("#document-body table.fields").inner_text()
    still.context.close()
    page.context.close()

    # Procurement is told on the dashboard, and opening the notification marks it read.
    buyer = _signed_in(browser, url, cast["procurement"].email)
    panel = buyer.locator("#notifications")
    assert "(1 unread)" in panel.inner_text() and "Olive uploaded “certificate.pdf”" in panel.inner_text()
    assert_accessible(buyer)
    shots(buyer, "procurement-notified")
    panel.get_by_role("button", name="Olive uploaded").click()
    buyer.wait_for_load_state()
    assert "Read and scored" in buyer.locator("#reading-state").inner_text()
    buyer.goto("/assessments/")
    assert "(0 unread)" in buyer.locator("#notifications").inner_text()
    buyer.context.close()
