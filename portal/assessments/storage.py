"""Content-addressed, durable storage of uploaded files (SHA-256 named, atomic writes)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

PDF_MAGIC = b"%PDF-"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# The PDF spec lets the header sit within the first 1024 bytes (after junk such as a BOM).
_MAGIC_WINDOW = 1024


class UploadRejected(ValueError):
    """An upload that is refused before it is stored; `str()` is a user-facing reason."""


@dataclass(frozen=True)
class StoredBlob:
    """A file that is safely on disk under its content hash."""

    sha256: str
    size: int
    created: bool  # False when identical bytes were already stored


def check_pdf_bytes(data: bytes, max_bytes: int) -> None:
    """Refuse empty, oversized or non-PDF bytes (judged by content, never by name)."""
    if not data:
        raise UploadRejected("The file is empty.")
    if len(data) > max_bytes:
        raise UploadRejected(f"The file is larger than the {max_bytes // (1024 * 1024)} MB limit.")
    if PDF_MAGIC not in data[:_MAGIC_WINDOW]:
        raise UploadRejected("The file is not a PDF (its content does not start like a PDF).")


def sha256_of(data: bytes) -> str:
    """Return the hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def blob_path(root: Path, sha256: str) -> Path:
    """Return where a blob lives; the name comes only from the hash, never from a filename."""
    if not _SHA256.match(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return root / sha256[:2] / sha256


def store_bytes(root: Path, data: bytes) -> StoredBlob:
    """Write `data` under its hash: temp file, fsync, atomic rename, fsync the folder."""
    digest = sha256_of(data)
    target = blob_path(root, digest)
    if target.exists() and target.stat().st_size == len(data):
        return StoredBlob(digest, len(data), created=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return StoredBlob(digest, len(data), created=True)


def read_blob(root: Path, sha256: str) -> bytes:
    """Return a stored blob's bytes."""
    return blob_path(root, sha256).read_bytes()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
