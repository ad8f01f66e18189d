"""Every real-world sample PDF goes through `parse` cleanly: kind unknown, or a typed error."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse
from parsers.errors import EncryptedPdf
from tests.conftest import PDF_SAMPLES, require_path


def _samples() -> list[Path]:
    return sorted(PDF_SAMPLES.glob("*.pdf")) if PDF_SAMPLES.is_dir() else []


def test_samples_are_present() -> None:
    require_path(PDF_SAMPLES)
    assert len(_samples()) >= 20


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name[:40])
def test_sample_parses_cleanly(path: Path) -> None:
    if "password" in path.name:
        with pytest.raises(EncryptedPdf) as caught:
            parse(path)
        assert "\n" not in str(caught.value)
        return
    if "image" in path.name:
        from tests.conftest import require_tool

        require_tool("tesseract", "image-only samples are OCR'd")
    result = parse(path)
    assert result.kind == "unknown"
    assert len(result.page_texts) >= 1
