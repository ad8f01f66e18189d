"""The project type-checks: `mypy` with the configuration in pyproject.toml (the product packages and
migrations with every function typed; tests and benchmarks checked too) reports nothing. Run here so
the README's one test command, and so CI, covers it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_finds_nothing() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", "--no-color-output"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr
