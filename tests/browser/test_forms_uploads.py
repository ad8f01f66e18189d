"""Forms and uploads in Chromium, at 1366 px and 390 px, checked by axe-core and for sideways scrolling.

A half-filled questionnaire puts a summary first (focused, counted, each problem a link that moves the
focus to its field); several PDFs go up at once (dropped, with script; a plain multi-file input without);
a document read as something else can be re-typed; a document is withdrawn and reinstated by keyboard.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, require_path
from tests.web.builders import Builder

from .conftest import DESKTOP, PHONE, _portal_app, assert_accessible, assert_fits, serving
from .test_journey import sign_in

VIEWPORTS = [pytest.param(DESKTOP, id="1366"), pytest.param(PHONE, id="390")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A portal with one assessment of a supplier; uploads are read when they commit."""
    app = _portal_app(tmp_path_factory.mktemp("forms"))
    build = Builder(app)
    buyer, org = build.org("buyer"), build.org("supplier")
    procurement = build.user(buyer, email="pat@buyer.example")
    with serving(app) as url:
        yield {"url": url, "app": app, "build": build, "procurement": procurement, "org": org}


@pytest.fixture
def case(site: dict[str, Any]) -> dict[str, Any]:
    """A fresh assessment and its supplier for each test (each test uploads its own files)."""
    build = site["build"]
    supplier = build.user(site["org"])
    assessment = build.assessment(site["procurement"], site["org"], supplier_name="Harbourline",
                                  product="Harbourline VoiceDesk")
    return {"supplier": supplier.email, "id": assessment.id}


def _page(browser: Any, site: dict[str, Any], viewport: dict[str, int], javascript: bool = True) -> Any:
    context = browser.new_context(base_url=site["url"], bypass_csp=True, viewport=viewport,
                                  java_script_enabled=javascript)
    context.set_default_timeout(60_000)
    return context.new_page()


def _pdf(case_name: str, name: str) -> Path:
    return require_path(CORPUS / case_name / name)


def _focused_id(page: Any) -> str:
    return page.evaluate("() => document.activeElement ? (document.activeElement.id || "
                         "(document.activeElement.hasAttribute('data-error-summary') ? 'summary' : "
                         "document.activeElement.tagName)) : ''")


