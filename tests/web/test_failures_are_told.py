"""No exception is swallowed: a bug of certscope's is logged with its traceback and told to the user as
ours ("certscope failed on this file; the team has been told"), apart from a file that cannot be read;
a scoring that fails leaves no old rating standing in for it."""

from __future__ import annotations

import logging
from typing import Any

import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa

import parsers
import scoring
from portal.assessments import reading, rescoring
from portal.models import Assessment, Document, Notification, Scoring
from portal.reading import child
from portal.reading.limits import PARSER_BUG, Limits, ReadOutcome

from . import assessment_fixtures
from .assessment_fixtures import corpus_pdf, query, upload

parties = assessment_fixtures.parties
TRACEBACK = 'Traceback (most recent call last):\n  File "parsers/stages.py", line 1\nKeyError: \'holder\'\n'


class _Sender:
    def send(self, message: Any) -> None:
        pass


def _read_with(monkeypatch: pytest.MonkeyPatch, failing_parse: Any) -> tuple[Any, ...]:
    monkeypatch.setattr(parsers, "parse", failing_parse)
    return child._read(_Sender(), b"%PDF-1.4", Limits())


def test_a_fault_raised_in_our_code_is_a_bug_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy(data: bytes, settings: Any, progress: Any) -> None:
        Limits(wall_s=-1)  # raises ValueError inside portal/: a bug of ours, as a parser's KeyError would be

    tag, text = _read_with(monkeypatch, buggy)
    assert tag == "bug" and text.startswith("Traceback") and "ValueError: read limits" in text


def test_a_fault_raised_in_a_pdf_library_is_the_file_that_cannot_be_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def damaged(data: bytes, settings: Any, progress: Any) -> None:
        pdfium.PdfDocument(b"not a pdf at all")

    assert _read_with(monkeypatch, damaged) == ("error", "could not read the document (PdfiumError)")


def _upload_read_as(app: Any, login: Any, parties: Any, monkeypatch: pytest.MonkeyPatch,
                    outcome: ReadOutcome) -> Document:
    monkeypatch.setattr(reading, "read_isolated", lambda data, *args, **kwargs: outcome)
    upload(login(parties.supplier), parties.assessment.id, corpus_pdf())
    [doc] = query(app, sa.select(Document).where(Document.assessment_id == parties.assessment.id))
    return doc


def test_a_parser_bug_is_logged_with_its_traceback_and_told_as_ours(app: Any, login: Any, parties: Any,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="portal.assessments.reading"):
        outcome = ReadOutcome(error=PARSER_BUG, bug=TRACEBACK)
        doc = _upload_read_as(app, login, parties, monkeypatch, outcome)
    [record] = [r for r in caplog.records if getattr(r, "bug", False)]
    assert record.levelno == logging.ERROR and TRACEBACK in record.getMessage()
    assert doc.parse_status == "failed" and doc.failure == PARSER_BUG

    url = f"/assessments/{parties.assessment.id}/documents/{doc.id}"
    state = login(parties.procurement).get(f"{url}/state").get_json()["label"]
    page = login(parties.procurement).get(url).get_data(as_text=True)
    assert state == PARSER_BUG and PARSER_BUG in page and "could not be read" not in page
    [told] = query(app, sa.select(Notification.message).where(Notification.kind == "unreadable"))
    assert told == f"“certificate.pdf”: {PARSER_BUG}"


def test_a_file_that_cannot_be_read_is_told_so_and_logged_as_no_bug(app: Any, login: Any, parties: Any,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="portal.assessments.reading"):
        doc = _upload_read_as(app, login, parties, monkeypatch, ReadOutcome(error="the file is encrypted"))
    assert not [r for r in caplog.records if getattr(r, "bug", False)]
    assert doc.failure == "could not be read: the file is encrypted"
    [told] = query(app, sa.select(Notification.message).where(Notification.kind == "unreadable"))
    assert told == "“certificate.pdf” could not be read: the file is encrypted"


def _latest(app: Any, assessment_id: int) -> tuple[Assessment, list[Scoring]]:
    [row] = query(app, sa.select(Assessment).where(Assessment.id == assessment_id))
    scorings = sa.select(Scoring).where(Scoring.assessment_id == assessment_id).order_by(Scoring.id)
    return row, query(app, scorings)


def test_a_scoring_bug_leaves_no_old_rating_standing(app: Any, login: Any, parties: Any,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    app.config["TODAY"] = "2025-06-18"
    upload(login(parties.supplier), parties.assessment.id, corpus_pdf())
    rated, _ = _latest(app, parties.assessment.id)
    assert rated.rating in ("green", "amber", "red")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise KeyError("a rule's bug")

    monkeypatch.setattr(scoring, "assess", broken)
    with caplog.at_level(logging.ERROR, logger="portal.assessments.rescoring"):
        upload(login(parties.supplier), parties.assessment.id, corpus_pdf("soa.pdf"), "soa.pdf", role="soa")
    [record] = [r for r in caplog.records if getattr(r, "bug", False)]
    assert record.exc_info and "a rule's bug" in str(record.exc_info[1])
    assessment, scorings = _latest(app, parties.assessment.id)
    assert assessment.rating is None and scorings[-1].rating == rescoring.FAILED
    summary = scorings[-1].change_summary or ""
    assert summary.startswith(rescoring.SCORING_BUG)
    assert f"The rating {rated.rating} no longer stands." in summary
    [soa] = query(app, sa.select(Document).where(Document.role == "soa"))
    assert soa.parse_status == "parsed" and soa.is_current  # the upload that triggered it is kept
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert rescoring.SCORING_BUG in page

    app.extensions["jobs"]["reassess_all"]("2025-06-19").get()  # still broken: said once, not once a day
    assert len(_latest(app, parties.assessment.id)[1]) == len(scorings)
    monkeypatch.undo()
    app.extensions["jobs"]["reassess_all"]("2025-06-20").get()  # mended: rated again, and it says why
    assessment, after = _latest(app, parties.assessment.id)
    assert assessment.rating == after[-1].rating != rescoring.FAILED and after[-1].trigger == "reassess"
