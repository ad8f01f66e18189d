"""Typed errors for documents that cannot be read; each message is one line a user understands."""


class DocumentError(Exception):
    """A document could not be read; `str(err)` is a one-line user-facing reason."""


class NotAPdf(DocumentError):
    """The bytes are not a PDF."""


class EmptyDocument(DocumentError):
    """The file is empty or has no pages."""


class CorruptPdf(DocumentError):
    """The PDF is truncated or damaged beyond reading."""


class EncryptedPdf(DocumentError):
    """The PDF needs a password."""


class TooLarge(DocumentError):
    """The file exceeds the size or page limit."""


class TooSlow(DocumentError):
    """Reading the document exceeded its time budget."""


class OcrUnavailable(DocumentError):
    """A scanned page needs OCR but Tesseract is not installed."""
