"""Unreadable documents raise typed, one-line errors; none leaks a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from parsers import ParseSettings, parse
from parsers.errors import CorruptPdf, DocumentError, EmptyDocument, EncryptedPdf, NotAPdf, TooLarge, TooSlow


def _pdf(pages: int = 1, encrypt: str | None = None, text: str = "Lorem ipsum dolor sit amet") -> bytes:
    buffer = io.BytesIO()
    enc = StandardEncryption(encrypt, canPrint=0) if encrypt else None
    c = canvas.Canvas(buffer, pagesize=A4, encrypt=enc)
    for i in range(pages):
        c.drawString(72, 720, f"{text} page {i + 1}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def _zero_pages() -> bytes:
    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)
    return buffer.getvalue()


HAND_MADE_ZERO_PAGES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                        b"trailer<</Root 1 0 R/Size 3>>\n%%EOF\n")


@pytest.mark.parametrize("data, error", [
    (b"", EmptyDocument),
    (b"\x00\x01garbage\xff" * 200, NotAPdf),
    (b"<!DOCTYPE html><html><body>certificate</body></html>", NotAPdf),
    (b"%PDF-1.7\n" + bytes(range(256)) * 40, CorruptPdf),
    (_zero_pages(), EmptyDocument),
    (HAND_MADE_ZERO_PAGES, EmptyDocument),
])
def test_unreadable_bytes(data: bytes, error: type[DocumentError]) -> None:
    with pytest.raises(error) as caught:
        parse(data)
    assert "\n" not in str(caught.value) and str(caught.value)


def test_truncated_pdf_is_corrupt() -> None:
    data = _pdf(pages=3)
    with pytest.raises(CorruptPdf):
        parse(data[: len(data) // 3])


def test_encrypted_pdf_says_password() -> None:
    with pytest.raises(EncryptedPdf, match="password"):
        parse(_pdf(encrypt="s3cret"))


def test_page_limit() -> None:
    with pytest.raises(TooLarge, match="200 pages"):
        parse(_pdf(pages=200))


def test_size_limit() -> None:
    with pytest.raises(TooLarge, match="MB"):
        parse(_pdf(), ParseSettings(max_bytes=100))


def test_time_budget() -> None:
    with pytest.raises(TooSlow):
        parse(_pdf(pages=30), ParseSettings(time_budget_s=0.001))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotAPdf, match="no such file"):
        parse(tmp_path / "absent.pdf")


def test_html_renamed_pdf_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "certificate.pdf"
    path.write_text("<html><body>ISO/IEC 42001 certificate</body></html>")
    with pytest.raises(NotAPdf):
        parse(path)


def test_readable_pdf_still_parses() -> None:
    result = parse(_pdf(pages=2))
    assert result.kind == "unknown" and len(result.page_texts) == 2


def test_command_line_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "locked.pdf"
    bad.write_bytes(_pdf(encrypt="pw"))
    good = tmp_path / "plain.pdf"
    good.write_bytes(_pdf())
    proc = subprocess.run([sys.executable, "-m", "portal.cli", "parse", "--json", str(bad), str(good)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "encrypted" in proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2 and '"error"' in lines[0] and '"kind": "unknown"' in lines[1]


def test_a_page_that_hangs_is_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import parsers.pipeline as pipeline

    def hang(plumber_page: object) -> list[object]:
        time.sleep(60)  # stands in for a pathological content stream inside pdfminer
        return []

    monkeypatch.setattr(pipeline, "page_words", hang)
    started = time.perf_counter()
    with pytest.raises(TooSlow):
        parse(_pdf(), ParseSettings(time_budget_s=0.5))
    assert time.perf_counter() - started < 10