def _tab_to(page: Any, target: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_id(page) == target:
            return
    raise AssertionError(f"{target!r} is not reachable with Tab")


def _check(page: Any, viewport: dict[str, int], shots: Any, step: str) -> None:
    assert_accessible(page)
    if viewport == PHONE:
        assert_fits(page)
    shots(page, f"{step}-{viewport['width']}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_half_filled_questionnaire_shows_a_summary_whose_links_move_the_focus(browser, site, case, viewport,
                                                                                shots):
    page = _page(browser, site, viewport)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/questionnaire")
    first_text = page.locator("main textarea").first
    first_text.fill("Typed before the error")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert _focused_id(page) == "summary"  # read out first by a screen reader
    links = summary.locator("a[data-focus]")
    count = links.count()
    assert count > 1 and f"{count} problems to fix" in summary.inner_text()
    assert page.locator("main textarea").first.input_value() == "Typed before the error"
    _check(page, viewport, shots, "summary")
    target = links.first.get_attribute("data-focus")
    page.keyboard.press("Tab")  # from the focused summary, the first link
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == target or page.locator(f"#{target}").locator(f"#{focused}").count() == 1
    shots(page, f"focus-moved-{viewport['width']}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_several_files_dropped_at_once_are_each_stored_or_refused(browser, site, case, viewport, shots,
                                                                 tmp_path):
    page = _page(browser, site, viewport)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/documents")
    assert page.locator("[data-drop-hint]").is_visible()
    _check(page, viewport, shots, "upload-form")
    files = [("certificate.pdf", _pdf("d01_harbourline", "certificate.pdf").read_bytes()),
             ("soa.pdf", _pdf("d01_harbourline", "soa.pdf").read_bytes()),
             ("holiday.pdf", b"GIF89a this is a picture")]
    transfer = page.evaluate_handle("""(files) => {
        const transfer = new DataTransfer();
        for (const [name, data] of files) {
          const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
          transfer.items.add(new File([bytes], name, {type: 'application/pdf'}));
        }
        return transfer;
    }""", [[name, base64.b64encode(data).decode()] for name, data in files])
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": transfer})
    assert page.evaluate("() => document.querySelector('input[type=file]').files.length") == 3
    assert "holiday.pdf" in page.locator("[data-chosen]").inner_text()
    page.get_by_role("button", name="Upload").click()
    page.locator("#upload-results").wait_for()
    results = page.locator("#upload-results").inner_text()
    assert "2 of 3 files stored" in results
    assert "Upload refused for “holiday.pdf”" in results and "not a PDF" in results
    assert "Next:" in results and "questionnaire" in results
    _check(page, viewport, shots, "upload-results")


def test_without_script_a_plain_multi_file_input_uploads_several(browser, site, case, shots):
    page = _page(browser, site, DESKTOP, javascript=False)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/documents")
    page.get_by_label("PDF files").set_input_files([str(_pdf("d02_brightfen", "certificate.pdf")),
                                                    str(_pdf("d02_brightfen", "soa.pdf"))])
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    assert "2 of 2 files stored" in page.locator("#upload-results").inner_text()
    shots(page, "no-script-results")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_certificate_uploaded_as_an_soa_is_told_and_its_type_changed(browser, site, case, viewport, shots):
    page = _page(browser, site, viewport)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/documents")
    page.get_by_label("Type of document").select_option("soa")
    page.get_by_label("PDF files").set_input_files(str(_pdf("d03_cindral", "certificate.pdf")))
    page.get_by_role("button", name="Upload").click()
    page.locator("#reading-state").wait_for()
    state = page.locator("#reading-state")
    assert "problem" in (state.get_attribute("class") or "")
    assert "reads as a certificate" in state.inner_text() and "read and scored" not in state.inner_text()
    _check(page, viewport, shots, "mismatch")
    page.locator("#document-actions").get_by_label("Type of document").select_option("certificate")
    page.get_by_role("button", name="Change type").click()
    page.wait_for_load_state()
    assert "now taken as a certificate" in page.locator(".flashes").inner_text()
    assert "Taken as certificate" in page.locator("main").inner_text()
    assert page.locator("#type-mismatch").count() == 0
    _check(page, viewport, shots, "type-changed")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_withdrawing_and_reinstating_a_document_by_keyboard(browser, site, case, viewport, shots):
    page = _page(browser, site, viewport)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/documents")
    page.get_by_label("Type of document").select_option("certificate")
    page.get_by_label("PDF files").set_input_files(str(_pdf("d01_harbourline", "certificate.pdf")))
    page.get_by_role("button", name="Upload").click()
    page.locator("#reading-state").wait_for()
    _tab_to(page, "document-actions-toggle")
    page.keyboard.press("Enter")  # opens the details
    _tab_to(page, "withdraw_reason")
    page.keyboard.type("Sent the wrong file")
    _tab_to(page, "withdraw")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    notice = page.locator("#withdrawn-notice").inner_text()
    assert "Withdrawn" in notice and "Sent the wrong file" in notice and "does not count" in notice
    _check(page, viewport, shots, "withdrawn")
    page.goto(f"/assessments/{case['id']}")
    assert "withdrawn" in page.locator("ul.documents").inner_text()
    _check(page, viewport, shots, "assessment-lists-withdrawn")
    page.go_back()
    _tab_to(page, "document-actions-toggle")
    page.keyboard.press("Enter")
    _tab_to(page, "reinstate")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#withdrawn-notice").count() == 0
    assert "reinstated" in page.locator(".flashes").inner_text()


def test_the_upload_is_sent_by_script_with_progress_under_the_portals_own_csp(browser, site, case, shots):
    context = browser.new_context(base_url=site["url"], viewport=DESKTOP)  # no bypass: the real CSP
    context.set_default_timeout(60_000)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/documents")
    page.get_by_label("PDF files").set_input_files([str(_pdf("d04_pellucid", "certificate.pdf")),
                                                    str(_pdf("d04_pellucid", "soa.pdf"))])
    with page.expect_request(lambda r: r.method == "POST" and r.resource_type == "xhr"):
        page.get_by_role("button", name="Upload").click()
    page.locator("#upload-results").wait_for()
    assert "2 of 2 files stored" in page.locator("#upload-results").inner_text()
    assert refused == []
    shots(page, "scripted-upload-results")
    context.close()


# Records what the progress bar and its text show, in the window (which outlives the document the answer
# page replaces): every change of the bar's value or visibility and of the text, in order.
WATCH_PROGRESS = """() => {
    window.progressSeen = [];
    const bar = document.querySelector('[data-progress]');
    const text = document.querySelector('[data-progress-text]');
    const watch = new MutationObserver(
        () => window.progressSeen.push({hidden: bar.hidden, value: bar.value, text: text.textContent}));
    watch.observe(bar, {attributes: true});
    watch.observe(text, {childList: true, characterData: true, subtree: true});
}"""
BIG = 6 * 1024 * 1024  # sent at 4 MB/s below: about 1.5 s of progress events


def _throttle(network: Any, upload_bytes_per_s: int) -> None:
    network.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                      "downloadThroughput": -1,
                                                      "uploadThroughput": upload_bytes_per_s})


def test_the_progress_bar_follows_a_large_upload_then_the_answer_is_shown(browser, site, case, shots,
                                                                          tmp_path):
    page = _page(browser, site, DESKTOP)
    sign_in(page, case["supplier"])
    page.goto(f"/assessments/{case['id']}/documents")
    assert page.locator("[data-progress]").is_hidden()  # nothing is being sent yet
    big = tmp_path / "holiday-video.pdf"  # large, and refused once sent (not a PDF): nothing to read after
    big.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * BIG)
    page.get_by_label("PDF files").set_input_files(str(big))
    network = page.context.new_cdp_session(page)  # Chromium's own throttling: the bytes go out over time
    network.send("Network.enable")
    _throttle(network, 4 * 1024 * 1024)
    page.evaluate(WATCH_PROGRESS)
    page.get_by_role("button", name="Upload").click()
    page.wait_for_function("() => window.progressSeen && window.progressSeen.some(s => s.value > 0 && "
                           "s.value < 100 && !s.hidden)")
    bar = page.locator("[data-progress]")
    assert bar.is_visible() and 0 < float(bar.get_attribute("value") or 0) <= 100
    assert page.locator("[data-progress-text]").inner_text().startswith("Sending: ")
    shots(page, "upload-progress")
    page.locator("#upload-results").wait_for()
    _throttle(network, -1)
    seen = page.evaluate("() => window.progressSeen")
    values = [s["value"] for s in seen if not s["hidden"]]
    assert values == sorted(values) and len(set(values)) >= 3, seen  # it moved, forwards only
    assert values[-1] == 100 and any(s["text"] == "Sent; opening the result." for s in seen)
    texts = [s["text"] for s in seen if s["text"].startswith("Sending: ")]
    assert texts and all(re.fullmatch(r"Sending: \d{1,3} %", t) for t in texts)
    answer = page.locator("#upload-results").inner_text()  # the server's answer, shown in its place
    assert "Upload refused for “holiday-video.pdf”" in answer and "not a PDF" in answer
