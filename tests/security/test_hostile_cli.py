"""`certscope parse` reads each file under the portal's hard limits: a file that hangs the PDF library
or balloons in memory ends at the limit with exit code 2 and one line saying which limit; every file
of the hostile set is either read or refused with exit code 2 and one line, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.security import pdfs

WALL_S = 3


def _parse(path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "portal", "parse", str(path)], cwd=ROOT, text=True,
                          capture_output=True, timeout=120, env={**os.environ, **env})
    return done, time.monotonic() - started


def test_a_file_that_hangs_the_pdf_library_stops_at_the_wall_clock(tmp_path: Path) -> None:
    ring = tmp_path / "ring.pdf"
    ring.write_bytes(pdfs.reference_ring())
    done, seconds = _parse(ring, PARSE_WALL_S=str(WALL_S))
    assert done.returncode == 2
    assert done.stderr.strip() == f"certscope: {ring}: took too long (stopped after {WALL_S} s)"
    assert done.stdout == ""
    assert seconds < WALL_S + 20  # start-up and the kill grace, on a loaded machine


def test_a_decompression_bomb_stops_at_the_memory_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdfs.flate_bomb())
    done, _ = _parse(bomb, PARSE_MEMORY_MB="256", PARSE_WALL_S="60")
    assert done.returncode == 2
    assert done.stderr.strip() == f"certscope: {bomb}: needed too much memory (more than 256 MB)"


@pytest.mark.parametrize("name", sorted(pdfs.HOSTILE))
def test_every_hostile_file_is_read_or_refused_in_one_line_within_the_wall_clock(tmp_path: Path,
                                                                                 name: str) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdfs.HOSTILE[name]())
    done, seconds = _parse(path, PARSE_WALL_S=str(WALL_S), PARSE_MEMORY_MB="512")
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr and seconds < WALL_S + 20
    if done.returncode == 2:
        [line] = done.stderr.splitlines()
        assert line.startswith(f"certscope: {path}: ") and len(line) > len(f"certscope: {path}: ") + 10
        assert done.stdout == ""
    else:  # read after all: what was read is printed, each fault on its own stderr line
        assert done.stdout.strip(), name
        problem = f"certscope: {path}: read with problems: "
        assert all(line.startswith(problem) for line in done.stderr.splitlines()), done.stderr
