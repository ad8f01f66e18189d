"""Shared test configuration: where the corpus lives, and CI's no-skip rule."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PDF_SAMPLES = SHARED / "pdf-samples"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI, refuse to run without the shared corpus: its tests must fail there, never skip."""
    missing = [str(p) for p in (CORPUS, PDF_SAMPLES) if not p.is_dir()]
    if IN_CI and missing:
        raise pytest.UsageError(f"CI=true but the shared test data is missing: {', '.join(missing)}")


def require_tool(name: str, why: str) -> None:
    """Skip locally when a system tool is missing; in CI that is a failure, never a skip."""
    if shutil.which(name):
        return
    message = f"{name} is not installed ({why}); .ci/run installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_path(path: Path) -> Path:
    """Return `path`, failing (CI) or skipping (locally) when the shared data is absent."""
    if path.exists():
        return path
    message = f"{path} is missing"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)
    return path


def corpus_cases() -> list[Path]:
    """Return every labelled corpus case directory."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if (p / "expected.json").exists())
