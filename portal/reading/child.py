"""The child side of an isolated read: set the limits, parse, check for damage, send the result."""

from __future__ import annotations

import contextlib
import os
import resource
import sys
import traceback
from typing import Any

from ..faults import raised_by_us

MB = 1024 * 1024


def run(sender: Any, data: bytes, limits: Any) -> None:
    """Read `data` under `limits`; send one ('done' | 'error' | 'memory' | 'slow', ..., peak MB) message."""
    os.setpgid(0, 0)  # Tesseract children join this group and are killed with it
    _limit(resource.RLIMIT_AS, limits.memory_mb * MB)
    _limit(resource.RLIMIT_CPU, int(limits.cpu_s), int(limits.cpu_s) + 2)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads each reserve address space
    try:
        sender.send((*_read(sender, data, limits), _peak_mb()))
    except MemoryError:
        _send_quietly(sender, ("memory", _peak_mb()))
    finally:
        sender.close()


def _read(sender: Any, data: bytes, limits: Any) -> tuple[Any, ...]:
    from parsers import ParseSettings, parse
    from parsers.errors import DocumentError, TooSlow

    from .damage import find_problems

    def progress(stage: str, page: int, pages: int) -> None:
        sender.send(("progress", stage, page, pages))

    try:
        result = parse(data, ParseSettings(time_budget_s=limits.wall_s), progress=progress)
    except TooSlow:
        return ("slow",)
    except DocumentError as err:
        return ("error", str(err))
    except Exception as err:  # the upload is kept; a fault is named, and a bug of ours is reported as one
        return _fault(err)
    problems = find_problems(data, budget_s=max(1.0, limits.wall_s / 6))
    return ("done", result.to_json(), result.kind, problems)


def _send_quietly(sender: Any, message: tuple[Any, ...]) -> None:
    with contextlib.suppress(OSError, MemoryError):  # the parent reads silence as "stopped unexpectedly"
        sender.send(message)


def _fault(err: BaseException) -> tuple[Any, ...]:
    """Name a library's failure by its root cause (pdfminer wraps MemoryError in its own type)."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, MemoryError):
            return ("memory",)
        if isinstance(seen, RecursionError):
            return ("error", "the file nests too deeply to read")
        seen = seen.__cause__ or seen.__context__
    if raised_by_us(err):
        return ("bug", "".join(traceback.format_exception(err)))
    return ("error", f"could not read the document ({type(err).__name__})")


def _limit(which: int, soft: int, hard: int | None = None) -> None:
    resource.setrlimit(which, (soft, hard if hard is not None else soft))


def _peak_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / MB
