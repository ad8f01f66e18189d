"""Tunables for the parsing stages, validated on construction."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PAGES = 60
DEFAULT_TIME_BUDGET_S = 60.0
DEFAULT_LINE_TOLERANCE = 3.0  # points two words' tops may differ and still share a line
DEFAULT_MIN_TEXT_CHARS = 20  # fewer characters than this on a page means "scanned": OCR it
DEFAULT_OCR_DPI = 300  # the most a scan is rendered at; a 150 dpi scan is read at its own 150 dpi
DEFAULT_LABEL_CUTOFF = 85.0  # rapidfuzz score (0-100) for a fuzzy label match
DEFAULT_OCR_LANGUAGES = "eng+deu"


@dataclass(frozen=True)
class ParseSettings:
    """Limits and tolerances for `parsers.parse`."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    time_budget_s: float = DEFAULT_TIME_BUDGET_S
    line_tolerance: float = DEFAULT_LINE_TOLERANCE
    min_text_chars: int = DEFAULT_MIN_TEXT_CHARS
    ocr_dpi: int = DEFAULT_OCR_DPI
    label_cutoff: float = DEFAULT_LABEL_CUTOFF
    ocr_languages: str = DEFAULT_OCR_LANGUAGES
    ocr: bool = True

    def __post_init__(self) -> None:
        positive = ("max_bytes", "max_pages", "time_budget_s", "ocr_dpi")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"ParseSettings.{name} must be positive, got {getattr(self, name)!r}")
        if not 0 <= self.label_cutoff <= 100:
            raise ValueError(f"ParseSettings.label_cutoff must be 0-100, got {self.label_cutoff!r}")
        if self.line_tolerance < 0 or self.min_text_chars < 0:
            raise ValueError("ParseSettings.line_tolerance and min_text_chars must not be negative")


DEFAULT_SETTINGS = ParseSettings()
